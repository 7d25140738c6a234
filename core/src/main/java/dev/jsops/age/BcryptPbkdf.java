package dev.jsops.age;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * OpenBSD's {@code bcrypt_pbkdf}, the KDF of passphrase-protected OpenSSH keys. Neither the JDK nor
 * BouncyCastle offers it (BouncyCastle has bcrypt, whose hash differs), and a dependency for one KDF would
 * weigh more than this file, so it is written here.
 *
 * <p>Blowfish's initial state is the fractional part of pi in hexadecimal; rather than carrying four
 * kilobytes of constants, it is computed once (Machin's formula on BigIntegers, a few milliseconds) the first
 * time an encrypted key is opened.
 */
final class BcryptPbkdf {
    private static final int HASH_SIZE = 32;
    private static final byte[] MAGIC = Primitives.ascii("OxychromaticBlowfishSwatDynamite");
    private static volatile int[] piWords;

    private BcryptPbkdf() {
    }

    static byte[] derive(byte[] passphrase, byte[] salt, int rounds, int keyLength) {
        if (rounds < 1 || keyLength < 1 || keyLength > 1024 || salt.length == 0) {
            throw new IllegalArgumentException("invalid bcrypt_pbkdf parameters");
        }
        MessageDigest sha512 = sha512();
        byte[] sha2pass = sha512.digest(passphrase);
        int stride = (keyLength + HASH_SIZE - 1) / HASH_SIZE;
        int amount = (keyLength + stride - 1) / stride;
        byte[] key = new byte[keyLength];
        int remaining = keyLength;
        for (int count = 1; remaining > 0; count++) {
            byte[] countSalt = Arrays.copyOf(salt, salt.length + 4);
            countSalt[salt.length] = (byte) (count >>> 24);
            countSalt[salt.length + 1] = (byte) (count >>> 16);
            countSalt[salt.length + 2] = (byte) (count >>> 8);
            countSalt[salt.length + 3] = (byte) count;
            byte[] tmp = hash(sha2pass, sha512.digest(countSalt));
            byte[] out = tmp.clone();
            for (int i = 1; i < rounds; i++) {
                tmp = hash(sha2pass, sha512.digest(tmp));
                for (int j = 0; j < out.length; j++) {
                    out[j] ^= tmp[j];
                }
            }
            amount = Math.min(amount, remaining);
            int i;
            for (i = 0; i < amount; i++) {
                int dest = i * stride + (count - 1);
                if (dest >= keyLength) {
                    break;
                }
                key[dest] = out[i];
            }
            remaining -= i;
        }
        Arrays.fill(sha2pass, (byte) 0);
        return key;
    }

    private static byte[] hash(byte[] sha2pass, byte[] sha2salt) {
        Blowfish bf = new Blowfish(initialState());
        bf.expand(sha2salt, sha2pass);
        for (int i = 0; i < 64; i++) {
            bf.expand0(sha2salt);
            bf.expand0(sha2pass);
        }
        int[] cdata = new int[8];
        for (int i = 0; i < 8; i++) {
            cdata[i] = ((MAGIC[4 * i] & 0xff) << 24) | ((MAGIC[4 * i + 1] & 0xff) << 16)
                    | ((MAGIC[4 * i + 2] & 0xff) << 8) | (MAGIC[4 * i + 3] & 0xff);
        }
        for (int i = 0; i < 64; i++) {
            for (int j = 0; j < 8; j += 2) {
                bf.encipher(cdata, j);
            }
        }
        byte[] out = new byte[HASH_SIZE];
        for (int i = 0; i < 8; i++) {
            out[4 * i + 3] = (byte) (cdata[i] >>> 24);
            out[4 * i + 2] = (byte) (cdata[i] >>> 16);
            out[4 * i + 1] = (byte) (cdata[i] >>> 8);
            out[4 * i] = (byte) cdata[i];
        }
        return out;
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** P-array (18 words) followed by the four S-boxes (4 × 256 words): pi's hexadecimal fraction. */
    static int[] initialState() {
        int[] words = piWords;
        if (words == null) {
            words = computePiWords(18 + 4 * 256);
            piWords = words;
        }
        return words.clone();
    }

    static int[] computePiWords(int count) {
        int bits = count * 32;
        int guard = 64;
        int precision = bits + guard;
        // pi = 16·atan(1/5) − 4·atan(1/239), in fixed point with `precision` fraction bits.
        BigInteger pi = atanInverse(5, precision).shiftLeft(4).subtract(atanInverse(239, precision).shiftLeft(2));
        BigInteger fraction = pi.shiftRight(guard).subtract(BigInteger.valueOf(3).shiftLeft(bits));
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = fraction.shiftRight(bits - 32 * (i + 1)).intValue();
        }
        return out;
    }

    private static BigInteger atanInverse(int x, int precision) {
        BigInteger xSquared = BigInteger.valueOf((long) x * x);
        BigInteger term = BigInteger.ONE.shiftLeft(precision).divide(BigInteger.valueOf(x));
        BigInteger sum = term;
        for (int k = 1; term.signum() != 0; k++) {
            term = term.divide(xSquared);
            BigInteger t = term.divide(BigInteger.valueOf(2L * k + 1));
            sum = (k & 1) == 1 ? sum.subtract(t) : sum.add(t);
        }
        return sum;
    }

    /** Blowfish with the "expensive key schedule" primitives bcrypt needs. */
    private static final class Blowfish {
        private final int[] p = new int[18];
        private final int[] s = new int[1024];
        private final int[] block = new int[2];

        Blowfish(int[] init) {
            System.arraycopy(init, 0, p, 0, 18);
            System.arraycopy(init, 18, s, 0, 1024);
        }

        private int f(int x) {
            return ((s[x >>> 24] + s[256 + ((x >>> 16) & 0xff)]) ^ s[512 + ((x >>> 8) & 0xff)]) + s[768 + (x & 0xff)];
        }

        void encipher(int[] data, int off) {
            int l = data[off];
            int r = data[off + 1];
            l ^= p[0];
            for (int i = 1; i <= 16; i += 2) {
                r ^= f(l) ^ p[i];
                l ^= f(r) ^ p[i + 1];
            }
            r ^= p[17];
            data[off] = r;
            data[off + 1] = l;
        }

        private int pos;

        private int streamWord(byte[] data) {
            int w = 0;
            for (int i = 0; i < 4; i++) {
                if (pos >= data.length) {
                    pos = 0;
                }
                w = (w << 8) | (data[pos++] & 0xff);
            }
            return w;
        }

        void expand(byte[] data, byte[] key) {
            pos = 0;
            for (int i = 0; i < 18; i++) {
                p[i] ^= streamWord(key);
            }
            pos = 0;
            block[0] = 0;
            block[1] = 0;
            for (int i = 0; i < 18; i += 2) {
                block[0] ^= streamWord(data);
                block[1] ^= streamWord(data);
                encipher(block, 0);
                p[i] = block[0];
                p[i + 1] = block[1];
            }
            for (int i = 0; i < 1024; i += 2) {
                block[0] ^= streamWord(data);
                block[1] ^= streamWord(data);
                encipher(block, 0);
                s[i] = block[0];
                s[i + 1] = block[1];
            }
        }

        void expand0(byte[] key) {
            pos = 0;
            for (int i = 0; i < 18; i++) {
                p[i] ^= streamWord(key);
            }
            block[0] = 0;
            block[1] = 0;
            for (int i = 0; i < 18; i += 2) {
                encipher(block, 0);
                p[i] = block[0];
                p[i + 1] = block[1];
            }
            for (int i = 0; i < 1024; i += 2) {
                encipher(block, 0);
                s[i] = block[0];
                s[i + 1] = block[1];
            }
        }
    }
}
