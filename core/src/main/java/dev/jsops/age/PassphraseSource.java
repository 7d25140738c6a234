package dev.jsops.age;

import java.io.IOException;

/**
 * Supplies a passphrase (for a protected SSH key or an encrypted identity file) when, and only when, a file
 * actually needs it: the reference asks lazily, and so do we.
 */
@FunctionalInterface
public interface PassphraseSource {
    String passphrase(String prompt) throws IOException;
}
