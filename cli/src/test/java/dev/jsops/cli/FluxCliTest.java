package dev.jsops.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.age.X25519Identity;

/** {@code jsops flux …} as processes: nested commands, help, files, exit codes, cleanup of plaintext. */
class FluxCliTest {
    private static final String SECRET = "s3cr3t";

    @TempDir
    Path dir;
    private Path tmpdir;
    private String recipient;
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        X25519Identity id = X25519Identity.generate();
        recipient = id.recipient().toString();
        Files.writeString(dir.resolve("key.txt"), "# created: 2026-01-01T00:00:00Z\n# public key: " + recipient + "\n" + id.encode() + "\n");
        Path home = Files.createDirectories(dir.resolve("home"));
        tmpdir = Files.createDirectories(dir.resolve("tmp"));
        env = new HashMap<>(Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", home.resolve(".config").toString(),
                "JAVA_TOOL_OPTIONS", "-Djava.io.tmpdir=" + tmpdir));
        kustomizeDir().ifPresent(k -> env.put("PATH", k + java.io.File.pathSeparator + "/usr/bin:/bin"));
    }

    private Jsops.Result run(String... args) throws Exception {
        return run(null, args);
    }

    private Jsops.Result run(byte[] stdin, String... args) throws Exception {
        Jsops.Result r = Jsops.run(dir, stdin, env, args);
        String err = stderr(r);
        assertFalse(err.contains("\tat "), "stack trace: " + err);
        assertFalse(err.contains(SECRET) || err.contains("ENC[") || err.contains("AGE-SECRET-KEY"), "secret in: " + err);
        return r;
    }

    /** Standard error without the JVM's note about JAVA_TOOL_OPTIONS. */
    private static String stderr(Jsops.Result r) {
        return r.stderr().lines().filter(l -> !l.startsWith("Picked up JAVA_TOOL_OPTIONS")).reduce("", (a, b) -> a + b + "\n");
    }

    private static Optional<Path> kustomizeDir() {
        List<Path> candidates = new ArrayList<>();
        Path home = Path.of(System.getProperty("user.home"));
        String peers = System.getenv("JSOPS_PEERS");
        candidates.add((peers != null && !peers.isEmpty() ? Path.of(peers) : home.resolve(".cache/jsops-peers")).resolve("bin"));
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!d.isEmpty()) {
                candidates.add(Path.of(d));
            }
        }
        candidates.add(home.resolve("go/bin"));
        return candidates.stream().filter(d -> Files.isExecutable(d.resolve("kustomize"))).findFirst();
    }

    private void requireKustomize() {
        if (kustomizeDir().isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("kustomize is required on CI");
            }
            Assumptions.abort("skipped: kustomize absent");
        }
    }

    private void encrypt(String plain, String name, String... flags) throws Exception {
        Files.writeString(dir.resolve("plain-" + name), plain);
        List<String> args = new ArrayList<>(List.of("encrypt", "--age", recipient));
        args.addAll(List.of(flags));
        args.add("plain-" + name);
        Jsops.Result r = run(args.toArray(new String[0]));
        assertEquals(0, r.exit(), r.stderr());
        Path target = dir.resolve("app").resolve(name);
        Files.createDirectories(target.getParent());
        Files.write(target, r.stdout());
        Files.delete(dir.resolve("plain-" + name));
    }

    private void assertNoWorkingCopyLeft() throws Exception {
        try (Stream<Path> s = Files.list(tmpdir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("jsops-flux-")).toList());
        }
    }

    @Test
    void helpAndCompletionShowTheNestedCommands() throws Exception {
        Jsops.Result root = run("--help");
        assertTrue(root.out().contains("flux"), root.out());
        Jsops.Result flux = run("flux", "--help");
        assertEquals(0, flux.exit());
        assertTrue(flux.out().startsWith("Usage: jsops flux [-h] [COMMAND]"), flux.out());
        assertTrue(flux.out().contains("age-secret"), flux.out());
        Jsops.Result decrypt = run("flux", "decrypt", "--help");
        assertTrue(decrypt.out().startsWith("Usage: jsops flux decrypt"), decrypt.out());
        assertTrue(decrypt.out().contains("--age-secret"), decrypt.out());
        assertTrue(run("flux", "build", "-h").out().startsWith("Usage: jsops flux build"));
        Jsops.Result none = run("flux");
        assertEquals(2, none.exit());
        assertTrue(stderr(none).startsWith("Usage: jsops flux"), stderr(none));
        Jsops.Result unknown = run("flux", "apply");
        assertEquals(2, unknown.exit());
        assertEquals("jsops flux: error: unknown command \"apply\" (see jsops flux --help)\n", stderr(unknown));
        Jsops.Result badFlag = run("flux", "build", "--nope", ".");
        assertEquals(2, badFlag.exit());
        assertEquals("jsops flux build: error: flag provided but not defined: --nope (see jsops flux build --help)\n", stderr(badFlag));
        assertEquals(2, run("flux", "decrypt", "--mac", "never").exit());
        String completion = run("completion").out();
        assertTrue(completion.contains("age-secret") && completion.contains("--age-key-file"), "completion lacks flux");
    }

    @Test
    void ageSecretIsKubectlsManifestWrittenOwnerOnly() throws Exception {
        byte[] key = Files.readAllBytes(dir.resolve("key.txt"));
        Jsops.Result r = run("flux", "age-secret", "--key-file", "key.txt", "-o", "secret.yaml");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("apiVersion: v1\ndata:\n  age.agekey: " + Base64.getEncoder().encodeToString(key) + "\nkind: Secret\n"
                + "metadata:\n  name: sops-age\n  namespace: flux-system\n", Files.readString(dir.resolve("secret.yaml")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secret.yaml"))));
        Jsops.Result custom = run("flux", "age-secret", "--key-file", "key.txt", "--name", "keys", "--namespace", "apps",
                "--creation-timestamp-null");
        assertTrue(custom.out().endsWith("metadata:\n  creationTimestamp: null\n  name: keys\n  namespace: apps\n"), custom.out());

        Files.writeString(dir.resolve("bad.txt"), "AGE-SECRET-KEY-1" + SECRET.toUpperCase() + "\n");
        Jsops.Result bad = run("flux", "age-secret", "--key-file", "bad.txt");
        assertEquals(1, bad.exit());
        assertTrue(stderr(bad).startsWith("jsops flux age-secret: error: bad.txt: the key file cannot be imported by Flux: "
                + "failed to parse and add to age identities: malformed secret key"), stderr(bad));
        assertEquals(1, stderr(bad).lines().count());
        assertEquals(2, run("flux", "age-secret").exit());
    }

    @Test
    void buildDecryptsFilesEncryptedByJsopsAndLeavesNothingBehind() throws Exception {
        requireKustomize();
        encrypt("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: " + SECRET + "-db\n", "secret.yaml",
                "--encrypted-regex", "^(data|stringData)$");
        encrypt("API_KEY=" + SECRET + "-api\n", "app.env");
        Files.writeString(dir.resolve("app/kustomization.yaml"), "namespace: apps\nresources:\n- secret.yaml\n"
                + "generatorOptions:\n  disableNameSuffixHash: true\nsecretGenerator:\n- name: app\n  envs:\n  - app.env\n");
        assertEquals(0, run("flux", "age-secret", "--key-file", "key.txt", "-o", "sops-age.yaml").exit());
        byte[] before = Files.readAllBytes(dir.resolve("app/app.env"));

        Jsops.Result r = run("flux", "build", "app", "--age-secret", "sops-age.yaml");
        assertEquals(0, r.exit(), r.stderr());
        String out = r.out();
        assertTrue(out.contains("API_KEY: " + Base64.getEncoder().encodeToString((SECRET + "-api").getBytes(StandardCharsets.UTF_8))), out);
        assertTrue(out.contains("password: " + SECRET + "-db"), out);
        assertTrue(out.contains("\n---\n"), out);
        assertEquals(new String(before, StandardCharsets.UTF_8), Files.readString(dir.resolve("app/app.env")));
        assertNoWorkingCopyLeft();

        // The same with the key file, and written to a file (0600).
        Jsops.Result toFile = run("flux", "build", "app", "--age-key-file", "key.txt", "-o", "out.yaml");
        assertEquals(0, toFile.exit(), toFile.stderr());
        assertEquals(out, Files.readString(dir.resolve("out.yaml")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("out.yaml"))));

        // Without keys on the command line, sops's discovery (Flux's fallback): none here, then SOPS_AGE_KEY_FILE.
        Jsops.Result noKey = run("flux", "build", "app");
        assertEquals(1, noKey.exit());
        assertTrue(stderr(noKey).startsWith("jsops flux build: error: error decrypting sources: cannot get sops data key: "
                + "Failed to get the data key required to decrypt the SOPS file."), stderr(noKey));
        env.put("SOPS_AGE_KEY_FILE", dir.resolve("key.txt").toString());
        assertEquals(out, run("flux", "build", "app").out());
        assertNoWorkingCopyLeft();

        // A failing build removes its copy too.
        Files.delete(dir.resolve("app/app.env"));
        Jsops.Result missing = run("flux", "build", "app");
        assertEquals(1, missing.exit());
        assertEquals("jsops flux build: error: error decrypting sources: lstat app.env: no such file or directory\n", stderr(missing));
        assertNoWorkingCopyLeft();
    }

    @Test
    void rootOptionConfinesToAnEnclosingDirectory() throws Exception {
        requireKustomize();
        encrypt("SHARED=" + SECRET + "\n", "shared.env");
        Files.createDirectories(dir.resolve("app/overlay"));
        Files.move(dir.resolve("app/shared.env"), dir.resolve("shared.env"));
        Files.writeString(dir.resolve("app/overlay/kustomization.yaml"), "generatorOptions:\n  disableNameSuffixHash: true\n"
                + "secretGenerator:\n- name: s\n  envs:\n  - ../../shared.env\n");
        env.put("SOPS_AGE_KEY_FILE", dir.resolve("key.txt").toString());
        // Rooted at the build directory, the reference is clamped into it and misses.
        Jsops.Result clamped = run("flux", "build", "app/overlay");
        assertEquals("jsops flux build: error: error decrypting sources: lstat shared.env: no such file or directory\n", stderr(clamped));
        Jsops.Result rooted = run("flux", "build", "app/overlay", "--root", ".");
        assertEquals(0, rooted.exit(), rooted.stderr());
        assertNoWorkingCopyLeft();
        assertTrue(rooted.out().contains("SHARED: " + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8))));
        Jsops.Result outside = run("flux", "build", "app/overlay", "--root", "app/other");
        assertEquals(1, outside.exit());
    }

    @Test
    void missingKustomizeIsAClearError() throws Exception {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("app/kustomization.yaml"), "resources: []\n");
        env.put("PATH", dir.resolve("home").toString());
        Jsops.Result r = run("flux", "build", "app");
        assertEquals(1, r.exit());
        assertEquals("jsops flux build: error: neither kustomize nor kubectl was found in PATH; install kustomize "
                + "(https://kubectl.docs.kubernetes.io/installation/kustomize/) or kubectl\n", stderr(r));
        assertEquals("jsops flux build: error: nope: no such file or directory\n", stderr(run("flux", "build", "nope")));
    }

    @Test
    void decryptReadsBuiltYamlOnStandardInput() throws Exception {
        encrypt("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: " + SECRET + "\n", "cm.yaml",
                "--encrypted-regex", "^data$");
        String built = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n---\n" + Files.readString(dir.resolve("app/cm.yaml"));
        Jsops.Result r = run(built.getBytes(StandardCharsets.UTF_8), "flux", "decrypt", "--age-key-file", "key.txt");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: apps\n---\napiVersion: v1\ndata:\n  k: " + SECRET
                + "\nkind: ConfigMap\nmetadata:\n  name: c\n", r.out());
        Jsops.Result sops = run(built.getBytes(StandardCharsets.UTF_8), "flux", "decrypt", "--age-key-file", "key.txt", "--mac", "sops");
        assertEquals(0, sops.exit(), sops.stderr());
        String tampered = built.replace("name: c\n", "name: prod-c\n");
        Jsops.Result mac = run(tampered.getBytes(StandardCharsets.UTF_8), "flux", "decrypt", "--age-key-file", "key.txt", "--mac", "sops");
        assertEquals(1, mac.exit());
        assertTrue(stderr(mac).startsWith("jsops flux decrypt: error: decryption failed for 'ConfigMap.v1.[noGrp]/prod-c': "
                + "failed to decrypt and format '/prod-c' ConfigMap data: failed to verify sops data integrity: MAC mismatch."), stderr(mac));
        assertEquals(2, run("flux", "decrypt", "--age-key-file", "key.txt", "--age-secret", "x.yaml").exit());
    }

    @Test
    void interruptedBuildRemovesItsPlaintext() throws Exception {
        encrypt("A=" + SECRET + "\n", "a.env");
        Files.writeString(dir.resolve("app/kustomization.yaml"), "secretGenerator:\n- name: s\n  envs:\n  - a.env\n");
        // A kustomize that hangs, so the build is stopped while the decrypted copy exists.
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path fake = bin.resolve("kustomize");
        Files.writeString(fake, "#!/bin/sh\ntouch \"" + dir.resolve("started") + "\"\nexec sleep 60\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwx------"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.jsops.cli.Main", "flux", "build", "app", "--age-key-file", "key.txt"));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().putAll(env);
        pb.environment().put("PATH", bin + java.io.File.pathSeparator + "/usr/bin:/bin");
        Process p = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(dir.resolve("started")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(dir.resolve("started")), Files.readString(dir.resolve("log.txt")));
        try (Stream<Path> s = Files.list(tmpdir)) {
            Path copy = s.filter(x -> x.getFileName().toString().startsWith("jsops-flux-")).findFirst().orElseThrow();
            assertEquals("A=" + SECRET + "\n", Files.readString(copy.resolve("a.env")));
        }
        p.destroy();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertNoWorkingCopyLeft();
    }
}
