package dev.jsops.sops;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Shamir secret sharing over GF(2^8) in the share format sops inherited from HashiCorp Vault: each share is
 * the secret's length in y-values followed by one byte x = index + 1. The field uses the AES polynomial
 * x^8 + x^4 + x^3 + x + 1, with constant-time multiplication.
 */
final class Shamir {
    /** Created on first use, so that decryption does not pay for SecureRandom's set-up. */
    private static final class Rng {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private Shamir() {
    }

    static byte[][] split(byte[] secret, int parts, int threshold) {
        if (parts < threshold) {
            throw new IllegalArgumentException("parts cannot be less than threshold");
        }
        if (parts > 255) {
            throw new IllegalArgumentException("parts cannot exceed 255");
        }
        if (threshold < 2) {
            throw new IllegalArgumentException("threshold must be at least 2");
        }
        if (threshold > 255) {
            throw new IllegalArgumentException("threshold cannot exceed 255");
        }
        if (secret.length == 0) {
            throw new IllegalArgumentException("cannot split an empty secret");
        }
        byte[][] out = new byte[parts][secret.length + 1];
        for (int i = 0; i < parts; i++) {
            out[i][secret.length] = (byte) (i + 1);
        }
        byte[] coefficients = new byte[threshold];
        for (int idx = 0; idx < secret.length; idx++) {
            coefficients[0] = secret[idx];
            byte[] random = new byte[threshold - 1];
            Rng.INSTANCE.nextBytes(random);
            System.arraycopy(random, 0, coefficients, 1, random.length);
            for (int i = 0; i < parts; i++) {
                out[i][idx] = (byte) evaluate(coefficients, i + 1);
            }
        }
        java.util.Arrays.fill(coefficients, (byte) 0);
        return out;
    }

    static byte[] combine(List<byte[]> parts) {
        if (parts.size() < 2) {
            throw new IllegalArgumentException("less than two parts cannot be used to reconstruct the secret");
        }
        int len = parts.get(0).length;
        if (len < 2) {
            throw new IllegalArgumentException("parts must be at least two bytes");
        }
        for (byte[] p : parts) {
            if (p.length != len) {
                throw new IllegalArgumentException("all parts must be the same length");
            }
        }
        int[] xs = new int[parts.size()];
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < parts.size(); i++) {
            xs[i] = parts.get(i)[len - 1] & 0xff;
            if (!seen.add(xs[i])) {
                throw new IllegalArgumentException("duplicate part detected");
            }
        }
        byte[] secret = new byte[len - 1];
        int[] ys = new int[parts.size()];
        for (int idx = 0; idx < secret.length; idx++) {
            for (int i = 0; i < parts.size(); i++) {
                ys[i] = parts.get(i)[idx] & 0xff;
            }
            secret[idx] = (byte) interpolateAtZero(xs, ys);
        }
        return secret;
    }

    private static int evaluate(byte[] coefficients, int x) {
        int degree = coefficients.length - 1;
        int out = coefficients[degree] & 0xff;
        for (int i = degree - 1; i >= 0; i--) {
            out = mult(out, x) ^ (coefficients[i] & 0xff);
        }
        return out;
    }

    private static int interpolateAtZero(int[] xs, int[] ys) {
        int result = 0;
        for (int i = 0; i < xs.length; i++) {
            int basis = 1;
            for (int j = 0; j < xs.length; j++) {
                if (i != j) {
                    basis = mult(basis, mult(xs[j], inverse(xs[i] ^ xs[j])));
                }
            }
            result ^= mult(ys[i], basis);
        }
        return result;
    }

    /** a^254 = a^-1 in GF(2^8), by a fixed addition chain (no data-dependent branches). */
    private static int inverse(int a) {
        int b = mult(a, a);
        int c = mult(a, b);
        b = mult(c, c);
        b = mult(b, b);
        c = mult(b, c);
        b = mult(b, b);
        b = mult(b, b);
        b = mult(b, c);
        b = mult(b, b);
        b = mult(a, b);
        return mult(b, b);
    }

    /** Carry-less multiplication modulo 0x11B, constant time. */
    static int mult(int a, int b) {
        int acc = 0;
        for (int i = 7; i >= 0; i--) {
            int bit = (b >>> i) & 1;
            int aOrZero = (-bit) & a;
            int reduce = (-((acc >>> 7) & 1)) & 0x1B;
            acc = (aOrZero ^ (reduce ^ (acc << 1))) & 0xff;
        }
        return acc;
    }
}
