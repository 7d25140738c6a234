package dev.jsops.age;

import java.io.IOException;

/**
 * Why an age file could not be decrypted, or a key could not be read. The subclasses are the outcome
 * classes of the C2SP age test vectors, so callers (and the CLI) can tell a wrong key from a damaged file.
 * It is an {@link IOException} because payload failures surface from {@code InputStream.read}.
 * Messages never contain key material or plaintext.
 */
public abstract sealed class AgeException extends IOException
        permits AgeException.NoIdentityMatched, AgeException.HeaderInvalid, AgeException.HeaderMacInvalid,
                AgeException.PayloadInvalid, AgeException.ArmorInvalid, AgeException.MalformedKey {

    AgeException(String message) {
        super(message);
    }

    AgeException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A short name of the outcome class, as the age test vectors spell it. */
    public abstract String outcome();

    /** None of the identities could unwrap the file key: wrong key, not a damaged file. */
    public static final class NoIdentityMatched extends AgeException {
        private final int identitiesTried;

        NoIdentityMatched(int identitiesTried) {
            // The reference words the error differently when exactly one identity was tried; sops prints it.
            super(identitiesTried == 1
                    ? "identity did not match any of the recipients: incorrect identity for recipient block"
                    : "no identity matched any of the recipients");
            this.identitiesTried = identitiesTried;
        }

        public int identitiesTried() {
            return identitiesTried;
        }

        @Override
        public String outcome() {
            return "no match";
        }
    }

    /** The header is malformed, or a stanza for one of our identities is (a fatal unwrap error). */
    public static final class HeaderInvalid extends AgeException {
        HeaderInvalid(String message) {
            super(message);
        }

        @Override
        public String outcome() {
            return "header failure";
        }
    }

    /** A file key was unwrapped but the header MAC does not verify: the header was tampered with. */
    public static final class HeaderMacInvalid extends AgeException {
        HeaderMacInvalid() {
            super("bad header MAC");
        }

        @Override
        public String outcome() {
            return "HMAC failure";
        }
    }

    /**
     * The payload is truncated, corrupted or has trailing data. Every byte released before this exception
     * was authenticated.
     */
    public static final class PayloadInvalid extends AgeException {
        PayloadInvalid(String message) {
            super(message);
        }

        @Override
        public String outcome() {
            return "payload failure";
        }
    }

    /** The ASCII armor is malformed. */
    public static final class ArmorInvalid extends AgeException {
        ArmorInvalid(String message) {
            super(message);
        }

        @Override
        public String outcome() {
            return "armor failure";
        }
    }

    /** A recipient, identity or key file could not be parsed. */
    public static final class MalformedKey extends AgeException {
        MalformedKey(String message) {
            super(message);
        }

        MalformedKey(String message, Throwable cause) {
            super(message, cause);
        }

        @Override
        public String outcome() {
            return "malformed key";
        }
    }
}
