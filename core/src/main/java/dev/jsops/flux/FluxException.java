package dev.jsops.flux;

import dev.jsops.sops.ExitCode;
import dev.jsops.sops.SopsException;

/**
 * A failure of Flux's decryption pipeline. The message is the text kustomize-controller puts in the
 * Kustomization's {@code Ready} condition for the same failure (for example
 * {@code error decrypting sources: lstat envs/env.env: no such file or directory}), except that jsops never
 * includes a secret value, ciphertext or MAC where Flux would.
 */
public final class FluxException extends SopsException {
    public FluxException(String message) {
        super(ExitCode.ERROR_GENERIC, message);
    }
}
