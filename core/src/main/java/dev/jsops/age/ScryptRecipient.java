package dev.jsops.age;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.bouncycastle.crypto.generators.SCrypt;

/** A passphrase recipient ({@code scrypt} stanza). It must be the only recipient of a file. */
public final class ScryptRecipient implements Recipient {
    static final String LABEL = "age-encryption.org/v1/scrypt";
    static final int SALT_SIZE = 16;
    private final byte[] passphrase;
    private final int workFactor;

    /** A recipient with the reference's default work factor, 2^18. */
    public ScryptRecipient(String passphrase) {
        this(passphrase, 18);
    }

    public ScryptRecipient(String passphrase, int logN) {
        if (passphrase.isEmpty()) {
            throw new IllegalArgumentException("passphrase can't be empty");
        }
        if (logN < 1 || logN > 30) {
            throw new IllegalArgumentException("scrypt work factor must be between 1 and 30");
        }
        this.passphrase = passphrase.getBytes(StandardCharsets.UTF_8);
        this.workFactor = logN;
    }

    static byte[] deriveKey(byte[] passphrase, byte[] salt, int logN) {
        byte[] s = Primitives.concat(Primitives.ascii(LABEL), salt);
        return SCrypt.generate(passphrase, s, 1 << logN, 8, 1, 32);
    }

    @Override
    public List<Stanza> wrap(byte[] fileKey) {
        byte[] salt = Primitives.random(SALT_SIZE);
        byte[] key = deriveKey(passphrase, salt, workFactor);
        byte[] body = Primitives.aeadSeal(key, fileKey);
        Primitives.wipe(key);
        return List.of(new Stanza("scrypt", List.of(HeaderBase64.encode(salt), Integer.toString(workFactor)), body));
    }

    /** A fresh random label, so that a passphrase can never share a file with another recipient. */
    @Override
    public Set<String> labels() {
        return Set.of(HexFormat.of().formatHex(Primitives.random(16)));
    }

    @Override
    public String toString() {
        return "ScryptRecipient[logN=" + workFactor + "]";
    }
}
