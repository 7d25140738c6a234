package dev.jsops.age;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** A passphrase identity. Work factors above the maximum (2^22 by default) are refused before any work. */
public final class ScryptIdentity implements Identity {
    private final byte[] passphrase;
    private final int maxWorkFactor;

    public ScryptIdentity(String passphrase) {
        this(passphrase, 22);
    }

    public ScryptIdentity(String passphrase, int maxWorkFactor) {
        if (passphrase.isEmpty()) {
            throw new IllegalArgumentException("passphrase can't be empty");
        }
        if (maxWorkFactor < 1 || maxWorkFactor > 30) {
            throw new IllegalArgumentException("scrypt work factor must be between 1 and 30");
        }
        this.passphrase = passphrase.getBytes(StandardCharsets.UTF_8);
        this.maxWorkFactor = maxWorkFactor;
    }

    @Override
    public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
        for (Stanza s : stanzas) {
            if (s.type().equals("scrypt") && stanzas.size() != 1) {
                throw new AgeException.HeaderInvalid("an scrypt recipient must be the only one");
            }
        }
        for (Stanza s : stanzas) {
            if (s.type().equals("scrypt")) {
                return unwrap(s);
            }
        }
        return null;
    }

    private byte[] unwrap(Stanza s) throws AgeException {
        if (s.args().size() != 2) {
            throw new AgeException.HeaderInvalid("invalid scrypt recipient block");
        }
        byte[] salt = HeaderBase64.decode(s.args().get(0));
        if (salt == null) {
            throw new AgeException.HeaderInvalid("failed to parse scrypt salt: illegal base64 data");
        }
        if (salt.length != ScryptRecipient.SALT_SIZE) {
            throw new AgeException.HeaderInvalid("invalid scrypt recipient block");
        }
        String w = s.args().get(1);
        if (!isCanonicalDecimal(w)) {
            throw new AgeException.HeaderInvalid("scrypt work factor encoding invalid");
        }
        long logN;
        try {
            logN = Long.parseLong(w);
        } catch (NumberFormatException e) {
            throw new AgeException.HeaderInvalid("failed to parse scrypt work factor: value out of range");
        }
        if (logN > maxWorkFactor) {
            throw new AgeException.HeaderInvalid("scrypt work factor too large: " + logN);
        }
        byte[] key = ScryptRecipient.deriveKey(passphrase, salt, (int) logN);
        if (s.bodyUnsafe().length != Primitives.FILE_KEY_SIZE + Primitives.TAG_SIZE) {
            Primitives.wipe(key);
            throw new AgeException.HeaderInvalid("invalid scrypt recipient block: incorrect file key size");
        }
        byte[] fileKey = Primitives.aeadOpen(key, s.bodyUnsafe());
        Primitives.wipe(key);
        return fileKey;
    }

    /** {@code ^[1-9][0-9]*$}: no sign, no leading zero, no other base. */
    private static boolean isCanonicalDecimal(String w) {
        if (w.isEmpty() || w.charAt(0) < '1' || w.charAt(0) > '9') {
            return false;
        }
        for (int i = 1; i < w.length(); i++) {
            if (w.charAt(i) < '0' || w.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "ScryptIdentity";
    }
}
