package dev.jsops.age;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The text header of an age file: the version line, the stanzas and the MAC line. Parsing works on bytes
 * split at LF only (a line reader would also split at CR and accept files the reference rejects), and
 * reads exactly up to the LF of the MAC line, leaving the payload in the source.
 */
record Header(List<Stanza> stanzas, byte[] mac) {
    static final String INTRO = "age-encryption.org/v1\n";
    private static final int COLUMNS = 64;
    private static final int BYTES_PER_LINE = COLUMNS / 4 * 3;

    Header {
        stanzas = List.copyOf(stanzas);
    }

    /** The header bytes the MAC covers: everything up to and including the three dashes. */
    byte[] encodeWithoutMac() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        write(out, INTRO);
        for (Stanza s : stanzas) {
            StringBuilder line = new StringBuilder("->");
            line.append(' ').append(s.type());
            for (String a : s.args()) {
                line.append(' ').append(a);
            }
            line.append('\n');
            write(out, line.toString());
            String body = HeaderBase64.encode(s.bodyUnsafe());
            int i = 0;
            for (; i + COLUMNS <= body.length(); i += COLUMNS) {
                write(out, body.substring(i, i + COLUMNS));
                out.write('\n');
            }
            // A body whose encoding fills whole lines (or is empty) ends with an empty line, so the
            // reader can tell the stanza is complete.
            write(out, body.substring(i));
            out.write('\n');
        }
        write(out, "---");
        return out.toByteArray();
    }

    byte[] encode() {
        byte[] head = encodeWithoutMac();
        byte[] tail = (" " + HeaderBase64.encode(mac) + "\n").getBytes(StandardCharsets.US_ASCII);
        return Primitives.concat(head, tail);
    }

    static byte[] computeMac(byte[] fileKey, byte[] headerWithoutMac) {
        byte[] key = Primitives.hkdf(fileKey, new byte[0], "header");
        byte[] mac = Primitives.hmacSha256(key, headerWithoutMac);
        Primitives.wipe(key);
        return mac;
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Parses a header from {@code in}, which must be positioned at the start of the file. On return the
     * stream is positioned at the first payload byte.
     */
    static Header parse(LineSource in) throws AgeException {
        byte[] intro = readLine(in, "failed to read intro");
        if (intro == null) {
            throw headerError("file is empty");
        }
        if (!new String(intro, StandardCharsets.ISO_8859_1).equals(INTRO)) {
            throw headerError(intro[intro.length - 1] == '\n' ? "unexpected intro" : "failed to read intro: unexpected EOF");
        }
        List<Stanza> stanzas = new ArrayList<>();
        while (true) {
            byte[] line = readLine(in, "failed to read header");
            if (line == null || line.length < 3) {
                throw headerError("failed to read header: unexpected EOF");
            }
            if (line[0] == '-' && line[1] == '-' && line[2] == '-') {
                if (line[line.length - 1] != '\n') {
                    throw headerError("failed to read header: unexpected EOF");
                }
                String[] parts = text(line).split(" ", -1);
                if (!parts[0].equals("---") || parts.length != 2) {
                    throw headerError("malformed closing line");
                }
                byte[] mac = HeaderBase64.decode(parts[1]);
                if (mac == null || mac.length != 32) {
                    throw headerError("malformed closing line: invalid MAC encoding");
                }
                return new Header(stanzas, mac);
            }
            stanzas.add(parseStanza(line, in));
        }
    }

    private static Stanza parseStanza(byte[] first, LineSource in) throws AgeException {
        if (first[first.length - 1] != '\n') {
            throw headerError("failed to parse header: unexpected EOF");
        }
        if (first[0] != '-' || first[1] != '>') {
            throw headerError("malformed stanza opening line");
        }
        String[] parts = text(first).split(" ", -1);
        if (!parts[0].equals("->") || parts.length < 2) {
            throw headerError("malformed stanza");
        }
        for (int i = 1; i < parts.length; i++) {
            if (!isValidArgument(parts[i])) {
                throw headerError("malformed stanza");
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            byte[] line = readLine(in, "failed to parse header");
            if (line == null || line[line.length - 1] != '\n') {
                throw headerError("failed to parse header: unexpected EOF");
            }
            byte[] b = HeaderBase64.decode(text(line));
            if (b == null) {
                boolean nextSection = line.length >= 2 && line[0] == '-' && (line[1] == '>' || line[1] == '-');
                throw headerError(nextSection ? "malformed body line: stanza ended without a short line"
                        : "malformed body line: invalid base64");
            }
            if (b.length > BYTES_PER_LINE) {
                throw headerError("malformed body line: too long");
            }
            body.writeBytes(b);
            if (b.length < BYTES_PER_LINE) {
                return new Stanza(parts[1], List.of(parts).subList(2, parts.length), body.toByteArray());
            }
        }
    }

    /** Reads a line; errors of an armor layer underneath stay armor errors. */
    private static byte[] readLine(LineSource in, String context) throws AgeException {
        try {
            return in.readLine();
        } catch (AgeException e) {
            throw e;
        } catch (IOException e) {
            throw headerError(context + ": " + e.getMessage());
        }
    }

    /** The line without its LF, as Latin-1 so that every byte maps to one char and validation sees raw bytes. */
    private static String text(byte[] line) {
        int n = line[line.length - 1] == '\n' ? line.length - 1 : line.length;
        return new String(line, 0, n, StandardCharsets.ISO_8859_1);
    }

    private static boolean isValidArgument(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 33 || c > 126) {
                return false;
            }
        }
        return true;
    }

    private static AgeException.HeaderInvalid headerError(String message) {
        return new AgeException.HeaderInvalid("parsing age header: " + message);
    }

    /**
     * A byte source that can hand out LF-terminated lines and then the rest of the stream, without losing
     * buffered bytes between the two.
     */
    static final class LineSource extends InputStream {
        private final InputStream in;
        private final byte[] buf = new byte[8192];
        private int pos;
        private int lim;

        LineSource(InputStream in) {
            this.in = in;
        }

        /** The next line including its LF; a last line without LF as is; null at end of input. */
        byte[] readLine() throws IOException {
            ByteArrayOutputStream line = null;
            while (true) {
                if (pos == lim && !fill()) {
                    return line == null || line.size() == 0 ? null : line.toByteArray();
                }
                for (int i = pos; i < lim; i++) {
                    if (buf[i] == '\n') {
                        byte[] out;
                        if (line == null) {
                            out = java.util.Arrays.copyOfRange(buf, pos, i + 1);
                        } else {
                            line.write(buf, pos, i + 1 - pos);
                            out = line.toByteArray();
                        }
                        pos = i + 1;
                        return out;
                    }
                }
                if (line == null) {
                    line = new ByteArrayOutputStream(128);
                }
                line.write(buf, pos, lim - pos);
                pos = lim;
            }
        }

        private boolean fill() throws IOException {
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            if (pos == lim && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos < lim) {
                int n = Math.min(len, lim - pos);
                System.arraycopy(buf, pos, b, off, n);
                pos += n;
                return n;
            }
            return in.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
