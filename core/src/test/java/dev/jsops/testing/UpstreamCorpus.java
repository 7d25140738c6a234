package dev.jsops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The upstream material shared beside the repository ({@code ../shared/upstream}, found by walking up from the
 * working directory). Tests that need it skip with "skipped: corpus absent" when it is missing, except on CI
 * ({@code CI=true}), where a missing corpus is a failure.
 */
public final class UpstreamCorpus {
    private UpstreamCorpus() {
    }

    /** The {@code shared/upstream} directory, or empty when it cannot be found. */
    public static java.util.Optional<Path> locate() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared").resolve("upstream");
            if (Files.isDirectory(candidate)) {
                return java.util.Optional.of(candidate);
            }
            dir = dir.getParent();
        }
        return java.util.Optional.empty();
    }

    /** The upstream directory; skips the calling test when absent (fails on CI). */
    public static Path root() {
        var found = locate();
        if (found.isEmpty()) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("upstream corpus (../shared/upstream) is required on CI but absent");
            }
            Assumptions.abort("skipped: corpus absent");
        }
        return found.get();
    }

    /** A file under the upstream directory, e.g. {@code sops/example.json}; skips or fails like {@link #root()}. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        if (!Files.isRegularFile(p)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("upstream corpus file missing: " + relative);
            }
            Assumptions.abort("skipped: corpus absent");
        }
        return p;
    }

    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
