package dev.jsops.flux;

import static dev.jsops.flux.FluxKit.SECRET;
import static dev.jsops.flux.FluxKit.encrypt;
import static dev.jsops.flux.FluxKit.fails;
import static dev.jsops.flux.FluxKit.str;
import static dev.jsops.flux.FluxKit.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.store.Format;

/** §4: which files Flux decrypts before the build, where, in which format, and its failures. */
class SourceDecryptionTest {
    @TempDir
    Path tmp;

    private List<String> decrypt(Path root, Path buildDir) throws Exception {
        return decrypt(FluxKit.decryptor(), root, buildDir, null);
    }

    /** Decrypts in a working copy; {@code inspect} sees the copy before it is removed. */
    private List<String> decrypt(FluxDecryptor d, Path root, Path buildDir, java.util.function.Consumer<Path> inspect) throws Exception {
        try (WorkingCopy copy = WorkingCopy.of(root)) {
            List<String> done = d.decryptSources(copy, copy.map(buildDir));
            if (inspect != null) {
                inspect.accept(copy.root());
            }
            return done;
        }
    }

    private static Map<Path, byte[]> snapshot(Path root) throws Exception {
        Map<Path, byte[]> m = new HashMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(root.relativize(p), Files.readAllBytes(p));
            }
        }
        return m;
    }

    @Test
    void generatorAndPatchFilesAreDecryptedInTheCopyOnly() throws Exception {
        Path root = tmp.resolve("repo");
        write(root.resolve("kustomization.yaml"), "resources:\n- apps\n- https://example.com/remote.yaml\n- plain.yaml\n"
                + "components:\n- ./component\n");
        write(root.resolve("plain.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: p\n");
        write(root.resolve("apps/kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - config.env.encrypted\n"
                + "  files:\n  - config.json=config.json.encrypted\n  - token=token.encrypted\n  - secret.yaml\n"
                + "  - raw=yaml-in-binary.enc\n"
                + "patches:\n- path: patch.yaml\n- path: https://example.com/patch.yaml\n- patch: |-\n    inline\n");
        write(root.resolve("apps/config.env.encrypted"), encrypt("A=" + SECRET + "-env\n", Format.DOTENV));
        write(root.resolve("apps/config.json.encrypted"), encrypt("{\"a\": \"" + SECRET + "-json\"}", Format.JSON));
        write(root.resolve("apps/token.encrypted"), encrypt(SECRET + "-token", Format.BINARY));
        write(root.resolve("apps/secret.yaml"), encrypt("# kept comment\nb: " + SECRET + "-yaml\n", Format.YAML));
        byte[] yamlInBinary = encrypt("c: " + SECRET + "\n", Format.YAML);
        write(root.resolve("apps/yaml-in-binary.enc"), yamlInBinary);
        write(root.resolve("apps/patch.yaml"), FluxKit.encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n"
                + "stringData:\n  p: " + SECRET + "-patch\n"));
        write(root.resolve("component/kustomization.yaml"), "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n"
                + "secretGenerator:\n- name: c\n  envs:\n  - c.env\n");
        write(root.resolve("component/c.env"), encrypt("C=" + SECRET + "-component\n", Format.DOTENV));
        Map<Path, byte[]> before = snapshot(root);

        List<String> done = decrypt(FluxKit.decryptor(), root, root, copy -> {
            try {
                assertEquals("A=" + SECRET + "-env\n", Files.readString(copy.resolve("apps/config.env.encrypted")));
                assertEquals("{\n\t\"a\": \"" + SECRET + "-json\"\n}\n", Files.readString(copy.resolve("apps/config.json.encrypted")));
                assertEquals(SECRET + "-token", Files.readString(copy.resolve("apps/token.encrypted")));
                assertEquals("# kept comment\nb: " + SECRET + "-yaml\n", Files.readString(copy.resolve("apps/secret.yaml")));
                // Encrypted as YAML but referenced with an extension-less key: binary has no marker here, left as is.
                assertArrayEquals(yamlInBinary, Files.readAllBytes(copy.resolve("apps/yaml-in-binary.enc")));
                assertTrue(Files.readString(copy.resolve("apps/patch.yaml")).contains("p: " + SECRET + "-patch"));
                assertFalse(Files.readString(copy.resolve("apps/patch.yaml")).contains("sops:"));
                assertEquals("C=" + SECRET + "-component\n", Files.readString(copy.resolve("component/c.env")));
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.resolve("apps/token.encrypted"))));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy.resolve("apps"))));
                assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(List.of("apps/config.json.encrypted", "apps/token.encrypted", "apps/secret.yaml", "apps/config.env.encrypted",
                "apps/patch.yaml", "component/c.env"), done);
        Map<Path, byte[]> after = snapshot(root);
        assertEquals(before.keySet(), after.keySet());
        before.forEach((p, b) -> assertArrayEquals(b, after.get(p), p.toString()));
    }

    @Test
    void eachFileOnceTheFirstReferenceDecidingItsFormat() throws Exception {
        Path root = tmp.resolve("once");
        byte[] env = encrypt("A=" + SECRET + "\n", Format.DOTENV);
        // First as a file with an extension-less key (binary: no marker in a dotenv file), then as an env file.
        write(root.resolve("kustomization.yaml"), "secretGenerator:\n- name: a\n  files:\n  - key=shared\n- name: b\n  envs:\n  - shared\n");
        write(root.resolve("shared"), env);
        assertEquals(List.of(), decrypt(root, root));
        write(root.resolve("kustomization.yaml"), "secretGenerator:\n- name: b\n  envs:\n  - shared\n- name: a\n  files:\n  - key=shared\n");
        assertEquals(List.of("shared"), decrypt(root, root));
    }

    @Test
    void fieldNamesMatchCaseInsensitivelyAsGoJsonDoes() throws Exception {
        Path root = tmp.resolve("case");
        write(root.resolve("kustomization.yaml"), "SecretGenerator:\n- name: a\n  ENVS:\n  - a.env\n");
        write(root.resolve("a.env"), encrypt("A=" + SECRET + "\n", Format.DOTENV));
        assertEquals(List.of("a.env"), decrypt(root, root));
    }

    @Test
    void missingAndIrregularFilesFail() throws Exception {
        Path root = tmp.resolve("missing");
        write(root.resolve("kustomization.yaml"), "resources:\n- envs\n");
        write(root.resolve("envs/kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - env.env\n");
        assertEquals("error decrypting sources: lstat envs/env.env: no such file or directory", fails(() -> decrypt(root, root)));

        Files.createDirectories(root.resolve("envs/env.env"));
        assertEquals("error decrypting sources: cannot decrypt irregular file as it has file mode type bits set",
                fails(() -> decrypt(root, root)));

        Path link = tmp.resolve("link");
        write(link.resolve("kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - link\n");
        Files.createSymbolicLink(link.resolve("link"), Path.of("../"));
        assertEquals("error decrypting sources: cannot decrypt irregular file as it has file mode type bits set",
                fails(() -> decrypt(link, link)));
    }

    @Test
    void filesOverTheLimitFail() throws Exception {
        Path root = tmp.resolve("big");
        byte[] env = encrypt("app=key\n", Format.DOTENV);
        write(root.resolve("kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - app.env\n");
        write(root.resolve("app.env"), env);
        assertEquals("error decrypting sources: cannot decrypt file with size (" + env.length + " bytes) exceeding limit (5)",
                fails(() -> decrypt(FluxKit.decryptor().withMaxFileSize(5), root, root, null)));
        assertEquals(5L << 20, FluxDecryptor.MAX_FILE_SIZE);
    }

    @Test
    void symlinksAreFollowedInsideTheRootAndClampedAtIt() throws Exception {
        Path repo = tmp.resolve("sym");
        write(repo.resolve("otherdir/data.env"), encrypt("key=" + SECRET + "\n", Format.DOTENV));
        write(repo.resolve("subdir/kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - symlink\n");
        Files.createSymbolicLink(repo.resolve("subdir/symlink"), Path.of("../otherdir/data.env"));
        // Rooted at the repository, the link stays inside: followed.
        assertEquals(List.of("otherdir/data.env"), decrypt(repo, repo.resolve("subdir")));
        // Rooted at subdir, the same link leaves the root: resolved inside it instead, where nothing is.
        assertEquals("error decrypting sources: lstat otherdir/data.env: no such file or directory",
                fails(() -> decrypt(repo.resolve("subdir"), repo.resolve("subdir"))));
        // A plain reference above the root is clamped too.
        write(repo.resolve("subdir/kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - ../otherdir/data.env\n");
        assertEquals("error decrypting sources: lstat otherdir/data.env: no such file or directory",
                fails(() -> decrypt(repo.resolve("subdir"), repo.resolve("subdir"))));
        write(repo.resolve("subdir/kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - ../data.env\n");
        assertEquals("error decrypting sources: lstat data.env: no such file or directory",
                fails(() -> decrypt(repo.resolve("subdir"), repo.resolve("subdir"))));
    }

    @Test
    void kustomizationFilesAreLoadedAsFluxLoadsThem() throws Exception {
        Path root = tmp.resolve("k");
        write(root.resolve("kustomization.yaml"), "resources:\n- sub\n");
        Files.createDirectories(root.resolve("sub"));
        write(root.resolve("sub/deployment.yaml"), "kind: Deployment\n");
        // A directory resource without a kustomization is fatal, even nested.
        assertEquals("error decrypting sources: no kustomization file found", fails(() -> decrypt(root, root)));
        write(root.resolve("sub/kustomization.yml"), "resources: []\n");
        write(root.resolve("sub/Kustomization"), "resources: []\n");
        assertEquals("error decrypting sources: found multiple kustomization files", fails(() -> decrypt(root, root)));
        Files.delete(root.resolve("sub/kustomization.yml"));
        Files.delete(root.resolve("sub/Kustomization"));
        Files.createDirectories(root.resolve("sub/kustomization.yaml"));
        assertEquals("error decrypting sources: expected kustomization.yaml to be a regular file", fails(() -> decrypt(root, root)));
        Files.delete(root.resolve("sub/kustomization.yaml"));
        write(root.resolve("sub/kustomization.yaml"), "resources: deployment.yaml\n");
        String m = fails(() -> decrypt(root, root));
        assertTrue(m.matches("error decrypting sources: failed to unmarshal kustomization file from '/.*/sub/kustomization.yaml': "
                + "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal string into Go struct field "
                + "Kustomization.resources of type \\[\\]string"), m);
        write(root.resolve("sub/kustomization.yaml"), "resources: [\n");
        assertTrue(fails(() -> decrypt(root, root)).contains("sub/kustomization.yaml': error converting YAML to JSON: yaml: "));
        // A resource that is a file, or a URL, is not walked.
        write(root.resolve("sub/kustomization.yaml"), "resources:\n- deployment.yaml\n- github.com/org/repo//base?ref=v1\n");
        assertEquals(List.of(), decrypt(root, root));
        // A missing build directory is an error at the top.
        String missing = fails(() -> {
            try (WorkingCopy copy = WorkingCopy.of(root)) {
                FluxKit.decryptor().decryptSources(copy, copy.root().resolve("nope"));
            }
        });
        assertEquals("error decrypting sources: lstat nope: no such file or directory", missing);
    }

    @Test
    void decryptionFailuresCarryFluxsWrapping() throws Exception {
        Path root = tmp.resolve("wrongkey");
        write(root.resolve("kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - a.env\n");
        write(root.resolve("a.env"), encrypt("A=" + SECRET + "\n", Format.DOTENV));
        FluxDecryptor other = FluxDecryptor.of(DecryptionKeys.ofIdentities(List.of(dev.jsops.age.X25519Identity.generate())));
        String m = fails(() -> decrypt(other, root, root, null));
        assertTrue(m.startsWith("error decrypting sources: cannot get sops data key: Failed to get the data key"), m);
        // A YAML file whose values do not decrypt (marker present, value tampered with).
        write(root.resolve("kustomization.yaml"), "patches:\n- path: p.yaml\n");
        String yaml = str(encrypt("a: " + SECRET + "\n", Format.YAML, Format.YAML, EncryptionRules.DEFAULT));
        write(root.resolve("p.yaml"), yaml.replaceFirst("a: ENC\\[AES256_GCM,data:[^,]*,", "a: ENC[AES256_GCM,data:AAAA,"));
        assertEquals("error decrypting sources: error decrypting sops tree: Error walking tree: Could not decrypt value: "
                + "Could not decrypt with AES_GCM: cipher: message authentication failed", fails(() -> decrypt(root, root)));
    }

    @Test
    void workingCopyIsRemovedOnClose() throws Exception {
        Path root = tmp.resolve("wc");
        write(root.resolve("a/b.txt"), "x");
        write(root.resolve(".git/config"), "not copied");
        Files.createSymbolicLink(root.resolve("a/link"), Path.of("b.txt"));
        Path copied;
        try (WorkingCopy copy = WorkingCopy.of(root)) {
            copied = copy.root();
            assertTrue(copied.getFileName().toString().startsWith("jsops-flux-"));
            assertEquals(Path.of(System.getProperty("java.io.tmpdir")).toRealPath(), copied.getParent());
            assertTrue(Files.isSymbolicLink(copied.resolve("a/link")));
            assertFalse(Files.exists(copied.resolve(".git")));
            assertEquals(copied.resolve("a"), copy.map(root.resolve("a")));
        }
        assertFalse(Files.exists(copied));
    }
}
