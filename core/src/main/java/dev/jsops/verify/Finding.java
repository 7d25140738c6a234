package dev.jsops.verify;

import java.util.Comparator;

/**
 * One problem found: which rule, how bad, where (a path relative to the scan root, with {@code /}
 * separators, and a 1-based line or 0 for the whole file) and a message that never contains a secret value
 * or ciphertext.
 */
public record Finding(Rule rule, Severity severity, String file, int line, String message) {

    static final Comparator<Finding> ORDER = Comparator.comparing(Finding::file).thenComparingInt(Finding::line)
            .thenComparing(f -> f.rule().id()).thenComparing(Finding::message);

    static Finding of(Rule rule, String file, int line, String message) {
        return new Finding(rule, rule.severity(), file, line, message);
    }
}
