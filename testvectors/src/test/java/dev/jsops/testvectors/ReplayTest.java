package dev.jsops.testvectors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.Jsops;
import dev.jsops.sops.SopsException;

/**
 * Replays the cross-tested vectors (testvectors/vectors, written by upstream sops 3.8.1 … 3.13.3 from our
 * inputs): jsops must decrypt every encrypted file to sops's own decryption, byte for byte, with the MAC
 * verified, with every identity set that sops used, and to the other output types sops rendered; and it must
 * reject every tampered copy where sops does, with the same exit code and a message that begins like sops's.
 * Needs nothing outside the repository (no Go, no sops). Library calls for all; the {@code jsops decrypt}
 * process for every format of the Flux pin (3.13.2), one vector of each other release, and each kind of
 * tampering of each 3.13.2 base vector (processes run a few at a time, ahead of the checks).
 *
 * <p>Messages that differ by design, compared only up to the point where sops prints a value:
 * <ul>
 * <li>{@code MAC mismatch. File has <mac>, computed <mac>}: jsops never prints MAC values; compared up to
 * {@code MAC mismatch.}</li>
 * <li>{@code … strconv.Atoi: parsing "<plaintext>": invalid syntax} (a tampered {@code type:}): jsops never
 * prints decrypted values; compared up to {@code parsing }.</li>
 * <li>sops's logrus warning for a tampered comment ({@code level=warning msg="Found possibly unencrypted
 * comment …"}) goes to stderr of a successful run; jsops's stderr is not compared when the exit code is 0
 * (its stdout is, byte for byte).</li>
 * </ul>
 * Where sops 3.13.2 cannot decrypt its own output (the sequence-comment MAC regression, getsops/sops#2243,
 * fixed in 3.13.3), jsops must decrypt it like 3.13.3 does: the vector records both outcomes.
 */
@Order(1)
class ReplayTest {
    static final CompatResults RESULTS = new CompatResults("replay");
    /** sops release whose negative vectors all go through the CLI process too. */
    static final String CLI_NEGATIVES_RELEASE = "3.13.2";

    @TempDir
    static Path tmp;

    /** Set once this JVM has written fresh results (the report test renders only fresh ones). */
    static volatile boolean written;

    @AfterAll
    static void writeResults() {
        RESULTS.write();
        written = true;
    }

    /** The jsops processes run ahead, a few at a time, while the library tests go on. */
    private static final java.util.concurrent.ExecutorService CLI_POOL = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(2, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "jsops-cli");
                t.setDaemon(true);
                return t;
            });

    private static java.util.concurrent.Future<Peers.Result> cli(Vectors.Vector v, List<String> argv, List<String> ids) {
        return CLI_POOL.submit(() -> {
            VectorHarness.Work w = VectorHarness.work(v, Files.createTempDirectory(tmp, "cli"));
            return VectorHarness.jsops(w, argv, VectorHarness.env(w, ids));
        });
    }

    @TestFactory
    Stream<DynamicNode> vectors() {
        Set<String> cliSampled = new HashSet<>();
        Set<String> cliNegSampled = new HashSet<>();
        List<DynamicNode> nodes = new ArrayList<>();
        for (Vectors.Vector v : Vectors.manifest().vectors()) {
            List<DynamicNode> tests = new ArrayList<>();
            for (List<String> ids : v.identitySets()) {
                tests.add(DynamicTest.dynamicTest("decrypt with " + String.join("+", ids),
                        () -> RESULTS.check("read", v, "decrypt", () -> libraryDecrypt(v, ids))));
            }
            for (Vectors.Extra x : v.extras()) {
                tests.add(DynamicTest.dynamicTest("decrypt --output-type " + x.outputType().id(),
                        () -> RESULTS.check("read", v, "output-type", () -> libraryExtra(v, x))));
            }
            // CLI: every format for the reference release, one vector of each other release.
            // and, for the reference release, the first vector of each key type (ssh keys via SOPS_AGE_SSH_PRIVATE_KEY_FILE)
            // and of key groups; every identity set of the sampled vector.
            boolean sample = cliSampled.add(v.release().equals(Vectors.REFERENCE) ? v.release() + "/" + v.format() : v.release());
            if (v.release().equals(Vectors.REFERENCE)) {
                for (String f : v.features()) {
                    if (f.startsWith("key:") || f.equals("key_groups")) {
                        sample |= cliSampled.add(v.release() + "/" + f);
                    }
                }
            }
            if (sample) {
                for (List<String> ids : v.identitySets()) {
                    var run = cli(v, v.decryptArgv(), ids);
                    tests.add(DynamicTest.dynamicTest("jsops decrypt (CLI) with " + String.join("+", ids),
                            () -> RESULTS.check("read", v, "cli", () -> cliDecrypt(v, run.get()))));
                }
            }
            for (Vectors.Negative n : v.negatives()) {
                tests.add(DynamicTest.dynamicTest("negative " + n.name(),
                        () -> RESULTS.check("negative", v, "library:" + kind(n), () -> libraryNegative(v, n))));
                // CLI: each kind of tampering of each base vector of the reference release (enc-01-data … enc-08-data are one kind).
                if (v.release().equals(CLI_NEGATIVES_RELEASE) && cliNegSampled.add(v.caseName() + "/" + kind(n))) {
                    var run = cli(v, n.argv(), n.identities());
                    tests.add(DynamicTest.dynamicTest("negative " + n.name() + " (CLI)",
                            () -> RESULTS.check("negative", v, "cli:" + kind(n), () -> cliNegative(v, n, run.get()))));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(v.id(), tests));
        }
        return nodes.stream();
    }

    /** The kind of tampering: enc-01-data … enc-08-data are one kind, enc-data. */
    static String kind(Vectors.Negative n) {
        return n.name().replaceAll("-\\d\\d-", "-");
    }

    private static String expectationNote(Vectors.Vector v) {
        return v.decryptExit() == 0 ? "" : " (sops " + v.release() + " itself exits " + v.decryptExit() + ": "
                + firstLine(v.decryptStderr()) + "; expected plaintext from sops " + v.expectedFrom() + ")";
    }

    static void libraryDecrypt(Vectors.Vector v, List<String> ids) throws Exception {
        Jsops j = VectorHarness.library(v, ids);
        byte[] expected = v.bytes(v.referencePlaintext());
        byte[] got = j.decrypt(Files.readAllBytes(v.encrypted()), v.format());
        assertBytes(expected, got, v.id() + ": jsops decrypt differs from sops's" + expectationNote(v));
    }

    static void libraryExtra(Vectors.Vector v, Vectors.Extra ex) throws Exception {
        Vectors.Outcome x = ex.expected(v.release());
        Jsops j = VectorHarness.library(v, v.identitySets().get(0));
        byte[] enc = Files.readAllBytes(v.encrypted());
        if (x.exit() == 0) {
            byte[] got = j.decrypt(enc, v.format(), ex.outputType());
            assertBytes(v.bytes(x.stdout()), got, v.id() + ": --output-type " + ex.outputType().id() + " (as sops " + x.release() + ")");
            return;
        }
        try {
            j.decrypt(enc, v.format(), ex.outputType());
        } catch (SopsException e) {
            assertEquals(x.exit(), e.exitCode().code(), "exit code; sops: " + firstLine(x.stderr()) + "; jsops: " + e.getMessage());
            assertSameMessage(x.stderr(), e.getMessage());
            return;
        }
        throw new AssertionError(v.id() + ": sops exits " + x.exit() + " (" + firstLine(x.stderr()) + "), jsops succeeded");
    }

    static void cliDecrypt(Vectors.Vector v, Peers.Result r) throws Exception {
        assertEquals(0, r.exit(), v.id() + ": jsops decrypt failed: " + r.stderr() + expectationNote(v));
        assertBytes(v.bytes(v.referencePlaintext()), r.stdout(), v.id() + ": jsops decrypt (CLI) differs from sops's");
    }

    static void libraryNegative(Vectors.Vector v, Vectors.Negative n) throws Exception {
        Jsops j = VectorHarness.library(v, n.identities());
        byte[] enc = Files.readAllBytes(v.dir().resolve(n.file()));
        byte[] got;
        try {
            got = j.decrypt(enc, v.format());
        } catch (SopsException e) {
            assertEquals(n.exit(), e.exitCode().code(), v.id() + " " + n.name() + " (" + n.tamper() + "): exit code; sops: "
                    + firstLine(n.stderr()) + "; jsops: " + firstLine(e.getMessage()));
            assertSameMessage(n.stderr(), e.getMessage());
            return;
        }
        assertEquals(n.exit(), 0, v.id() + " " + n.name() + " (" + n.tamper() + "): sops exits " + n.exit() + " ("
                + firstLine(n.stderr()) + "), jsops accepted the file");
        assertBytes(v.bytes(n.stdout()), got, v.id() + " " + n.name() + ": output");
    }

    static void cliNegative(Vectors.Vector v, Vectors.Negative n, Peers.Result r) throws Exception {
        assertEquals(n.exit(), r.exit(), v.id() + " " + n.name() + " (" + n.tamper() + "): exit code; sops: "
                + firstLine(n.stderr()) + "; jsops: " + firstLine(r.stderr()));
        if (n.exit() == 0) {
            assertBytes(v.bytes(n.stdout()), r.stdout(), v.id() + " " + n.name() + ": output");
        } else {
            assertSameMessage(n.stderr(), r.stderr());
        }
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final Pattern VALUE_START = Pattern.compile("[0-9A-F]{32,}|File has |strconv\\.|\"");
    /** jsops names the path of the value it could not decrypt; sops does not. */
    private static final Pattern JSOPS_PATH = Pattern.compile(" at (\\[[^\\]]*\\])+(?=:)");

    /** The first line of sops's message up to where it prints a value (MAC, plaintext, quoted data). */
    static String stablePrefix(String message) {
        String first = firstLine(message);
        var m = VALUE_START.matcher(first);
        return m.find() ? first.substring(0, m.start()) : first;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        return s.lines().filter(l -> !l.isBlank()).findFirst().orElse("");
    }

    static void assertSameMessage(String sopsStderr, String jsopsMessage) {
        String prefix = stablePrefix(sopsStderr);
        String got = JSOPS_PATH.matcher(firstLine(jsopsMessage)).replaceFirst("");
        if (!got.startsWith(prefix)) {
            throw new AssertionError("message differs from sops's in its stable prefix\n  sops:  " + firstLine(sopsStderr)
                    + "\n  jsops: " + got + "\n  (compared: \"" + prefix + "\")");
        }
    }

    static void assertBytes(byte[] expected, byte[] actual, String what) {
        if (!java.util.Arrays.equals(expected, actual)) {
            String e = new String(expected, StandardCharsets.UTF_8);
            String a = new String(actual, StandardCharsets.UTF_8);
            throw new AssertionError(what + ":\n" + VectorHarness.unifiedDiff(e, a, "sops", "jsops"));
        }
    }
}
