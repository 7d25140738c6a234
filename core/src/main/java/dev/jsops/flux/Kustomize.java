package dev.jsops.flux;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The kustomize that runs the build: a {@code kustomize} executable, or {@code kubectl kustomize}. Flux builds
 * with kustomize's API, loading files from anywhere inside the root ({@code LoadRestrictionsNone}) and builtin
 * plugins only; the command line gets the same with {@code --load-restrictor LoadRestrictionsNone} and no
 * {@code --enable-alpha-plugins}.
 */
public final class Kustomize {
    private final List<String> command;

    private Kustomize(List<String> command) {
        this.command = List.copyOf(command);
    }

    /** A kustomize executable. */
    public static Kustomize at(Path executable) {
        return new Kustomize(List.of(executable.toString(), "build"));
    }

    /** {@code kubectl kustomize}, with this kubectl. */
    public static Kustomize kubectl(Path executable) {
        return new Kustomize(List.of(executable.toString(), "kustomize"));
    }

    /** {@code kustomize} from {@code PATH}, else {@code kubectl kustomize}; a clear error when neither exists. */
    public static Kustomize fromPath(Map<String, String> env) throws FluxException {
        String path = env.getOrDefault("PATH", "");
        Path k = find(path, "kustomize");
        if (k != null) {
            return at(k);
        }
        Path kubectl = find(path, "kubectl");
        if (kubectl != null) {
            return kubectl(kubectl);
        }
        throw new FluxException("neither kustomize nor kubectl was found in PATH; install kustomize "
                + "(https://kubectl.docs.kubernetes.io/installation/kustomize/) or kubectl");
    }

    private static Path find(String path, String name) {
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Builds {@code dir} and returns kustomize's output. A failure reads {@code kustomize build failed: …} with
     * kustomize's message, from which {@code ENC[…]} values and the given plaintexts are redacted.
     */
    byte[] build(Path dir, Path workingDirectory, Set<String> redact) throws FluxException, IOException {
        List<String> argv = new ArrayList<>(command);
        argv.add("--load-restrictor");
        argv.add("LoadRestrictionsNone");
        argv.add(dir.toString());
        ProcessBuilder pb = new ProcessBuilder(argv).directory(workingDirectory.toFile());
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new FluxException("kustomize build failed: cannot run " + command.get(0) + ": " + e.getMessage());
        }
        Runnable stop = p::destroyForcibly;
        Cleanup.register(stop);
        try {
            p.getOutputStream().close();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = p.getInputStream().readAllBytes();
            int code = p.waitFor();
            String stderr = new String(Objects.requireNonNullElse(err.join(), new byte[0]), StandardCharsets.UTF_8);
            if (code != 0) {
                throw new FluxException("kustomize build failed: " + message(stderr, code, redact));
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while kustomize was running");
        } finally {
            p.destroyForcibly();
            Cleanup.unregister(stop);
        }
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    /** kustomize's error, on one line, without its {@code Error: } prefix and without secrets. */
    static String message(String stderr, int code, Set<String> redact) {
        StringBuilder sb = new StringBuilder();
        for (String line : stderr.split("\n")) {
            String t = line.strip();
            if (t.isEmpty()) {
                continue;
            }
            if (t.startsWith("Error: ")) {
                t = t.substring(7);
            }
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(t);
        }
        String text = sb.length() == 0 ? "exit status " + code : sb.toString();
        return Redaction.apply(text, redact);
    }

    @Override
    public String toString() {
        return "Kustomize" + command;
    }
}
