package dev.jsops.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * The upstream test data beside the repository ({@code ../shared/upstream}, found by walking up from the
 * working directory, or named by {@code JSOPS_UPSTREAM_CORPUS}). It is never copied into the repository.
 * Tests that need it skip with "skipped: corpus absent" when it is missing, except on CI ({@code CI=true}),
 * where a missing corpus is a failure.
 */
public final class UpstreamCorpus {
    private UpstreamCorpus() {
    }

    /** The {@code shared/upstream} directory, or empty when it cannot be found. */
    public static Optional<Path> locate() {
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
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    /** The upstream directory; skips the calling test when absent (fails on CI). */
    public static Path root() {
        return locate().orElseGet(() -> absent("../shared/upstream"));
    }

    /** A file or directory under the upstream directory, e.g. {@code age-cctv/testdata}; skips or fails like {@link #root()}. */
    public static Path require(String relative) {
        Path p = root().resolve(relative);
        return Files.exists(p) ? p : absent(relative);
    }

    /** A regular file under the upstream directory, e.g. {@code sops/example.json}. */
    public static Path file(String relative) {
        Path p = root().resolve(relative);
        return Files.isRegularFile(p) ? p : absent(relative);
    }

    public static byte[] read(String relative) {
        try {
            return Files.readAllBytes(file(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path absent(String what) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("upstream corpus (" + what + " under ../shared/upstream) is required on CI but absent");
        }
        Assumptions.abort("skipped: corpus absent (" + what + ")");
        throw new IllegalStateException("unreachable");
    }
}
