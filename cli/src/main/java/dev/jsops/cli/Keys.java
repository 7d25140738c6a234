package dev.jsops.cli;

import dev.jsops.Jsops;
import dev.jsops.keys.Environment;

/** The CLI finds keys as sops does, in the process environment; protected keys may ask on the terminal. */
final class Keys {
    private Keys() {
    }

    static Jsops discovering() {
        return Jsops.discoveringKeys(Environment.system(), Passphrases.TERMINAL_OR_ENV);
    }
}
