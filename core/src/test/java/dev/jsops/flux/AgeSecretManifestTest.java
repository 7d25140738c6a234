package dev.jsops.flux;

import static dev.jsops.flux.FluxKit.fails;
import static dev.jsops.flux.FluxKit.str;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.age.HybridIdentity;

/** The {@code sops-age} Secret as kubectl prints it. */
class AgeSecretManifestTest {
    @TempDir
    Path tmp;

    private static final String KEY_FILE = "# created: 2021-03-31T09:51:59+02:00\n# public key: " + FluxKit.ID.recipient() + "\n"
            + FluxKit.ID.encode() + "\n";

    @Test
    void layoutIsKubectls() throws Exception {
        byte[] key = KEY_FILE.getBytes(StandardCharsets.UTF_8);
        String b64 = Base64.getEncoder().encodeToString(key);
        assertEquals("apiVersion: v1\ndata:\n  age.agekey: " + b64 + "\nkind: Secret\nmetadata:\n  name: sops-age\n"
                + "  namespace: flux-system\n", str(AgeSecretManifest.render("sops-age", "flux-system", key)));
        assertEquals("apiVersion: v1\ndata:\n  age.agekey: " + b64 + "\nkind: Secret\nmetadata:\n  creationTimestamp: null\n"
                + "  name: \"123\"\n  namespace: \"true\"\n", str(AgeSecretManifest.render("123", "true", key, true)));
        // What the manifest holds is what Flux imports.
        Secret s = Secret.fromManifest(AgeSecretManifest.render("sops-age", "flux-system", key));
        assertEquals(1, DecryptionKeys.fromSecret(s).ageIdentityCount());
        String pq = HybridIdentity.generate().encode() + "\n";
        assertEquals(1, DecryptionKeys.fromSecret(Secret.fromManifest(AgeSecretManifest.render("a", "b", pq.getBytes(StandardCharsets.UTF_8))))
                .ageIdentityCount());
    }

    @Test
    void scalarsAreQuotedWhereGoYamlV2WouldQuoteThem() {
        for (String s : List.of("123", "0x1f", "1e5", "1.5", "yes", "no", "on", "off", "y", "n", "true", "false", "null", "0o17", "0b1")) {
            assertEquals("\"" + s + "\"", AgeSecretManifest.scalar(s), s);
        }
        for (String s : List.of("sops-age", "flux-system", "a.b", "1e", "x123", "QUdFLVNF+/==")) {
            assertEquals(s, AgeSecretManifest.scalar(s), s);
        }
    }

    @Test
    void refusesWhatFluxCouldNotUseWithoutEchoingTheFile() {
        assertEquals("the key file holds no age identity", fails(() -> AgeSecretManifest.render("a", "b", "# nothing\n".getBytes(StandardCharsets.UTF_8))));
        String bad = "AGE-SECRET-KEY-1" + FluxKit.SECRET.toUpperCase();
        String m = fails(() -> AgeSecretManifest.render("a", "b", bad.getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, m.startsWith("the key file cannot be imported by Flux: failed to parse and add to age identities: malformed secret key"), m);
        assertEquals("the key file cannot be imported by Flux: failed to parse and add to age identities: unknown identity type",
                fails(() -> AgeSecretManifest.render("a", "b", (" " + FluxKit.ID.encode()).getBytes(StandardCharsets.UTF_8))));
        assertEquals("invalid Secret name \"Sops_Age\": it must be a lower-case DNS subdomain",
                fails(() -> AgeSecretManifest.render("Sops_Age", "b", KEY_FILE.getBytes(StandardCharsets.UTF_8))));
        assertEquals("invalid namespace \"a.b\": it must be a lower-case DNS label",
                fails(() -> AgeSecretManifest.render("a", "a.b", KEY_FILE.getBytes(StandardCharsets.UTF_8))));
    }

    /** Byte-for-byte against an installed kubectl (any version: the timestamp line follows its version). */
    @Test
    void sameBytesAsInstalledKubectl() throws Exception {
        Path kubectl = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(d -> !d.isEmpty()).map(d -> Path.of(d, "kubectl")).filter(Files::isExecutable).findFirst().orElse(null);
        Assumptions.assumeTrue(kubectl != null, "skipped: kubectl absent");
        Path key = tmp.resolve("age.agekey");
        Files.writeString(key, KEY_FILE);
        for (String[] names : List.of(new String[] {"sops-age", "flux-system"}, new String[] {"123", "true"})) {
            Process p = new ProcessBuilder(kubectl.toString(), "create", "secret", "generic", names[0], "--namespace=" + names[1],
                    "--from-file=age.agekey=" + key, "--dry-run=client", "-o", "yaml").redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            Assumptions.assumeTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, "skipped: kubectl failed: " + str(out));
            boolean legacy = str(out).contains("creationTimestamp: null");
            assertEquals(str(out), str(AgeSecretManifest.render(names[0], names[1], KEY_FILE.getBytes(StandardCharsets.UTF_8), legacy)));
        }
    }
}
