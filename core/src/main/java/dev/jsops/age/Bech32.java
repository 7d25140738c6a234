package dev.jsops.age;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * BIP 173 Bech32 as age uses it: checksum constant 1 (not Bech32m) and no length limit, which is why no
 * Bitcoin library fits (they cap strings at 90 characters; a post-quantum recipient is 1,960). Small enough
 * to own.
 */
final class Bech32 {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    private static final byte[] REVERSE = new byte[128];

    static {
        java.util.Arrays.fill(REVERSE, (byte) -1);
        for (int i = 0; i < CHARSET.length(); i++) {
            REVERSE[CHARSET.charAt(i)] = (byte) i;
        }
    }

    /** A decoded string: its human-readable part, exactly as written, and the 8-bit payload. */
    record Decoded(String hrp, byte[] data) {
    }

    private Bech32() {
    }

    private static int polymod(byte[] values) {
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= GENERATOR[i];
                }
            }
        }
        return chk;
    }

    private static byte[] hrpExpand(String hrp) {
        int n = hrp.length();
        byte[] out = new byte[n * 2 + 1];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) (hrp.charAt(i) >>> 5);
            out[i + n + 1] = (byte) (hrp.charAt(i) & 31);
        }
        return out;
    }

    private static boolean verifyChecksum(String hrp, byte[] data) {
        return polymod(Primitives.concat(hrpExpand(hrp), data)) == 1;
    }

    private static byte[] createChecksum(String hrp, byte[] data) {
        byte[] values = Primitives.concat(hrpExpand(hrp), data, new byte[6]);
        int mod = polymod(values) ^ 1;
        byte[] out = new byte[6];
        for (int i = 0; i < 6; i++) {
            out[i] = (byte) ((mod >>> 5 * (5 - i)) & 31);
        }
        return out;
    }

    private static byte[] convertBits(byte[] data, int fromBits, int toBits, boolean pad) {
        int acc = 0;
        int bits = 0;
        int maxv = (1 << toBits) - 1;
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length * fromBits / toBits + 1);
        for (byte b : data) {
            int value = b & 0xff;
            if ((value >>> fromBits) != 0) {
                throw new IllegalArgumentException("invalid data range");
            }
            acc = (acc << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits) {
                bits -= toBits;
                out.write((acc >>> bits) & maxv);
            }
        }
        if (pad) {
            if (bits > 0) {
                out.write((acc << (toBits - bits)) & maxv);
            }
        } else if (bits >= fromBits) {
            throw new IllegalArgumentException("illegal zero padding");
        } else if (((acc << (toBits - bits)) & maxv) != 0) {
            throw new IllegalArgumentException("non-zero padding");
        }
        return out.toByteArray();
    }

    /** Encodes; an upper-case {@code hrp} gives an all-upper-case string, as age's identities are written. */
    static String encode(String hrp, byte[] data) {
        String lower = hrp.toLowerCase(Locale.ROOT);
        byte[] values = convertBits(data, 8, 5, true);
        StringBuilder sb = new StringBuilder(hrp.length() + 1 + values.length + 6);
        sb.append(lower).append('1');
        for (byte v : values) {
            sb.append(CHARSET.charAt(v));
        }
        for (byte v : createChecksum(lower, values)) {
            sb.append(CHARSET.charAt(v));
        }
        String s = sb.toString();
        return hrp.equals(lower) ? s : s.toUpperCase(Locale.ROOT);
    }

    /**
     * Decodes a string; the returned HRP keeps the string's case so that callers can enforce age's rules
     * (recipients lower case, identities upper case).
     */
    static Decoded decode(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        String upper = s.toUpperCase(Locale.ROOT);
        if (!s.equals(lower) && !s.equals(upper)) {
            throw new IllegalArgumentException("mixed case");
        }
        int pos = s.lastIndexOf('1');
        if (pos < 1 || pos + 7 > s.length()) {
            throw new IllegalArgumentException("separator '1' at invalid position: pos=" + pos + ", len=" + s.length());
        }
        String hrp = s.substring(0, pos);
        for (int i = 0; i < hrp.length(); i++) {
            char c = hrp.charAt(i);
            if (c < 33 || c > 126) {
                throw new IllegalArgumentException("invalid character human-readable part: s[" + i + "]=" + (int) c);
            }
        }
        byte[] values = new byte[s.length() - pos - 1];
        for (int i = pos + 1; i < s.length(); i++) {
            char c = lower.charAt(i);
            int v = c < 128 ? REVERSE[c] : -1;
            if (v < 0) {
                throw new IllegalArgumentException("invalid character data part: s[" + (i - pos - 1) + "]=" + (int) c);
            }
            values[i - pos - 1] = (byte) v;
        }
        if (!verifyChecksum(hrp.toLowerCase(Locale.ROOT), values)) {
            throw new IllegalArgumentException("invalid checksum");
        }
        byte[] data = convertBits(java.util.Arrays.copyOf(values, values.length - 6), 5, 8, false);
        return new Decoded(hrp, data);
    }
}
