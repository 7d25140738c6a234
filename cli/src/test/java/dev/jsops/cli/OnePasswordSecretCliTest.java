package dev.jsops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.age.X25519Identity;

/** {@code jsops onepassword-secret} as a process: encrypted output only, refusals, standard input. */
class OnePasswordSecretCliTest {
    /** A made-up Connect credentials file with every field Connect reads; none of it is a real secret. */
    static final String CREDENTIALS = """
            {"verifier":{"salt":"c2FsdC1zYWx0LXNhbHQ","localHash":"bG9jYWwtaGFzaC1sb2NhbA"},\
            "encCredentials":{"kid":"localauthv2keykid","enc":"A256GCM","cty":"b5+jwk+json",\
            "iv":"aXYtaXYtaXYtaXY","data":"ZW5jcnlwdGVkLWNyZWRlbnRpYWxzLXRlc3Qtb25seQ"},\
            "version":"2","deviceUuid":"u6gmfxg3wkg4o3xo7n2lwfzdge",\
            "uniqueKey":{"alg":"A256GCM","ext":true,"k":"dW5pcXVlLWtleS10ZXN0LW9ubHktbm90LXJlYWw","key_ops":["decrypt","encrypt"],\
            "kty":"oct","kid":"xb7rt3tdu3zakkx6sffe7sbsua"}}
            """;
    static final String TOKEN = "eyJhbGciOiJFUzI1NiJ9.test-only-connect-token.c2lnbmF0dXJl";

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
        Files.writeString(dir.resolve("1password-credentials.json"), CREDENTIALS);
        Files.writeString(dir.resolve("token"), TOKEN + "\n");
    }

    private Jsops.Result run(byte[] stdin, String... args) throws Exception {
        return Jsops.run(dir, stdin, env, args);
    }

    @Test
    void writesTheSecretEncryptedByTheCreationRule() throws Exception {
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: \\.sops\\.yaml$\n"
                + "    encrypted_regex: ^(data|stringData)$\n    age: " + recipient + "\n");
        Path out = dir.resolve("apps/onepassword/secret.sops.yaml");
        Files.createDirectories(out.getParent());
        Jsops.Result r = run(null, "onepassword-secret", "--credentials", "1password-credentials.json", "--token-file", "token",
                "-o", "apps/onepassword/secret.sops.yaml");
        assertEquals(0, r.exit(), r.stderr());
        String encrypted = Files.readString(out);
        assertFalse(encrypted.contains(TOKEN), "token in clear");
        assertFalse(encrypted.contains(Base64.getEncoder().encodeToString(CREDENTIALS.getBytes(StandardCharsets.UTF_8))));
        assertFalse(encrypted.contains("localHash"), "credentials in clear");
        assertTrue(encrypted.startsWith("apiVersion: v1\nkind: Secret\nmetadata:\n    name: onepassword-secret\n"
                + "    namespace: external-secrets\ntype: Opaque\nstringData:\n"
                + "    1password-credentials.json: ENC[AES256_GCM,data:"), encrypted);
        assertTrue(encrypted.contains("    encrypted_regex: ^(data|stringData)$\n"), encrypted);
        assertTrue(encrypted.contains("recipient: " + recipient), encrypted);
        // Nothing besides the encrypted file was written next to it.
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertEquals(List.of(out), s.toList());
        }

        Jsops.Result dec = run(null, "decrypt", "apps/onepassword/secret.sops.yaml");
        assertEquals(0, dec.exit(), dec.stderr());
        String b64 = Base64.getEncoder().encodeToString(CREDENTIALS.getBytes(StandardCharsets.UTF_8));
        assertEquals("apiVersion: v1\nkind: Secret\nmetadata:\n    name: onepassword-secret\n    namespace: external-secrets\n"
                + "type: Opaque\nstringData:\n    1password-credentials.json: " + b64 + "\n    token: " + TOKEN + "\n", dec.out());

        // The written file passes verify with the key, including the Connect checks.
        Jsops.Result verify = run(null, "verify", "--age-key-file", "key.txt", "--format", "text", "apps");
        assertEquals(0, verify.exit(), verify.out() + verify.stderr());
    }

    @Test
    void nameNamespaceAgeAndStandardInput() throws Exception {
        Jsops.Result r = run(CREDENTIALS.getBytes(StandardCharsets.UTF_8), "onepassword-secret", "--credentials", "-",
                "--token-file", "token", "--name", "op-connect", "--namespace", "onepassword", "--age", recipient);
        assertEquals(0, r.exit(), r.stderr());
        assertTrue(r.out().startsWith("apiVersion: v1\nkind: Secret\nmetadata:\n    name: op-connect\n    namespace: onepassword\n"),
                r.out());
        Files.write(dir.resolve("s.sops.yaml"), r.stdout());
        Jsops.Result dec = run(null, "decrypt", "--extract", "[\"stringData\"][\"token\"]", "s.sops.yaml");
        assertEquals(0, dec.exit(), dec.stderr());
        assertEquals(TOKEN, dec.out());

        Jsops.Result tokenFromStdin = run((TOKEN + "\n").getBytes(StandardCharsets.UTF_8), "onepassword-secret",
                "--credentials", "1password-credentials.json", "--token-file", "-", "--age", recipient);
        assertEquals(0, tokenFromStdin.exit(), tokenFromStdin.stderr());
    }

    @Test
    void refusesWhatConnectCannotUse() throws Exception {
        Files.writeString(dir.resolve("not-json"), "op://vault/item\n");
        Files.writeString(dir.resolve("partial.json"), "{\"version\":\"2\",\"deviceUuid\":\"x\"}");
        Files.writeString(dir.resolve("empty-token"), "  \n");
        record Case(List<String> args, String message) {
        }
        List<Case> cases = List.of(
                new Case(List.of("--credentials", "not-json", "--token-file", "token"),
                        "not-json is not a 1Password Connect credentials file: it is not a JSON credentials file"),
                new Case(List.of("--credentials", "partial.json", "--token-file", "token"),
                        "partial.json is not a 1Password Connect credentials file: the credentials file lacks verifier.salt"),
                new Case(List.of("--credentials", "1password-credentials.json", "--token-file", "empty-token"),
                        "the token in empty-token is empty"),
                new Case(List.of("--credentials", "missing.json", "--token-file", "token"), "missing.json: no such file"),
                new Case(List.of("--credentials", "-", "--token-file", "-"), "not both"));
        for (Case c : cases) {
            List<String> args = new java.util.ArrayList<>(List.of("onepassword-secret"));
            args.addAll(c.args());
            args.addAll(List.of("--age", recipient, "-o", "out.sops.yaml"));
            Jsops.Result r = run(new byte[0], args.toArray(String[]::new));
            assertTrue(r.exit() != 0, c.args().toString());
            assertTrue(r.stderr().contains(c.message()), c.args() + ": " + r.stderr());
            assertFalse(r.stderr().contains("Exception"), r.stderr());
            assertFalse(r.stderr().contains(TOKEN), r.stderr());
            assertFalse(Files.exists(dir.resolve("out.sops.yaml")), c.args().toString());
        }
    }

    @Test
    void noMatchingRuleIsAnError() throws Exception {
        Files.writeString(dir.resolve(".sops.yaml"), "creation_rules:\n  - path_regex: ^elsewhere/\n    age: " + recipient + "\n");
        Jsops.Result r = run(null, "onepassword-secret", "--credentials", "1password-credentials.json", "--token-file", "token",
                "-o", "secret.sops.yaml");
        assertEquals(1, r.exit(), r.stderr());
        assertTrue(r.stderr().contains("no matching creation rules found"), r.stderr());
        assertFalse(Files.exists(dir.resolve("secret.sops.yaml")));

        Files.delete(dir.resolve(".sops.yaml"));
        Jsops.Result none = run(null, "onepassword-secret", "--credentials", "1password-credentials.json", "--token-file", "token");
        assertEquals(1, none.exit(), none.stderr());
        assertTrue(none.stderr().contains("no recipients: give --age"), none.stderr());
        assertEquals("", none.out());
    }
}
