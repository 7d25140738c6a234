package dev.jsops.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the CLI as users do: a separate process with its own standard streams, exit code and environment. */
final class Jsops {
    record Result(int exit, byte[] stdout, String stderr) {
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    private Jsops() {
    }

    static Result run(Path dir, byte[] stdin, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.jsops.cli.Main");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("SOPS_") || k.startsWith("AGE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        Thread writer = new Thread(() -> {
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException ignored) {
                // The process may exit before reading its input.
            }
        });
        writer.start();
        var outF = new java.util.concurrent.CompletableFuture<byte[]>();
        var errF = new java.util.concurrent.CompletableFuture<byte[]>();
        new Thread(() -> {
            try {
                outF.complete(p.getInputStream().readAllBytes());
            } catch (IOException e) {
                outF.completeExceptionally(e);
            }
        }).start();
        new Thread(() -> {
            try {
                errF.complete(p.getErrorStream().readAllBytes());
            } catch (IOException e) {
                errF.completeExceptionally(e);
            }
        }).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("jsops timed out: " + String.join(" ", args));
        }
        writer.join();
        try {
            return new Result(p.exitValue(), outF.get(), new String(errF.get(), StandardCharsets.UTF_8));
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        }
    }

    static Result run(Path dir, String... args) throws IOException, InterruptedException {
        return run(dir, null, Map.of(), args);
    }
}
