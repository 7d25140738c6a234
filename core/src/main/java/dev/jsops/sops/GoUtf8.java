package dev.jsops.sops;

import java.nio.charset.StandardCharsets;

/** Go's UTF-8 rules ({@code unicode/utf8}): what counts as valid, and one U+FFFD per invalid byte. */
public final class GoUtf8 {
    private GoUtf8() {
    }

    /**
     * Length of the valid UTF-8 sequence starting at {@code i}, or 0 when the byte there starts no valid sequence
     * (Go's {@code DecodeRune} then reports {@code RuneError} of width 1). Surrogates and overlongs are invalid.
     */
    public static int validLength(byte[] b, int i, int end) {
        int c = b[i] & 0xFF;
        if (c < 0x80) {
            return 1;
        }
        int need;
        int lo = 0x80;
        int hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF) {
            need = 1;
        } else if (c >= 0xE0 && c <= 0xEF) {
            need = 2;
            if (c == 0xE0) {
                lo = 0xA0;
            } else if (c == 0xED) {
                hi = 0x9F;
            }
        } else if (c >= 0xF0 && c <= 0xF4) {
            need = 3;
            if (c == 0xF0) {
                lo = 0x90;
            } else if (c == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return 0;
        }
        if (i + need >= end) {
            return 0;
        }
        int c1 = b[i + 1] & 0xFF;
        if (c1 < lo || c1 > hi) {
            return 0;
        }
        for (int k = 2; k <= need; k++) {
            int ck = b[i + k] & 0xFF;
            if (ck < 0x80 || ck > 0xBF) {
                return 0;
            }
        }
        return need + 1;
    }

    public static boolean isValid(byte[] b, int off, int end) {
        for (int i = off; i < end; ) {
            int n = validLength(b, i, end);
            if (n == 0) {
                return false;
            }
            i += n;
        }
        return true;
    }

    /** Decodes like Go's {@code for range} over a string: each invalid byte becomes one U+FFFD. */
    public static String decodeReplacing(byte[] b, int off, int end) {
        if (isValid(b, off, end)) {
            return new String(b, off, end - off, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(end - off);
        for (int i = off; i < end; ) {
            int n = validLength(b, i, end);
            if (n == 0) {
                sb.append('\uFFFD');
                i++;
            } else {
                sb.append(new String(b, i, n, StandardCharsets.UTF_8));
                i += n;
            }
        }
        return sb.toString();
    }

    /** A Go string from raw bytes: {@link Value.Str} when valid UTF-8, else {@link Value.Bytes} (bytes kept). */
    public static Value stringValue(byte[] b, int off, int end) {
        if (isValid(b, off, end)) {
            return new Value.Str(new String(b, off, end - off, StandardCharsets.UTF_8));
        }
        byte[] copy = new byte[end - off];
        System.arraycopy(b, off, copy, 0, copy.length);
        return new Value.Bytes(copy);
    }
}
