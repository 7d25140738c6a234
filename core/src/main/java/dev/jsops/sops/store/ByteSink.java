package dev.jsops.sops.store;

import java.util.Arrays;

/** A growable byte buffer; the stores build their output in one to avoid per-value allocations. */
final class ByteSink {
    private byte[] buf;
    private int len;

    ByteSink(int capacity) {
        buf = new byte[Math.max(capacity, 16)];
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    ByteSink write(int b) {
        ensure(1);
        buf[len++] = (byte) b;
        return this;
    }

    ByteSink write(byte[] b) {
        return write(b, 0, b.length);
    }

    ByteSink write(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
        return this;
    }

    /** Appends ASCII text (callers guarantee no char above 0x7f). */
    ByteSink ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends a Java string as UTF-8; an unpaired surrogate becomes U+FFFD, as Go's conversion would. */
    ByteSink utf8(CharSequence s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ensure(1);
                buf[len++] = (byte) c;
            } else {
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, s.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    cp = 0xFFFD;
                }
                codePoint(cp);
            }
        }
        return this;
    }

    ByteSink codePoint(int cp) {
        ensure(4);
        if (cp < 0x80) {
            buf[len++] = (byte) cp;
        } else if (cp < 0x800) {
            buf[len++] = (byte) (0xC0 | (cp >> 6));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xE0 | (cp >> 12));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
        } else {
            buf[len++] = (byte) (0xF0 | (cp >> 18));
            buf[len++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
            buf[len++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
            buf[len++] = (byte) (0x80 | (cp & 0x3F));
        }
        return this;
    }

    /**
     * Copies the run of ASCII chars from {@code i} that {@code safe} marks as needing no escaping; returns the index
     * of the first char not copied. Most of a typical document goes through here in bulk.
     */
    int asciiRun(String s, int i, boolean[] safe) {
        int n = s.length();
        ensure(n - i);
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80 || !safe[c]) {
                break;
            }
            buf[len++] = (byte) c;
            i++;
        }
        return i;
    }

    int length() {
        return len;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
