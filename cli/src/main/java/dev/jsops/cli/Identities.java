package dev.jsops.cli;

import dev.jsops.age.HybridIdentity;
import dev.jsops.age.Identity;
import dev.jsops.age.Recipient;
import dev.jsops.age.X25519Identity;

/** Conversions from identities to the recipients they decrypt for. */
final class Identities {
    private Identities() {
    }

    static Recipient recipientOf(Identity id, String source) {
        if (id instanceof X25519Identity x) {
            return x.recipient();
        }
        if (id instanceof HybridIdentity h) {
            return h.recipient();
        }
        throw Cli.fail(1, "identity file \"" + source + "\" cannot be used as a recipient (only native age keys can)");
    }
}
