package dev.jsops.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

/** {@link ChunkAead} against the JDK's own ChaCha20-Poly1305 (RFC 8439, empty associated data) as the oracle. */
class ChunkAeadTest {
    @Test
    void sealsAndOpensExactlyAsTheJdkAead() throws Exception {
        Random rnd = new Random(42);
        byte[] keyBytes = new byte[32];
        rnd.nextBytes(keyBytes);
        SecretKeySpec key = new SecretKeySpec(keyBytes, "ChaCha20");
        ChunkAead aead = new ChunkAead(key);
        int[] sizes = {0, 1, 15, 16, 17, 63, 64, 65, 1000, 65535, 65536};
        long counter = 0;
        for (int n : sizes) {
            byte[] nonce = new byte[12];
            nonce[10] = (byte) counter++;
            nonce[11] = (byte) (n % 2);
            byte[] plain = new byte[n];
            rnd.nextBytes(plain);

            Cipher jdk = Cipher.getInstance("ChaCha20-Poly1305");
            jdk.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
            byte[] expected = jdk.doFinal(plain);

            byte[] sealed = new byte[n + ChunkAead.TAG_SIZE];
            assertEquals(n + 16, aead.seal(nonce, plain, 0, n, sealed));
            assertArrayEquals(expected, sealed, "seal, " + n + " bytes");

            byte[] opened = new byte[n];
            assertEquals(n, aead.open(nonce, expected, expected.length, opened));
            assertArrayEquals(plain, opened, "open, " + n + " bytes");

            // A flipped bit anywhere, the other nonce, or a short input: not authentic, nothing released.
            for (int pos : new int[] {0, expected.length / 2, expected.length - 1}) {
                byte[] bad = expected.clone();
                bad[pos] ^= 1;
                byte[] sink = new byte[n];
                assertEquals(-1, aead.open(nonce, bad, bad.length, sink), "tampered at " + pos + ", " + n + " bytes");
                assertArrayEquals(new byte[n], sink, "released unauthenticated plaintext");
            }
            byte[] otherNonce = nonce.clone();
            otherNonce[11] ^= 1;
            assertEquals(-1, aead.open(otherNonce, expected, expected.length, new byte[n]));
        }
        assertEquals(-1, aead.open(new byte[12], new byte[15], 15, new byte[0]));
    }

    @Test
    void sealsFromAnOffset() throws Exception {
        SecretKeySpec key = new SecretKeySpec(new byte[32], "ChaCha20");
        byte[] buf = new byte[300];
        Arrays.fill(buf, (byte) 7);
        byte[] nonce = new byte[12];
        byte[] sealed = new byte[100 + 16];
        new ChunkAead(key).seal(nonce, buf, 200, 100, sealed);
        Cipher jdk = Cipher.getInstance("ChaCha20-Poly1305");
        jdk.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
        assertArrayEquals(jdk.doFinal(buf, 200, 100), sealed);
    }
}
