package dev.jsops.age;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Encryption and decryption of age v1 files (age-encryption.org/v1), streaming in constant memory.
 * Stateless and thread-safe.
 */
public final class Age {
    private Age() {
    }

    /**
     * Starts an encrypted file: writes the header and payload nonce to {@code dst} and returns the stream to
     * write the plaintext to. Closing it writes the last chunk and closes {@code dst}.
     */
    public static OutputStream encrypt(OutputStream dst, List<? extends Recipient> recipients) throws IOException {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("no recipients specified");
        }
        byte[] fileKey = Primitives.random(Primitives.FILE_KEY_SIZE);
        try {
            List<Stanza> stanzas = new ArrayList<>();
            Set<String> labels = null;
            for (Recipient r : recipients) {
                Set<String> l = r.labels();
                if (labels == null) {
                    labels = l;
                } else if (!labels.equals(l)) {
                    if (labels.contains("postquantum") != l.contains("postquantum")) {
                        throw new IllegalArgumentException("incompatible recipients: can't mix post-quantum and classic "
                                + "recipients, or the file would be vulnerable to quantum computers");
                    }
                    throw new IllegalArgumentException("incompatible recipients: a passphrase can't be combined with other recipients");
                }
                stanzas.addAll(r.wrap(fileKey));
            }
            Header withoutMac = new Header(stanzas, new byte[32]);
            byte[] mac = Header.computeMac(fileKey, withoutMac.encodeWithoutMac());
            dst.write(new Header(stanzas, mac).encode());
            byte[] nonce = Primitives.random(PayloadStream.NONCE_SIZE);
            dst.write(nonce);
            byte[] key = PayloadStream.payloadKey(fileKey, nonce);
            try {
                return new PayloadStream.EncryptingOutputStream(key, dst);
            } finally {
                Primitives.wipe(key);
            }
        } finally {
            Primitives.wipe(fileKey);
        }
    }

    /** Like {@link #encrypt}, with ASCII armor around the whole file. */
    public static OutputStream encryptArmored(OutputStream dst, List<? extends Recipient> recipients) throws IOException {
        return encrypt(Armor.encoder(dst), recipients);
    }

    /**
     * Opens a binary age file. Header problems, a missing key or a bad MAC are thrown here; payload
     * problems are thrown by {@code read}, after every authenticated byte before them has been returned.
     */
    public static InputStream decrypt(InputStream src, List<? extends Identity> identities) throws IOException {
        if (identities.isEmpty()) {
            throw new IllegalArgumentException("no identities specified");
        }
        Header.LineSource in = new Header.LineSource(src);
        Header header = Header.parse(in);
        byte[] fileKey = unwrap(header, identities);
        try {
            byte[] mac = Header.computeMac(fileKey, header.encodeWithoutMac());
            if (!Primitives.constantTimeEquals(mac, header.mac())) {
                throw new AgeException.HeaderMacInvalid();
            }
            byte[] nonce = new byte[PayloadStream.NONCE_SIZE];
            if (PayloadStream.readFully(in, nonce, 0, nonce.length) != nonce.length) {
                throw new AgeException.HeaderInvalid("failed to read nonce: unexpected EOF");
            }
            byte[] key = PayloadStream.payloadKey(fileKey, nonce);
            try {
                return new PayloadStream.DecryptingInputStream(key, in);
            } finally {
                Primitives.wipe(key);
            }
        } finally {
            Primitives.wipe(fileKey);
        }
    }

    /** Opens an age file that may be armored, detecting the armor as the age CLI does. */
    public static InputStream decryptDetectingArmor(InputStream src, List<? extends Identity> identities) throws IOException {
        int n = Armor.detectionLength();
        PushbackInputStream in = new PushbackInputStream(src, n);
        byte[] start = new byte[n];
        int got = PayloadStream.readFully(in, start, 0, n);
        in.unread(start, 0, got);
        boolean armored = Armor.looksArmored(start, got);
        return decrypt(armored ? Armor.decoder(in) : in, identities);
    }

    /** Encrypts a small message in memory, armored or not (sops wraps data keys this way). */
    public static byte[] encrypt(byte[] plaintext, List<? extends Recipient> recipients, boolean armor) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plaintext.length + 512);
        try (OutputStream w = armor ? encryptArmored(out, recipients) : encrypt(out, recipients)) {
            w.write(plaintext);
        }
        return out.toByteArray();
    }

    /** Decrypts a small message in memory, armored or not. */
    public static byte[] decrypt(byte[] ciphertext, List<? extends Identity> identities) throws IOException {
        try (InputStream r = decryptDetectingArmor(new ByteArrayInputStream(ciphertext), identities)) {
            return r.readAllBytes();
        }
    }

    /**
     * Tries identities in order, native ones (X25519, hybrid, scrypt) first as the reference does; the first
     * fatal error stops the search.
     */
    private static byte[] unwrap(Header header, List<? extends Identity> identities) throws AgeException {
        List<Identity> ordered = new ArrayList<>(identities.size());
        for (Identity id : identities) {
            if (isNative(id)) {
                ordered.add(id);
            }
        }
        for (Identity id : identities) {
            if (!isNative(id)) {
                ordered.add(id);
            }
        }
        for (Identity id : ordered) {
            byte[] fileKey = id.unwrap(header.stanzas());
            if (fileKey != null) {
                return fileKey;
            }
        }
        throw new AgeException.NoIdentityMatched(ordered.size());
    }

    private static boolean isNative(Identity id) {
        return id instanceof X25519Identity || id instanceof HybridIdentity || id instanceof ScryptIdentity;
    }

    /** The stanza types of a file's header, without decrypting anything (for diagnostics). */
    public static List<String> stanzaTypes(InputStream src) throws IOException {
        Header h = Header.parse(new Header.LineSource(src));
        List<String> types = new ArrayList<>();
        for (Stanza s : h.stanzas()) {
            types.add(s.type());
        }
        return types;
    }
}
