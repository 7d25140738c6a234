package dev.jsops.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Paths exempt from the plaintext-secret rules (test fixtures, example keys): gitignore-style patterns from
 * {@code --allow} and from a {@code .jsops-allow} file at the scan root.
 */
final class Allowlist {
    static final String FILE_NAME = ".jsops-allow";
    private final GitIgnore patterns;

    private Allowlist(GitIgnore patterns) {
        this.patterns = patterns;
    }

    static Allowlist of(Path root, List<String> extra) throws IOException {
        StringBuilder sb = new StringBuilder();
        Path f = Files.isDirectory(root) ? root.resolve(FILE_NAME) : null;
        if (f != null && Files.isRegularFile(f)) {
            sb.append(Files.readString(f, StandardCharsets.UTF_8)).append('\n');
        }
        for (String e : extra) {
            sb.append(e).append('\n');
        }
        return new Allowlist(GitIgnore.parse(sb.toString()));
    }

    boolean allows(String rel) {
        String p = rel;
        while (true) {
            Boolean v = patterns.match(p, !p.equals(rel));
            if (v != null && v) {
                return true;
            }
            int slash = p.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            p = p.substring(0, slash);
        }
    }
}
