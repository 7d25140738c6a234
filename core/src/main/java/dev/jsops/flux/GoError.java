package dev.jsops.flux;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Locale;

/**
 * A Go error value as Flux builds and prints it: a chain of {@code fmt.Errorf("…: %w")} texts that may wrap an
 * {@code *fs.PathError}. The wrapped path error matters because Flux's {@code securePathErr} replaces the whole
 * chain by that path error with its path made root-relative (dropping the wrapper texts), and because
 * {@code errors.Is(err, fs.ErrNotExist)} decides whether a missing directory is ignored.
 */
final class GoError extends Exception {
    static final String ENOENT = "no such file or directory";

    /** The innermost {@code *fs.PathError}, or null. */
    private final String op;
    private final String path;
    private final String reason;

    private GoError(String message, String op, String path, String reason) {
        super(message, null, false, false);
        this.op = op;
        this.path = path;
        this.reason = reason;
    }

    static GoError plain(String message) {
        return new GoError(message, null, null, null);
    }

    /** {@code &fs.PathError{Op: op, Path: path, Err: reason}}, printed {@code op path: reason}. */
    static GoError path(String op, String path, String reason) {
        return new GoError(op + " " + path + ": " + reason, op, path, reason);
    }

    /** A path error from a Java I/O failure, with Go's lower-case errno text. */
    static GoError path(String op, String path, IOException e) {
        return path(op, path, errno(e));
    }

    /** {@code fmt.Errorf(prefix + ": %w", this)}. */
    GoError wrap(String prefix) {
        return new GoError(prefix + ": " + getMessage(), op, path, reason);
    }

    /** {@code errors.Is(err, fs.ErrNotExist)}. */
    boolean isNotExist() {
        return ENOENT.equals(reason);
    }

    /** Flux's {@code securePathErr}: a wrapped path error, re-rooted, replaces the whole chain. */
    GoError rootRelative(String root) {
        if (op == null) {
            return this;
        }
        return path(op, SecurePaths.stripRoot(root, path), reason);
    }

    FluxException toFlux() {
        return new FluxException(getMessage());
    }

    /** Go's text for the errno behind a Java file-system exception ({@code strerror}, lower-cased as Go has it). */
    static String errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null && !f.getReason().isEmpty()) {
            String r = f.getReason();
            return r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
        }
        return e.getMessage() == null ? "input/output error" : e.getMessage();
    }
}
