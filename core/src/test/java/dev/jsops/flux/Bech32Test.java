package dev.jsops.flux;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** A minimal Bech32 encoder for test strings (age's encoding: no length limit, upper case kept for identities). */
final class Bech32Test {
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";

    private Bech32Test() {
    }

    static String encode(String hrp, byte[] data) {
        String lower = hrp.toLowerCase(Locale.ROOT);
        ByteArrayOutputStream values = new ByteArrayOutputStream();
        int acc = 0;
        int bits = 0;
        for (byte b : data) {
            acc = (acc << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                values.write((acc >> bits) & 31);
            }
        }
        if (bits > 0) {
            values.write((acc << (5 - bits)) & 31);
        }
        byte[] v = values.toByteArray();
        byte[] expanded = new byte[lower.length() * 2 + 1 + v.length + 6];
        int i = 0;
        for (char c : lower.toCharArray()) {
            expanded[i++] = (byte) (c >> 5);
        }
        expanded[i++] = 0;
        for (char c : lower.toCharArray()) {
            expanded[i++] = (byte) (c & 31);
        }
        System.arraycopy(v, 0, expanded, i, v.length);
        int mod = polymod(expanded) ^ 1;
        StringBuilder sb = new StringBuilder(lower).append('1');
        for (byte b : v) {
            sb.append(CHARSET.charAt(b));
        }
        for (int k = 0; k < 6; k++) {
            sb.append(CHARSET.charAt((mod >> (5 * (5 - k))) & 31));
        }
        return sb.toString().toUpperCase(Locale.ROOT);
    }

    private static int polymod(byte[] values) {
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ (v & 0xff);
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        return chk;
    }
}
