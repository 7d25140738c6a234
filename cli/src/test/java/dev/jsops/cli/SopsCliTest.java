package dev.jsops.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.age.X25519Identity;

/** {@code jsops encrypt} and {@code jsops decrypt} as processes: sops's flags, outputs, files and exit codes. */
class SopsCliTest {
    @TempDir
    Path dir;
    private String recipient;
    private Map<String, String> env;

    @BeforeEach
    void keys() throws Exception {
        X25519Identity id = X25519Identity.generate();
        recipient = id.recipient().toString();
        Files.writeString(dir.resolve("key.txt"), "# test-only key\n" + id.encode() + "\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        env = new HashMap<>(Map.of("SOPS_AGE_KEY_FILE", dir.resolve("key.txt").toString(), "HOME", home.toString(),
                "XDG_CONFIG_HOME", home.resolve(".config").toString()));
    }

    private Jsops.Result run(String... args) throws Exception {
        return Jsops.run(dir, null, env, args);
    }

    private Jsops.Result run(byte[] stdin, String... args) throws Exception {
        return Jsops.run(dir, stdin, env, args);
    }

    @Test
    void roundTripEveryFormat() throws Exception {
        Map<String, String> inputs = Map.of(
                "a.yaml", "# top\nkey: value\nlist:\n    - 1\n    - two\nnested:\n    # head\n    x_unencrypted: plain\n",
                "a.json", "{\n\t\"key\": \"value\",\n\t\"n\": 1.5,\n\t\"list\": [\n\t\ttrue,\n\t\tnull\n\t]\n}\n",
                "a.env", "# comment\nKEY=value\nOTHER=with=equals\n",
                "a.ini", "[section]\nkey = value\n",
                "a.bin", "arbitrary \u0000 bytes\n");
        for (var e : inputs.entrySet()) {
            Files.writeString(dir.resolve(e.getKey()), e.getValue());
            Jsops.Result enc = run("encrypt", "--age", recipient, e.getKey());
            assertEquals(0, enc.exit(), e.getKey() + ": " + enc.stderr());
            Files.write(dir.resolve("enc-" + e.getKey()), enc.stdout());
            Jsops.Result dec = run("decrypt", "--input-type", Format.of(e.getKey()), "--output-type", Format.of(e.getKey()),
                    "enc-" + e.getKey());
            assertEquals(0, dec.exit(), e.getKey() + ": " + dec.stderr());
            assertEquals(e.getValue(), dec.out(), e.getKey());
        }
    }

    /** Format names from file names, for files whose encrypted copy has another name. */
    static final class Format {
        static String of(String name) {
            return name.endsWith(".yaml") ? "yaml" : name.endsWith(".json") ? "json" : name.endsWith(".env") ? "dotenv"
                    : name.endsWith(".ini") ? "ini" : "binary";
        }
    }

    @Test
    void inPlaceWritesAreAtomicAndKeepTheMode() throws Exception {
        Path f = dir.resolve("secret.yaml");
        Files.writeString(f, "password: hunter2\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Jsops.Result r = run("encrypt", "-i", "--age", recipient, "secret.yaml");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("", r.out());
        String enc = Files.readString(f);
        assertTrue(enc.startsWith("password: ENC[AES256_GCM,data:"), enc);
        assertFalse(enc.contains("hunter2"));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".jsops-tmp")));
        }
        Jsops.Result again = run("encrypt", "-i", "--age", recipient, "secret.yaml");
        assertEquals(203, again.exit(), "already encrypted");
        assertTrue(again.stderr().contains("top-level entry called 'sops'"), again.stderr());
        assertEquals(enc, Files.readString(f), "a refused encryption leaves the file as it was");

        Jsops.Result out = run("decrypt", "--output", "plain.yaml", "secret.yaml");
        assertEquals(0, out.exit(), out.stderr());
        assertEquals("password: hunter2\n", Files.readString(dir.resolve("plain.yaml")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("plain.yaml"))));
    }

    @Test
    void standardInputAndFilenameOverride() throws Exception {
        byte[] in = "token: abc\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(8, run(in, "encrypt", "--age", recipient).exit(), "stdin needs --filename-override");
        Jsops.Result enc = run(in, "encrypt", "--age", recipient, "--filename-override", "x.yaml");
        assertEquals(0, enc.exit(), enc.stderr());
        Jsops.Result dec = run(enc.stdout(), "decrypt", "--filename-override", "x.yaml");
        assertEquals("token: abc\n", dec.out());
        Jsops.Result dash = run(enc.stdout(), "decrypt", "--input-type", "yaml", "--output-type", "json", "-");
        assertEquals("{\n\t\"token\": \"abc\"\n}\n", dash.out());
        assertEquals(8, run(enc.stdout(), "decrypt", "-i").exit(), "--in-place needs a file");
    }

    @Test
    void extract() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), "a:\n    b: [x, 5]\n    c: multi\n");
        Files.write(dir.resolve("e.yaml"), run("encrypt", "--age", recipient, "s.yaml").stdout());
        assertEquals("multi", run("decrypt", "--extract", "[\"a\"][\"c\"]", "e.yaml").out());
        assertEquals("5\n", run("decrypt", "--extract", "[\"a\"][\"b\"][1]", "e.yaml").out());
        assertEquals("b:\n    - x\n    - 5\nc: multi\n", run("decrypt", "--extract", "['a']", "e.yaml").out());
        assertEquals(91, run("decrypt", "--extract", "[\"a\"", "e.yaml").exit());
        Jsops.Result missing = run("decrypt", "--extract", "[\"zz\"]", "e.yaml");
        assertEquals(1, missing.exit());
        assertTrue(missing.stderr().contains("component ['zz'] not found"), missing.stderr());
    }

    @Test
    void exitCodesAndMessages() throws Exception {
        assertEquals(100, run("decrypt", "nope.yaml").exit());
        Files.writeString(dir.resolve("empty.yaml"), "");
        assertEquals(92, run("encrypt", "--age", recipient, "empty.yaml").exit());
        Files.writeString(dir.resolve("s.yaml"), "k: v\nother: w\n");
        Path enc = dir.resolve("e.yaml");
        Files.write(enc, run("encrypt", "--age", recipient, "s.yaml").stdout());
        assertEquals(112, run("decrypt", "--decryption-order", "age,age", "e.yaml").exit());

        Map<String, String> wrongKey = new HashMap<>(env);
        Files.writeString(dir.resolve("other.txt"), X25519Identity.generate().encode() + "\n");
        wrongKey.put("SOPS_AGE_KEY_FILE", dir.resolve("other.txt").toString());
        Jsops.Result noKey = Jsops.run(dir, null, wrongKey, "decrypt", "e.yaml");
        assertEquals(128, noKey.exit());
        assertTrue(noKey.stderr().startsWith("Failed to get the data key required to decrypt the SOPS file.\n\nGroup 0: FAILED\n  "
                + recipient + ": FAILED\n"), noKey.stderr());

        String text = Files.readString(enc);
        String tamperedValue = text.replaceFirst("k: ENC\\[AES256_GCM,data:(.)", "k: ENC[AES256_GCM,data:" + (text.charAt(text.indexOf("data:") + 5) == 'A' ? "B" : "A"));
        Files.writeString(dir.resolve("t1.yaml"), tamperedValue);
        Jsops.Result t1 = run("decrypt", "t1.yaml");
        assertEquals(25, t1.exit(), t1.stderr());
        assertTrue(t1.stderr().startsWith("Error decrypting tree: Error walking tree: Could not decrypt value"), t1.stderr());

        Files.writeString(dir.resolve("t2.yaml"), text.replace("other: ENC", "renamed: ENC"));
        Jsops.Result t2 = run("decrypt", "t2.yaml");
        assertEquals(25, t2.exit(), "a renamed key breaks the value's associated data");

        Files.writeString(dir.resolve("t3.yaml"), text.replaceFirst("lastmodified: \"(\\d{4})", "lastmodified: \"2001"));
        Jsops.Result t3 = run("decrypt", "t3.yaml");
        assertEquals(51, t3.exit(), t3.stderr());
        assertTrue(t3.stderr().startsWith("Cannot decrypt MAC"), t3.stderr());
        assertEquals(0, run("decrypt", "--ignore-mac", "t3.yaml").exit());

        Files.writeString(dir.resolve("plain-added.yaml"), text.replace("k: ENC", "extra: not-encrypted\nk: ENC"));
        Jsops.Result t4 = run("decrypt", "plain-added.yaml");
        assertEquals(25, t4.exit());
        assertFalse(t4.stderr().contains("not-encrypted"), "errors never show values: " + t4.stderr());
    }

    @Test
    void creationRulesFromSopsYaml() throws Exception {
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: secrets/.*\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n"
                + "    age: " + recipient + "\n");
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/s.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n    name: s\nstringData:\n    token: abc\n");
        Jsops.Result r = run("encrypt", "secrets/s.yaml");
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.out().startsWith("apiVersion: v1\nkind: Secret\nmetadata:\n    name: s\nstringData:\n    token: ENC["), r.out());
        assertTrue(r.out().contains("    encrypted_regex: ^(data|stringData)$\n"), r.out());
        Files.writeString(dir.resolve("other.yaml"), "a: b\n");
        Jsops.Result none = run("encrypt", "--age", recipient, "other.yaml");
        assertEquals(1, none.exit());
        assertEquals("error loading config: no matching creation rules found\n", none.stderr());
        Jsops.Result conflict = run("encrypt", "--unencrypted-suffix", "_x", "secrets/s.yaml");
        assertEquals(8, conflict.exit());
    }

    @Test
    void noKeysAnywhere() throws Exception {
        Files.writeString(dir.resolve("s.yaml"), "a: b\n");
        Jsops.Result r = run("encrypt", "s.yaml");
        assertEquals(1, r.exit());
        assertEquals("config file not found, or has no creation rules, and no keys provided through command line options\n", r.stderr());
        Map<String, String> viaEnv = new HashMap<>(env);
        viaEnv.put("SOPS_AGE_RECIPIENTS", recipient);
        assertEquals(0, Jsops.run(dir, null, viaEnv, "encrypt", "s.yaml").exit());
        assertEquals(0, run("--indent", "2", "encrypt", "--age", recipient, "s.yaml").exit(), "global flags before the subcommand");
    }

    @Test
    void binaryIsEncryptedWhole() throws Exception {
        byte[] data = new byte[300];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        Files.write(dir.resolve("blob"), data);
        Jsops.Result e = run("encrypt", "--age", recipient, "blob");
        assertEquals(0, e.exit(), e.stderr());
        assertTrue(e.out().startsWith("{\n\t\"data\": \"ENC[AES256_GCM,data:"));
        assertFalse(e.out().contains("unencrypted_suffix"), "binary files carry no encryption rule");
        Files.write(dir.resolve("blob.enc"), e.stdout());
        assertArrayEquals(data, run("decrypt", "--input-type", "binary", "--output-type", "binary", "blob.enc").stdout());
    }
}
