package dev.jsops.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * ASCII armor: the whole binary file as padded standard base64 in 64-column lines between BEGIN and END
 * lines. The reader applies the reference's strictness line by line, so it streams in constant memory.
 */
public final class Armor {
    public static final String HEADER = "-----BEGIN AGE ENCRYPTED FILE-----";
    public static final String FOOTER = "-----END AGE ENCRYPTED FILE-----";
    private static final int COLUMNS = 64;
    private static final int BYTES_PER_LINE = COLUMNS / 4 * 3;
    private static final int MAX_WHITESPACE = 1024;

    private Armor() {
    }

    /** Wraps {@code dst} so that what is written to it comes out armored; close it to write the END line. */
    public static OutputStream encoder(OutputStream dst) {
        return new Encoder(dst);
    }

    /** Wraps an armored source; reads yield the binary file, or throw {@link AgeException.ArmorInvalid}. */
    public static InputStream decoder(InputStream src) {
        return new Decoder(src);
    }

    /**
     * Whether a file starts like an armored age file, as the reference CLI decides: the first
     * 1024 + 34 bytes, whitespace trimmed on both ends, start with the BEGIN line.
     */
    public static boolean looksArmored(byte[] start, int length) {
        int from = 0;
        while (from < length && isSpace(start[from])) {
            from++;
        }
        byte[] header = HEADER.getBytes(StandardCharsets.US_ASCII);
        int limit = Math.min(length, MAX_WHITESPACE + HEADER.length());
        if (limit - from < header.length) {
            return false;
        }
        for (int i = 0; i < header.length; i++) {
            if (start[from + i] != header[i]) {
                return false;
            }
        }
        return true;
    }

    /** Number of bytes {@link #looksArmored} needs to see. */
    public static int detectionLength() {
        return MAX_WHITESPACE + HEADER.length();
    }

    static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == 0x0b || b == '\f' || b == '\r';
    }

    private static final class Encoder extends OutputStream {
        private final OutputStream dst;
        private final byte[] pending = new byte[BYTES_PER_LINE];
        private int pendingLen;
        private boolean started;
        private boolean closed;
        private long written;

        Encoder(OutputStream dst) {
            this.dst = dst;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            start();
            while (len > 0) {
                int k = Math.min(len, BYTES_PER_LINE - pendingLen);
                System.arraycopy(b, off, pending, pendingLen, k);
                pendingLen += k;
                off += k;
                len -= k;
                if (pendingLen == BYTES_PER_LINE) {
                    emit();
                }
            }
        }

        private void start() throws IOException {
            if (!started) {
                started = true;
                dst.write((HEADER + "\n").getBytes(StandardCharsets.US_ASCII));
            }
        }

        private void emit() throws IOException {
            byte[] line = Base64.getEncoder().encode(java.util.Arrays.copyOf(pending, pendingLen));
            dst.write(line);
            written += line.length;
            if (line.length == COLUMNS) {
                dst.write('\n');
            }
            pendingLen = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            start();
            if (pendingLen > 0) {
                emit();
            }
            String footer = FOOTER + "\n";
            if (written % COLUMNS != 0) {
                footer = "\n" + footer;
            }
            dst.write(footer.getBytes(StandardCharsets.US_ASCII));
            dst.close();
        }
    }

    private static final class Decoder extends InputStream {
        private final Header.LineSource src;
        private boolean started;
        private byte[] unread = new byte[0];
        private int unreadPos;
        private IOException error;
        private boolean eof;

        Decoder(InputStream src) {
            this.src = new Header.LineSource(src);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (unreadPos < unread.length) {
                int n = Math.min(len, unread.length - unreadPos);
                System.arraycopy(unread, unreadPos, b, off, n);
                unreadPos += n;
                return n;
            }
            if (error != null) {
                throw error;
            }
            if (eof) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            try {
                nextLine();
            } catch (IOException e) {
                error = e instanceof AgeException.ArmorInvalid ? e : invalid(e.getMessage());
                throw error;
            }
            if (unreadPos == unread.length) {
                return eof ? -1 : read(b, off, len);
            }
            int n = Math.min(len, unread.length - unreadPos);
            System.arraycopy(unread, unreadPos, b, off, n);
            unreadPos += n;
            return n;
        }

        private byte[] line() throws IOException {
            byte[] line = src.readLine();
            if (line == null) {
                throw invalid("unexpected EOF");
            }
            int n = line.length;
            if (n > 0 && line[n - 1] == '\n') {
                n--;
            }
            if (n > 0 && line[n - 1] == '\r') {
                n--;
            }
            return java.util.Arrays.copyOf(line, n);
        }

        private void nextLine() throws IOException {
            int removed = 0;
            while (!started) {
                byte[] line = line();
                if (isBlank(line)) {
                    removed += line.length + 1;
                    if (removed > MAX_WHITESPACE) {
                        throw invalid("too much leading whitespace");
                    }
                    continue;
                }
                if (!new String(line, StandardCharsets.ISO_8859_1).equals(HEADER)) {
                    throw invalid("invalid first line");
                }
                started = true;
            }
            byte[] line = line();
            if (new String(line, StandardCharsets.ISO_8859_1).equals(FOOTER)) {
                drainTrailing();
                return;
            }
            if (line.length == 0) {
                throw invalid("empty line in armored data");
            }
            if (line.length > COLUMNS) {
                throw invalid("column limit exceeded");
            }
            byte[] data = decodeLine(line);
            if (data.length < BYTES_PER_LINE) {
                byte[] closing = line();
                if (!new String(closing, StandardCharsets.ISO_8859_1).equals(FOOTER)) {
                    throw invalid("invalid closing line");
                }
                try {
                    drainTrailing();
                } catch (AgeException.ArmorInvalid e) {
                    // The data of this line is still released; the error comes with the next read.
                    error = e;
                }
            }
            unread = data;
            unreadPos = 0;
        }

        /**
         * Strict padded base64 for one line. Go's decoder skips stray CR characters inside a line, so
         * they are dropped here too before the canonical check.
         */
        private static byte[] decodeLine(byte[] raw) throws AgeException.ArmorInvalid {
            ByteArrayOutputStream clean = new ByteArrayOutputStream(raw.length);
            for (byte c : raw) {
                if (c != '\r') {
                    clean.write(c);
                }
            }
            String s = clean.toString(StandardCharsets.ISO_8859_1);
            if (s.length() % 4 != 0) {
                throw invalid("illegal base64 data");
            }
            byte[] out;
            try {
                out = Base64.getDecoder().decode(s);
            } catch (IllegalArgumentException e) {
                throw invalid("illegal base64 data");
            }
            if (!Base64.getEncoder().encodeToString(out).equals(s)) {
                throw invalid("illegal base64 data");
            }
            return out;
        }

        private void drainTrailing() throws IOException {
            byte[] buf = new byte[MAX_WHITESPACE];
            int n = PayloadStream.readFully(src, buf, 0, buf.length);
            eof = true;
            if (!isBlank(java.util.Arrays.copyOf(buf, n))) {
                throw invalid("trailing data after armored file");
            }
            if (n == MAX_WHITESPACE) {
                throw invalid("too much trailing whitespace");
            }
        }

        /** Whitespace as Go's {@code bytes.TrimSpace} sees it, including UTF-8 U+0085 and U+00A0. */
        private static boolean isBlank(byte[] s) {
            for (int i = 0; i < s.length; i++) {
                byte c = s[i];
                if (isSpace(c)) {
                    continue;
                }
                if ((c & 0xff) == 0xc2 && i + 1 < s.length && ((s[i + 1] & 0xff) == 0x85 || (s[i + 1] & 0xff) == 0xa0)) {
                    i++;
                    continue;
                }
                return false;
            }
            return true;
        }

        private static AgeException.ArmorInvalid invalid(String message) {
            return new AgeException.ArmorInvalid("invalid armor: " + message);
        }

        @Override
        public void close() throws IOException {
            src.close();
        }
    }
}
