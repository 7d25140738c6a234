package dev.jsops.sops.store;

import dev.jsops.sops.ExitCode;
import dev.jsops.sops.SopsException;

/**
 * A file that cannot be parsed or rendered in its format. The message follows sops's wording where sops has
 * one and never contains a value from the file. The command layer re-labels the exit code (2 when reading
 * a plaintext file, 1 when reading an encrypted one, 4 when emitting).
 */
public final class StoreException extends SopsException {
    public StoreException(String message) {
        super(ExitCode.ERROR_GENERIC, message);
    }

    public StoreException(String message, Throwable cause) {
        super(ExitCode.ERROR_GENERIC, message, cause);
    }
}
