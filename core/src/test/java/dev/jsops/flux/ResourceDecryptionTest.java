package dev.jsops.flux;

import static dev.jsops.flux.FluxKit.SECRET;
import static dev.jsops.flux.FluxKit.encrypt;
import static dev.jsops.flux.FluxKit.encryptManifest;
import static dev.jsops.flux.FluxKit.fails;
import static dev.jsops.flux.FluxKit.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.jsops.Jsops;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.store.Format;

/** §3: what Flux decrypts after the build, and how it fails. */
class ResourceDecryptionTest {
    private static final String CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  token: " + SECRET
            + "-token\n  count: \"3\"\n";

    private static String run(String yaml) throws FluxException {
        return str(FluxKit.decryptor().decryptResources(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String run(FluxDecryptor d, String yaml) throws FluxException {
        return str(d.decryptResources(yaml.getBytes(StandardCharsets.UTF_8)));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static String b64(String s) {
        return b64(s.getBytes(StandardCharsets.UTF_8));
    }

    /** What kustomize does to a resource: a name prefix and a namespace. */
    private static String kustomized(String encrypted) {
        // sops writes YAML with 4-space indentation.
        return encrypted.replace("    name: cm\n", "    name: prod-cm\n    namespace: apps\n");
    }

    @Test
    void anyKindWithAMacIsDecryptedWholeAfterKustomizeChangedIt() throws Exception {
        String built = kustomized(str(encryptManifest(CONFIG_MAP)));
        // Flux's JSON round trip leaves the keys sorted; jsops writes the object in that order.
        assertEquals("apiVersion: v1\ndata:\n  count: \"3\"\n  token: " + SECRET + "-token\nkind: ConfigMap\n"
                + "metadata:\n  name: prod-cm\n  namespace: apps\n", run(built));
    }

    @Test
    void macIsIgnoredAsInFluxUnlessSopsPolicyIsAsked() throws Exception {
        String encrypted = str(encryptManifest(CONFIG_MAP));
        FluxDecryptor sops = FluxKit.decryptor().withMacPolicy(MacPolicy.SOPS);
        // Untouched by kustomize: sops's MAC verifies (document order is kept under this policy).
        assertEquals("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  token: " + SECRET + "-token\n  count: \"3\"\n",
                run(sops, encrypted));
        String m = fails(() -> run(sops, kustomized(encrypted)));
        assertTrue(m.startsWith("decryption failed for 'ConfigMap.v1.[noGrp]/prod-cm': failed to decrypt and format "
                + "'apps/prod-cm' ConfigMap data: failed to verify sops data integrity: MAC mismatch."), m);
    }

    @Test
    void integersStayIntegers() throws Exception {
        String cr = "apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  size: 1000000\n  ratio: 0.5\n"
                + "  big: 12345678901234\n  on: true\n  tags:\n  - a\n  - " + SECRET + "\n";
        String out = run(str(encrypt(cr, Format.YAML, Format.YAML, new EncryptionRules("", "", "", "^spec$", "", ""))));
        // Flux itself would write 1e+06 and 1.2345678901234e+13 here (JSON numbers become float64); jsops keeps integers.
        assertEquals("apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\nspec:\n  big: 12345678901234\n"
                + "  \"on\": true\n  ratio: 0.5\n  size: 1000000\n  tags:\n    - a\n    - " + SECRET + "\n", out);
    }

    @Test
    void disabledAnnotationLeavesTheResourceAloneInAnyCase() throws Exception {
        String encrypted = str(encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n"
                + "    kustomize.toolkit.fluxcd.io/decrypt: Disabled\nstringData:\n  key: " + SECRET + "\n"));
        assertEquals(encrypted, run(encrypted));
    }

    @Test
    void secretDataValuesHoldingSopsFilesAreDecryptedToTheFormatTheirKeyNames() throws Exception {
        byte[] bin = encrypt(SECRET + "-binary", Format.BINARY);
        String dockerJson = "{\"auths\":{\"registry.example.com\":{\"auth\":\"" + SECRET + "\"}}}";
        byte[] docker = encrypt(dockerJson, Format.JSON);
        byte[] yamlAsJson = encrypt("a: " + SECRET + "\n", Format.YAML);
        String minified = "{\"data\":\"ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\",\"sops\":{\"mac\":\"ENC[x]\"}}";
        String built = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ns\ntype: Opaque\ndata:\n"
                + "  key: " + b64(bin) + "\n"
                + "  .dockerconfigjson: " + b64(docker) + "\n"
                + "  conf.json: " + b64(yamlAsJson) + "\n"
                + "  plain: " + b64("not sops") + "\n"
                + "  minified: " + b64(minified) + "\n"
                + "  notbase64: '%%%'\n"
                + "stringData:\n  other: " + b64(bin) + "\n";
        String out = run(built);
        Jsops jsops = Jsops.withIdentities(List.of(FluxKit.ID));
        String expected = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ns\ntype: Opaque\ndata:\n"
                + "  key: " + b64(SECRET + "-binary") + "\n"
                // Re-serialised by sops's JSON store: tab-indented with a final newline.
                + "  .dockerconfigjson: " + b64(jsops.decrypt(docker, Format.JSON)) + "\n"
                + "  conf.json: " + b64("{\n\t\"a\": \"" + SECRET + "\"\n}\n") + "\n"
                + "  plain: " + b64("not sops") + "\n"
                + "  minified: " + b64(minified) + "\n"
                + "  notbase64: '%%%'\n"
                + "stringData:\n  other: " + b64(bin) + "\n";
        assertEquals(expected, out);
        assertTrue(str(jsops.decrypt(docker, Format.JSON)).startsWith("{\n\t\"auths\": {"));
    }

    @Test
    void structuredFileUnderAKeyWithoutExtensionFailsAsBinary() {
        byte[] yaml = encrypt("a: " + SECRET + "\n", Format.YAML);
        String built = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: ns\ndata:\n  token: " + b64(yaml) + "\n";
        assertEquals("decryption failed for 'Secret.v1.[noGrp]/s': failed to decrypt and format 'ns/s' Secret field 'token': "
                + "failed to emit encrypted YAML file as decrypted binary: error emitting binary store: no binary data found in tree",
                fails(() -> run(built)));
    }

    @Test
    void plaintextUnderAnEncryptedPathIsRedacted() {
        String encrypted = str(encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  key: " + SECRET + "\n"));
        // A patch or base added a plaintext value where the rule says values are encrypted.
        String built = encrypted.replace("stringData:\n", "stringData:\n    extra: " + SECRET + "-plain\n");
        assertEquals("decryption failed for 'Secret.v1.[noGrp]/s': failed to decrypt and format '/s' Secret data: error decrypting "
                + "sops tree: Error walking tree: Could not decrypt value: Input string <redacted> does not match sops' data format",
                fails(() -> run(built)));
    }

    @Test
    void nonStringAndMovedValuesFailAsInSops() {
        String encrypted = str(encryptManifest("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nstringData:\n  key: " + SECRET + "\n"));
        assertEquals("decryption failed for 'Secret.v1.[noGrp]/s': failed to decrypt and format '/s' Secret data: error decrypting "
                + "sops tree: Error walking tree: Expected encrypted value as string, but got int",
                fails(() -> run(encrypted.replace("stringData:\n", "stringData:\n    count: 5\n"))));
        // The key path is the associated data: a renamed key no longer authenticates.
        assertEquals("decryption failed for 'Secret.v1.[noGrp]/s': failed to decrypt and format '/s' Secret data: error decrypting "
                + "sops tree: Error walking tree: Could not decrypt value: Could not decrypt with AES_GCM: cipher: message authentication failed",
                fails(() -> run(encrypted.replace("    key: ENC[", "    renamed: ENC["))));
        // An empty string is accepted and stays empty.
        assertTrue(assertRuns(encrypted.replace("stringData:\n", "stringData:\n    empty: \"\"\n")).contains("empty: \"\""));
    }

    private static String assertRuns(String yaml) {
        try {
            return run(yaml);
        } catch (FluxException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    @Test
    void commentRulesCannotSelectAfterTheJsonRoundTrip() throws Exception {
        // ARTIFACT (fluxcd/kustomize-controller#1411): comments are gone before decryption, so nothing is selected
        // and the ciphertext is applied as it is.
        String encrypted = str(encrypt("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  # sops:enc\n  k: " + SECRET + "\n",
                Format.YAML, Format.YAML, new EncryptionRules("", "", "", "", "", "sops:enc")));
        String out = run(encrypted);
        assertTrue(out.contains("k: ENC[AES256_GCM,"), out);
        assertTrue(!out.contains("sops:"), out);
    }

    @Test
    void wrongKeyReportsSopsFailure() {
        String encrypted = str(encryptManifest(CONFIG_MAP));
        FluxDecryptor other = FluxDecryptor.of(DecryptionKeys.ofIdentities(List.of(dev.jsops.age.X25519Identity.generate())));
        String m = fails(() -> run(other, encrypted));
        assertTrue(m.startsWith("decryption failed for 'ConfigMap.v1.[noGrp]/cm': failed to decrypt and format '/cm' ConfigMap data: "
                + "cannot get sops data key: Failed to get the data key required to decrypt the SOPS file.\n\nGroup 0: FAILED\n  "
                + FluxKit.ID.recipient() + ": FAILED\n    - | failed to create reader for decrypting sops data key with\n"
                + "      | age: identity did not match any of the recipients: incorrect\n      | identity for recipient block\n\n"
                + "Recovery failed because no master key was able to decrypt the file. In\n"), m);
    }

    @Test
    void undecryptedSecretsAreRefusedLikeFluxsApplyStep() throws Exception {
        assertEquals("Secret/apps/s is SOPS encrypted, configuring decryption is required for this secret to be reconciled",
                fails(() -> run("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  namespace: apps\nsops: {}\n")));
        assertEquals("Secret/s is SOPS encrypted, configuring decryption is required for this secret to be reconciled",
                fails(() -> run("apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\nsops: true\n")));
        // Not v1, or opted out: passed on.
        String notV1 = "apiVersion: v2\nkind: Secret\nmetadata:\n  name: s\nsops: true\n";
        assertEquals(notV1, run(notV1));
        String optOut = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n  annotations:\n    kustomize.toolkit.fluxcd.io/decrypt: "
                + "DISABLED\nsops: true\n";
        assertEquals(optOut, run(optOut));
    }

    @Test
    void resourcesNeedKindApiVersionAndName() {
        assertEquals("failed to decode Kubernetes apiVersion, kind and name from: document 2 of the build output",
                fails(() -> run("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\n"
                        + "metadata: {}\ndata:\n  k: " + SECRET + "\n")));
    }

    @Test
    void valuesJsonCannotHoldFail() {
        String encrypted = str(encryptManifest("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  k: v\n"));
        assertEquals("decryption failed for 'ConfigMap.v1.[noGrp]/c': json: unsupported value: NaN",
                fails(() -> run(encrypted.replace("kind: ConfigMap\n", "kind: ConfigMap\nratio: .nan\n"))));
    }

    @Test
    void untouchedDocumentsAreCopiedByteForByte() throws Exception {
        String a = "# leading comment\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}   # flow style kept\ndata:\n  k: 'v'\n";
        String b = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replicas: 1000000\n";
        String enc = kustomized(str(encryptManifest(CONFIG_MAP)));
        String out = run(a + "---\n" + b + "---\n" + enc);
        assertTrue(out.startsWith(a + "---\n" + b + "---\napiVersion: v1\ndata:\n"), out);
        assertEquals("", run(""));
    }
}
