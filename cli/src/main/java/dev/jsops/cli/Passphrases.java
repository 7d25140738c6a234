package dev.jsops.cli;

import java.io.Console;
import java.io.IOException;

import dev.jsops.age.PassphraseSource;

/**
 * Where passphrases come from: {@code AGE_PASSPHRASE} (the variable of age's batchpass plugin) for scripts,
 * else the terminal. Never from an argument, which other users could read in the process list.
 */
final class Passphrases {
    static final PassphraseSource TERMINAL_OR_ENV = prompt -> {
        String env = System.getenv("AGE_PASSPHRASE");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Console c = System.console();
        if (c == null) {
            throw new IOException("no terminal to ask for a passphrase (set AGE_PASSPHRASE for non-interactive use)");
        }
        char[] p = c.readPassword("%s ", prompt);
        if (p == null) {
            throw new IOException("no passphrase entered");
        }
        return new String(p);
    };

    private Passphrases() {
    }

    static String forEncryption() throws IOException {
        String env = System.getenv("AGE_PASSPHRASE");
        if (env != null && !env.isEmpty()) {
            return env;
        }
        Console c = System.console();
        if (c == null) {
            throw new IOException("no terminal to ask for a passphrase (set AGE_PASSPHRASE for non-interactive use)");
        }
        char[] p = c.readPassword("Enter passphrase: ");
        char[] q = c.readPassword("Confirm passphrase: ");
        if (p == null || q == null || p.length == 0) {
            throw new IOException("no passphrase entered");
        }
        if (!java.util.Arrays.equals(p, q)) {
            throw new IOException("passphrases didn't match");
        }
        return new String(p);
    }

    /** {@code AGE_PASSPHRASE_WORK_FACTOR} (batchpass's variable) for encryption; the reference's 18 otherwise. */
    static int workFactor() {
        String v = System.getenv("AGE_PASSPHRASE_WORK_FACTOR");
        if (v != null && v.matches("[1-9][0-9]?")) {
            int n = Integer.parseInt(v);
            if (n <= 30) {
                return n;
            }
        }
        return 18;
    }

    /** {@code AGE_PASSPHRASE_MAX_WORK_FACTOR}, as batchpass reads it; the reference's 22 otherwise. */
    static int maxWorkFactor() {
        String v = System.getenv("AGE_PASSPHRASE_MAX_WORK_FACTOR");
        if (v != null && v.matches("[1-9][0-9]?")) {
            int n = Integer.parseInt(v);
            if (n <= 30) {
                return n;
            }
        }
        return 22;
    }
}
