package dev.jsops.testvectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;

/**
 * The upstream tools the interop suites run against, installed pinned by {@code testvectors/peers/install.sh}
 * into {@code $JSOPS_PEERS/bin} (default {@code ~/.cache/jsops-peers/bin}), or found on PATH. A missing
 * peer skips its tests, except with {@code CI=true}, where it fails them.
 */
final class Peers {
    private Peers() {
    }

    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    static Path peersBin() {
        String p = System.getenv("JSOPS_PEERS");
        Path root = p != null && !p.isEmpty() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".cache", "jsops-peers");
        return root.resolve("bin");
    }

    /** The peer's executable, or empty. */
    static Optional<Path> find(String name) {
        Path inPeers = peersBin().resolve(name);
        if (Files.isExecutable(inPeers)) {
            return Optional.of(inPeers);
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path c = Path.of(dir).resolve(name);
                if (Files.isExecutable(c)) {
                    return Optional.of(c);
                }
            }
        }
        return Optional.empty();
    }

    /** The peer, or the test is skipped (failed under CI=true, where every required peer must be installed). */
    static Path require(String name) {
        Optional<Path> p = find(name);
        if (p.isEmpty()) {
            String msg = "skipped: peer " + name + " absent (run testvectors/peers/install.sh)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError(msg.replace("skipped: ", "") + ", and CI=true requires it");
            }
            Assumptions.abort(msg);
        }
        return p.get();
    }

    /** An optional peer (rage): skipped when absent, even in CI. */
    static Path optional(String name) {
        Optional<Path> p = find(name);
        Assumptions.assumeTrue(p.isPresent(), "skipped: optional peer " + name + " absent");
        return p.get();
    }

    static Result run(Path dir, byte[] stdin, Map<String, String> env, List<String> cmd) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SOPS_") || k.startsWith("AGE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException ignored) {
            // The tool may exit before reading all of its input.
        }
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), out.join(), new String(err.join(), StandardCharsets.UTF_8));
    }

    static Result run(Path dir, byte[] stdin, String... cmd) throws IOException, InterruptedException {
        return run(dir, stdin, Map.of(), List.of(cmd));
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The jsops CLI, run from the test classpath exactly as the shaded jar runs it. */
    static List<String> jsops(String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.jsops.cli.Main");
        cmd.addAll(List.of(args));
        return cmd;
    }
}
