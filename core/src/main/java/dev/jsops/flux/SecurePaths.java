package dev.jsops.flux;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Root confinement as Flux does it (cyphar/filepath-securejoin {@code SecureJoin} plus the decryptor's
 * {@code securePaths}/{@code stripRoot}): a path is walked inside the root component by component; {@code ..}
 * cannot climb above the root (it is clamped there), and symlinks are read and their targets resolved inside the
 * root too, absolute targets included. Nothing is rejected; a path that leaves the root simply lands somewhere
 * inside it, normally on a file that does not exist. Paths are slash-separated strings.
 */
final class SecurePaths {
    /** filepath-securejoin's {@code MaxSymlinkLimit}. */
    static final int MAX_SYMLINKS = 255;

    private SecurePaths() {
    }

    /** An absolute path inside the root and the same path relative to it ({@code ./x} cleaned to {@code x}). */
    record Resolved(String abs, String rel) {
    }

    /**
     * Flux's {@code securePaths}: an absolute {@code path} is first made relative to the root (or, when it lies
     * elsewhere, taken whole as relative to the root); the result is secure-joined onto the root.
     */
    static Resolved securePaths(String root, String path) throws GoError {
        String p = GoPaths.isAbs(path) ? stripRoot(root, path) : path;
        String abs = secureJoin(root, p);
        return new Resolved(abs, stripRoot(root, abs));
    }

    /** filepath-securejoin's {@code SecureJoin(root, unsafePath)}. */
    static String secureJoin(String root, String unsafePath) throws GoError {
        if (("/" + root + "/").contains("/../")) {
            throw GoError.plain("root path provided to SecureJoin contains '..' components");
        }
        String current = "";
        String remaining = unsafePath;
        int links = 0;
        while (!remaining.isEmpty()) {
            String part;
            int slash = remaining.indexOf('/');
            if (slash < 0) {
                part = remaining;
                remaining = "";
            } else {
                part = remaining.substring(0, slash);
                remaining = remaining.substring(slash + 1);
            }
            String next = GoPaths.join("/", current, part);
            if (next.equals("/")) {
                current = "";
                continue;
            }
            String full = root + "/" + next;
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(Path.of(full), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                if (isNotExist(e)) {
                    current = next;
                    continue;
                }
                throw GoError.path("lstat", full, e);
            }
            if (!attrs.isSymbolicLink()) {
                current = next;
                continue;
            }
            if (++links > MAX_SYMLINKS) {
                throw GoError.path("SecureJoin", root + "/" + unsafePath, "too many levels of symbolic links");
            }
            String dest;
            try {
                dest = Files.readSymbolicLink(Path.of(full)).toString();
            } catch (IOException e) {
                throw GoError.path("readlink", full, e);
            }
            remaining = dest + "/" + remaining;
            if (GoPaths.isAbs(dest)) {
                current = "";
            }
        }
        return GoPaths.join(root, GoPaths.join("/", current));
    }

    /** securejoin's {@code IsNotExist}: ENOENT, and ENOTDIR (a file used as a directory). */
    private static boolean isNotExist(IOException e) {
        if (e instanceof NoSuchFileException) {
            return true;
        }
        return e instanceof FileSystemException f && "Not a directory".equals(f.getReason());
    }

    /**
     * Flux's {@code stripRoot}: {@code path} relative to {@code root} ({@code .} for the root itself); a path
     * outside the root loses only its leading slash.
     */
    static String stripRoot(String root, String path) {
        String r = GoPaths.clean("/" + root);
        String p = GoPaths.clean("/" + path);
        if (p.equals(r)) {
            p = "/";
        } else if (!r.equals("/") && p.startsWith(r + "/")) {
            p = p.substring(r.length() + 1);
        }
        return GoPaths.clean(GoPaths.join("./", p));
    }

    /** {@code os.Lstat}: the attributes of the path itself, or a Go path error. */
    static BasicFileAttributes lstat(String abs) throws GoError {
        try {
            return Files.readAttributes(Path.of(abs), BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw GoError.path("lstat", abs, e);
        }
    }
}
