package dev.jsops.age;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The STREAM payload: 64 KiB chunks sealed with ChaCha20-Poly1305 under an 11-byte big-endian counter and
 * a last-chunk flag. The payload uses JCA's ChaCha20-Poly1305 because recent JDKs run it on vector
 * intrinsics (several times BouncyCastle's speed); each stream owns one {@link Cipher}, re-initialised per
 * chunk with a nonce that never repeats within the stream.
 */
final class PayloadStream {
    static final int CHUNK_SIZE = 64 * 1024;
    static final int TAG_SIZE = 16;
    static final int ENC_CHUNK_SIZE = CHUNK_SIZE + TAG_SIZE;
    static final int NONCE_SIZE = 16;

    private PayloadStream() {
    }

    static byte[] payloadKey(byte[] fileKey, byte[] nonce) {
        return Primitives.hkdf(fileKey, nonce, "payload");
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("ChaCha20-Poly1305");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK lacks ChaCha20-Poly1305", e);
        }
    }

    private static void setCounter(byte[] nonce, long counter, boolean last) {
        for (int i = 10; i >= 3; i--) {
            nonce[i] = (byte) counter;
            counter >>>= 8;
        }
        nonce[0] = 0;
        nonce[1] = 0;
        nonce[2] = 0;
        nonce[11] = (byte) (last ? 1 : 0);
    }

    /**
     * Decrypts the payload after the 16-byte nonce, following the reference's chunk logic exactly so that
     * the same plaintext is released before an error: a short read is the last chunk; a full chunk is tried
     * as non-last, then as last; after the last chunk one more byte is trailing data.
     */
    static final class DecryptingInputStream extends InputStream {
        private final InputStream src;
        private final SecretKeySpec key;
        private final Cipher cipher = newCipher();
        private final byte[] in = new byte[ENC_CHUNK_SIZE];
        private final byte[] out = new byte[ENC_CHUNK_SIZE];
        private final byte[] nonce = new byte[12];
        private long counter;
        private int outPos;
        private int outLim;
        private boolean done;
        private IOException error;

        DecryptingInputStream(byte[] payloadKey, InputStream src) {
            this.src = src;
            this.key = new SecretKeySpec(payloadKey, "ChaCha20");
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (outPos < outLim) {
                int n = Math.min(len, outLim - outPos);
                System.arraycopy(out, outPos, b, off, n);
                outPos += n;
                return n;
            }
            if (error != null) {
                throw error;
            }
            if (done) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                readChunk();
            } catch (IOException e) {
                error = e;
                throw e;
            }
            int n = Math.min(len, outLim - outPos);
            System.arraycopy(out, outPos, b, off, n);
            outPos += n;
            return n;
        }

        private void readChunk() throws IOException {
            int n = readFully(src, in, 0, in.length);
            boolean last;
            if (n == 0) {
                throw new AgeException.PayloadInvalid("unexpected EOF: the payload ends without a final chunk");
            } else if (n < in.length) {
                if (counter != 0 && n == TAG_SIZE) {
                    throw new AgeException.PayloadInvalid("last chunk is empty");
                }
                last = true;
            } else {
                last = false;
            }
            int plain = open(n, last);
            if (plain < 0 && !last) {
                last = true;
                plain = open(n, true);
            }
            if (plain < 0) {
                throw new AgeException.PayloadInvalid(
                        "failed to decrypt and authenticate payload chunk, file may be corrupted or tampered with");
            }
            counter++;
            outPos = 0;
            outLim = plain;
            if (last) {
                // The chunk is released first; trailing data is reported on the next read.
                int extra = src.read();
                if (extra >= 0) {
                    error = new AgeException.PayloadInvalid("trailing data after end of encrypted file");
                } else {
                    done = true;
                }
            }
        }

        /** Returns the plaintext length, or -1 if the chunk does not authenticate under this nonce. */
        private int open(int n, boolean last) throws IOException {
            setCounter(nonce, counter, last);
            try {
                cipher.init(Cipher.DECRYPT_MODE, key, new IvParameterSpec(nonce));
                return cipher.doFinal(in, 0, n, out, 0);
            } catch (AEADBadTagException e) {
                return -1;
            } catch (GeneralSecurityException e) {
                if (n < TAG_SIZE) {
                    return -1;
                }
                throw new IOException("ChaCha20-Poly1305 failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            Arrays.fill(out, (byte) 0);
            src.close();
        }
    }

    /**
     * Encrypts into chunks. A full chunk is held back until at least one more byte arrives, so that a
     * plaintext whose length is a multiple of 64 KiB ends with a full last chunk, never an empty extra one.
     */
    static final class EncryptingOutputStream extends OutputStream {
        private final OutputStream dst;
        private final SecretKeySpec key;
        private final Cipher cipher = newCipher();
        private final byte[] buf = new byte[CHUNK_SIZE];
        private final byte[] out = new byte[ENC_CHUNK_SIZE];
        private final byte[] nonce = new byte[12];
        private int len;
        private long counter;
        private boolean closed;

        EncryptingOutputStream(byte[] payloadKey, OutputStream dst) {
            this.dst = dst;
            this.key = new SecretKeySpec(payloadKey, "ChaCha20");
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int n) throws IOException {
            if (closed) {
                throw new IOException("write to a closed age stream");
            }
            while (n > 0) {
                if (len == CHUNK_SIZE) {
                    flushChunk(false);
                }
                int k = Math.min(n, CHUNK_SIZE - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        private void flushChunk(boolean last) throws IOException {
            setCounter(nonce, counter, last);
            int n;
            try {
                cipher.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(nonce));
                n = cipher.doFinal(buf, 0, len, out, 0);
            } catch (GeneralSecurityException e) {
                throw new IOException("ChaCha20-Poly1305 failed", e);
            }
            dst.write(out, 0, n);
            counter++;
            len = 0;
        }

        /** Seals the last chunk and closes the destination. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                flushChunk(true);
            } finally {
                Arrays.fill(buf, (byte) 0);
                dst.close();
            }
        }
    }

    static int readFully(InputStream src, byte[] b, int off, int len) throws IOException {
        int total = 0;
        while (total < len) {
            int n = src.read(b, off + total, len - total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }
}
