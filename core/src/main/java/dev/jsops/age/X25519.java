package dev.jsops.age;

/**
 * The X25519 function (RFC 7748) on raw 32-byte strings, via BouncyCastle's constant-time field code.
 * Scalars are clamped and bit 255 of the u-coordinate is masked, as the RFC says; the JDK's XDH API needs
 * key objects and BigInteger conversions for the same thing.
 */
final class X25519 {
    static final int SIZE = 32;
    static final byte[] BASEPOINT = new byte[SIZE];

    static {
        BASEPOINT[0] = 9;
    }

    private X25519() {
    }

    /** X25519(scalar, point); null when the result is all zeros (a low-order point), which age treats as fatal. */
    static byte[] scalarMult(byte[] scalar, byte[] point) {
        byte[] out = new byte[SIZE];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(scalar, 0, point, 0, out, 0);
        int acc = 0;
        for (byte b : out) {
            acc |= b;
        }
        return acc == 0 ? null : out;
    }

    /**
     * X25519(scalar, 9). Deliberately the plain ladder rather than BouncyCastle's fixed-base
     * {@code scalarMultBase}: that one first builds a precomputed table, which costs a CLI run about a
     * quarter of a second, while one ladder costs about a millisecond.
     */
    static byte[] publicKey(byte[] scalar) {
        byte[] out = new byte[SIZE];
        org.bouncycastle.math.ec.rfc7748.X25519.scalarMult(scalar, 0, BASEPOINT, 0, out, 0);
        return out;
    }
}
