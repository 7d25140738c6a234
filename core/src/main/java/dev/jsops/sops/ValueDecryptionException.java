package dev.jsops.sops;

import java.util.List;

/**
 * A selected value that could not be decrypted. The message is jsops's (it names the key path); {@link #sopsReason()}
 * is the text sops itself gives after {@code Error walking tree: }, without the path, for callers that must
 * reproduce sops's wording (Flux inlines it). Neither ever contains the value or its ciphertext.
 */
public final class ValueDecryptionException extends SopsException {
    private final String sopsReason;
    private final List<String> path;

    ValueDecryptionException(String message, String sopsReason, List<String> path) {
        super(ExitCode.ERROR_GENERIC, message);
        this.sopsReason = sopsReason;
        this.path = List.copyOf(path);
    }

    /**
     * sops's reason, e.g. {@code Could not decrypt value: Input string does not match sops' data format} (sops puts
     * the offending string between {@code Input string} and {@code does}; jsops never does) or
     * {@code Expected encrypted value as string, but got int}.
     */
    public String sopsReason() {
        return sopsReason;
    }

    /** The map keys from the document root to the value. */
    public List<String> path() {
        return path;
    }
}
