package dev.jsops.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import dev.jsops.sops.ExitCode;
import dev.jsops.sops.SopsException;

/** Whole-file outputs of the sops commands, written atomically. */
final class Outputs {
    private Outputs() {
    }

    /** Writes {@code data} to {@code target} all-or-nothing; {@code mode} null keeps an existing file's mode. */
    static void write(Path target, byte[] data, Set<PosixFilePermission> mode) throws SopsException {
        try (AtomicOutput out = AtomicOutput.replace(target, mode)) {
            out.stream().write(data);
            out.commit();
        } catch (IOException e) {
            throw new SopsException(ExitCode.COULD_NOT_WRITE_OUTPUT_FILE,
                    "Could not open output file for writing: " + Main.describe(e));
        }
    }
}
