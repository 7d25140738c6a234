package dev.jsops.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** Known answers from the C2SP spec and RFC 7748, and the Bech32 rules age relies on. */
class PrimitivesTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void hkdfKnownAnswers() {
        byte[] fileKey = "YELLOW SUBMARINE".getBytes(StandardCharsets.US_ASCII);
        assertEquals("a4bf3b9f4e908993e678eb71e558faedac5829d1d632c50225217c066fec77d2",
                HEX.formatHex(Primitives.hkdf(fileKey, new byte[0], "header")));
        byte[] nonce = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        assertEquals("4a110fa16dcea155c86d253602606e9eb4d6e2adcc402cf0e5b381eb62944568",
                HEX.formatHex(PayloadStream.payloadKey(fileKey, nonce)));
    }

    @Test
    void x25519Rfc7748Vectors() {
        // RFC 7748 §5.2, second vector: the input u-coordinate has bit 255 set and must be masked.
        byte[] k = HEX.parseHex("4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d");
        byte[] u = HEX.parseHex("e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493");
        assertEquals("95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957",
                HEX.formatHex(X25519.scalarMult(k, u)));
        byte[] lowOrder = new byte[32];
        assertEquals(null, X25519.scalarMult(k, lowOrder));
    }

    @Test
    void bech32KnownAnswers() throws Exception {
        X25519Identity id = X25519Identity.parse("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX");
        assertEquals("age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj", id.recipient().toString());
        assertEquals("AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX", id.encode());
        X25519Identity cctv = X25519Identity.parse("AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0");
        assertEquals("age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef", cctv.recipient().toString());
    }

    @Test
    void bech32CaseRules() {
        String r = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";
        String i = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
        assertThrows(AgeException.MalformedKey.class, () -> X25519Recipient.parse(r.toUpperCase()));
        assertThrows(AgeException.MalformedKey.class, () -> X25519Identity.parse(i.toLowerCase()));
        AgeException e = assertThrows(AgeException.MalformedKey.class,
                () -> X25519Recipient.parse("age1Zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj"));
        assertEquals(true, e.getMessage().contains("mixed case"));
    }

    @Test
    void bech32Checksum() {
        String bad = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwq";
        AgeException e = assertThrows(AgeException.MalformedKey.class, () -> X25519Recipient.parse(bad));
        assertEquals(true, e.getMessage().contains("invalid checksum"));
    }

    @Test
    void bech32Padding() {
        // 33 bytes of data: a valid Bech32 string with the wrong payload length for a key.
        String s = Bech32.encode("age", new byte[33]);
        assertEquals(33, Bech32.decode(s).data().length);
        assertThrows(AgeException.MalformedKey.class, () -> X25519Recipient.parse(s));
        // Two 5-bit groups hold one byte and two padding bits, which must be zero.
        String tampered = encodeRaw("age", new byte[] {0, 1});
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> Bech32.decode(tampered));
        assertEquals("non-zero padding", ex.getMessage());
        // Three groups leave 7 bits over: a whole padding group too many.
        String tooLong = encodeRaw("age", new byte[] {0, 0, 0});
        ex = assertThrows(IllegalArgumentException.class, () -> Bech32.decode(tooLong));
        assertEquals("illegal zero padding", ex.getMessage());
    }

    /** Bech32 with explicit 5-bit groups, for building invalid paddings. */
    private static String encodeRaw(String hrp, byte[] groups) {
        String charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
        int[] gen = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
        int n = hrp.length();
        byte[] values = new byte[n * 2 + 1 + groups.length + 6];
        for (int i = 0; i < n; i++) {
            values[i] = (byte) (hrp.charAt(i) >>> 5);
            values[i + n + 1] = (byte) (hrp.charAt(i) & 31);
        }
        System.arraycopy(groups, 0, values, 2 * n + 1, groups.length);
        int chk = 1;
        for (byte v : values) {
            int top = chk >>> 25;
            chk = (chk & 0x1ffffff) << 5 ^ v;
            for (int i = 0; i < 5; i++) {
                if (((top >>> i) & 1) != 0) {
                    chk ^= gen[i];
                }
            }
        }
        int mod = chk ^ 1;
        StringBuilder sb = new StringBuilder(hrp).append('1');
        for (byte g : groups) {
            sb.append(charset.charAt(g));
        }
        for (int i = 0; i < 6; i++) {
            sb.append(charset.charAt((mod >>> 5 * (5 - i)) & 31));
        }
        return sb.toString();
    }

    @Test
    void headerBase64IsStrict() {
        assertArrayEquals(new byte[] {0}, HeaderBase64.decode("AA"));
        assertEquals(null, HeaderBase64.decode("AB"));
        assertEquals(null, HeaderBase64.decode("AA=="));
        assertEquals(null, HeaderBase64.decode("A"));
        assertEquals(null, HeaderBase64.decode("AA\r"));
        assertArrayEquals(new byte[0], HeaderBase64.decode(""));
    }

    @Test
    void blowfishStateIsPi() {
        int[] s = BcryptPbkdf.computePiWords(18 + 1024);
        assertEquals(0x243f6a88, s[0]);
        assertEquals(0x85a308d3, s[1]);
        assertEquals(0x8979fb1b, s[17]);
        assertEquals(0xd1310ba6, s[18]);
        assertEquals(0x3ac372e6, s[18 + 1023]);
    }
}
