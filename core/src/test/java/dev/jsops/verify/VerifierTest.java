package dev.jsops.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.age.X25519Identity;
import dev.jsops.sops.EncryptionRules;

/**
 * Each check triggered once on a broken copy of the example repository: exactly the expected findings,
 * rule, file and line.
 */
class VerifierTest {
    @TempDir
    Path tmp;

    static final String DEMO = "kubernetes/apps/demo/app/";
    static final String ONEPASSWORD = "kubernetes/apps/external-secrets/onepassword/app/";

    /** Findings as "rule severity file:line" lines, paths relative to the scanned root. */
    private static String findings(Report r) {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.findings()) {
            String file = f.file().replaceFirst("^.*/junit-?\\d+/", "");
            sb.append(f.rule().id()).append(' ').append(f.severity().id()).append(' ').append(file).append(':').append(f.line())
                    .append('\n');
        }
        return sb.toString();
    }

    @Test
    void theExampleIsClean() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        Report keyless = repo.verify(false, true);
        assertEquals("", findings(keyless));
        assertEquals(2, keyless.sopsFiles());
        Report withKeys = repo.verify(true, true);
        assertEquals("", findings(withKeys));
        assertEquals(2, withKeys.decrypted());
    }

    @Test
    void unencryptedSecretFile() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        repo.write(DEMO + "extra.sops.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n    name: x\nstringData:\n    a: b\n");
        repo.write(DEMO + "kustomization.yaml", repo.read(DEMO + "kustomization.yaml") + "  - extra.sops.yaml\n");
        assertEquals("sops/not-encrypted error " + DEMO + "extra.sops.yaml:0\n", findings(repo.verify(false, true)));
    }

    @Test
    void plaintextValueUnderAnEncryptedPath() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        String s = repo.read(DEMO + "secret.sops.yaml").replace("stringData:\n", "stringData:\n    added: by-hand\n");
        repo.write(DEMO + "secret.sops.yaml", s);
        Report r = repo.verify(false, true);
        assertEquals("sops/plaintext-value error " + DEMO + "secret.sops.yaml:7\n", findings(r));
        assertFalse(r.findings().get(0).message().contains("by-hand"));
        assertTrue(r.findings().get(0).message().contains("stringData.added"));
    }

    @Test
    void brokenMetadataAndVersion() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        String s = repo.read(DEMO + "secret.sops.yaml");
        repo.write(DEMO + "secret.sops.yaml", s.replace("version: 3.13.2", "version: latest"));
        repo.write(ONEPASSWORD + "secret.sops.yaml", repo.read(ONEPASSWORD + "secret.sops.yaml")
                .replaceFirst("lastmodified: \"[^\"]+\"", "lastmodified: \"yesterday\""));
        String f = findings(repo.verify(false, true));
        assertTrue(f.contains("sops/invalid-version error " + DEMO + "secret.sops.yaml:"), f);
        assertTrue(f.contains("sops/malformed-metadata error " + ONEPASSWORD + "secret.sops.yaml:"), f);
        assertEquals(2, f.lines().count(), f);
    }

    @Test
    void recipientsThatDifferFromTheCreationRule() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        String other = X25519Identity.generate().recipient().toString();
        repo.write(".sops.yaml", repo.read(".sops.yaml").replace("age: " + repo.recipient, "age: " + repo.recipient + "," + other));
        Report r = repo.verify(false, true);
        assertEquals("sops/missing-recipient error " + DEMO + "secret.sops.yaml:9\n"
                + "sops/missing-recipient error " + ONEPASSWORD + "secret.sops.yaml:11\n", findings(r));
        assertTrue(r.findings().get(0).message().contains(other));
        repo.write(".sops.yaml", repo.read(".sops.yaml").replace("age: " + repo.recipient + "," + other, "age: " + other));
        String f = findings(repo.verify(false, true));
        assertTrue(f.contains("sops/extra-recipient warning " + DEMO), f);
        assertEquals(4, f.lines().count(), f);
    }

    @Test
    void kubernetesChecks() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        String all = repo.encrypt("apiVersion: v1\nkind: Secret\nmetadata:\n    name: all\nstringData:\n    a: b\n",
                EncryptionRules.DEFAULT);
        repo.write(DEMO + "all.sops.yaml", all);
        repo.write(DEMO + "port.sops.yaml", repo.encrypt("apiVersion: v1\nkind: Secret\nmetadata:\n    name: port\nstringData:\n"
                + "    port: 5432\n", ExampleRepo.K8S));
        repo.write(DEMO + "plain-secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n    name: p\ndata:\n    x: not base64!\n");
        repo.write(DEMO + "kustomization.yaml", repo.read(DEMO + "kustomization.yaml")
                + "  - all.sops.yaml\n  - port.sops.yaml\n  - plain-secret.yaml\n");
        assertEquals("k8s/encrypted-identity error " + DEMO + "all.sops.yaml:1\n"
                + "k8s/encrypted-identity error " + DEMO + "all.sops.yaml:2\n"
                + "k8s/encrypted-identity error " + DEMO + "all.sops.yaml:3\n"
                + "k8s/invalid-base64 error " + DEMO + "plain-secret.yaml:6\n"
                + "k8s/stringdata-not-string error " + DEMO + "port.sops.yaml:6\n", findings(repo.verify(false, true)));
    }

    @Test
    void unreferencedManifest() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        repo.write(DEMO + "forgotten.sops.yaml", repo.encrypt("apiVersion: v1\nkind: Secret\nmetadata:\n    name: f\nstringData:\n    a: b\n",
                ExampleRepo.K8S));
        assertEquals("flux/unreferenced warning " + DEMO + "forgotten.sops.yaml:0\n", findings(repo.verify(false, true)));
    }

    @Test
    void plaintextKeys() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        X25519Identity id = X25519Identity.generate();
        repo.write("notes/keys.txt", "some notes\n" + id.encode() + "\n");
        repo.write("kubernetes/flux-system/sops-age.yaml", "apiVersion: v1\nkind: Secret\nmetadata:\n    name: sops-age\n"
                + "    namespace: flux-system\ndata:\n    age.agekey: " + java.util.Base64.getEncoder().encodeToString(id.encode().getBytes()) + "\n");
        Report r = repo.verify(false, true);
        assertEquals("secrets/plaintext-sops-age error kubernetes/flux-system/sops-age.yaml:7\n"
                + "secrets/plaintext-age-key error notes/keys.txt:2\n", findings(r));
        for (Finding f : r.findings()) {
            assertFalse(f.message().contains(id.encode().substring(16, 40)), f.message());
        }
        Report allowed = new Verifier(new Verifier.Options(List.of(repo.root), java.util.Optional.empty(), null, true,
                List.of("notes/", "kubernetes/flux-system/sops-age.yaml"), 1)).run();
        assertEquals("", findings(allowed));
    }

    @Test
    void withKeys() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        String other = X25519Identity.generate().recipient().toString();
        repo.write(DEMO + "other.sops.yaml", repo.encrypt("apiVersion: v1\nkind: Secret\nmetadata:\n    name: o\nstringData:\n    a: b\n",
                ExampleRepo.K8S, other));
        String demo = repo.read(DEMO + "secret.sops.yaml");
        int at = demo.indexOf("password: ENC[AES256_GCM,data:") + 30;
        repo.write(DEMO + "secret.sops.yaml", demo.substring(0, at) + (demo.charAt(at) == 'A' ? 'B' : 'A') + demo.substring(at + 1));
        String op = repo.read(ONEPASSWORD + "secret.sops.yaml");
        repo.write(ONEPASSWORD + "secret.sops.yaml", op.replaceFirst("lastmodified: \"20", "lastmodified: \"19"));
        repo.write(DEMO + "kustomization.yaml", repo.read(DEMO + "kustomization.yaml") + "  - other.sops.yaml\n");
        Report r = repo.verify(true, true);
        int sopsLine = repo.read(DEMO + "other.sops.yaml").lines().toList().indexOf("sops:") + 1;
        int macLine = repo.read(ONEPASSWORD + "secret.sops.yaml").lines().toList().indexOf(
                repo.read(ONEPASSWORD + "secret.sops.yaml").lines().filter(l -> l.startsWith("    mac: ")).findFirst().orElseThrow()) + 1;
        assertEquals("sops/cannot-decrypt error " + DEMO + "other.sops.yaml:0\n"
                + "sops/extra-recipient warning " + DEMO + "other.sops.yaml:" + sopsLine + "\n"
                + "sops/missing-recipient error " + DEMO + "other.sops.yaml:" + sopsLine + "\n"
                + "sops/value-corrupt error " + DEMO + "secret.sops.yaml:0\n"
                + "sops/mac-mismatch error " + ONEPASSWORD + "secret.sops.yaml:" + macLine + "\n", findings(r));
        assertEquals(List.of(repo.root + "/" + DEMO + "other.sops.yaml"), r.undecryptable());
        Report flux = repo.verify(true, false);
        assertTrue(findings(flux).contains("sops/mac-mismatch warning " + ONEPASSWORD), findings(flux));
    }

    @Test
    void onePasswordConnectSecret() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        String bad = repo.encrypt("apiVersion: v1\nkind: Secret\nmetadata:\n    name: onepassword-secret\nstringData:\n"
                + "    1password-credentials.json: '{\"version\": \"2\"}'\n", ExampleRepo.K8S);
        repo.write(ONEPASSWORD + "secret.sops.yaml", bad);
        Report r = repo.verify(true, true);
        assertEquals("onepassword/token error " + ONEPASSWORD + "secret.sops.yaml:5\n"
                + "onepassword/credentials error " + ONEPASSWORD + "secret.sops.yaml:6\n", findings(r));
        assertTrue(r.findings().get(1).message().contains("expects base64"), r.findings().get(1).message());
        assertEquals("", findings(repo.verify(false, true)), "without keys nothing inside is seen");
    }

    @Test
    void unreadableSopsFile() throws Exception {
        ExampleRepo repo = ExampleRepo.copy(tmp);
        repo.write(DEMO + "broken.sops.yaml", "a: [unclosed\n");
        assertEquals("io/unreadable error " + DEMO + "broken.sops.yaml:0\n", findings(repo.verify(false, true)));
    }
}
