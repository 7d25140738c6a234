package dev.jsops.flux;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of text jsops did not write itself (kustomize's error output): any {@code ENC[…]} value and any
 * plaintext string jsops decrypted before the build is replaced by {@code <redacted>}.
 */
final class Redaction {
    /** Shorter strings are too common to replace without mangling the message, and too short to be worth hiding. */
    static final int MIN_LENGTH = 3;
    private static final Pattern ENC = Pattern.compile("ENC\\[[^\\]\\s]*\\]?");

    private Redaction() {
    }

    static String apply(String text, Set<String> plaintexts) {
        String out = ENC.matcher(text).replaceAll("<redacted>");
        List<String> longestFirst = plaintexts.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String p : longestFirst) {
            if (!p.isEmpty()) {
                out = out.replace(p, "<redacted>");
            }
        }
        return out;
    }
}
