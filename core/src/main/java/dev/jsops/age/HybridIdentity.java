package dev.jsops.age;

import java.util.List;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;

/** The post-quantum hybrid secret key, {@code AGE-SECRET-KEY-PQ-1…}: a 32-byte seed. */
public final class HybridIdentity implements Identity {
    private final byte[] seed;
    private final AsymmetricCipherKeyPair keyPair;

    private HybridIdentity(byte[] seed) {
        this.seed = seed.clone();
        this.keyPair = Hybrid.hpke().deserializePrivateKey(this.seed, null);
    }

    public static HybridIdentity generate() {
        byte[] seed = Primitives.random(Hybrid.SEED_SIZE);
        try {
            return new HybridIdentity(seed);
        } finally {
            Primitives.wipe(seed);
        }
    }

    public static HybridIdentity parse(String s) throws AgeException.MalformedKey {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.MalformedKey("malformed secret key: " + e.getMessage());
        }
        byte[] k = d.data();
        try {
            if (!d.hrp().equals("AGE-SECRET-KEY-PQ-")) {
                throw new AgeException.MalformedKey("malformed secret key: unknown type \"" + d.hrp() + "\"");
            }
            if (k.length != Hybrid.SEED_SIZE) {
                throw new AgeException.MalformedKey("malformed secret key: invalid MLKEM768-X25519 secret key");
            }
            return new HybridIdentity(k);
        } finally {
            Primitives.wipe(k);
        }
    }

    public HybridRecipient recipient() {
        return new HybridRecipient(Hybrid.hpke().serializePublicKey(keyPair.getPublic()));
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        for (Stanza s : stanzas) {
            if (!s.type().equals(Hybrid.STANZA_TYPE)) {
                continue;
            }
            if (s.args().size() != 1) {
                throw new AgeException.HeaderInvalid("invalid mlkem768x25519 recipient block");
            }
            byte[] enc = HeaderBase64.decode(s.args().get(0));
            if (enc == null) {
                throw new AgeException.HeaderInvalid("failed to parse mlkem768x25519 recipient: illegal base64 data");
            }
            if (s.bodyUnsafe().length != Primitives.FILE_KEY_SIZE + Primitives.TAG_SIZE) {
                throw new AgeException.HeaderInvalid("encrypted value has unexpected length");
            }
            if (enc.length != Hybrid.ENC_SIZE) {
                throw new AgeException.HeaderInvalid("invalid mlkem768x25519 recipient: invalid encapsulated key size");
            }
            HPKE hpke = Hybrid.hpke();
            HPKEContext ctx;
            try {
                ctx = hpke.setupBaseR(enc, keyPair, Hybrid.INFO);
            } catch (RuntimeException e) {
                // ML-KEM rejects implicitly, so a wrong key never lands here; a low-order X25519 share does.
                throw new AgeException.HeaderInvalid("invalid mlkem768x25519 recipient");
            }
            try {
                return ctx.open(new byte[0], s.bodyUnsafe());
            } catch (InvalidCipherTextException | RuntimeException e) {
                continue;
            }
        }
        return null;
    }

    /** The Bech32 encoding, {@code AGE-SECRET-KEY-PQ-1…}. Not {@code toString()}, which never shows secrets. */
    public String encode() {
        return Bech32.encode("AGE-SECRET-KEY-PQ-", seed);
    }

    public void destroy() {
        Primitives.wipe(seed);
    }

    @Override
    public String toString() {
        return "HybridIdentity";
    }
}
