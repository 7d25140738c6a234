package dev.jsops.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Go's lexical path rules and filepath-securejoin's confinement, as Flux uses them. */
class SecurePathsTest {
    @TempDir
    Path tmp;

    @Test
    void cleanAndJoinFollowGo() {
        assertEquals(".", GoPaths.clean(""));
        assertEquals("/", GoPaths.clean("/../.."));
        assertEquals("../x", GoPaths.clean("a/../../x"));
        assertEquals("a/c", GoPaths.clean("a//b/./../c/"));
        assertEquals("/a", GoPaths.join("/", "", "a"));
        assertEquals("", GoPaths.join("", ""));
        assertEquals("x", GoPaths.join("./", "x"));
        assertEquals(".agekey", GoPaths.ext(".agekey"));
        assertEquals(".bak", GoPaths.ext("sops.asc.bak"));
        assertEquals("", GoPaths.ext("dir.d/keys"));
    }

    @Test
    void dotDotIsClampedAtTheRoot() throws Exception {
        // filepath-securejoin's own example: root /wordir/foo, path ../../bar → /wordir/foo/bar.
        String root = tmp.toRealPath().toString();
        assertEquals(root + "/bar", SecurePaths.secureJoin(root, "../../bar"));
        assertEquals(root, SecurePaths.secureJoin(root, "."));
        assertEquals(root + "/a/b", SecurePaths.secureJoin(root, "a/./x/../b"));
    }

    @Test
    void absolutePathsAreReRooted() throws Exception {
        String root = tmp.toRealPath().toString();
        assertEquals(root + "/etc/passwd", SecurePaths.securePaths(root, "/etc/passwd").abs());
        SecurePaths.Resolved r = SecurePaths.securePaths(root, root + "/envs/env.env");
        assertEquals(root + "/envs/env.env", r.abs());
        assertEquals("envs/env.env", r.rel());
        assertEquals(".", SecurePaths.stripRoot(root, root));
        assertEquals("tmp/x", SecurePaths.stripRoot(root, "/tmp/x"));
    }

    @Test
    void symlinksResolveInsideTheRoot() throws Exception {
        Path rootDir = tmp.resolve("root");
        Files.createDirectories(rootDir.resolve("otherdir"));
        Files.createDirectories(rootDir.resolve("subdir"));
        Files.writeString(rootDir.resolve("otherdir/data.env"), "k=v\n");
        Files.createSymbolicLink(rootDir.resolve("subdir/symlink"), Path.of("../otherdir/data.env"));
        Files.createSymbolicLink(rootDir.resolve("subdir/escape"), Path.of("../../outside.env"));
        Files.createSymbolicLink(rootDir.resolve("subdir/abs"), Path.of("/otherdir"));
        Files.writeString(tmp.resolve("outside.env"), "k=v\n");
        String root = rootDir.toRealPath().toString();
        assertEquals(root + "/otherdir/data.env", SecurePaths.secureJoin(root, "subdir/symlink"));
        // The link leaves the root: it is resolved as if the root were "/", so it lands inside, on nothing.
        assertEquals(root + "/outside.env", SecurePaths.secureJoin(root, "subdir/escape"));
        // An absolute target starts again at the root.
        assertEquals(root + "/otherdir/data.env", SecurePaths.secureJoin(root, "subdir/abs/data.env"));
    }

    @Test
    void symlinkLoopsStop() throws Exception {
        Path rootDir = tmp.resolve("loop");
        Files.createDirectories(rootDir);
        Files.createSymbolicLink(rootDir.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(rootDir.resolve("b"), Path.of("a"));
        String root = rootDir.toRealPath().toString();
        GoError e = assertThrows(GoError.class, () -> SecurePaths.secureJoin(root, "a"));
        assertEquals("SecureJoin " + root + "/a: too many levels of symbolic links", e.getMessage());
    }

    @Test
    void remoteUrlsAreThoseWithSchemeAndHost() {
        assertEquals(true, SourceDecryption.isRemoteUrl("https://raw.githubusercontent.com/x/y/patch.yaml"));
        assertEquals(true, SourceDecryption.isRemoteUrl("ssh://git@github.com/org/repo"));
        assertEquals(false, SourceDecryption.isRemoteUrl("patch.yaml"));
        assertEquals(false, SourceDecryption.isRemoteUrl("github.com/org/repo//dir"));
        assertEquals(false, SourceDecryption.isRemoteUrl("file:///tmp/x"));
        assertEquals(false, SourceDecryption.isRemoteUrl("c:/x"));
    }
}
