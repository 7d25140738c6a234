package dev.jsops.age;

import java.util.List;

/** The native age secret key, {@code AGE-SECRET-KEY-1…}. */
public final class X25519Identity implements Identity {
    private final byte[] secretKey;
    private final byte[] publicKey;

    private X25519Identity(byte[] secretKey) {
        this.secretKey = secretKey.clone();
        this.publicKey = X25519.publicKey(this.secretKey);
    }

    public static X25519Identity generate() {
        byte[] k = Primitives.random(X25519.SIZE);
        try {
            return new X25519Identity(k);
        } finally {
            Primitives.wipe(k);
        }
    }

    /** Parses the Bech32 form; identities are upper case only, as in the reference. */
    public static X25519Identity parse(String s) throws AgeException.MalformedKey {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.MalformedKey("malformed secret key: " + e.getMessage());
        }
        byte[] k = d.data();
        try {
            if (!d.hrp().equals("AGE-SECRET-KEY-")) {
                throw new AgeException.MalformedKey("malformed secret key: unknown type \"" + d.hrp() + "\"");
            }
            if (k.length != X25519.SIZE) {
                throw new AgeException.MalformedKey("malformed secret key: invalid X25519 secret key");
            }
            return new X25519Identity(k);
        } finally {
            Primitives.wipe(k);
        }
    }

    public X25519Recipient recipient() {
        return new X25519Recipient(publicKey);
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        for (Stanza s : stanzas) {
            if (!s.type().equals("X25519")) {
                continue;
            }
            if (s.args().size() != 1) {
                throw new AgeException.HeaderInvalid("invalid X25519 recipient block");
            }
            byte[] share = HeaderBase64.decode(s.args().get(0));
            if (share == null) {
                throw new AgeException.HeaderInvalid("failed to parse X25519 recipient: illegal base64 data");
            }
            if (share.length != X25519.SIZE) {
                throw new AgeException.HeaderInvalid("invalid X25519 recipient block");
            }
            byte[] shared = X25519.scalarMult(secretKey, share);
            if (shared == null) {
                throw new AgeException.HeaderInvalid("invalid X25519 recipient: low-order point");
            }
            byte[] wrapKey = Primitives.hkdf(shared, Primitives.concat(share, publicKey), X25519Recipient.LABEL);
            Primitives.wipe(shared);
            if (s.bodyUnsafe().length != Primitives.FILE_KEY_SIZE + Primitives.TAG_SIZE) {
                throw new AgeException.HeaderInvalid("invalid X25519 recipient block: incorrect file key size");
            }
            byte[] fileKey = Primitives.aeadOpen(wrapKey, s.bodyUnsafe());
            Primitives.wipe(wrapKey);
            if (fileKey != null) {
                return fileKey;
            }
        }
        return null;
    }

    /**
     * The Bech32 encoding, {@code AGE-SECRET-KEY-1…}. Deliberately not {@code toString()}, which must never
     * reveal a secret.
     */
    public String encode() {
        return Bech32.encode("AGE-SECRET-KEY-", secretKey);
    }

    /** Zeroes the secret key; the identity is unusable afterwards. */
    public void destroy() {
        Primitives.wipe(secretKey);
    }

    @Override
    public String toString() {
        return "X25519Identity[" + recipient() + "]";
    }
}
