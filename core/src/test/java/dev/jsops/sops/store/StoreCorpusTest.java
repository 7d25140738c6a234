package dev.jsops.sops.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.jsops.sops.Tree;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Our inputs under {@code store-corpus/}, with what the real sops 3.13.2 made of them (see the README there):
 * {@code X.decrypted} is {@code sops decrypt} of {@code sops encrypt X}, {@code X.enc} the encrypted file,
 * {@code X.err} sops's refusal.
 */
class StoreCorpusTest {

    static Path corpusDir() throws URISyntaxException {
        return Path.of(StoreCorpusTest.class.getResource("/store-corpus").toURI());
    }

    static Store storeFor(String dir) {
        if (dir.startsWith("json-indent")) {
            return new JsonStore(Integer.parseInt(dir.substring("json-indent".length())));
        }
        return switch (dir) {
            case "json" -> new JsonStore();
            case "dotenv" -> new DotenvStore();
            case "ini" -> new IniStore();
            case "binary" -> new BinaryStore();
            default -> throw new IllegalArgumentException(dir);
        };
    }

    static boolean isInput(Path p) {
        String n = p.getFileName().toString();
        return !(n.endsWith(".enc") || n.endsWith(".decrypted") || n.endsWith(".err") || n.endsWith(".md"));
    }

    @TestFactory
    Stream<DynamicTest> sopsCorpus() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(corpusDir())) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                Store store = storeFor(dir.getFileName().toString());
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path in : files.filter(StoreCorpusTest::isInput).sorted().toList()) {
                        String name = dir.getFileName() + "/" + in.getFileName();
                        Path decrypted = in.resolveSibling(in.getFileName() + ".decrypted");
                        Path enc = in.resolveSibling(in.getFileName() + ".enc");
                        Path err = in.resolveSibling(in.getFileName() + ".err");
                        if (Files.exists(decrypted)) {
                            tests.add(DynamicTest.dynamicTest("plain " + name, () -> {
                                byte[] out = store.emitPlain(store.loadPlain(Files.readAllBytes(in)));
                                assertBytes(Files.readAllBytes(decrypted), out);
                            }));
                        }
                        if (Files.exists(enc)) {
                            tests.add(DynamicTest.dynamicTest("encrypted round trip " + name, () -> {
                                byte[] original = Files.readAllBytes(enc);
                                assertBytes(original, roundTripEncrypted(store, original));
                            }));
                        }
                        if (Files.exists(err)) {
                            tests.add(DynamicTest.dynamicTest("refused " + name, () ->
                                    assertThrows(StoreException.class, () -> store.loadPlain(Files.readAllBytes(in)))));
                        }
                    }
                }
            }
        }
        return tests.stream();
    }

    static byte[] roundTripEncrypted(Store store, byte[] encrypted) throws StoreException {
        Tree loaded = store.loadEncrypted(encrypted);
        MetadataCodec.Extracted x = MetadataCodec.extract(loaded, store.format());
        Tree back = MetadataCodec.insert(x.tree(), x.metadata(), store.metadataLayout());
        return store.emitEncrypted(back);
    }

    static void assertBytes(byte[] expected, byte[] actual) {
        if (!java.util.Arrays.equals(expected, actual)) {
            assertArrayEquals(expected, actual, () -> "expected:\n" + new String(expected, StandardCharsets.UTF_8)
                    + "\n---- actual:\n" + new String(actual, StandardCharsets.UTF_8));
        }
    }

    static byte[] read(Path p) throws IOException {
        return Files.readAllBytes(p);
    }
}
