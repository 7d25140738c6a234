package dev.jsops.flux;

import static dev.jsops.flux.FluxKit.SECRET;
import static dev.jsops.flux.FluxKit.encrypt;
import static dev.jsops.flux.FluxKit.fails;
import static dev.jsops.flux.FluxKit.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.sops.store.Format;

/**
 * No error of the suite carries a plaintext, a ciphertext or key material: each one is checked as it is made
 * ({@link FluxKit#fails}), and this class re-reads them all after adding the failures only a build can produce,
 * including kustomize's own output, which jsops redacts.
 */
class ValueLeakTest {
    @TempDir
    Path tmp;

    @Test
    void kustomizeOutputIsRedacted() throws Exception {
        Path repo = tmp.resolve("repo");
        write(repo.resolve("kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - a.env\n");
        write(repo.resolve("a.env"), encrypt("A=" + SECRET + "-leaky\n", Format.DOTENV));
        // A stand-in kustomize that quotes what it read, as a real one might in an error.
        Path fake = tmp.resolve("kustomize");
        Files.writeString(fake, "#!/bin/sh\necho \"Error: cannot use line A=$(sed -n 's/^A=//p' \"$4/a.env\") near "
                + "ENC[AES256_GCM,data:abc,iv:def,tag:ghi,type:str]\" >&2\nexit 1\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        String m = fails(() -> FluxBuild.of(FluxKit.decryptor(), repo).withKustomize(Kustomize.at(fake)).run());
        assertEquals("kustomize build failed: cannot use line A=<redacted> near <redacted>", m);
        // The working copy is gone although the build failed.
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("jsops-flux-") && containsSecret(p)));
        }
    }

    private static boolean containsSecret(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).anyMatch(f -> {
                try {
                    return Files.readString(f).contains(SECRET + "-leaky");
                } catch (Exception e) {
                    return false;
                }
            });
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void missingKustomizeIsAClearError() {
        assertEquals("neither kustomize nor kubectl was found in PATH; install kustomize "
                + "(https://kubectl.docs.kubernetes.io/installation/kustomize/) or kubectl",
                fails(() -> Kustomize.fromPath(Map.of("PATH", tmp.toString()))));
    }

    @Test
    void everyErrorOfTheSuiteIsFreeOfSecrets() {
        // Failures of §5 that need no kustomize, so this class always contributes some.
        String encrypted = FluxKit.str(FluxKit.encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                + "stringData:\n  key: " + SECRET + "\n"));
        fails(() -> FluxKit.decryptor().decryptResources(encrypted.replace("stringData:\n", "stringData:\n    x: " + SECRET + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        fails(() -> FluxDecryptor.of(DecryptionKeys.none()).decryptResources(encrypted.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        List<String> all = List.copyOf(FluxKit.ERRORS);
        assertTrue(all.size() >= 2);
        for (String m : all) {
            assertFalse(m.contains(SECRET), m);
            assertFalse(m.contains("ENC["), m);
            assertFalse(m.contains("AGE-SECRET-KEY"), m);
        }
    }
}
