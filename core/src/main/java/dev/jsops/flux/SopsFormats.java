package dev.jsops.flux;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import dev.jsops.sops.store.Format;

/**
 * Flux's format rules: the names it prints, the marker bytes that make it treat data as a SOPS file, and the
 * format it derives from a Secret data key or a generator key.
 */
final class SopsFormats {
    /** The data key of a {@code kubernetes.io/dockerconfigjson} Secret ({@code corev1.DockerConfigJsonKey}). */
    static final String DOCKER_CONFIG_JSON = ".dockerconfigjson";

    /**
     * Detection order. Flux ranges over a Go map, so when several markers occur the format it picks is random
     * (an ARTIFACT); jsops checks in this fixed order. JSON and binary share a marker and load identically (the
     * binary store is the JSON store when loading), so JSON stands for both.
     */
    private static final List<Format> DETECTION_ORDER = List.of(Format.JSON, Format.YAML, Format.DOTENV, Format.INI);

    private SopsFormats() {
    }

    /** The name Flux prints for a format ({@code sopsFormatToString}). */
    static String name(Format f) {
        return switch (f) {
            case BINARY -> "binary";
            case DOTENV -> "dotenv";
            case INI -> "INI";
            case JSON -> "JSON";
            case YAML -> "YAML";
        };
    }

    /** The bytes whose presence marks encrypted data of a format ({@code sopsFormatToMarkerBytes}). */
    static byte[] marker(Format f) {
        String m = switch (f) {
            case BINARY, JSON -> "\"mac\": \"ENC[";
            case DOTENV -> "sops_mac=ENC[";
            case INI -> "[sops]";
            case YAML -> "mac: ENC[";
        };
        return m.getBytes(StandardCharsets.US_ASCII);
    }

    static boolean hasMarker(byte[] data, Format f) {
        return indexOf(data, marker(f)) >= 0;
    }

    /** {@code detectFormatFromMarkerBytes}: the first format whose marker occurs in the data. */
    static Optional<Format> detect(byte[] data) {
        for (Format f : DETECTION_ORDER) {
            if (hasMarker(data, f)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /** Flux's {@code formatForPath}: {@code .dockerconfigjson} means JSON, else sops's suffix rule (binary by default). */
    static Format forPath(String path) {
        return path.endsWith(DOCKER_CONFIG_JSON) ? Format.JSON : Format.fromPath(path);
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
