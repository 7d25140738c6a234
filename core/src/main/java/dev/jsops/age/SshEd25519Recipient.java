package dev.jsops.age;

import java.math.BigInteger;
import java.util.List;

/** An {@code ssh-ed25519} public key used as an age recipient (the reference's agessh). */
public final class SshEd25519Recipient implements Recipient {
    static final String LABEL = "age-encryption.org/v1/ssh-ed25519";
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final BigInteger D = BigInteger.valueOf(-121665).multiply(BigInteger.valueOf(121666).modInverse(P)).mod(P);

    private final byte[] wireKey;
    private final byte[] montgomery;

    SshEd25519Recipient(byte[] wireKey, byte[] montgomery) {
        this.wireKey = wireKey.clone();
        this.montgomery = montgomery.clone();
    }

    static SshEd25519Recipient fromEd25519(byte[] edPublicKey) throws AgeException.MalformedKey {
        byte[] wire = new SshWire.Builder().string("ssh-ed25519").string(edPublicKey).build();
        return new SshEd25519Recipient(wire, toMontgomery(edPublicKey));
    }

    /**
     * The birational map u = (1 + y) / (1 − y) from the Edwards point to Curve25519. Like the reference, the
     * encoding must be a point on the curve (non-canonical y accepted), else the key is refused. Public data,
     * so BigInteger arithmetic is fine here.
     */
    static byte[] toMontgomery(byte[] ed) throws AgeException.MalformedKey {
        if (ed.length != 32) {
            throw new AgeException.MalformedKey("invalid Ed25519 public key");
        }
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = ed[31 - i];
        }
        be[0] &= 0x7f;
        BigInteger y = new BigInteger(1, be).mod(P);
        BigInteger y2 = y.multiply(y).mod(P);
        BigInteger u = y2.subtract(BigInteger.ONE).mod(P);
        BigInteger v = D.multiply(y2).add(BigInteger.ONE).mod(P);
        BigInteger x2 = u.multiply(v.modInverse(P)).mod(P);
        if (x2.signum() != 0 && !x2.modPow(P.subtract(BigInteger.ONE).shiftRight(1), P).equals(BigInteger.ONE)) {
            throw new AgeException.MalformedKey("invalid Ed25519 public key: edwards25519: invalid point encoding");
        }
        BigInteger den = BigInteger.ONE.subtract(y).mod(P);
        BigInteger m = den.signum() == 0 ? BigInteger.ZERO : BigInteger.ONE.add(y).multiply(den.modInverse(P)).mod(P);
        byte[] mbe = m.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < Math.min(32, mbe.length); i++) {
            out[i] = mbe[mbe.length - 1 - i];
        }
        return out;
    }

    static byte[] tweak(byte[] wireKey) {
        return Primitives.hkdf(new byte[0], wireKey, LABEL);
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) throws AgeException {
        byte[] ephemeral = Primitives.random(X25519.SIZE);
        byte[] share = X25519.publicKey(ephemeral);
        byte[] shared = X25519.scalarMult(ephemeral, montgomery);
        Primitives.wipe(ephemeral);
        if (shared == null) {
            throw new AgeException.MalformedKey("invalid ssh-ed25519 recipient: low-order point");
        }
        byte[] tweaked = X25519.scalarMult(tweak(wireKey), shared);
        Primitives.wipe(shared);
        if (tweaked == null) {
            tweaked = new byte[32];
        }
        byte[] wrapKey = Primitives.hkdf(tweaked, Primitives.concat(share, montgomery), LABEL);
        byte[] body = Primitives.aeadSeal(wrapKey, fileKey);
        Primitives.wipe(tweaked);
        Primitives.wipe(wrapKey);
        return List.of(new Stanza("ssh-ed25519", List.of(SshWire.tag(wireKey), HeaderBase64.encode(share)), body));
    }

    byte[] wireKey() {
        return wireKey.clone();
    }

    /** The authorized_keys form, {@code ssh-ed25519 AAAA…}. */
    @Override
    public String toString() {
        return "ssh-ed25519 " + java.util.Base64.getEncoder().encodeToString(wireKey);
    }
}
