package dev.jsops.age;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/** The SSH wire encoding (RFC 4251 §5): a cursor for reading and a builder for writing. */
final class SshWire {
    private final byte[] data;
    private int pos;

    SshWire(byte[] data) {
        this.data = data;
    }

    boolean hasMore() {
        return pos < data.length;
    }

    int remaining() {
        return data.length - pos;
    }

    int uint32() throws AgeException.MalformedKey {
        need(4);
        int v = ((data[pos] & 0xff) << 24) | ((data[pos + 1] & 0xff) << 16) | ((data[pos + 2] & 0xff) << 8) | (data[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    byte[] string() throws AgeException.MalformedKey {
        int n = uint32();
        if (n < 0) {
            throw truncated();
        }
        need(n);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    String text() throws AgeException.MalformedKey {
        return new String(string(), StandardCharsets.UTF_8);
    }

    BigInteger mpint() throws AgeException.MalformedKey {
        byte[] b = string();
        return b.length == 0 ? BigInteger.ZERO : new BigInteger(b);
    }

    byte[] bytes(int n) throws AgeException.MalformedKey {
        need(n);
        byte[] out = Arrays.copyOfRange(data, pos, pos + n);
        pos += n;
        return out;
    }

    byte[] rest() {
        byte[] out = Arrays.copyOfRange(data, pos, data.length);
        pos = data.length;
        return out;
    }

    private void need(int n) throws AgeException.MalformedKey {
        if (n > data.length - pos) {
            throw truncated();
        }
    }

    private static AgeException.MalformedKey truncated() {
        return new AgeException.MalformedKey("ssh: malformed key: truncated data");
    }

    static final class Builder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Builder string(byte[] b) {
            int n = b.length;
            out.write(n >>> 24);
            out.write(n >>> 16);
            out.write(n >>> 8);
            out.write(n);
            out.writeBytes(b);
            return this;
        }

        Builder string(String s) {
            return string(s.getBytes(StandardCharsets.UTF_8));
        }

        Builder mpint(BigInteger v) {
            return string(v.signum() == 0 ? new byte[0] : v.toByteArray());
        }

        byte[] build() {
            return out.toByteArray();
        }
    }

    /** The key tag of ssh stanzas: the first four bytes of SHA-256 of the wire-format public key, in base64. */
    static String tag(byte[] wirePublicKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(wirePublicKey);
            return HeaderBase64.encode(Arrays.copyOf(h, 4));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
