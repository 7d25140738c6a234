package dev.jsops.age;

import java.math.BigInteger;
import java.util.List;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.encodings.OAEPEncoding;
import org.bouncycastle.crypto.engines.RSABlindedEngine;
import org.bouncycastle.crypto.params.ParametersWithRandom;
import org.bouncycastle.crypto.params.RSAKeyParameters;

/** An {@code ssh-rsa} public key used as an age recipient: RSA-OAEP with SHA-256 and MGF1-SHA-256. */
public final class SshRsaRecipient implements Recipient {
    static final byte[] LABEL = Primitives.ascii("age-encryption.org/v1/ssh-rsa");
    private final RSAKeyParameters key;
    private final byte[] wireKey;

    SshRsaRecipient(BigInteger n, BigInteger e) throws AgeException.MalformedKey {
        if ((n.bitLength() + 7) / 8 < 256) {
            throw new AgeException.MalformedKey("RSA key size is too small");
        }
        this.key = new RSAKeyParameters(false, n, e);
        this.wireKey = new SshWire.Builder().string("ssh-rsa").mpint(e).mpint(n).build();
    }

    static OAEPEncoding oaep() {
        return new OAEPEncoding(new RSABlindedEngine(), new SHA256Digest(), new SHA256Digest(), LABEL);
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) {
        OAEPEncoding oaep = oaep();
        oaep.init(true, new ParametersWithRandom(key, new java.security.SecureRandom()));
        byte[] body;
        try {
            body = oaep.processBlock(fileKey, 0, fileKey.length);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("RSA-OAEP encryption failed", e);
        }
        return List.of(new Stanza("ssh-rsa", List.of(SshWire.tag(wireKey)), body));
    }

    byte[] wireKey() {
        return wireKey.clone();
    }

    @Override
    public String toString() {
        return "ssh-rsa " + java.util.Base64.getEncoder().encodeToString(wireKey);
    }
}
