package dev.jsops.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of a repository as git would list them: {@code .git} skipped, every {@code .gitignore} on the way
 * honoured (nested files refine their parents), symbolic links not followed.
 */
final class RepoWalk {
    /** A regular file and its path relative to the scan root, with {@code /} separators. */
    record Entry(Path path, String rel) {
    }

    private record Layer(Path dir, GitIgnore rules) {
    }

    private RepoWalk() {
    }

    static List<Entry> files(Path root) throws IOException {
        List<Entry> out = new ArrayList<>();
        if (Files.isRegularFile(root)) {
            out.add(new Entry(root, root.getFileName().toString()));
            return out;
        }
        walk(root, root, new ArrayList<>(), out);
        out.sort((a, b) -> a.rel().compareTo(b.rel()));
        return out;
    }

    private static void walk(Path root, Path dir, List<Layer> layers, List<Entry> out) throws IOException {
        Path gi = dir.resolve(".gitignore");
        List<Layer> here = layers;
        if (Files.isRegularFile(gi)) {
            here = new ArrayList<>(layers);
            here.add(new Layer(dir, GitIgnore.parse(Files.readString(gi, StandardCharsets.UTF_8))));
        }
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        }
        for (Path child : children) {
            String name = child.getFileName().toString();
            boolean isDir = Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
            if (isDir && name.equals(".git")) {
                continue;
            }
            if (ignored(child, isDir, here)) {
                continue;
            }
            if (isDir) {
                walk(root, child, here, out);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                out.add(new Entry(child, rel(root, child)));
            }
        }
    }

    static String rel(Path root, Path p) {
        return root.relativize(p).toString().replace(java.io.File.separatorChar, '/');
    }

    private static boolean ignored(Path p, boolean isDir, List<Layer> layers) {
        Boolean verdict = null;
        for (Layer l : layers) {
            Boolean v = l.rules().match(rel(l.dir(), p), isDir);
            if (v != null) {
                verdict = v;
            }
        }
        return verdict != null && verdict;
    }
}
