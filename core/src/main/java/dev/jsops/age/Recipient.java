package dev.jsops.age;

import java.util.List;
import java.util.Set;

/** Something a file key can be wrapped to: a public key, a passphrase. */
public interface Recipient {

    /** Wraps a 16-byte file key into the stanzas that go into the header. */
    List<Stanza> wrap(byte[] fileKey) throws AgeException;

    /**
     * Labels that must be equal across all recipients of a file (the reference's {@code WrapWithLabels}):
     * post-quantum recipients carry {@code postquantum}, so they cannot be mixed with classic ones, and a
     * passphrase carries a unique label, so it must stand alone.
     */
    default Set<String> labels() {
        return Set.of();
    }
}
