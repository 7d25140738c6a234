package dev.jsops.age;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.crypto.BlockCipher;
import org.bouncycastle.crypto.BufferedBlockCipher;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.SICBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.crypto.params.RSAPrivateCrtKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;

/**
 * SSH keys as age uses them: authorized_keys lines as recipients, and OpenSSH ({@code openssh-key-v1},
 * also passphrase-protected), PKCS#1 and PKCS#8 private keys as identities.
 */
public final class SshKeys {
    /** The reference reads at most this much of a private key file. */
    public static final int MAX_PRIVATE_KEY_SIZE = 16 * 1024;
    private static final byte[] OPENSSH_MAGIC = "openssh-key-v1\0".getBytes(StandardCharsets.US_ASCII);

    private SshKeys() {
    }

    /** Parses {@code ssh-ed25519 AAAA… [comment]} or {@code ssh-rsa AAAA… [comment]}. */
    public static Recipient parseRecipient(String line) throws AgeException.MalformedKey {
        String[] fields = line.trim().split("[ \t]+");
        if (fields.length < 2) {
            throw new AgeException.MalformedKey("malformed SSH recipient: \"" + line + "\": ssh: no key found");
        }
        byte[] wire;
        try {
            wire = Base64.getDecoder().decode(fields[1]);
        } catch (IllegalArgumentException e) {
            throw new AgeException.MalformedKey("malformed SSH recipient: \"" + line + "\": ssh: no key found");
        }
        SshWire r = new SshWire(wire);
        String type = r.text();
        if (!type.equals(fields[0])) {
            throw new AgeException.MalformedKey("malformed SSH recipient: \"" + line + "\": ssh: no key found");
        }
        switch (type) {
            case "ssh-ed25519" -> {
                byte[] pk = r.string();
                if (pk.length != 32 || r.hasMore()) {
                    throw new AgeException.MalformedKey("malformed SSH recipient: \"" + line + "\": invalid Ed25519 key");
                }
                try {
                    return SshEd25519Recipient.fromEd25519(pk);
                } catch (AgeException.MalformedKey e) {
                    throw new AgeException.MalformedKey("malformed SSH recipient: \"" + line + "\": " + e.getMessage());
                }
            }
            case "ssh-rsa" -> {
                BigInteger e = r.mpint();
                BigInteger n = r.mpint();
                if (r.hasMore() || n.signum() <= 0 || e.signum() <= 0) {
                    throw new AgeException.MalformedKey("malformed SSH recipient: \"" + line + "\": invalid RSA key");
                }
                try {
                    return new SshRsaRecipient(n, e);
                } catch (AgeException.MalformedKey ex) {
                    throw new AgeException.MalformedKey("malformed SSH recipient: \"" + line + "\": " + ex.getMessage());
                }
            }
            default -> throw new AgeException.MalformedKey("unknown SSH recipient type: \"" + type + "\"");
        }
    }

    /**
     * Parses a PEM private key. A passphrase-protected OpenSSH key becomes an identity that asks
     * {@code passphrase} only when a file carries a stanza for its public key.
     */
    public static Identity parseIdentity(byte[] pemBytes, PassphraseSource passphrase) throws AgeException.MalformedKey {
        Pem pem = Pem.decode(pemBytes);
        return switch (pem.type()) {
            case "OPENSSH PRIVATE KEY" -> parseOpenSsh(pem.body(), passphrase);
            case "RSA PRIVATE KEY" -> {
                if (pem.encrypted()) {
                    throw new AgeException.MalformedKey("encrypted PEM private keys are not supported: convert the key with "
                            + "\"ssh-keygen -p -m RFC4716\"");
                }
                try {
                    RSAPrivateKey k = RSAPrivateKey.getInstance(pem.body());
                    yield new SshRsaIdentity(new RSAPrivateCrtKeyParameters(k.getModulus(), k.getPublicExponent(),
                            k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(),
                            k.getCoefficient()));
                } catch (IllegalArgumentException e) {
                    throw new AgeException.MalformedKey("malformed PKCS#1 RSA private key");
                }
            }
            case "PRIVATE KEY" -> {
                AsymmetricKeyParameter k;
                try {
                    k = PrivateKeyFactory.createKey(pem.body());
                } catch (IOException | RuntimeException e) {
                    throw new AgeException.MalformedKey("malformed PKCS#8 private key");
                }
                if (k instanceof RSAPrivateCrtKeyParameters rsa) {
                    yield new SshRsaIdentity(rsa);
                } else if (k instanceof Ed25519PrivateKeyParameters ed) {
                    yield new SshEd25519Identity(seedOf(ed), ed.generatePublicKey().getEncoded());
                }
                throw new AgeException.MalformedKey("unsupported SSH identity type");
            }
            default -> throw new AgeException.MalformedKey("unsupported SSH identity type: " + pem.type());
        };
    }

    private static byte[] seedOf(Ed25519PrivateKeyParameters k) {
        return k.getEncoded();
    }

    /** openssh-key-v1 (PROTOCOL.key in OpenSSH). */
    private static Identity parseOpenSsh(byte[] blob, PassphraseSource passphrase) throws AgeException.MalformedKey {
        if (blob.length < OPENSSH_MAGIC.length || !Arrays.equals(Arrays.copyOf(blob, OPENSSH_MAGIC.length), OPENSSH_MAGIC)) {
            throw new AgeException.MalformedKey("ssh: invalid openssh private key format");
        }
        SshWire r = new SshWire(Arrays.copyOfRange(blob, OPENSSH_MAGIC.length, blob.length));
        String cipher = r.text();
        String kdf = r.text();
        byte[] kdfOptions = r.string();
        int keys = r.uint32();
        if (keys != 1) {
            throw new AgeException.MalformedKey("ssh: multi-key files are not supported");
        }
        byte[] publicKey = r.string();
        byte[] privateSection = r.string();
        byte[] trailer = r.rest();
        if (cipher.equals("none")) {
            if (!kdf.equals("none")) {
                throw new AgeException.MalformedKey("ssh: invalid openssh private key");
            }
            return privateIdentity(privateSection, publicKey, false);
        }
        if (!kdf.equals("bcrypt")) {
            throw new AgeException.MalformedKey("ssh: unknown KDF \"" + kdf + "\", only supports \"bcrypt\"");
        }
        if (passphrase == null) {
            throw new AgeException.MalformedKey("the SSH private key is passphrase-protected and no passphrase can be asked for");
        }
        CipherSpec spec = CipherSpec.of(cipher);
        SshWire opts = new SshWire(kdfOptions);
        byte[] salt = opts.string();
        int rounds = opts.uint32();
        return new EncryptedSshIdentity(publicKey, () -> {
            String pass = passphrase.passphrase("Enter passphrase for SSH key:");
            if (pass == null || pass.isEmpty()) {
                throw new AgeException.MalformedKey("failed to obtain passphrase");
            }
            byte[] material = BcryptPbkdf.derive(pass.getBytes(StandardCharsets.UTF_8), salt, rounds,
                    spec.keySize() + spec.ivSize());
            byte[] plain = spec.decrypt(material, privateSection, trailer);
            Arrays.fill(material, (byte) 0);
            try {
                return privateIdentity(plain, publicKey, true);
            } finally {
                Arrays.fill(plain, (byte) 0);
            }
        });
    }

    private static Identity privateIdentity(byte[] section, byte[] publicKey, boolean encrypted) throws AgeException.MalformedKey {
        SshWire r = new SshWire(section);
        int check1 = r.uint32();
        int check2 = r.uint32();
        if (check1 != check2) {
            throw new AgeException.MalformedKey(encrypted ? "failed to decrypt SSH key file: x509: decryption password incorrect"
                    : "ssh: malformed OpenSSH key");
        }
        String type = r.text();
        switch (type) {
            case "ssh-ed25519" -> {
                byte[] pub = r.string();
                byte[] priv = r.string();
                if (pub.length != 32 || priv.length != 64) {
                    throw new AgeException.MalformedKey("ssh: malformed OpenSSH ed25519 key");
                }
                byte[] seed = Arrays.copyOf(priv, 32);
                Arrays.fill(priv, (byte) 0);
                SshEd25519Identity id = new SshEd25519Identity(seed, pub);
                Arrays.fill(seed, (byte) 0);
                if (!Arrays.equals(id.recipient().wireKey(), publicKey)) {
                    throw new AgeException.MalformedKey("mismatched private and public SSH key");
                }
                return id;
            }
            case "ssh-rsa" -> {
                BigInteger n = r.mpint();
                BigInteger e = r.mpint();
                BigInteger d = r.mpint();
                BigInteger iqmp = r.mpint();
                BigInteger p = r.mpint();
                BigInteger q = r.mpint();
                SshRsaIdentity id = new SshRsaIdentity(new RSAPrivateCrtKeyParameters(n, e, d, p, q,
                        d.mod(p.subtract(BigInteger.ONE)), d.mod(q.subtract(BigInteger.ONE)), iqmp));
                if (!Arrays.equals(id.recipient().wireKey(), publicKey)) {
                    throw new AgeException.MalformedKey("mismatched private and public SSH key");
                }
                return id;
            }
            default -> throw new AgeException.MalformedKey("unsupported SSH identity type: \"" + type + "\"");
        }
    }

    /** The symmetric ciphers ssh-keygen uses to protect keys. */
    private record CipherSpec(String name, int keySize, int ivSize, String mode) {
        static CipherSpec of(String name) throws AgeException.MalformedKey {
            return switch (name) {
                case "aes128-ctr" -> new CipherSpec(name, 16, 16, "ctr");
                case "aes192-ctr" -> new CipherSpec(name, 24, 16, "ctr");
                case "aes256-ctr" -> new CipherSpec(name, 32, 16, "ctr");
                case "aes128-cbc" -> new CipherSpec(name, 16, 16, "cbc");
                case "aes192-cbc" -> new CipherSpec(name, 24, 16, "cbc");
                case "aes256-cbc" -> new CipherSpec(name, 32, 16, "cbc");
                case "aes256-gcm@openssh.com" -> new CipherSpec(name, 32, 12, "gcm");
                case "aes128-gcm@openssh.com" -> new CipherSpec(name, 16, 12, "gcm");
                default -> throw new AgeException.MalformedKey("ssh: unknown cipher \"" + name + "\" for an encrypted key");
            };
        }

        byte[] decrypt(byte[] material, byte[] data, byte[] trailer) throws AgeException.MalformedKey {
            KeyParameter key = new KeyParameter(material, 0, keySize);
            byte[] iv = Arrays.copyOfRange(material, keySize, keySize + ivSize);
            try {
                if (mode.equals("gcm")) {
                    GCMBlockCipher gcm = (GCMBlockCipher) GCMBlockCipher.newInstance(AESEngine.newInstance());
                    gcm.init(false, new AEADParameters(key, 128, iv));
                    // The GCM tag follows the encrypted section, outside its length prefix.
                    byte[] in = Primitives.concat(data, Arrays.copyOf(trailer, Math.min(16, trailer.length)));
                    byte[] out = new byte[gcm.getOutputSize(in.length)];
                    int n = gcm.processBytes(in, 0, in.length, out, 0);
                    gcm.doFinal(out, n);
                    return out;
                }
                if (data.length % 16 != 0) {
                    throw new AgeException.MalformedKey("ssh: malformed encrypted key");
                }
                BlockCipher c = mode.equals("ctr") ? SICBlockCipher.newInstance(AESEngine.newInstance())
                        : CBCBlockCipher.newInstance(AESEngine.newInstance());
                BufferedBlockCipher bc = new BufferedBlockCipher(c);
                bc.init(false, new ParametersWithIV(key, iv));
                byte[] out = new byte[data.length];
                int n = bc.processBytes(data, 0, data.length, out, 0);
                bc.doFinal(out, n);
                return out;
            } catch (InvalidCipherTextException e) {
                throw new AgeException.MalformedKey("failed to decrypt SSH key file: x509: decryption password incorrect");
            }
        }
    }

    /** A PEM block: type, body and whether legacy encryption headers are present. */
    private record Pem(String type, byte[] body, boolean encrypted) {
        static Pem decode(byte[] data) throws AgeException.MalformedKey {
            String text = new String(data, StandardCharsets.ISO_8859_1);
            int begin = text.indexOf("-----BEGIN ");
            if (begin < 0) {
                throw new AgeException.MalformedKey("ssh: no key found");
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd < 0) {
                throw new AgeException.MalformedKey("ssh: no key found");
            }
            String type = text.substring(begin + 11, typeEnd);
            String endLine = "-----END " + type + "-----";
            int end = text.indexOf(endLine, typeEnd);
            if (end < 0) {
                throw new AgeException.MalformedKey("ssh: no key found");
            }
            String body = text.substring(typeEnd + 5, end);
            boolean encrypted = false;
            StringBuilder b64 = new StringBuilder();
            for (String line : body.split("\r?\n")) {
                String l = line.trim();
                if (l.isEmpty()) {
                    continue;
                }
                if (l.contains(":")) {
                    if (l.startsWith("Proc-Type:") && l.contains("ENCRYPTED")) {
                        encrypted = true;
                    }
                    continue;
                }
                b64.append(l);
            }
            try {
                return new Pem(type, Base64.getDecoder().decode(b64.toString()), encrypted);
            } catch (IllegalArgumentException e) {
                throw new AgeException.MalformedKey("ssh: malformed PEM data");
            }
        }
    }

    /** A passphrase-protected key: its public half gives the tag, the passphrase is asked for on a match. */
    private static final class EncryptedSshIdentity implements Identity {
        interface Decryptor {
            Identity decrypt() throws IOException;
        }

        private final String type;
        private final String tag;
        private final Decryptor decryptor;
        private Identity decrypted;

        EncryptedSshIdentity(byte[] publicKey, Decryptor decryptor) throws AgeException.MalformedKey {
            this.type = new SshWire(publicKey).text();
            if (!type.equals("ssh-ed25519") && !type.equals("ssh-rsa")) {
                throw new AgeException.MalformedKey("unsupported SSH key type: " + type);
            }
            this.tag = SshWire.tag(publicKey);
            this.decryptor = decryptor;
        }

        @Override
        public synchronized byte[] unwrap(List<Stanza> stanzas) throws AgeException {
            if (decrypted != null) {
                return decrypted.unwrap(stanzas);
            }
            boolean match = false;
            for (Stanza s : stanzas) {
                if (!s.type().equals(type)) {
                    continue;
                }
                if (s.args().isEmpty()) {
                    throw new AgeException.HeaderInvalid("invalid " + type + " recipient block");
                }
                if (s.args().get(0).equals(tag)) {
                    match = true;
                    break;
                }
            }
            if (!match) {
                return null;
            }
            try {
                decrypted = decryptor.decrypt();
            } catch (AgeException e) {
                throw e;
            } catch (IOException e) {
                throw new AgeException.MalformedKey("failed to obtain passphrase: " + e.getMessage(), e);
            }
            return decrypted.unwrap(stanzas);
        }

        @Override
        public String toString() {
            return "EncryptedSshIdentity[" + type + ", " + tag + "]";
        }
    }
}
