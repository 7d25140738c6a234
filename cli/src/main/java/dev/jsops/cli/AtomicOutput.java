package dev.jsops.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A file written all-or-nothing: the bytes go to a temporary file in the destination's directory, which is
 * fsynced and renamed over the destination on {@link #commit()}; {@link #close()} without commit removes it.
 * A failed command therefore never leaves a half-written file behind.
 */
final class AtomicOutput implements AutoCloseable {
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream stream;
    private final boolean exclusive;
    private boolean committed;

    private AtomicOutput(Path target, Set<PosixFilePermission> mode, boolean exclusive) throws IOException {
        this.target = target;
        this.exclusive = exclusive;
        Path dir = target.toAbsolutePath().getParent();
        Path t;
        try {
            t = Files.createTempFile(dir, "." + target.getFileName() + ".", ".jsops-tmp",
                    PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException e) {
            t = Files.createTempFile(dir, "." + target.getFileName() + ".", ".jsops-tmp");
        }
        this.temp = t;
        if (mode != null) {
            try {
                Files.setPosixFilePermissions(temp, mode);
            } catch (UnsupportedOperationException ignored) {
                // Not a POSIX file system: the platform default applies.
            }
        }
        this.channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        this.stream = java.nio.channels.Channels.newOutputStream(channel);
    }

    /** A new file or a replacement; {@code mode} null keeps the mode of an existing target, else 0644-ish defaults. */
    static AtomicOutput replace(Path target, Set<PosixFilePermission> mode) throws IOException {
        Set<PosixFilePermission> m = mode;
        if (m == null) {
            m = Files.exists(target) ? Files.getPosixFilePermissions(target) : PosixFilePermissions.fromString("rw-r--r--");
        }
        return new AtomicOutput(target, m, false);
    }

    /** A file that must not exist yet (age-keygen's O_EXCL). */
    static AtomicOutput createNew(Path target, Set<PosixFilePermission> mode) throws IOException {
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        return new AtomicOutput(target, mode, true);
    }

    OutputStream stream() {
        return stream;
    }

    void commit() throws IOException {
        stream.flush();
        channel.force(true);
        channel.close();
        if (exclusive) {
            // A link is atomic and fails if the target appeared meanwhile, keeping O_EXCL semantics.
            try {
                Files.createLink(target, temp);
                Files.delete(temp);
                committed = true;
                return;
            } catch (UnsupportedOperationException | IOException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw e;
                }
            }
        }
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        fsyncDirectory(target.toAbsolutePath().getParent());
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Some platforms cannot open directories; the rename itself is still atomic.
        }
    }

    @Override
    public void close() {
        if (!committed) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Nothing useful to do: the temporary file is removed next.
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // Best effort; the name is hidden and marked as ours.
            }
        }
    }
}
