package dev.jsops.age;

import java.util.List;

/** The native age public key, {@code age1…}. */
public final class X25519Recipient implements Recipient {
    static final String LABEL = "age-encryption.org/v1/X25519";
    private final byte[] publicKey;

    X25519Recipient(byte[] publicKey) {
        this.publicKey = publicKey.clone();
    }

    /** Parses the Bech32 form; recipients are lower case only, as in the reference. */
    public static X25519Recipient parse(String s) throws AgeException.MalformedKey {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.MalformedKey("malformed recipient \"" + s + "\": " + e.getMessage());
        }
        if (!d.hrp().equals("age")) {
            throw new AgeException.MalformedKey("malformed recipient \"" + s + "\": invalid type \"" + d.hrp() + "\"");
        }
        if (d.data().length != X25519.SIZE) {
            throw new AgeException.MalformedKey("malformed recipient \"" + s + "\": invalid X25519 public key");
        }
        return new X25519Recipient(d.data());
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) throws AgeException {
        byte[] ephemeral = Primitives.random(X25519.SIZE);
        byte[] share = X25519.publicKey(ephemeral);
        byte[] shared = X25519.scalarMult(ephemeral, publicKey);
        Primitives.wipe(ephemeral);
        if (shared == null) {
            throw new AgeException.MalformedKey("invalid X25519 recipient: low-order point");
        }
        byte[] wrapKey = Primitives.hkdf(shared, Primitives.concat(share, publicKey), LABEL);
        byte[] body = Primitives.aeadSeal(wrapKey, fileKey);
        Primitives.wipe(shared);
        Primitives.wipe(wrapKey);
        return List.of(new Stanza("X25519", List.of(HeaderBase64.encode(share)), body));
    }

    byte[] publicKey() {
        return publicKey.clone();
    }

    /** The Bech32 encoding, {@code age1…}. */
    @Override
    public String toString() {
        return Bech32.encode("age", publicKey);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof X25519Recipient r && java.util.Arrays.equals(publicKey, r.publicKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(publicKey);
    }
}
