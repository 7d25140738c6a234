package dev.jsops.age;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.spec.SecretKeySpec;

/**
 * The STREAM payload: 64 KiB chunks sealed with ChaCha20-Poly1305 under an 11-byte big-endian counter and
 * a last-chunk flag. Chunks after the first go through {@link ChunkAead} (JCA's intrinsic ChaCha20 with
 * BouncyCastle's Poly1305); each batch slot owns one, re-initialised per chunk with a nonce that never
 * repeats within the stream. A one-chunk payload (every sops data key) stays on {@link SmallAead}.
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

    /** Chunks handled per batch once a payload is past its first chunk (8 × 64 KiB in flight). */
    static final int BATCH = 8;

    /**
     * Runs one task per chunk of a batch: the first on the calling thread, the others on the common pool.
     * STREAM chunks are independent (their nonce is their index), so a large payload uses every core; a
     * one-chunk payload (every sops data key) never touches the pool.
     */
    private static void forEachChunk(int count, ChunkTask task) throws IOException {
        if (count == 0) {
            return;
        }
        if (count == 1) {
            task.run(0);
            return;
        }
        @SuppressWarnings("unchecked")
        java.util.concurrent.CompletableFuture<Void>[] futures = new java.util.concurrent.CompletableFuture[count - 1];
        for (int i = 1; i < count; i++) {
            int index = i;
            futures[i - 1] = java.util.concurrent.CompletableFuture.runAsync(() -> {
                try {
                    task.run(index);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        IOException first = null;
        try {
            task.run(0);
        } catch (IOException e) {
            first = e;
        }
        for (var f : futures) {
            try {
                f.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (first == null) {
                    first = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : new IOException(e.getCause());
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @FunctionalInterface
    private interface ChunkTask {
        void run(int index) throws IOException;
    }

    /**
     * Decrypts the payload after the 16-byte nonce, following the reference's chunk logic exactly so that
     * the same plaintext is released before an error: a short read is the last chunk; a full chunk is tried
     * as non-last, then as last; after the last chunk one more byte is trailing data. Chunks are read and
     * opened in batches (see {@link #forEachChunk}) but released strictly in order.
     */
    static final class DecryptingInputStream extends InputStream {
        private final InputStream src;
        private final SecretKeySpec key;
        private final byte[][] in = new byte[BATCH][];
        private final byte[][] out = new byte[BATCH][];
        private final int[] inLen = new int[BATCH];
        private final int[] plainLen = new int[BATCH];
        private final boolean[] isLast = new boolean[BATCH];
        private final ChunkAead[] ciphers = new ChunkAead[BATCH];
        private long counter;
        private int batchCount;
        private int released;
        private int outPos;
        private boolean done;
        private IOException pending;
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
            while (true) {
                if (released < batchCount) {
                    int avail = plainLen[released] - outPos;
                    if (avail > 0) {
                        int n = Math.min(len, avail);
                        System.arraycopy(out[released], outPos, b, off, n);
                        outPos += n;
                        return n;
                    }
                    released++;
                    outPos = 0;
                    continue;
                }
                if (error != null) {
                    throw error;
                }
                if (pending != null) {
                    error = pending;
                    throw error;
                }
                if (done) {
                    return -1;
                }
                if (len == 0) {
                    return 0;
                }
                try {
                    nextBatch();
                } catch (IOException e) {
                    error = e;
                    throw e;
                }
            }
        }

        private void nextBatch() throws IOException {
            // The first chunk alone: small payloads (sops data keys) stay on this thread.
            int want = counter == 0 ? 1 : BATCH;
            int count = 0;
            boolean eof = false;
            for (int i = 0; i < want; i++) {
                if (in[i] == null) {
                    in[i] = new byte[ENC_CHUNK_SIZE];
                    out[i] = new byte[ENC_CHUNK_SIZE];
                }
                int n = readFully(src, in[i], 0, ENC_CHUNK_SIZE);
                if (n == 0) {
                    eof = true;
                    break;
                }
                inLen[i] = n;
                count++;
                if (n < ENC_CHUNK_SIZE) {
                    eof = true;
                    break;
                }
            }
            long base = counter;
            forEachChunk(count, i -> open(i, base + i));
            batchCount = 0;
            released = 0;
            outPos = 0;
            for (int i = 0; i < count; i++) {
                if (base + i != 0 && inLen[i] == TAG_SIZE) {
                    pending = new AgeException.PayloadInvalid("last chunk is empty");
                    return;
                }
                if (plainLen[i] < 0) {
                    pending = new AgeException.PayloadInvalid(
                            "failed to decrypt and authenticate payload chunk, file may be corrupted or tampered with");
                    return;
                }
                batchCount++;
                counter++;
                if (isLast[i]) {
                    // The chunk is released first; trailing data is reported on the next read.
                    if (i < count - 1 || src.read() >= 0) {
                        pending = new AgeException.PayloadInvalid("trailing data after end of encrypted file");
                    } else {
                        done = true;
                    }
                    return;
                }
            }
            if (eof) {
                pending = new AgeException.PayloadInvalid("unexpected EOF: the payload ends without a final chunk");
            }
        }

        /** Opens chunk {@code i} of the batch as chunk number {@code index}; records its length or -1. */
        private void open(int i, long index) throws IOException {
            int n = inLen[i];
            boolean last = n < ENC_CHUNK_SIZE;
            if (index != 0 && n == TAG_SIZE) {
                return;
            }
            if (ciphers[i] == null && index != 0) {
                ciphers[i] = new ChunkAead(key);
            }
            int plain = openAs(i, index, last);
            if (plain < 0 && !last) {
                last = true;
                plain = openAs(i, index, true);
            }
            plainLen[i] = plain;
            isLast[i] = last;
        }

        private int openAs(int i, long index, boolean last) throws IOException {
            byte[] nonce = new byte[12];
            setCounter(nonce, index, last);
            if (index == 0) {
                return SmallAead.open(key.getEncoded(), nonce, in[i], inLen[i], out[i]);
            }
            try {
                return ciphers[i].open(nonce, in[i], inLen[i], out[i]);
            } catch (GeneralSecurityException e) {
                throw new IOException("ChaCha20-Poly1305 failed", e);
            }
        }

        @Override
        public void close() throws IOException {
            for (byte[] o : out) {
                if (o != null) {
                    Arrays.fill(o, (byte) 0);
                }
            }
            src.close();
        }
    }

    /**
     * Encrypts into chunks. A full chunk is held back until at least one more byte arrives, so that a
     * plaintext whose length is a multiple of 64 KiB ends with a full last chunk, never an empty extra one.
     * Up to {@link #BATCH} chunks are buffered and sealed in parallel.
     */
    static final class EncryptingOutputStream extends OutputStream {
        private final OutputStream dst;
        private final SecretKeySpec key;
        private byte[] buf = new byte[CHUNK_SIZE];
        private final byte[][] out = new byte[BATCH][];
        private final int[] outLen = new int[BATCH];
        private final ChunkAead[] ciphers = new ChunkAead[BATCH];
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
                if (len == buf.length) {
                    if (buf.length < BATCH * CHUNK_SIZE) {
                        buf = Arrays.copyOf(buf, BATCH * CHUNK_SIZE);
                    } else {
                        // More data follows a full buffer, so none of its chunks is the last one.
                        seal(len, false);
                    }
                }
                int k = Math.min(n, buf.length - len);
                System.arraycopy(b, off, buf, len, k);
                len += k;
                off += k;
                n -= k;
            }
        }

        /** Seals the buffered plaintext as whole chunks; with {@code end}, the last one carries the final flag. */
        private void seal(int length, boolean end) throws IOException {
            int chunks = Math.max(1, (length + CHUNK_SIZE - 1) / CHUNK_SIZE);
            long base = counter;
            if (end && base == 0 && chunks == 1) {
                byte[] nonce = new byte[12];
                setCounter(nonce, 0, true);
                byte[] sealed = SmallAead.seal(key.getEncoded(), nonce, buf, length);
                dst.write(sealed);
                counter = 1;
                len = 0;
                return;
            }
            forEachChunk(chunks, i -> {
                int from = i * CHUNK_SIZE;
                int size = Math.min(CHUNK_SIZE, length - from);
                byte[] nonce = new byte[12];
                setCounter(nonce, base + i, end && i == chunks - 1);
                if (ciphers[i] == null) {
                    ciphers[i] = new ChunkAead(key);
                    out[i] = new byte[ENC_CHUNK_SIZE];
                }
                try {
                    outLen[i] = ciphers[i].seal(nonce, buf, from, size, out[i]);
                } catch (GeneralSecurityException e) {
                    throw new IOException("ChaCha20-Poly1305 failed", e);
                }
            });
            for (int i = 0; i < chunks; i++) {
                dst.write(out[i], 0, outLen[i]);
            }
            counter += chunks;
            len = 0;
        }

        /** Seals the last chunk(s) and closes the destination. */
        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                seal(len, true);
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
