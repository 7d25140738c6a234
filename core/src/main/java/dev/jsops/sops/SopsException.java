package dev.jsops.sops;

/**
 * A failure with the message and exit code the sops CLI gives for it. Messages name files and key paths
 * but never carry a secret value or ciphertext.
 */
public class SopsException extends Exception {
    private final ExitCode exitCode;

    public SopsException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public SopsException(ExitCode exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    /** The same failure reported under another exit code, as sops does when a store error surfaces in a command. */
    public SopsException withExitCode(ExitCode code, String prefix) {
        return new SopsException(code, prefix + getMessage(), this);
    }
}
