package dev.jsops.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jsops keygen} and {@code jsops age}, run as processes. */
class AgeCliTest {
    @TempDir
    Path dir;

    @Test
    void keygenWritesAgeKeygenFormatWithMode0600AndNeverOverwrites() throws Exception {
        Jsops.Result r = Jsops.run(dir, "keygen", "-o", "key.txt");
        assertEquals(0, r.exit(), r.stderr());
        String key = Files.readString(dir.resolve("key.txt"));
        assertTrue(Pattern.matches("# created: \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)\n"
                + "# public key: age1[a-z0-9]{58}\nAGE-SECRET-KEY-1[A-Z0-9]{58}\n", key), key);
        String pub = key.lines().toList().get(1).substring("# public key: ".length());
        assertEquals("Public key: " + pub + "\n", r.stderr());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("key.txt"))));

        Jsops.Result again = Jsops.run(dir, "keygen", "-o", "key.txt");
        assertEquals(1, again.exit());
        assertTrue(again.stderr().contains("file exists"), again.stderr());
        assertFalse(again.stderr().contains("Public key"), "nothing is generated when the file exists");
        assertEquals(key, Files.readString(dir.resolve("key.txt")));

        Jsops.Result y = Jsops.run(dir, "keygen", "-y", "key.txt");
        assertEquals(pub + "\n", y.out());
    }

    @Test
    void keygenPostQuantum() throws Exception {
        Jsops.Result r = Jsops.run(dir, "keygen", "--pq");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.out().contains("# public key: age1pq1"));
        assertTrue(r.out().contains("\nAGE-SECRET-KEY-PQ-1"));
        Files.writeString(dir.resolve("pq.txt"), r.out());
        Jsops.Result y = Jsops.run(dir, "keygen", "-y", "pq.txt");
        assertEquals(r.out().lines().toList().get(1).substring(14) + "\n", y.out());
    }

    @Test
    void encryptDecryptFilesBinaryAndArmored() throws Exception {
        Jsops.run(dir, "keygen", "-o", "key.txt");
        String pub = Files.readString(dir.resolve("key.txt")).lines().toList().get(1).substring(14);
        byte[] data = new byte[70_000];
        new Random(5).nextBytes(data);
        Files.write(dir.resolve("data.bin"), data);
        for (boolean armor : new boolean[] {false, true}) {
            Jsops.Result e = armor ? Jsops.run(dir, "age", "-a", "-r", pub, "-o", "data.age", "data.bin")
                    : Jsops.run(dir, "age", "-r", pub, "-o", "data.age", "data.bin");
            assertEquals(0, e.exit(), e.stderr());
            assertEquals(armor, Files.readString(dir.resolve("data.age"), StandardCharsets.ISO_8859_1)
                    .startsWith("-----BEGIN AGE ENCRYPTED FILE-----\n"));
            Jsops.Result d = Jsops.run(dir, "age", "-d", "-i", "key.txt", "-o", "out.bin", "data.age");
            assertEquals(0, d.exit(), d.stderr());
            assertArrayEquals(data, Files.readAllBytes(dir.resolve("out.bin")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.bin"))));
        }
        Jsops.Result viaStdin = Jsops.run(dir, Files.readAllBytes(dir.resolve("data.age")), Map.of(), "age", "--decrypt", "--identity", "key.txt");
        assertArrayEquals(data, viaStdin.stdout());
    }

    @Test
    void failuresNameTheOutcomeAndLeaveNoOutputBehind() throws Exception {
        Jsops.run(dir, "keygen", "-o", "key.txt");
        Jsops.run(dir, "keygen", "-o", "other.txt");
        String pub = Files.readString(dir.resolve("key.txt")).lines().toList().get(1).substring(14);
        Files.write(dir.resolve("data.bin"), new byte[200_000]);
        assertEquals(0, Jsops.run(dir, "age", "-r", pub, "-o", "data.age", "data.bin").exit());

        Jsops.Result wrong = Jsops.run(dir, "age", "-d", "-i", "other.txt", "-o", "out.bin", "data.age");
        assertEquals(1, wrong.exit());
        assertEquals(1, wrong.stderr().lines().count(), wrong.stderr());
        assertTrue(wrong.stderr().contains("no match"), wrong.stderr());
        assertFalse(Files.exists(dir.resolve("out.bin")));

        byte[] tampered = Files.readAllBytes(dir.resolve("data.age"));
        tampered[tampered.length - 100] ^= 1;
        Files.write(dir.resolve("tampered.age"), tampered);
        Jsops.Result payload = Jsops.run(dir, "age", "-d", "-i", "key.txt", "-o", "out.bin", "tampered.age");
        assertEquals(1, payload.exit());
        assertTrue(payload.stderr().contains("payload failure"), payload.stderr());
        assertFalse(Files.exists(dir.resolve("out.bin")), "no partial plaintext file");
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".jsops-tmp")), "temporary files are removed");
        }
        assertFalse(payload.stderr().contains("Exception"), payload.stderr());
    }

    @Test
    void usageErrors() throws Exception {
        Jsops.Result r = Jsops.run(dir, "age", "-d", "-a", "x");
        assertEquals(1, r.exit());
        assertTrue(r.stderr().contains("armored files are detected automatically"));
        Jsops.Result unknown = Jsops.run(dir, "age", "--bogus");
        assertEquals(2, unknown.exit());
        assertTrue(unknown.stderr().contains("flag provided but not defined: --bogus"), unknown.stderr());
        Jsops.Result noRecipients = Jsops.run(dir, "age", "-o", "x.age");
        assertTrue(noRecipients.stderr().contains("missing recipients"));
    }

    @Test
    void passphraseFromEnvironment() throws Exception {
        Map<String, String> env = Map.of("AGE_PASSPHRASE", "correct horse battery staple", "AGE_PASSPHRASE_WORK_FACTOR", "10");
        Jsops.Result e = Jsops.run(dir, "hello".getBytes(StandardCharsets.UTF_8), env, "age", "-p", "-a");
        assertEquals(0, e.exit(), e.stderr());
        Jsops.Result d = Jsops.run(dir, e.stdout(), env, "age", "-d");
        assertEquals("hello", d.out());
    }

    @Test
    void helpVersionAndCompletion() throws Exception {
        assertTrue(Jsops.run(dir, "--version").out().startsWith("jsops "));
        Jsops.Result h = Jsops.run(dir, "age", "--help");
        assertEquals(0, h.exit());
        assertTrue(h.out().contains("--recipients-file"), h.out());
        Jsops.Result c = Jsops.run(dir, "completion");
        assertEquals(0, c.exit());
        assertTrue(c.out().contains("complete -F"), "a bash completion function is registered");
        assertTrue(c.out().contains("keygen") && c.out().contains("--identity"));
    }
}
