package dev.jsops.flux;

/** Whether the SOPS MAC of a decrypted file or resource is checked. */
public enum MacPolicy {
    /**
     * Flux's behaviour: never checked. kustomize changes built objects (names, namespaces, labels, field order), so
     * their MAC could not match; every value is still authenticated by AES-GCM with its key path.
     */
    FLUX,
    /**
     * sops's behaviour: a MAC that does not match fails. Resources are then given to sops in their built key order
     * rather than Go's sorted order, so an object kustomize did not change verifies.
     */
    SOPS
}
