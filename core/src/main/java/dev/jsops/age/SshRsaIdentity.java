package dev.jsops.age;

import java.util.List;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;

/** An RSA SSH private key used as an age identity. */
final class SshRsaIdentity implements Identity {
    private final RSAPrivateCrtKeyParameters key;
    private final String tag;
    private final SshRsaRecipient recipient;

    SshRsaIdentity(RSAPrivateCrtKeyParameters key) throws AgeException.MalformedKey {
        this.key = key;
        this.recipient = new SshRsaRecipient(key.getModulus(), key.getPublicExponent());
        this.tag = SshWire.tag(recipient.wireKey());
    }

    SshRsaRecipient recipient() {
        return recipient;
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        for (Stanza s : stanzas) {
            if (!s.type().equals("ssh-rsa")) {
                continue;
            }
            if (s.args().size() != 1) {
                throw new AgeException.HeaderInvalid("invalid ssh-rsa recipient block");
            }
            if (!s.args().get(0).equals(tag)) {
                continue;
            }
            OAEPEncoding oaep = SshRsaRecipient.oaep();
            oaep.init(false, key);
            byte[] fileKey;
            try {
                fileKey = oaep.processBlock(s.bodyUnsafe(), 0, s.bodyUnsafe().length);
            } catch (InvalidCipherTextException | RuntimeException e) {
                throw new AgeException.HeaderInvalid("failed to decrypt file key: crypto/rsa: decryption error");
            }
            if (fileKey.length != Primitives.FILE_KEY_SIZE) {
                throw new AgeException.HeaderInvalid("invalid ssh-rsa recipient block: incorrect file key size");
            }
            return fileKey;
        }
        return null;
    }

    @Override
    public String toString() {
        return "SshRsaIdentity[" + tag + "]";
    }
}
