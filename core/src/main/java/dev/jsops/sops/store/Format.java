package dev.jsops.sops.store;

import java.util.Locale;
import java.util.Optional;

/** The five file formats, and sops's rules for picking one ({@code cmd/sops/formats}). */
public enum Format {
    YAML, JSON, DOTENV, INI, BINARY;

    /** By path suffix, case-sensitive, in sops's order; anything else is binary. */
    public static Format fromPath(String path) {
        if (path.endsWith(".yaml") || path.endsWith(".yml")) {
            return YAML;
        }
        if (path.endsWith(".json")) {
            return JSON;
        }
        if (path.endsWith(".env")) {
            return DOTENV;
        }
        if (path.endsWith(".ini")) {
            return INI;
        }
        return BINARY;
    }

    /**
     * The word given to {@code --input-type}/{@code --output-type}; sops silently ignores an unknown word and
     * falls back to the path, so this returns empty for one.
     */
    public static Optional<Format> fromName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return switch (name) {
            case "yaml" -> Optional.of(YAML);
            case "json" -> Optional.of(JSON);
            case "dotenv" -> Optional.of(DOTENV);
            case "ini" -> Optional.of(INI);
            case "binary" -> Optional.of(BINARY);
            default -> Optional.empty();
        };
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
