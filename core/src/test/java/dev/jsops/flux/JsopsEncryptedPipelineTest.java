package dev.jsops.flux;

import static dev.jsops.flux.FluxKit.SECRET;
import static dev.jsops.flux.FluxKit.encrypt;
import static dev.jsops.flux.FluxKit.encryptManifest;
import static dev.jsops.flux.FluxKit.str;
import static dev.jsops.flux.FluxKit.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.YamlStore;

/** Files encrypted by jsops, through every path of the pipeline, with a real kustomize. */
class JsopsEncryptedPipelineTest {
    @TempDir
    Path tmp;

    @Test
    void everyKindOfReferenceDecrypts() throws Exception {
        Kustomize kustomize = FluxKit.kustomize();
        Path repo = tmp.resolve("repo");
        Path app = repo.resolve("apps/prod");
        write(repo.resolve("base/kustomization.yaml"), "resources:\n- secret.yaml\n- config.yaml\n- inside.yaml\n");
        write(repo.resolve("base/secret.yaml"), encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
                + "type: Opaque\nstringData:\n  password: " + SECRET + "-db\n"));
        write(repo.resolve("base/config.yaml"), encrypt("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n"
                + "data:\n  endpoint: " + SECRET + "-endpoint\n  retries: \"3\"\n", Format.YAML, Format.YAML,
                new dev.jsops.sops.EncryptionRules("", "", "", "^data$", "", "")));
        write(repo.resolve("base/inside.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: inside\ndata:\n  cert.pem: "
                + Base64.getEncoder().encodeToString(encrypt(SECRET + "-pem\n", Format.BINARY)) + "\n");
        write(app.resolve("kustomization.yaml"), "namePrefix: prod-\nnamespace: apps\nresources:\n- ../../base\n"
                + "generatorOptions:\n  disableNameSuffixHash: true\n"
                + "secretGenerator:\n- name: app\n  envs:\n  - app.env.encrypted\n  files:\n  - token=token.enc\n"
                + "- name: registry\n  type: kubernetes.io/dockerconfigjson\n  files:\n  - .dockerconfigjson=docker.json.enc\n"
                + "patches:\n- path: patch.yaml\n");
        write(app.resolve("app.env.encrypted"), encrypt("API_KEY=" + SECRET + "-api\nMODE=prod\n", Format.DOTENV));
        write(app.resolve("token.enc"), encrypt(SECRET + "-token", Format.BINARY));
        write(app.resolve("docker.json.enc"), encrypt("{\"auths\":{\"r.example.com\":{\"auth\":\"" + SECRET + "\"}}}", Format.JSON));
        // Flux's advice: keep the patched object plain and the secret in the (encrypted) patch.
        write(app.resolve("patch.yaml"), encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: app\n"
                + "stringData:\n  user: " + SECRET + "-user\n"));

        byte[] out = FluxBuild.of(FluxKit.decryptor(), app).withRoot(repo).withKustomize(kustomize).run();
        Map<String, Branch> byName = new LinkedHashMap<>();
        for (Branch b : new YamlStore().loadPlain(out).branches()) {
            byName.put(Resources.name(b), b);
            assertFalse(b.get("sops").isPresent(), Resources.name(b));
            assertEquals("apps", Resources.namespace(b));
        }
        assertEquals(SECRET + "-db", text(byName.get("prod-db"), "stringData", "password"));
        assertEquals(SECRET + "-user", text(byName.get("prod-app"), "stringData", "user"));
        assertEquals(SECRET + "-endpoint", text(byName.get("prod-settings"), "data", "endpoint"));
        assertEquals(SECRET + "-pem\n", decoded(byName.get("prod-inside"), "cert.pem"));
        assertEquals(SECRET + "-api", decoded(byName.get("prod-app"), "API_KEY"));
        assertEquals(SECRET + "-token", decoded(byName.get("prod-app"), "token"));
        assertEquals("{\n\t\"auths\": {\n\t\t\"r.example.com\": {\n\t\t\t\"auth\": \"" + SECRET + "\"\n\t\t}\n\t}\n}\n",
                decoded(byName.get("prod-registry"), ".dockerconfigjson"));
        // The user's files are still encrypted.
        assertFalse(Files.readString(app.resolve("app.env.encrypted")).contains(SECRET));

        // Patching a plaintext value into an encrypted object fails, as in Flux (the value sits under a path the
        // object's rule says is encrypted).
        write(app.resolve("patch.yaml"), encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n"
                + "stringData:\n  user: " + SECRET + "-user\n"));
        assertEquals("decryption failed for 'Secret.v1.[noGrp]/prod-db': failed to decrypt and format 'apps/prod-db' Secret data: "
                + "error decrypting sops tree: Error walking tree: Could not decrypt value: Input string <redacted> does not match "
                + "sops' data format", FluxKit.fails(() -> FluxBuild.of(FluxKit.decryptor(), app).withRoot(repo).withKustomize(kustomize).run()));
    }

    @Test
    void directoryWithoutKustomizationGetsFluxsGeneratedOne() throws Exception {
        Kustomize kustomize = FluxKit.kustomize();
        Path dir = tmp.resolve("plain-dir");
        write(dir.resolve("b-secret.yaml"), encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: b\n"
                + "stringData:\n  k: " + SECRET + "\n"));
        write(dir.resolve("a/config.yml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n");
        write(dir.resolve("sub/kustomization.yaml"), "resources:\n- cm.yaml\n");
        write(dir.resolve("sub/cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: sub\n");
        write(dir.resolve("notes.txt"), "not a manifest");
        byte[] out = FluxBuild.of(FluxKit.decryptor(), dir).withKustomize(kustomize).run();
        Map<String, Branch> byName = new LinkedHashMap<>();
        for (Branch b : new YamlStore().loadPlain(out).branches()) {
            byName.put(Resources.name(b), b);
        }
        assertEquals(java.util.Set.of("a", "b", "sub"), byName.keySet());
        assertEquals(SECRET, text(byName.get("b"), "stringData", "k"));
        assertFalse(Files.exists(dir.resolve("kustomization.yaml")));
        // Nothing to list: a placeholder keeps kustomize from refusing an empty kustomization.
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals("", str(FluxBuild.of(FluxKit.decryptor(), empty).withKustomize(kustomize).run()));
    }

    private static String text(Branch r, String... path) {
        return ((Value.Str) Resources.at(r, path)).value();
    }

    private static String decoded(Branch r, String key) {
        return str(Base64.getMimeDecoder().decode(text(r, "data", key)));
    }
}
