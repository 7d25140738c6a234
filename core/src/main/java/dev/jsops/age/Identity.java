package dev.jsops.age;

import java.util.List;

/** Something that can unwrap a file key: a secret key, a passphrase. */
public interface Identity {

    /**
     * Looks at all stanzas of a header and returns the 16-byte file key, or {@code null} when no stanza is
     * for this identity. A stanza of this identity's type that is malformed is fatal and throws
     * {@link AgeException.HeaderInvalid}: the reference stops there even if a later identity would match.
     */
    byte[] unwrap(List<Stanza> stanzas) throws AgeException;
}
