package dev.jsops.testvectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.age.X25519Identity;
import dev.jsops.flux.DecryptionKeys;
import dev.jsops.flux.FluxBuild;
import dev.jsops.flux.FluxDecryptor;
import dev.jsops.flux.Kustomize;
import dev.jsops.flux.Secret;
import dev.jsops.sops.Branch;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.YamlStore;

/**
 * Files encrypted by upstream sops through jsops's Flux pipeline: the cross-tested vector corpus
 * ({@code testvectors/vectors}, when present) decrypted as Flux decrypts files and Secret data values and built with
 * kustomize, and files the pinned sops encrypts at test time built as a Flux Kustomization. The builds need the
 * pinned peers (kustomize, sops) and run with {@code -Pinterop}; without the corpus its tests are skipped.
 */
class FluxInteropTest {
    /** Vector cases whose keys Flux can import ({@code .agekey}: X25519 and PQ; not SSH) and default stores. */
    private static final List<String> CASES = List.of("yaml-basic", "json-basic", "dotenv-basic", "ini-basic", "binary-basic",
            "binary-text", "binary-empty", "yaml-scalars", "json-scalars", "dotenv-scalars", "yaml-multidoc",
            "yaml-rule-encrypted-regex", "json-rule-encrypted-regex", "dotenv-rule-encrypted-regex", "yaml-age-pq", "json-age-pq",
            "yaml-recipients-x25519", "yaml-shamir-2of3", "json-key-groups-2", "binary-shamir-2of3", "yaml-mac-only-encrypted",
            "k8s-secret-data", "k8s-onepassword-secret");

    @TempDir
    Path tmp;

    /** {@code testvectors/}, located as the other corpus suites locate it. */
    private static Path requireCorpus() {
        return Vectors.repoRoot().resolve("testvectors");
    }

    /** All age keys of the corpus, as the entries of one Flux decryption Secret. */
    private static DecryptionKeys corpusKeys() throws Exception {
        Map<String, byte[]> data = new TreeMap<>();
        for (String k : List.of("age-x25519-a.txt", "age-x25519-b.txt", "age-x25519-c.txt", "age-pq.txt")) {
            data.put(k.replace(".txt", ".agekey"), Files.readAllBytes(Vectors.keysDir().resolve(k)));
        }
        return DecryptionKeys.fromSecret(Secret.of("flux-system", "sops-vectors", data));
    }

    private record Vector(String id, Path encrypted, Path decrypted, Format format) {
        String ext() {
            String n = encrypted.getFileName().toString();
            return n.substring(n.lastIndexOf('.'));
        }
    }

    private static List<Vector> vectors(Path testvectors) throws Exception {
        List<Vector> out = new ArrayList<>();
        try (Stream<Path> releases = Files.list(testvectors.resolve("vectors"))) {
            for (Path release : releases.filter(Files::isDirectory).sorted().toList()) {
                for (String c : CASES) {
                    Path dir = release.resolve(c);
                    if (!Files.isDirectory(dir)) {
                        continue;
                    }
                    try (Stream<Path> files = Files.list(dir)) {
                        Path enc = files.filter(f -> f.getFileName().toString().startsWith("encrypted.")).findFirst().orElse(null);
                        if (enc == null) {
                            continue;
                        }
                        String ext = enc.getFileName().toString().substring("encrypted".length());
                        // Flux links sops 3.13.2: where that release renders a file differently, its rendering counts.
                        Path dec = dir.resolve("decrypted.by-3.13.2" + ext);
                        if (!Files.isRegularFile(dec)) {
                            dec = dir.resolve("decrypted" + ext);
                        }
                        if (Files.isRegularFile(dec)) {
                            out.add(new Vector(release.getFileName() + "/" + c, enc, dec, Format.fromPath(enc.toString())));
                        }
                    }
                }
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> vectorsDecryptAsFluxDecryptsFilesAndSecretValues() throws Exception {
        Path testvectors = requireCorpus();
        FluxDecryptor flux = FluxDecryptor.of(corpusKeys());
        return vectors(testvectors).stream().map(v -> DynamicTest.dynamicTest(v.id(), () -> {
            byte[] encrypted = Files.readAllBytes(v.encrypted());
            byte[] expected = Files.readAllBytes(v.decrypted());
            // A file referenced by a generator or patch: input format = output format, MAC not checked.
            assertArrayEquals(expected, flux.decrypt(encrypted, v.format(), v.format()));
            // The same file as a Secret data value, under a key naming its format (binary: no extension).
            String key = v.format() == Format.BINARY ? "file" : "file" + v.ext();
            String built = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\ndata:\n  " + key + ": "
                    + Base64.getEncoder().encodeToString(encrypted) + "\n";
            Branch out = new YamlStore().loadPlain(flux.decryptResources(built.getBytes(StandardCharsets.UTF_8))).branches().get(0);
            assertArrayEquals(expected, Base64.getDecoder().decode(((Value.Str) at(out, "data", key)).value()));
        }));
    }

    @Test
    @Tag("interop")
    void vectorsBuildWithKustomize() throws Exception {
        Path testvectors = requireCorpus();
        Kustomize kustomize = Kustomize.at(Peers.require("kustomize"));
        Path repo = tmp.resolve("repo");
        StringBuilder files = new StringBuilder();
        StringBuilder resources = new StringBuilder();
        Map<String, byte[]> expectedData = new LinkedHashMap<>();
        Map<String, Path> manifests = new LinkedHashMap<>();
        int n = 0;
        for (Vector v : vectors(testvectors)) {
            if (!v.id().startsWith("3.13.3/")) {
                continue;
            }
            String name = "v" + (n++);
            if (v.id().contains("/k8s-")) {
                Files.createDirectories(repo);
                Files.copy(v.encrypted(), repo.resolve(name + ".yaml"));
                resources.append("- ").append(name).append(".yaml\n");
                manifests.put(name, v.decrypted());
                continue;
            }
            if (v.format() == Format.YAML && Files.readString(v.decrypted()).contains("\n---")) {
                continue;
            }
            String key = v.format() == Format.BINARY ? name : name + v.ext();
            Files.createDirectories(repo);
            Files.copy(v.encrypted(), repo.resolve(name + ".enc"));
            files.append("  - ").append(key).append('=').append(name).append(".enc\n");
            expectedData.put(key, Files.readAllBytes(v.decrypted()));
        }
        Files.writeString(repo.resolve("kustomization.yaml"), "namePrefix: flux-\nresources:\n" + resources
                + "generatorOptions:\n  disableNameSuffixHash: true\nsecretGenerator:\n- name: vectors\n  files:\n" + files);
        byte[] out = FluxBuild.of(FluxDecryptor.of(corpusKeys()), repo).withKustomize(kustomize).run();
        Map<String, Branch> byName = new LinkedHashMap<>();
        for (Branch b : new YamlStore().loadPlain(out).branches()) {
            byName.put(((Value.Str) at(b, "metadata", "name")).value(), b);
            assertFalse(b.get("sops").isPresent());
        }
        Branch generated = byName.get("flux-vectors");
        for (Map.Entry<String, byte[]> e : expectedData.entrySet()) {
            Value v = at(generated, "data", e.getKey());
            byte[] actual = v == null ? new byte[0] : Base64.getMimeDecoder().decode(((Value.Str) v).value());
            assertArrayEquals(e.getValue(), actual, e.getKey());
        }
        for (Map.Entry<String, Path> m : manifests.entrySet()) {
            Branch expected = new YamlStore().loadPlain(Files.readAllBytes(m.getValue())).branches().get(0);
            String name = ((Value.Str) at(expected, "metadata", "name")).value();
            Branch actual = byName.get("flux-" + name);
            assertTrue(actual != null, name + " in " + byName.keySet());
            for (String field : List.of("data", "stringData")) {
                assertEquals(strings(at(expected, field)), strings(at(actual, field)), name + " " + field);
            }
        }
        assertTrue(expectedData.size() >= 10 && manifests.size() == 2, expectedData.keySet() + " " + manifests.keySet());
    }

    @Test
    @Tag("interop")
    void filesEncryptedByTheSopsPeerBuildAsInFlux() throws Exception {
        Path sops = Peers.require("sops");
        Kustomize kustomize = Kustomize.at(Peers.require("kustomize"));
        X25519Identity id = X25519Identity.generate();
        String r = id.recipient().toString();
        Path repo = Files.createDirectories(tmp.resolve("peer"));
        Files.writeString(repo.resolve("secret.yaml"), "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: fake-db\n");
        Files.writeString(repo.resolve("app.env"), "API_KEY=fake-api\n");
        Files.writeString(repo.resolve("token"), "fake-token");
        Files.writeString(repo.resolve("docker.json"), "{\"auths\":{\"r\":{\"auth\":\"fake\"}}}");
        encrypt(sops, repo, "secret.yaml", "--age", r, "--encrypted-regex", "^(data|stringData)$", "secret.yaml");
        encrypt(sops, repo, "app.env", "--age", r, "app.env");
        encrypt(sops, repo, "token", "--age", r, "--input-type", "binary", "--output-type", "binary", "token");
        encrypt(sops, repo, "docker.json", "--age", r, "docker.json");
        Files.writeString(repo.resolve("kustomization.yaml"), "namespace: apps\nresources:\n- secret.yaml\n"
                + "generatorOptions:\n  disableNameSuffixHash: true\nsecretGenerator:\n- name: app\n  envs:\n  - app.env\n"
                + "  files:\n  - token\n  - .dockerconfigjson=docker.json\n");
        byte[] out = FluxBuild.of(FluxDecryptor.of(DecryptionKeys.ofIdentities(List.of(id))), repo).withKustomize(kustomize).run();
        Map<String, Branch> byName = new LinkedHashMap<>();
        for (Branch b : new YamlStore().loadPlain(out).branches()) {
            byName.put(((Value.Str) at(b, "metadata", "name")).value(), b);
        }
        assertEquals("fake-db", ((Value.Str) at(byName.get("db"), "stringData", "password")).value());
        Branch app = byName.get("app");
        assertEquals("fake-api", decoded(app, "API_KEY"));
        assertEquals("fake-token", decoded(app, "token"));
        assertEquals("{\n\t\"auths\": {\n\t\t\"r\": {\n\t\t\t\"auth\": \"fake\"\n\t\t}\n\t}\n}\n", decoded(app, ".dockerconfigjson"));
    }

    private static void encrypt(Path sops, Path dir, String target, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(sops.toString(), "encrypt"));
        cmd.addAll(List.of(args));
        Peers.Result res = Peers.run(dir, null, Map.of("SOPS_DISABLE_VERSION_CHECK", "1"), cmd);
        assertEquals(0, res.exit(), res.stderr());
        Files.write(dir.resolve(target), res.stdout());
    }

    private static String decoded(Branch b, String key) {
        return new String(Base64.getMimeDecoder().decode(((Value.Str) at(b, "data", key)).value()), StandardCharsets.UTF_8);
    }

    private static Value at(Branch b, String... path) {
        Value v = b;
        for (String k : path) {
            if (!(v instanceof Branch br)) {
                return null;
            }
            v = br.get(k).orElse(null);
        }
        return v;
    }

    private static Map<String, String> strings(Value v) {
        Map<String, String> out = new TreeMap<>();
        if (v instanceof Branch b) {
            for (Branch.Entry e : b.entries()) {
                out.put(e.key(), e.value() instanceof Value.Str s ? s.value() : String.valueOf(e.value()));
            }
        }
        return out;
    }
}
