package dev.jsops.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

import dev.jsops.config.SopsConfig;
import dev.jsops.sops.ExitCode;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.Stores;

/** What the sops-style commands share: the config file, store settings, formats, reading input. */
final class SopsCli {
    private SopsCli() {
    }

    /** The global options sops accepts before (and jsops also after) the subcommand. */
    static Spec globals(Spec s) {
        return s.option("FILE", "Path to the sops config file (otherwise .sops.yaml is searched from the working directory up).", "--config")
                .option("N", "Indentation of YAML and JSON output (sops --indent).", "--indent")
                .flag("Compute the MAC over encrypted values only (encrypt).", "--mac-only-encrypted")
                .flag("Accepted for sops compatibility; jsops logs nothing.", "--verbose")
                .flag("Accepted for sops compatibility; jsops never checks for updates.", "--disable-version-check");
    }

    static SopsException fail(ExitCode code, String message) {
        return new SopsException(code, message);
    }

    /** The config: {@code --config} / {@code SOPS_CONFIG}, else the nearest {@code .sops.yaml} above the working directory. */
    static Optional<SopsConfig> config(Args a) throws SopsException {
        String explicit = a.value("--config");
        if (explicit == null || explicit.isEmpty()) {
            explicit = System.getenv("SOPS_CONFIG");
        }
        Path path;
        if (explicit != null && !explicit.isEmpty()) {
            path = Path.of(explicit);
        } else {
            SopsConfig.Lookup l = SopsConfig.find(Path.of(""));
            l.warning().ifPresent(w -> Cli.stderr().println(w));
            if (l.path().isEmpty()) {
                return Optional.empty();
            }
            path = l.path().get();
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (IOException e) {
            throw fail(ExitCode.ERROR_GENERIC, "could not read config file: open " + path + ": " + Main.describe(e));
        }
        try {
            var tree = Stores.of(Format.YAML).loadPlain(bytes);
            dev.jsops.sops.Branch root = tree.branches().isEmpty() ? dev.jsops.sops.Branch.EMPTY : tree.branches().get(0);
            return Optional.of(SopsConfig.parse(path, root));
        } catch (SopsException e) {
            if (e.getMessage().startsWith("error loading config")) {
                throw e;
            }
            throw fail(ExitCode.ERROR_GENERIC, "error loading config: Could not unmarshal config file: " + e.getMessage());
        }
    }

    static Integer indent(Args a) {
        String v = a.value("--indent");
        if (v == null) {
            return null;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new Args.UsageException("invalid value \"" + v + "\" for flag -indent: parse error");
        }
    }

    /** {@code --input-type}/{@code --output-type} when it names a format, else the format of the (override) path. */
    static Format format(String typeFlag, String path) {
        return Format.fromName(typeFlag).orElseGet(() -> path == null ? Format.BINARY : Format.fromPath(path));
    }

    static byte[] readInput(Path file) throws SopsException {
        try {
            return file == null ? System.in.readAllBytes() : Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw fail(ExitCode.COULD_NOT_READ_INPUT_FILE, "Error reading file: open " + file + ": no such file or directory");
        } catch (IOException e) {
            throw fail(ExitCode.COULD_NOT_READ_INPUT_FILE, (file == null ? "Error reading from stdin: " : "Error reading file: ")
                    + Main.describe(e));
        }
    }

    /** The file argument: null for standard input (no argument or {@code -}); a missing file is exit 100. */
    static Path inputFile(Args a) throws SopsException {
        String f = a.positional(0);
        if (f == null || f.equals("-")) {
            return null;
        }
        Path p = Path.of(f).toAbsolutePath();
        if (!Files.exists(p)) {
            throw fail(ExitCode.NO_FILE_SPECIFIED, "Error: cannot operate on non-existent file \"" + p + "\"");
        }
        return p;
    }
}
