package dev.jsops.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * The upstream test data in {@code ../shared/upstream} next to the repository. It is never copied into the
 * repository; where it is absent (a bare clone) the suites that need it are skipped, except under
 * {@code CI=true}, where absence is a failure.
 */
public final class UpstreamCorpus {
    private UpstreamCorpus() {
    }

    /** The corpus root, found by walking up from the working directory. */
    public static Optional<Path> root() {
        String override = System.getenv("JSOPS_UPSTREAM_CORPUS");
        if (override != null && !override.isEmpty()) {
            Path p = Path.of(override);
            return Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("upstream");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
            Path sibling = dir.resolveSibling("shared").resolve("upstream");
            if (Files.isDirectory(sibling)) {
                return Optional.of(sibling);
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /**
     * The directory {@code relative} inside the corpus; skips the calling test when absent, or fails it when
     * running in CI.
     */
    public static Path require(String relative) {
        Optional<Path> root = root();
        Path p = root.map(r -> r.resolve(relative)).orElse(null);
        if (p == null || !Files.exists(p)) {
            String msg = "skipped: corpus absent (" + relative + " under ../shared/upstream)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg.replace("skipped: ", "") + ", and CI=true requires it");
            }
            Assumptions.abort(msg);
        }
        return p;
    }
}
