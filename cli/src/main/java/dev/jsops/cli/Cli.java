package dev.jsops.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Process-level helpers shared by the commands: raw standard streams and failures that end a command. */
final class Cli {
    private Cli() {
    }

    /** Standard output as raw bytes, buffered; System.out would re-encode nothing but adds synchronisation. */
    static OutputStream stdout() {
        return new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16) {
            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        };
    }

    /** Lets a stream close its sink without closing what lies underneath (an atomic file awaiting commit). */
    static OutputStream nonClosing(OutputStream out) {
        return new java.io.FilterOutputStream(out) {
            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                out.write(b, off, len);
            }

            @Override
            public void close() throws java.io.IOException {
                flush();
            }
        };
    }

    static PrintStream stderr() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
    }

    /** A failure that ends the command with a message and an exit code; never carries a secret. */
    static final class Failure extends RuntimeException {
        private final int exitCode;

        Failure(int exitCode, String message) {
            super(message, null, false, false);
            this.exitCode = exitCode;
        }

        int exitCode() {
            return exitCode;
        }
    }

    static Failure fail(int code, String message) {
        return new Failure(code, message);
    }
}
