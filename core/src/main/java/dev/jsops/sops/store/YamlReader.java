package dev.jsops.sops.store;

/**
 * Input decoding as go-yaml's reader does it ({@code readerc.go} rules): BOM detection (UTF-8, UTF-16LE/BE), strict
 * UTF-8 validation and the YAML printable-character check. Produces code points followed by NUL padding, which the
 * scanner treats as end of input (NUL itself is rejected as a control character, so it cannot occur in the text).
 */
final class YamlReader {
    private static final int PADDING = 8;

    private YamlReader() {
    }

    static int[] decode(byte[] in) {
        int p = 0;
        int n = in.length;
        boolean utf16 = false;
        boolean littleEndian = false;
        if (n >= 2 && (in[0] & 0xFF) == 0xFF && (in[1] & 0xFF) == 0xFE) {
            utf16 = true;
            littleEndian = true;
            p = 2;
        } else if (n >= 2 && (in[0] & 0xFF) == 0xFE && (in[1] & 0xFF) == 0xFF) {
            utf16 = true;
            p = 2;
        } else if (n >= 3 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB && (in[2] & 0xFF) == 0xBF) {
            p = 3;
        }
        int[] out = new int[n - p + PADDING];
        int len = 0;
        while (p < n) {
            int value;
            int width;
            if (!utf16) {
                int octet = in[p] & 0xFF;
                if ((octet & 0x80) == 0) {
                    width = 1;
                    value = octet;
                } else if ((octet & 0xE0) == 0xC0) {
                    width = 2;
                    value = octet & 0x1F;
                } else if ((octet & 0xF0) == 0xE0) {
                    width = 3;
                    value = octet & 0x0F;
                } else if ((octet & 0xF8) == 0xF0) {
                    width = 4;
                    value = octet & 0x07;
                } else {
                    throw error("invalid leading UTF-8 octet");
                }
                if (width > n - p) {
                    throw error("incomplete UTF-8 octet sequence");
                }
                for (int k = 1; k < width; k++) {
                    int o = in[p + k] & 0xFF;
                    if ((o & 0xC0) != 0x80) {
                        throw error("invalid trailing UTF-8 octet");
                    }
                    value = (value << 6) + (o & 0x3F);
                }
                if (!(width == 1 || width == 2 && value >= 0x80 || width == 3 && value >= 0x800
                        || width == 4 && value >= 0x10000)) {
                    throw error("invalid length of a UTF-8 sequence");
                }
                if (value >= 0xD800 && value <= 0xDFFF || value > 0x10FFFF) {
                    throw error("invalid Unicode character");
                }
            } else {
                if (n - p < 2) {
                    throw error("incomplete UTF-16 character");
                }
                value = unit(in, p, littleEndian);
                if ((value & 0xFC00) == 0xDC00) {
                    throw error("unexpected low surrogate area");
                }
                if ((value & 0xFC00) == 0xD800) {
                    width = 4;
                    if (n - p < 4) {
                        throw error("incomplete UTF-16 surrogate pair");
                    }
                    int value2 = unit(in, p + 2, littleEndian);
                    if ((value2 & 0xFC00) != 0xDC00) {
                        throw error("expected low surrogate area");
                    }
                    value = 0x10000 + ((value & 0x3FF) << 10) + (value2 & 0x3FF);
                } else {
                    width = 2;
                }
            }
            if (!(value == 0x09 || value == 0x0A || value == 0x0D || value >= 0x20 && value <= 0x7E || value == 0x85
                    || value >= 0xA0 && value <= 0xD7FF || value >= 0xE000 && value <= 0xFFFD
                    || value >= 0x10000 && value <= 0x10FFFF)) {
                throw error("control characters are not allowed");
            }
            p += width;
            out[len++] = value;
        }
        if (len + PADDING < out.length) {
            out = java.util.Arrays.copyOf(out, len + PADDING);
        }
        return out;
    }

    private static int unit(byte[] in, int p, boolean littleEndian) {
        int lo = in[p + (littleEndian ? 0 : 1)] & 0xFF;
        int hi = in[p + (littleEndian ? 1 : 0)] & 0xFF;
        return lo + (hi << 8);
    }

    private static YamlSyntaxError error(String problem) {
        return new YamlSyntaxError(YamlSyntaxError.Kind.READER, null, null, problem);
    }
}
