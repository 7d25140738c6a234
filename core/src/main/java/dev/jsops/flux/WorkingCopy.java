package dev.jsops.flux;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A private temporary copy of a source root, the only place where Flux-style pre-build decryption writes plaintext.
 * Flux decrypts in place inside the artifact it extracted to a temp dir; jsops does the same in this copy, so the
 * user's files are never touched.
 *
 * <p>The copy lives in a new directory directly under {@code java.io.tmpdir} (like Flux's {@code kustomization-*}
 * dirs under {@code /tmp}); directories are created 0700 and files 0600 before any byte is written. Regular files
 * and directories are copied, symlinks are recreated as symlinks (so they resolve inside the copy as they would
 * inside Flux's artifact), {@code .git} directories and special files are skipped. {@link #close()} deletes
 * everything, and a shutdown hook does it if the JVM is stopped first.
 */
public final class WorkingCopy implements AutoCloseable {
    private static final Set<PosixFilePermission> DIR_MODE = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private final Path source;
    private final Path root;
    private final Runnable cleanup;
    private boolean closed;

    private WorkingCopy(Path source, Path root) {
        this.source = source;
        this.root = root;
        this.cleanup = () -> deleteTree(root);
    }

    /** Copies the directory {@code sourceRoot} (symlinks resolved in its own path) to a new private temp dir. */
    public static WorkingCopy of(Path sourceRoot) throws IOException {
        Path src = sourceRoot.toRealPath();
        if (!Files.isDirectory(src)) {
            throw new java.nio.file.NotDirectoryException(sourceRoot.toString());
        }
        Path tmp = Files.createTempDirectory("jsops-flux-", attribute(DIR_MODE)).toRealPath();
        WorkingCopy copy = new WorkingCopy(src, tmp);
        Cleanup.register(copy.cleanup);
        try {
            copyTree(src, tmp);
        } catch (IOException | RuntimeException e) {
            copy.close();
            throw e;
        }
        return copy;
    }

    /** The copy's root directory (a real path: no symlink in it). */
    public Path root() {
        return root;
    }

    /** The directory of the copy that corresponds to {@code dir} of the source root. */
    public Path map(Path dir) throws IOException {
        Path real = dir.toRealPath();
        if (!real.startsWith(source)) {
            throw new IOException(dir + " is not inside " + source);
        }
        return root.resolve(source.relativize(real).toString());
    }

    /** Deletes the copy; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        cleanup.run();
        Cleanup.unregister(cleanup);
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        Files.walkFileTree(src, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(src) && dir.getFileName().toString().equals(".git") || dir.equals(dst)) {
                    // Not the repository's history, and not the copy itself when the temp dir lies inside the source.
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Path target = dst.resolve(src.relativize(dir).toString());
                if (!dir.equals(src)) {
                    Files.createDirectory(target, attribute(DIR_MODE));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = dst.resolve(src.relativize(file).toString());
                if (attrs.isSymbolicLink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                } else if (attrs.isRegularFile()) {
                    Files.createFile(target, attribute(FILE_MODE));
                    try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS);
                            OutputStream out = Files.newOutputStream(target, StandardOpenOption.WRITE)) {
                        in.transferTo(out);
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> mode) {
        return PosixFilePermissions.asFileAttribute(mode);
    }

    /** Removes a tree without following symlinks; keeps going past failures. */
    static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // Best effort: the rest is still removed.
                }
            });
        } catch (IOException | RuntimeException ignored) {
            // The tree vanished meanwhile, or could not be listed.
        }
    }

    @Override
    public String toString() {
        return "WorkingCopy[" + root + "]";
    }
}
