package dev.jsops.sops;

/**
 * Encrypts and decrypts data keys for master keys (sops's local key service). jsops's own implementation
 * handles age; an embedder can supply one for other key types.
 */
public interface KeyService {

    /** The data key or share held by {@code key}; the exception message goes into sops's failure report. */
    byte[] decrypt(MasterKey key) throws KeyException;

    /** The {@code enc} text for {@code key} wrapping {@code dataKey}. */
    String encrypt(MasterKey key, byte[] dataKey) throws KeyException;

    /** A master key could not be used; the message names the key's problem, never key material. */
    final class KeyException extends Exception {
        public KeyException(String message) {
            super(message);
        }

        public KeyException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
