package dev.jsops.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reverse direction: {@code jsops encrypt} runs on the same inputs with the same flags and .sops.yaml as
 * sops 3.13.2 did for its vector; then every pinned sops release that has a vector of that case (i.e. supports
 * its features) decrypts jsops's file, and must print the same bytes as its decryption of its own vector (or
 * fail the same way where it cannot read its own, e.g. 3.13.2 and getsops/sops#2243). And jsops's file must
 * equal sops 3.13.2's byte for byte once the random parts are masked ({@link VectorHarness#mask}); a
 * difference fails with a unified diff. Needs the pinned sops binaries (testvectors/peers/install.sh).
 */
@Tag("interop")
@Order(1)
class ReverseTest {
    static final CompatResults RESULTS = new CompatResults("reverse");

    @TempDir
    static Path tmp;

    private static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "jsops-encrypt");
        t.setDaemon(true);
        return t;
    });

    /** Set once this JVM has written fresh results (the report test renders only fresh ones). */
    static volatile boolean written;

    @AfterAll
    static void writeResults() {
        RESULTS.write();
        written = true;
    }

    /** jsops's encryption of a case, run in the reference vector's sealed work directory. */
    record Encrypted(VectorHarness.Work work, Peers.Result result) {
    }

    @TestFactory
    Stream<DynamicNode> jsopsEncryptsSopsDecrypts() {
        Map<String, List<Vectors.Vector>> byCase = new LinkedHashMap<>();
        for (Vectors.Vector v : Vectors.manifest().vectors()) {
            byCase.computeIfAbsent(v.caseName(), k -> new ArrayList<>()).add(v);
        }
        List<DynamicNode> nodes = new ArrayList<>();
        for (var e : byCase.entrySet()) {
            Vectors.Vector ref = e.getValue().stream().filter(v -> v.release().equals(Vectors.REFERENCE)).findFirst().orElse(null);
            if (ref == null) {
                continue;
            }
            Future<Encrypted> enc = POOL.submit(() -> {
                VectorHarness.Work w = VectorHarness.work(ref, Files.createTempDirectory(tmp, "enc"));
                Files.delete(w.file(ref.encrypted().getFileName().toString()));
                return new Encrypted(w, VectorHarness.jsops(w, ref.encryptArgv(), VectorHarness.env(w, List.of())));
            });
            List<DynamicNode> tests = new ArrayList<>();
            tests.add(DynamicTest.dynamicTest("layout equals sops " + ref.release() + " (masked)",
                    () -> RESULTS.check("layout", ref, "masked-equal", () -> layout(ref, enc.get()))));
            for (Vectors.Vector v : e.getValue()) {
                for (List<String> ids : v.identitySets()) {
                    tests.add(DynamicTest.dynamicTest("sops " + v.release() + " decrypts with " + String.join("+", ids),
                            () -> RESULTS.check("write", v, "decrypt", () -> sopsDecrypts(v, ids, enc.get()))));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(e.getKey(), tests));
        }
        return nodes.stream();
    }

    private static byte[] jsopsOutput(Vectors.Vector ref, Encrypted enc) {
        assertEquals(0, enc.result().exit(), ref.caseName() + ": jsops encrypt failed: " + enc.result().stderr());
        return enc.result().stdout();
    }

    static void layout(Vectors.Vector ref, Encrypted enc) throws Exception {
        byte[] js = jsopsOutput(ref, enc);
        VectorHarness.assertSameMasked(Files.readAllBytes(ref.encrypted()), "sops " + ref.release() + " " + ref.id() + "/encrypted",
                js, "jsops encrypt");
    }

    static void sopsDecrypts(Vectors.Vector v, List<String> ids, Encrypted enc) throws Exception {
        Path sops = VectorHarness.sopsBinary(v.release());
        byte[] js = jsopsOutput(v, enc);
        VectorHarness.Work w = VectorHarness.work(v, Files.createTempDirectory(tmp, "dec"));
        Files.write(w.file(v.encrypted().getFileName().toString()), js);
        Peers.Result r = VectorHarness.sops(sops, w, v.decryptArgv(), VectorHarness.env(w, ids));
        if (v.decryptExit() != 0) {
            assertEquals(v.decryptExit(), r.exit(), v.id() + ": sops " + v.release() + " cannot decrypt its own vector (exit "
                    + v.decryptExit() + ": " + ReplayTest.firstLine(v.decryptStderr()) + "), but on jsops's file exits " + r.exit()
                    + ": " + ReplayTest.firstLine(r.stderr()));
            return;
        }
        assertEquals(0, r.exit(), v.id() + ": sops " + v.release() + " fails on jsops's file: " + r.stderr());
        if (java.util.Arrays.equals(v.bytes(v.expectedPlaintext()), r.stdout())) {
            return;
        }
        // jsops writes what 3.13.2 writes; an older release may read that differently from what it wrote itself
        // (e.g. sops < 3.13 parsed JSON int64 bounds as floats when encrypting): compare with its reading of
        // sops 3.13.2's vector, recorded by the generator.
        Vectors.Vector ref = Vectors.manifest().vectors().stream()
                .filter(x -> x.caseName().equals(v.caseName()) && x.release().equals(Vectors.REFERENCE)).findFirst().orElseThrow();
        for (Vectors.Outcome c : ref.crossDecrypts()) {
            if (c.release().equals(v.release()) && c.exit() == 0 && java.util.Arrays.equals(ref.bytes(c.stdout()), r.stdout())) {
                RESULTS.note(v, "as sops " + v.release() + " reads sops " + Vectors.REFERENCE + "'s file, which differs from its own output");
                return;
            }
        }
        ReplayTest.assertBytes(v.bytes(v.expectedPlaintext()), r.stdout(),
                v.id() + ": sops " + v.release() + " decrypts jsops's file differently from its own");
    }
}
