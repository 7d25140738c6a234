package dev.jsops.age;

import java.util.Base64;

/**
 * The base64 of age headers: standard alphabet, no padding, canonical only. {@link java.util.Base64} is
 * lenient (accepts padding, ignores non-zero trailing bits), so decoding re-encodes and compares.
 */
final class HeaderBase64 {
    private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private HeaderBase64() {
    }

    static String encode(byte[] data) {
        return ENCODER.encodeToString(data);
    }

    /** Decodes strictly; returns null for anything the reference would reject. */
    static byte[] decode(String s) {
        int n = s.length();
        if (n % 4 == 1) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
            if (!ok) {
                return null;
            }
        }
        byte[] out;
        try {
            out = DECODER.decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return ENCODER.encodeToString(out).equals(s) ? out : null;
    }
}
