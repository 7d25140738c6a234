package dev.jsops.age;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * The small primitives every stanza type shares: HKDF-SHA-256, HMAC-SHA-256 and one-shot
 * ChaCha20-Poly1305 with the all-zero nonce. These use BouncyCastle's lightweight classes rather than
 * JCA: they run on a few dozen bytes per file, where JCA's provider start-up would dominate a CLI run,
 * and a fresh instance per call sidesteps the JDK 17 nonce-reuse guard (the zero nonce repeats by design).
 */
final class Primitives {
    static final int FILE_KEY_SIZE = 16;
    static final int TAG_SIZE = 16;
    private static final byte[] ZERO_NONCE = new byte[12];
    /** Created on first use: decryption never needs randomness, and SecureRandom's set-up costs a CLI run. */
    private static final class Rng {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private Primitives() {
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        Rng.INSTANCE.nextBytes(b);
        return b;
    }

    static byte[] hmacSha256(byte[] key, byte[]... messages) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(key));
        for (byte[] m : messages) {
            mac.update(m, 0, m.length);
        }
        byte[] out = new byte[32];
        mac.doFinal(out, 0);
        return out;
    }

    /**
     * HKDF-SHA-256 with a 32-byte output: one extract and one expand block. An empty salt is the zero
     * string of hash length (RFC 5869 §2.2), which is what HMAC with an empty key computes anyway.
     */
    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] info) {
        byte[] prk = hmacSha256(salt, ikm);
        byte[] okm = hmacSha256(prk, info, new byte[] {1});
        Arrays.fill(prk, (byte) 0);
        return okm;
    }

    static byte[] hkdf(byte[] ikm, byte[] salt, String info) {
        return hkdf(ikm, salt, ascii(info));
    }

    static byte[] aeadSeal(byte[] key, byte[] plaintext) {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(true, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, ZERO_NONCE));
        byte[] out = new byte[plaintext.length + TAG_SIZE];
        int n = aead.processBytes(plaintext, 0, plaintext.length, out, 0);
        try {
            aead.doFinal(out, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 seal failed", e);
        }
        return out;
    }

    /** Opens a one-time-key ciphertext; returns null when authentication fails. */
    static byte[] aeadOpen(byte[] key, byte[] ciphertext) {
        if (ciphertext.length < TAG_SIZE) {
            return null;
        }
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(false, new AEADParameters(new KeyParameter(key), TAG_SIZE * 8, ZERO_NONCE));
        byte[] out = new byte[ciphertext.length - TAG_SIZE];
        int n = aead.processBytes(ciphertext, 0, ciphertext.length, out, 0);
        try {
            aead.doFinal(out, n);
            return out;
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, (byte) 0);
            return null;
        }
    }

    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int off = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, off, p.length);
            off += p.length;
        }
        return out;
    }

    static void wipe(byte[] b) {
        if (b != null) {
            Arrays.fill(b, (byte) 0);
        }
    }
}
