package dev.jsops.flux;

import static dev.jsops.flux.FluxKit.fails;
import static dev.jsops.flux.FluxKit.str;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.jsops.age.HybridIdentity;
import dev.jsops.age.X25519Identity;
import dev.jsops.keys.Environment;
import dev.jsops.sops.store.Format;

/** §2: which Secret entries Flux imports, how an {@code .agekey} value is read, and when the environment counts. */
class KeyImportTest {
    private static final String ENCRYPTED_ENV = str(FluxKit.encrypt("key=" + FluxKit.SECRET + "\n", Format.DOTENV));

    private static Secret secret(Map<String, String> entries) {
        Map<String, byte[]> data = new TreeMap<>();
        entries.forEach((k, v) -> data.put(k, v.getBytes(StandardCharsets.UTF_8)));
        return Secret.of("flux-system", "sops-age", data);
    }

    private static String decrypt(DecryptionKeys keys) throws FluxException {
        return str(FluxDecryptor.of(keys).decrypt(ENCRYPTED_ENV.getBytes(StandardCharsets.UTF_8), Format.DOTENV, Format.DOTENV));
    }

    @Test
    void ageKeygenOutputImportsOneIdentity() throws Exception {
        String file = "# created: 2021-03-31T09:51:59+02:00\n# public key: " + FluxKit.ID.recipient() + "\n" + FluxKit.ID.encode() + "\n";
        DecryptionKeys k = DecryptionKeys.fromSecret(secret(Map.of("age.agekey", file)));
        assertEquals(1, k.ageIdentityCount());
        assertEquals("key=" + FluxKit.SECRET + "\n", decrypt(k));
    }

    @Test
    void entriesAreClassifiedByTheirGoExtension() throws Exception {
        String key = FluxKit.ID.encode();
        Map<String, String> entries = new TreeMap<>();
        entries.put(".agekey", key);
        entries.put("identity.AGEKEY", "not read");
        entries.put("age.txt", "not read");
        entries.put("my.vault-token", "ignored");
        entries.put("sops.asc.bak", "ignored");
        entries.put("keys", "ignored");
        entries.put("pgp.asc", "-----BEGIN PGP PRIVATE KEY BLOCK-----");
        entries.put("sops.vault-token", "token");
        entries.put("sops.aws-kms", "aws_access_key_id: x");
        entries.put("sops.azure-kv", "{}");
        entries.put("sops.gcp-kms", "{}");
        DecryptionKeys k = DecryptionKeys.fromSecret(secret(entries));
        assertEquals(1, k.ageIdentityCount());
        assertEquals(List.of(
                new DecryptionKeys.UnsupportedEntry("flux-system/sops-age", "pgp.asc", "pgp"),
                new DecryptionKeys.UnsupportedEntry("flux-system/sops-age", "sops.aws-kms", "kms"),
                new DecryptionKeys.UnsupportedEntry("flux-system/sops-age", "sops.azure-kv", "azure_kv"),
                new DecryptionKeys.UnsupportedEntry("flux-system/sops-age", "sops.gcp-kms", "gcp_kms"),
                new DecryptionKeys.UnsupportedEntry("flux-system/sops-age", "sops.vault-token", "hc_vault")),
                k.unsupportedEntries());
    }

    @Test
    void ageKeyValuesAreReadLineByLineAsSopsImportDoes() throws Exception {
        X25519Identity other = X25519Identity.generate();
        HybridIdentity pq = HybridIdentity.generate();
        String value = "# comment\r\n\n" + other.encode() + "\r\n#\n" + pq.encode() + "\n" + FluxKit.ID.encode();
        DecryptionKeys k = DecryptionKeys.fromSecret(secret(Map.of("keys.agekey", value)));
        assertEquals(3, k.ageIdentityCount());
        assertEquals("key=" + FluxKit.SECRET + "\n", decrypt(k));
    }

    @Test
    void badLinesFailTheImportWithFluxsText() {
        String prefix = "failed to import 'age.agekey' data from sops decryption Secret 'flux-system/sops-age': "
                + "failed to parse and add to age identities: ";
        // Not trimmed: a key with a leading blank, a blank line of spaces, two keys on one line, lower case.
        assertEquals(prefix + "unknown identity type",
                fails(() -> DecryptionKeys.fromSecret(secret(Map.of("age.agekey", " " + FluxKit.ID.encode())))));
        assertEquals(prefix + "unknown identity type", fails(() -> DecryptionKeys.fromSecret(secret(Map.of("age.agekey", "   \n")))));
        assertTrue(fails(() -> DecryptionKeys.fromSecret(secret(Map.of("age.agekey", FluxKit.ID.encode() + " " + FluxKit.ID.encode()))))
                .startsWith(prefix + "malformed secret key: "));
        assertEquals(prefix + "unknown identity type",
                fails(() -> DecryptionKeys.fromSecret(secret(Map.of("age.agekey", FluxKit.ID.encode().toLowerCase())))));
        assertEquals(prefix + "unknown identity type",
                fails(() -> DecryptionKeys.fromSecret(secret(Map.of("age.agekey", "-----BEGIN OPENSSH PRIVATE KEY-----")))));
        // The global Secret's wording.
        assertEquals("failed to import 'identity.agekey' data from sops SOPS age decryption Secret 'flux-system/sops-age': "
                + "failed to parse and add to age identities: unknown identity type",
                fails(() -> DecryptionKeys.fromGlobalAgeSecret(secret(Map.of("identity.agekey", "nope")))));
    }

    @Test
    void pluginIdentitiesImportButFailWhenNeeded() throws Exception {
        String plugin = "AGE-PLUGIN-YUBIKEY-1QQQQQQ";
        String prefix = "failed to import 'age.agekey' data from sops decryption Secret 'flux-system/sops-age': "
                + "failed to parse and add to age identities: ";
        assertTrue(fails(() -> DecryptionKeys.fromSecret(secret(Map.of("age.agekey", plugin))))
                .startsWith(prefix + "invalid identity encoding: "));
        String validPlugin = validPluginIdentity();
        DecryptionKeys onlyPlugin = DecryptionKeys.fromSecret(secret(Map.of("age.agekey", validPlugin)));
        assertEquals(1, onlyPlugin.ageIdentityCount());
        String m = fails(() -> decrypt(onlyPlugin));
        // sops word-wraps the key's error in its report.
        assertTrue(m.contains("yubikey plugin: couldn't start plugin: exec:\n      | \"age-plugin-yubikey\": executable file not found in $PATH"), m);
        // Native identities are tried first, as age does: a plugin identity does not get in their way.
        DecryptionKeys both = DecryptionKeys.fromSecret(secret(Map.of("age.agekey", validPlugin + "\n" + FluxKit.ID.encode())));
        assertEquals("key=" + FluxKit.SECRET + "\n", decrypt(both));
    }

    /** A well-formed {@code AGE-PLUGIN-YUBIKEY-1…} string (bech32 of a few bytes). */
    private static String validPluginIdentity() {
        // Built with the same Bech32 rules as age; checked by pluginIdentityName.
        String s = Bech32Test.encode("AGE-PLUGIN-YUBIKEY-", new byte[] {1, 2, 3, 4});
        try {
            assertEquals("yubikey", dev.jsops.age.AgeKeys.pluginIdentityName(s));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        return s;
    }

    @Test
    void secretRefWinsOverTheGlobalSecretWithoutMerging() throws Exception {
        Secret ref = secret(Map.of("unrelated", "x"));
        Secret global = secret(Map.of("identity.agekey", FluxKit.ID.encode()));
        assertEquals(0, DecryptionKeys.forKustomization(ref, global).ageIdentityCount());
        assertEquals(1, DecryptionKeys.forKustomization(null, global).ageIdentityCount());
        // Only .agekey entries of the global Secret are read.
        Secret globalWithOthers = secret(Map.of("identity.agekey", FluxKit.ID.encode(), "pgp.asc", "x", "sops.vault-token", "t"));
        assertEquals(List.of(), DecryptionKeys.fromGlobalAgeSecret(globalWithOthers).unsupportedEntries());
        assertEquals(0, DecryptionKeys.forKustomization(null, null).ageIdentityCount());
    }

    @Test
    void environmentCountsOnlyWhenNoIdentityWasImported() throws Exception {
        Environment env = Environment.of(Map.of("SOPS_AGE_KEY", FluxKit.ID.encode()));
        // No .agekey entry: sops's discovery in the (controller's) environment finds the key.
        assertEquals("key=" + FluxKit.SECRET + "\n", decrypt(DecryptionKeys.fromSecret(secret(Map.of("pgp.asc", "x"))).withEnvironment(env)));
        // An imported identity, even a useless one, shuts the environment out.
        DecryptionKeys wrong = DecryptionKeys.fromSecret(secret(Map.of("age.agekey", X25519Identity.generate().encode()))).withEnvironment(env);
        String m = fails(() -> decrypt(wrong));
        assertTrue(m.startsWith("cannot get sops data key: Failed to get the data key required to decrypt the SOPS file.\n\nGroup 0: FAILED\n"), m);
        assertTrue(m.contains("identity did not match any of the recipients: incorrect"), m);
        // Nothing anywhere: sops's "failed to load age identities" report.
        String none = fails(() -> decrypt(DecryptionKeys.none()));
        assertTrue(none.contains("failed to load age identities"), none);
    }

    @Test
    void twoIdentitiesChangeAgesWording() {
        String two = X25519Identity.generate().encode() + "\n" + X25519Identity.generate().encode();
        String m = fails(() -> decrypt(DecryptionKeys.fromSecret(secret(Map.of("age.agekey", two)))));
        assertTrue(m.contains("age: no identity matched any of the recipients"), m);
    }

    @Test
    void manifestsMergeStringDataOverData() throws Exception {
        String b64 = java.util.Base64.getEncoder().encodeToString("from data".getBytes(StandardCharsets.UTF_8));
        Secret s = Secret.fromManifest(("apiVersion: v1\nkind: Secret\nmetadata:\n  name: sops-keys\n  namespace: apps\n"
                + "data:\n  a.agekey: " + b64 + "\n  b: " + b64 + "\nstringData:\n  a.agekey: from stringData\n").getBytes(StandardCharsets.UTF_8));
        assertEquals("apps/sops-keys", s.namespacedName());
        assertEquals("from stringData", str(s.data().get("a.agekey")));
        assertEquals("from data", str(s.data().get("b")));
        assertTrue(s.toString().contains("a.agekey") && !s.toString().contains("from"));
        assertEquals("default/x", Secret.fromManifest("kind: Secret\nmetadata:\n  name: x\n".getBytes(StandardCharsets.UTF_8)).namespacedName());
        assertEquals("cannot read Secret manifest: kind is 'ConfigMap', not 'Secret'",
                fails(() -> Secret.fromManifest("kind: ConfigMap\nmetadata:\n  name: x\n".getBytes(StandardCharsets.UTF_8))));
        assertEquals("cannot read Secret manifest: data entry 'k' is not valid base64",
                fails(() -> Secret.fromManifest("kind: Secret\nmetadata:\n  name: x\ndata:\n  k: abc\n".getBytes(StandardCharsets.UTF_8))));
    }
}
