package dev.jsops.sops.store;

/** Where a format keeps the {@code sops} metadata (sops {@code stores.MetadataFlatten}). */
public enum MetadataLayout {
    /** A nested {@code sops} mapping as the last key of each document (YAML, JSON, binary). */
    NESTED,
    /** A top-level {@code sops} section whose keys are flattened (INI). */
    FLATTENED_BELOW_TOP,
    /** Fully flattened top-level keys prefixed {@code sops_} (dotenv). */
    FLATTENED_PREFIXED
}
