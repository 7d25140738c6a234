package dev.jsops.age;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.List;

/** An OpenSSH Ed25519 private key used as an age identity. */
final class SshEd25519Identity implements Identity {
    private final byte[] scalar;
    private final byte[] ourMontgomery;
    private final byte[] wireKey;
    private final String tag;

    SshEd25519Identity(byte[] seed, byte[] edPublicKey) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-512").digest(seed);
            this.scalar = Arrays.copyOf(h, 32);
            Arrays.fill(h, (byte) 0);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        this.ourMontgomery = X25519.publicKey(scalar);
        this.wireKey = new SshWire.Builder().string("ssh-ed25519").string(edPublicKey).build();
        this.tag = SshWire.tag(wireKey);
    }

    SshEd25519Recipient recipient() {
        return new SshEd25519Recipient(wireKey, ourMontgomery);
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        for (Stanza s : stanzas) {
            if (!s.type().equals("ssh-ed25519")) {
                continue;
            }
            if (s.args().size() != 2) {
                throw new AgeException.HeaderInvalid("invalid ssh-ed25519 recipient block");
            }
            byte[] share = HeaderBase64.decode(s.args().get(1));
            if (share == null) {
                throw new AgeException.HeaderInvalid("failed to parse ssh-ed25519 recipient: illegal base64 data");
            }
            if (share.length != X25519.SIZE) {
                throw new AgeException.HeaderInvalid("invalid ssh-ed25519 recipient block");
            }
            // The reference validates the share before the tag, so a malformed stanza is fatal even when it
            // belongs to another key.
            if (!s.args().get(0).equals(tag)) {
                continue;
            }
            byte[] shared = X25519.scalarMult(scalar, share);
            if (shared == null) {
                throw new AgeException.HeaderInvalid("invalid X25519 recipient: low-order point");
            }
            byte[] tweaked = X25519.scalarMult(SshEd25519Recipient.tweak(wireKey), shared);
            Primitives.wipe(shared);
            if (tweaked == null) {
                tweaked = new byte[32];
            }
            byte[] wrapKey = Primitives.hkdf(tweaked, Primitives.concat(share, ourMontgomery), SshEd25519Recipient.LABEL);
            Primitives.wipe(tweaked);
            // The reference does not bound the body here; rage does, and a 16-byte file key is all age has.
            if (s.bodyUnsafe().length != Primitives.FILE_KEY_SIZE + Primitives.TAG_SIZE) {
                throw new AgeException.HeaderInvalid("invalid ssh-ed25519 recipient block: incorrect file key size");
            }
            byte[] fileKey = Primitives.aeadOpen(wrapKey, s.bodyUnsafe());
            Primitives.wipe(wrapKey);
            if (fileKey == null) {
                // The tag matched, so the reference treats a failure here as an error, not as "not mine".
                throw new AgeException.HeaderInvalid("failed to decrypt file key: chacha20poly1305: message authentication failed");
            }
            return fileKey;
        }
        return null;
    }

    @Override
    public String toString() {
        return "SshEd25519Identity[" + tag + "]";
    }
}
