package dev.jsops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.age.X25519Identity;

/**
 * {@code jsops verify} as CI runs it: exit codes (0 clean, 1 findings, 2 usage, 3 unreadable path), the key
 * sources, the report formats, and never a secret value or ciphertext in what it prints.
 */
class VerifyCliTest {
    private static final String PASSWORD = "verify-cli-test-password-7f3a";
    private static final String PLAIN_PASSWORD = "plaintext-committed-by-mistake-91c2";

    @TempDir
    Path dir;
    private Map<String, String> env;
    private String secretKey;

    @BeforeEach
    void repo() throws Exception {
        X25519Identity id = X25519Identity.generate();
        secretKey = id.encode();
        Files.writeString(dir.resolve("key.txt"), "# test-only key\n" + secretKey + "\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        // An empty home: the machine's own sops keys must not take part.
        env = new HashMap<>(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString()));
        Path app = Files.createDirectories(dir.resolve("repo/apps/demo"));
        Files.writeString(dir.resolve("repo/.sops.yaml"), "creation_rules:\n  - path_regex: \\.sops\\.yaml$\n"
                + "    encrypted_regex: ^(data|stringData)$\n    age: " + id.recipient() + "\n");
        Files.writeString(app.resolve("kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1beta1\n"
                + "kind: Kustomization\nresources:\n  - secret.sops.yaml\n");
        Files.writeString(app.resolve("secret.sops.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: demo\n"
                + "  namespace: demo\ntype: Opaque\nstringData:\n  password: " + PASSWORD + "\n");
        Jsops.Result enc = run("encrypt", "--config", "repo/.sops.yaml", "-i", "repo/apps/demo/secret.sops.yaml");
        assertEquals(0, enc.exit(), enc.stderr());
    }

    /** A Secret named like a SOPS file but committed in clear. */
    private void writeLeakedSecret() throws Exception {
        Files.writeString(dir.resolve("repo/apps/demo/leaked.sops.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n"
                + "  name: leaked\nstringData:\n  password: " + PLAIN_PASSWORD + "\n");
    }

    private Jsops.Result run(String... args) throws Exception {
        return Jsops.run(dir, null, env, args);
    }

    private static void assertNoSecret(Jsops.Result r, String... secrets) {
        String all = r.out() + r.stderr();
        for (String s : secrets) {
            assertFalse(all.contains(s), "printed a secret: " + all);
        }
        assertFalse(all.contains("ENC[AES256_GCM"), "printed ciphertext: " + all);
        assertFalse(all.contains("AGE-SECRET-KEY-"), "printed a private key: " + all);
        assertFalse(all.contains("\tat "), "stack trace: " + all);
    }

    @Test
    void aCleanRepositoryPassesWithAKeyFile() throws Exception {
        Jsops.Result r = run("verify", "--age-key-file", "key.txt", "--format", "text", "repo");
        assertEquals(0, r.exit(), r.out() + r.stderr());
        assertTrue(r.out().contains("1 encrypted (1 decrypted): 0 errors, 0 warnings, 0 notes"), r.out());
        assertNoSecret(r, PASSWORD);
    }

    @Test
    void aSopsAgeSecretIsReadAsFluxReadsIt() throws Exception {
        assertEquals(0, run("flux", "age-secret", "--key-file", "key.txt", "-o", "sops-age.yaml").exit());
        Jsops.Result r = run("verify", "--age-secret", "sops-age.yaml", "--format", "text", "repo");
        assertEquals(0, r.exit(), r.out() + r.stderr());
        assertTrue(r.out().contains("(1 decrypted)"), r.out());

        Files.writeString(dir.resolve("other.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age\n"
                + "  namespace: flux-system\nstringData:\n  identity.txt: nothing\n");
        Jsops.Result none = run("verify", "--age-secret", "other.yaml", "repo");
        assertEquals(2, none.exit(), none.stderr());
        assertTrue(none.stderr().contains("other.yaml: the Secret has no *.agekey entry with an age identity"), none.stderr());

        Files.writeString(dir.resolve("bad.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-age\n"
                + "  namespace: flux-system\nstringData:\n  age.agekey: not-a-key\n");
        Jsops.Result bad = run("verify", "--age-secret", "bad.yaml", "repo");
        assertEquals(2, bad.exit(), bad.stderr());
        assertTrue(bad.stderr().contains("bad.yaml: failed to import 'age.agekey' data from sops decryption Secret "
                + "'flux-system/sops-age': failed to parse and add to age identities"), bad.stderr());
    }

    @Test
    void aPlaintextSecretFailsWithoutPrintingIt() throws Exception {
        writeLeakedSecret();
        Jsops.Result r = run("verify", "--age-key-file", "key.txt", "--format", "text", "repo");
        assertEquals(1, r.exit(), r.out() + r.stderr());
        assertTrue(r.out().contains("repo/apps/demo/leaked.sops.yaml: error: ") && r.out().contains("[sops/not-encrypted]"),
                r.out());
        assertNoSecret(r, PASSWORD, PLAIN_PASSWORD);
    }

    @Test
    void aTamperedFileFailsAndTheMacPolicyDecidesTheSeverity() throws Exception {
        Path f = dir.resolve("repo/apps/demo/secret.sops.yaml");
        // metadata.name is in clear but covered by the MAC: changing it leaves every value decryptable.
        Files.writeString(f, Files.readString(f).replace("name: demo", "name: renamed"));
        Jsops.Result sops = run("verify", "--age-key-file", "key.txt", "--format", "text", "repo");
        assertEquals(1, sops.exit(), sops.out());
        assertTrue(sops.out().contains("error: ") && sops.out().contains("[sops/mac-mismatch]"), sops.out());
        assertNoSecret(sops, PASSWORD);

        Jsops.Result flux = run("verify", "--age-key-file", "key.txt", "--mac", "flux", "--format", "text", "repo");
        assertEquals(0, flux.exit(), flux.out());
        assertTrue(flux.out().contains("warning: ") && flux.out().contains("[sops/mac-mismatch]"), flux.out());
        assertEquals(1, run("verify", "--age-key-file", "key.txt", "--mac", "flux", "--fail-on", "warning", "repo").exit());
    }

    @Test
    void aCorruptValueIsReportedWithoutItsCiphertext() throws Exception {
        Path f = dir.resolve("repo/apps/demo/secret.sops.yaml");
        String s = Files.readString(f);
        int i = s.indexOf("password: ENC[AES256_GCM,data:") + "password: ENC[AES256_GCM,data:".length();
        char c = s.charAt(i);
        Files.writeString(f, s.substring(0, i) + (c == 'A' ? 'B' : 'A') + s.substring(i + 1));
        Jsops.Result r = run("verify", "--age-key-file", "key.txt", "--format", "text", "repo");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("[sops/value-corrupt]"), r.out());
        assertNoSecret(r, PASSWORD);
    }

    @Test
    void theWrongKeyCannotDecryptButKeylessChecksPass() throws Exception {
        Files.writeString(dir.resolve("other.txt"), X25519Identity.generate().encode() + "\n");
        Jsops.Result wrong = run("verify", "--age-key-file", "other.txt", "--format", "text", "repo");
        assertEquals(1, wrong.exit(), wrong.out());
        assertTrue(wrong.out().contains("[sops/cannot-decrypt]"), wrong.out());
        assertNoSecret(wrong, PASSWORD);

        Jsops.Result keyless = run("verify", "--no-keys", "--format", "text", "repo");
        assertEquals(0, keyless.exit(), keyless.out());
        assertTrue(keyless.out().contains("1 encrypted: 0 errors"), keyless.out());
    }

    @Test
    void theKeysSopsWouldFindAreUsedByDefault() throws Exception {
        env.put("SOPS_AGE_KEY_FILE", dir.resolve("key.txt").toString());
        Jsops.Result r = run("verify", "--format", "text", "repo");
        assertEquals(0, r.exit(), r.out() + r.stderr());
        assertTrue(r.out().contains("(1 decrypted)"), r.out());
    }

    @Test
    void aCommittedPrivateKeyIsAnErrorUnlessAllowed() throws Exception {
        Files.copy(dir.resolve("key.txt"), dir.resolve("repo/keys.txt"));
        Jsops.Result r = run("verify", "--age-key-file", "key.txt", "--format", "text", "repo");
        assertEquals(1, r.exit(), r.out());
        assertTrue(r.out().contains("repo/keys.txt:2: error: ") && r.out().contains("[secrets/plaintext-age-key]"), r.out());
        assertNoSecret(r, secretKey);

        Jsops.Result allowed = run("verify", "--age-key-file", "key.txt", "--allow", "keys.txt", "--format", "text", "repo");
        assertEquals(0, allowed.exit(), allowed.out());
    }

    @Test
    void machineReadableReportsGoToTheFileAndTheSummaryToStderr() throws Exception {
        writeLeakedSecret();
        Jsops.Result sarif = run("verify", "--age-key-file", "key.txt", "--format", "sarif", "-o", "report.sarif", "repo");
        assertEquals(1, sarif.exit(), sarif.stderr());
        assertTrue(sarif.stderr().contains("1 errors") || sarif.stderr().contains("1 error"), sarif.stderr());
        String report = Files.readString(dir.resolve("report.sarif"));
        assertTrue(report.contains("\"version\"") && report.contains("2.1.0") && report.contains("sops/not-encrypted"), report);
        assertFalse(report.contains(PLAIN_PASSWORD) || report.contains(PASSWORD), "secret in the SARIF report");
        assertEquals("", sarif.out());

        Jsops.Result junit = run("verify", "--age-key-file", "key.txt", "--format", "junit", "-o", "report.xml", "repo");
        assertEquals(1, junit.exit());
        String xml = Files.readString(dir.resolve("report.xml"));
        assertTrue(xml.startsWith("<?xml") && xml.contains("<testsuite") && xml.contains("<failure"), xml);

        Jsops.Result json = run("verify", "--age-key-file", "key.txt", "--format", "json", "repo");
        assertEquals(1, json.exit());
        assertTrue(json.out().trim().startsWith("{") && json.out().contains("sops/not-encrypted"), json.out());
        assertNoSecret(json, PASSWORD, PLAIN_PASSWORD);

        Jsops.Result gh = run("verify", "--age-key-file", "key.txt", "--format", "github", "repo");
        assertEquals(1, gh.exit());
        assertTrue(gh.out().contains("::error file=repo/apps/demo/leaked.sops.yaml"), gh.out());
    }

    @Test
    void usageAndIoErrorsHaveTheirExitCodes() throws Exception {
        Jsops.Result format = run("verify", "--format", "xml", "repo");
        assertEquals(2, format.exit(), format.stderr());
        assertTrue(format.stderr().startsWith("jsops verify: "), format.stderr());
        assertEquals(2, run("verify", "--mac", "never", "repo").exit());
        assertEquals(2, run("verify", "--fail-on", "fatal", "repo").exit());

        Jsops.Result missing = run("verify", "no-such-dir");
        assertEquals(3, missing.exit(), missing.stderr());
        assertTrue(missing.stderr().contains("no-such-dir: no such file or directory"), missing.stderr());
        Jsops.Result keyFile = run("verify", "--age-key-file", "no-such-key.txt", "repo");
        assertEquals(3, keyFile.exit(), keyFile.stderr());
        assertNoSecret(keyFile);
    }

    @Test
    void theBundledExampleIsCleanWithItsKey() throws Exception {
        // The README's Quick start: ./jsops verify examples --age-key-file examples/age.agekey
        Path examples = Path.of("").toAbsolutePath().getParent().resolve("examples");
        Jsops.Result r = Jsops.run(examples.getParent(), null, env, "verify", "examples", "--age-key-file",
                "examples/age.agekey", "--format", "text");
        assertEquals(0, r.exit(), r.out() + r.stderr());
        assertTrue(r.out().contains("0 errors, 0 warnings"), r.out());
        String key = Files.readString(examples.resolve("age.agekey"), StandardCharsets.UTF_8);
        String secretLine = key.lines().filter(l -> l.startsWith("AGE-SECRET-KEY-")).findFirst().orElseThrow();
        assertNoSecret(r, secretLine, Base64.getEncoder().encodeToString(secretLine.getBytes(StandardCharsets.UTF_8)));
    }
}
