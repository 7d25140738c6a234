package dev.jsops.sops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.jsops.Jsops;
import dev.jsops.age.AgeKeys;
import dev.jsops.sops.store.Format;
import dev.jsops.testing.UpstreamCorpus;

/**
 * Every sops fixture in {@code ../shared/upstream/sops} decrypts at the tree level with the data key listed in
 * {@code EXPECTED-DECRYPTIONS.md} (PGP itself is out of scope): each leaf's path, type and plaintext, and the
 * MAC, as listed there. The age-encrypted Flux fixtures decrypt end to end with their keys.
 */
class UpstreamSopsFixturesTest {

    /** One fixture section of EXPECTED-DECRYPTIONS.md. */
    record Expected(String path, byte[] dataKey, boolean macVerified, List<String[]> leaves) {
    }

    static List<Expected> expectations() throws Exception {
        String md = Files.readString(UpstreamCorpus.file("sops/EXPECTED-DECRYPTIONS.md"));
        List<Expected> out = new ArrayList<>();
        Matcher section = Pattern.compile("(?m)^### `([^`]+)`\\n(.*?)(?=^### |^## |\\z)", Pattern.DOTALL).matcher(md);
        Pattern key = Pattern.compile("data key \\(hex, 32 bytes\\)[^`]*`[^`]*`: `([0-9a-f]{64})`");
        Pattern leaf = Pattern.compile("(?m)^  - `([^`]*)` \\| (\\w+) \\| \"(.*)\"$");
        while (section.find()) {
            String body = section.group(2);
            Matcher k = key.matcher(body);
            if (!k.find()) {
                continue;
            }
            List<String[]> leaves = new ArrayList<>();
            Matcher l = leaf.matcher(body);
            while (l.find()) {
                leaves.add(new String[] {l.group(1), l.group(2), l.group(3)});
            }
            out.add(new Expected(section.group(1), HexFormat.of().parseHex(k.group(1)), body.contains("MAC verified"), leaves));
        }
        return out;
    }

    /** Leaves in walk order: AAD, the ENC type (or "plain"), from the encrypted and decrypted trees side by side. */
    static void leaves(Node enc, Node dec, List<String> path, List<String[]> out) {
        if (enc instanceof Branch eb) {
            Branch db = (Branch) dec;
            List<Branch.Entry> ee = eb.entries();
            List<Branch.Entry> de = db.entries();
            for (int i = 0; i < ee.size(); i++) {
                List<String> p = new ArrayList<>(path);
                p.add(ee.get(i).key());
                leaves(ee.get(i).value(), de.get(i).value(), p, out);
            }
        } else if (enc instanceof Seq es) {
            Seq ds = (Seq) dec;
            for (int i = 0; i < es.items().size(); i++) {
                if (!(es.items().get(i) instanceof Comment)) {
                    leaves(es.items().get(i), ds.items().get(i), path, out);
                }
            }
        } else if (!(enc instanceof Value.Null)) {
            String aad = TreeWalk.aad(path);
            String type = "plain";
            if (enc instanceof Value.Str s && s.value().startsWith("ENC[")) {
                type = s.value().substring(s.value().lastIndexOf("type:") + 5, s.value().length() - 1);
            }
            String text;
            try {
                text = new String(TreeWalk.toBytes(dec), StandardCharsets.UTF_8);
            } catch (SopsException e) {
                throw new AssertionError(e);
            }
            out.add(new String[] {aad, type, text});
        }
    }

    /** The listing's quoting: the first 60 characters (its header says 70, its data has 60), newlines as \n. */
    static String shown(String s) {
        String t = s.length() > 60 ? s.substring(0, 60) : s;
        return t.replace("\\", "\\\\").replace("\n", "\\n").replace("\"", "\\\"");
    }

    @TestFactory
    Stream<DynamicTest> fixturesDecryptWithTheListedDataKeys() throws Exception {
        Path root = UpstreamCorpus.require("sops");
        return expectations().stream().map(x -> DynamicTest.dynamicTest(x.path(), () -> {
            Path file = root.resolve(x.path());
            Format format = Format.fromPath(file.getFileName().toString());
            Jsops jsops = Jsops.withKeyService(null);
            Sops.EncryptedDocument doc = jsops.load(Files.readAllBytes(file), format);
            if (!x.macVerified()) {
                SopsException e = assertThrows(SopsException.class, () -> Sops.decryptWithKey(doc, x.dataKey(), false));
                assertEquals(ExitCode.MAC_MISMATCH, e.exitCode());
            }
            Sops.Decrypted d = Sops.decryptWithKey(doc, x.dataKey(), !x.macVerified());
            List<String[]> actual = new ArrayList<>();
            for (int i = 0; i < doc.tree().branches().size(); i++) {
                leaves(doc.tree().branches().get(i), d.tree().branches().get(i), List.of(), actual);
            }
            assertEquals(x.leaves().size(), actual.size(), "number of leaves");
            for (int i = 0; i < actual.size(); i++) {
                String[] e = x.leaves().get(i);
                String[] a = actual.get(i);
                assertEquals(e[0], a[0], "AAD of leaf " + i);
                assertEquals(e[1], a[1], "type of leaf " + i);
                assertEquals(e[2], shown(a[2]), "plaintext of leaf " + i);
            }
        }));
    }

    @Test
    void fluxAgeFixturesDecryptEndToEnd() throws Exception {
        Path sops = UpstreamCorpus.require("flux/internal/controller/testdata/sops");
        Jsops age = Jsops.withIdentities(AgeKeys.parseIdentities(Files.readAllBytes(sops.resolve("keys/age.txt"))));
        Jsops pq = Jsops.withIdentities(AgeKeys.parseIdentities(Files.readAllBytes(sops.resolve("keys/age-pq.txt"))));
        Jsops global = Jsops.withIdentities(AgeKeys.parseIdentities(Files.readAllBytes(sops.resolve("keys/age-global.txt"))));
        assertTrue(new String(age.decrypt(Files.readAllBytes(sops.resolve("algorithms/age.yaml")), Format.YAML), StandardCharsets.UTF_8)
                .contains("stringData:\n    key: value\n"));
        assertTrue(new String(pq.decrypt(Files.readAllBytes(sops.resolve("algorithms/age-pq.yaml")), Format.YAML), StandardCharsets.UTF_8)
                .contains("stringData:\n    key: value\n"));
        assertTrue(new String(global.decrypt(Files.readAllBytes(sops.resolve("global/secret.yaml")), Format.YAML), StandardCharsets.UTF_8)
                .contains("key: global-value"));
        assertEquals("key=value\n", new String(age.decrypt(Files.readAllBytes(sops.resolve("envs/env.env")), Format.DOTENV), StandardCharsets.UTF_8));
        assertEquals("key=value\n", new String(age.decrypt(Files.readAllBytes(sops.resolve("component/env.env")), Format.DOTENV), StandardCharsets.UTF_8));
        assertArrayEquals("value".getBytes(StandardCharsets.UTF_8), age.decrypt(Files.readAllBytes(sops.resolve("files/file.txt")), Format.BINARY));
        assertTrue(new String(age.decrypt(Files.readAllBytes(sops.resolve("patches/merge1.yaml")), Format.YAML), StandardCharsets.UTF_8)
                .contains("key: merge1"));
        assertTrue(new String(age.decrypt(Files.readAllBytes(sops.resolve("patches/merge2.yaml")), Format.YAML), StandardCharsets.UTF_8)
                .contains("merge2: merge2"));
        // The wrong key: sops's report, exit 128.
        SopsException e = assertThrows(SopsException.class, () -> global.decrypt(Files.readAllBytes(sops.resolve("algorithms/age.yaml")), Format.YAML));
        assertEquals(ExitCode.COULD_NOT_RETRIEVE_KEY, e.exitCode());
        assertTrue(e.getMessage().contains("identity did not match any of the recipients"), e.getMessage());
    }
}
