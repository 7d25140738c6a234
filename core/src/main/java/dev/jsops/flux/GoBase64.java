package dev.jsops.flux;

import java.util.Base64;

/** Go's {@code base64.StdEncoding.DecodeString}: CR and LF ignored, padding required, other characters rejected. */
final class GoBase64 {
    private GoBase64() {
    }

    /** The decoded bytes, or null when Go would return an error. */
    static byte[] decode(String s) {
        String t = s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 ? s.replace("\r", "").replace("\n", "") : s;
        if (t.length() % 4 != 0) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(t);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String encode(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }
}
