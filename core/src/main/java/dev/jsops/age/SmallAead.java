package dev.jsops.age;

import java.util.Arrays;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 for payloads of a single chunk, through BouncyCastle's lightweight API. Every sops data
 * key is such a payload; opening it through JCA would first initialise the JCE provider machinery, which
 * costs a short CLI run more than the whole decryption. Larger payloads go through JCA, whose intrinsics pay
 * off (see {@link PayloadStream}).
 */
final class SmallAead {
    private static final int TAG_BITS = 128;

    private SmallAead() {
    }

    /** Opens {@code in[0..n)}; returns the plaintext length written to {@code out}, or -1 if it does not authenticate. */
    static int open(byte[] key, byte[] nonce, byte[] in, int n, byte[] out) {
        if (n < 16) {
            return -1;
        }
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(false, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce));
        int k = aead.processBytes(in, 0, n, out, 0);
        try {
            return k + aead.doFinal(out, k);
        } catch (InvalidCipherTextException e) {
            Arrays.fill(out, 0, Math.min(out.length, n), (byte) 0);
            return -1;
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    static byte[] seal(byte[] key, byte[] nonce, byte[] in, int n) {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(true, new AEADParameters(new KeyParameter(key), TAG_BITS, nonce));
        byte[] out = new byte[n + 16];
        int k = aead.processBytes(in, 0, n, out, 0);
        try {
            aead.doFinal(out, k);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("ChaCha20-Poly1305 seal failed", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        return out;
    }
}
