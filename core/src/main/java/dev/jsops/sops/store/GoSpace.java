package dev.jsops.sops.store;

/**
 * Go's {@code strings.TrimSpace} / {@code TrimLeftFunc(unicode.IsSpace)} on byte strings held one byte per char
 * (ISO-8859-1), recognising the multi-byte UTF-8 encodings of Unicode white space as Go does.
 */
final class GoSpace {
    private GoSpace() {
    }

    private static boolean asciiSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\f' || c == '\r';
    }

    /** Byte length of a UTF-8 encoded Unicode space starting at {@code i}, or 0. */
    private static int spaceAt(String s, int i) {
        char c = s.charAt(i);
        if (c < 0x80) {
            return asciiSpace(c) ? 1 : 0;
        }
        int n = s.length();
        if (c == 0xC2 && i + 1 < n) {
            char d = s.charAt(i + 1);
            return d == 0x85 || d == 0xA0 ? 2 : 0;
        }
        if (i + 2 >= n) {
            return 0;
        }
        char d = s.charAt(i + 1);
        char e = s.charAt(i + 2);
        if (c == 0xE1 && d == 0x9A && e == 0x80) {
            return 3; // U+1680
        }
        if (c == 0xE2 && d == 0x80 && (e >= 0x80 && e <= 0x8A || e == 0xA8 || e == 0xA9 || e == 0xAF)) {
            return 3; // U+2000-200A, U+2028, U+2029, U+202F
        }
        if (c == 0xE2 && d == 0x81 && e == 0x9F) {
            return 3; // U+205F
        }
        if (c == 0xE3 && d == 0x80 && e == 0x80) {
            return 3; // U+3000
        }
        return 0;
    }

    /** Byte length of a UTF-8 encoded Unicode space ending just before {@code end}, or 0. */
    private static int spaceBefore(String s, int end) {
        int start = end - 1;
        // Back over continuation bytes to the lead byte of the last encoded rune.
        while (start > 0 && end - start < 3 && (s.charAt(start) & 0xC0) == 0x80) {
            start--;
        }
        int n = spaceAt(s, start);
        return n == end - start ? n : 0;
    }

    static String trimLeft(String s) {
        int i = 0;
        int n;
        while (i < s.length() && (n = spaceAt(s, i)) > 0) {
            i += n;
        }
        return s.substring(i);
    }

    static String trim(String s) {
        String t = trimLeft(s);
        int end = t.length();
        int n;
        while (end > 0 && (n = spaceBefore(t, end)) > 0) {
            end -= n;
        }
        return t.substring(0, end);
    }
}
