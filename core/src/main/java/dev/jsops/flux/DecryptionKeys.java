package dev.jsops.flux;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.jsops.age.Identity;
import dev.jsops.keys.Environment;
import dev.jsops.sops.KeyService;

/**
 * The key material of one Flux build (kustomize-controller's {@code ImportKeys}): age identities imported from the
 * Kustomization's decryption Secret or from the controller's global age Secret, and, when no identity was
 * imported, the identities sops discovers in an environment (in Flux, the controller process's).
 *
 * <p>Secret entries are classified by the Go {@code filepath.Ext} of their name, case-sensitively:
 * {@code *.agekey} values are imported line by line; {@code *.asc} (PGP), {@code sops.vault-token},
 * {@code sops.aws-kms}, {@code sops.azure-kv} and {@code sops.gcp-kms} are recognised and listed as
 * {@link #unsupportedEntries() not supported yet} (files that need them fail with a message naming them);
 * everything else is ignored, as Flux ignores it. Flux visits entries in Go's random map order; jsops visits them
 * sorted by name, so when several entries are bad the one reported is the first by name.
 *
 * <p>Immutable. The default fallback environment is empty: an embedder opts into its process environment with
 * {@link #withEnvironment(Environment)}.
 */
public final class DecryptionKeys {
    /** An entry Flux would import for a key type jsops does not support yet. */
    public record UnsupportedEntry(String secret, String entry, String keyType) {
    }

    private final List<Identity> identities;
    private final Environment environment;
    private final KeyService others;
    private final List<UnsupportedEntry> unsupported;

    private DecryptionKeys(List<Identity> identities, Environment environment, KeyService others,
            List<UnsupportedEntry> unsupported) {
        this.identities = List.copyOf(identities);
        this.environment = Objects.requireNonNull(environment, "environment");
        this.others = others;
        this.unsupported = List.copyOf(unsupported);
    }

    /** No imported key: age keys come from the fallback environment only (empty unless set). */
    public static DecryptionKeys none() {
        return new DecryptionKeys(List.of(), Environment.of(Map.of()), null, List.of());
    }

    /** Exactly these age identities, as if imported. */
    public static DecryptionKeys ofIdentities(List<? extends Identity> identities) {
        return new DecryptionKeys(new ArrayList<>(identities), Environment.of(Map.of()), null, List.of());
    }

    /**
     * The identities of an age key file read as Flux reads a {@code *.agekey} entry (one identity per line, comments
     * and blank lines skipped, nothing trimmed). Fails with {@code failed to parse and add to age identities: …}.
     */
    public static DecryptionKeys fromAgeKeyFile(byte[] content) throws FluxException {
        try {
            return ofIdentities(AgeKeyEntry.parse(content));
        } catch (GoError e) {
            throw e.toFlux();
        }
    }

    /**
     * The keys of a Kustomization's {@code spec.decryption.secretRef} Secret. A bad {@code *.agekey} value fails
     * with Flux's text, e.g. {@code failed to import 'age.agekey' data from sops decryption Secret
     * 'flux-system/sops-age': failed to parse and add to age identities: unknown identity type}.
     */
    public static DecryptionKeys fromSecret(Secret secret) throws FluxException {
        List<Identity> ids = new ArrayList<>();
        List<UnsupportedEntry> unsupported = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : secret.entries().entrySet()) {
            String name = e.getKey();
            switch (GoPaths.ext(name)) {
                case ".agekey" -> ids.addAll(importAge(e.getValue(), name, "sops decryption Secret", secret));
                case ".asc" -> unsupported.add(new UnsupportedEntry(secret.namespacedName(), name, "pgp"));
                case ".vault-token" -> exact(name, "sops.vault-token", "hc_vault", secret, unsupported);
                case ".aws-kms" -> exact(name, "sops.aws-kms", "kms", secret, unsupported);
                case ".azure-kv" -> exact(name, "sops.azure-kv", "azure_kv", secret, unsupported);
                case ".gcp-kms" -> exact(name, "sops.gcp-kms", "gcp_kms", secret, unsupported);
                default -> {
                    // Flux ignores every other entry.
                }
            }
        }
        return new DecryptionKeys(ids, Environment.of(Map.of()), null, unsupported);
    }

    /**
     * The controller's global age Secret ({@code --sops-age-secret}): only {@code *.agekey} entries are read,
     * everything else is ignored by design.
     */
    public static DecryptionKeys fromGlobalAgeSecret(Secret secret) throws FluxException {
        List<Identity> ids = new ArrayList<>();
        for (Map.Entry<String, byte[]> e : secret.entries().entrySet()) {
            if (GoPaths.ext(e.getKey()).equals(".agekey")) {
                ids.addAll(importAge(e.getValue(), e.getKey(), "sops SOPS age decryption Secret", secret));
            }
        }
        return new DecryptionKeys(ids, Environment.of(Map.of()), null, List.of());
    }

    /**
     * Flux's choice for one Kustomization: its {@code secretRef} Secret when it has one (the global Secret is then
     * not read at all, never merged), else the global age Secret when one is configured, else nothing. Either
     * argument may be null.
     */
    public static DecryptionKeys forKustomization(Secret secretRef, Secret globalAgeSecret) throws FluxException {
        if (secretRef != null) {
            return fromSecret(secretRef);
        }
        if (globalAgeSecret != null) {
            return fromGlobalAgeSecret(globalAgeSecret);
        }
        return none();
    }

    /**
     * The environment sops searches for age identities when none was imported (Flux: the controller's process
     * environment; jsops's CLI: its own, like sops). It is never consulted once an identity was imported.
     */
    public DecryptionKeys withEnvironment(Environment env) {
        return new DecryptionKeys(identities, env, others, unsupported);
    }

    /** A key service for the master key types jsops does not handle itself (PGP, KMS, Vault…), or null for none. */
    public DecryptionKeys withOtherKeys(KeyService keyService) {
        return new DecryptionKeys(identities, environment, keyService, unsupported);
    }

    /** How many age identities were imported (0 means the fallback environment is used). */
    public int ageIdentityCount() {
        return identities.size();
    }

    /**
     * The imported age identities, for tools that combine several Secrets (each identity's {@code toString()} is
     * redacted; the list is immutable).
     */
    public List<Identity> ageIdentities() {
        return identities;
    }

    /** Recognised entries for key types jsops cannot use yet, in the order they were read. */
    public List<UnsupportedEntry> unsupportedEntries() {
        return unsupported;
    }

    KeyService keyService() {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (UnsupportedEntry u : unsupported) {
            byType.computeIfAbsent(u.keyType(), k -> new ArrayList<>()).add(u.entry());
        }
        return new FluxKeyService(identities, environment, others, byType);
    }

    private static List<Identity> importAge(byte[] value, String entry, String what, Secret secret) throws FluxException {
        try {
            return AgeKeyEntry.parse(value);
        } catch (GoError e) {
            throw new FluxException("failed to import '" + entry + "' data from " + what + " '" + secret.namespacedName()
                    + "': " + e.getMessage());
        }
    }

    private static void exact(String name, String expected, String type, Secret secret, List<UnsupportedEntry> out) {
        if (name.equals(expected)) {
            out.add(new UnsupportedEntry(secret.namespacedName(), name, type));
        }
    }

    @Override
    public String toString() {
        return "DecryptionKeys[" + identities.size() + " age identities, " + unsupported.size() + " unsupported entries]";
    }
}
