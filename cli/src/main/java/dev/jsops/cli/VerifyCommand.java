package dev.jsops.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jsops.age.AgeException;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.Identity;
import dev.jsops.flux.DecryptionKeys;
import dev.jsops.flux.FluxException;
import dev.jsops.flux.Secret;
import dev.jsops.keys.AgeKeyDiscovery;
import dev.jsops.keys.Environment;
import dev.jsops.keys.LocalKeyService;
import dev.jsops.sops.KeyService;
import dev.jsops.verify.Report;
import dev.jsops.verify.ReportFormat;
import dev.jsops.verify.Severity;
import dev.jsops.verify.Verifier;

/**
 * {@code jsops verify}: the check to run on every pull request. Exit 0 when clean, 1 when a finding reaches
 * {@code --fail-on}, 2 for usage errors, 3 when a path or key file cannot be read.
 */
final class VerifyCommand implements Command {
    static final int EXIT_FINDINGS = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_IO = 3;

    @Override
    public Spec spec() {
        return new Spec("verify",
                "Check a repository's SOPS files: everything that should be encrypted is, recipients match .sops.yaml, "
                        + "Kubernetes manifests stay processable, no private key is committed; with keys, every file opens "
                        + "and its MAC verifies. Never prints a secret value.",
                "Without --age-key-file, --age-secret or --no-keys, the keys sops would find are used when there are any.")
                .repeatable("FILE", "An age identity file (repeatable).", "--age-key-file")
                .repeatable("MANIFEST", "A sops-age Secret manifest; its *.agekey entries are the keys, as Flux reads them (repeatable).",
                        "--age-secret")
                .flag("Run only the checks that need no key (safe on forks).", "--no-keys")
                .optionWithDefault("POLICY", "sops", "MAC policy: sops (a mismatch is an error) or flux (a warning).", "--mac")
                .option("FORMAT", "Output: text, json, github, junit or sarif (default: github under GitHub Actions, else text).",
                        "--format")
                .option("FILE", "Write the report to FILE instead of standard output.", "-o", "--output")
                .optionWithDefault("SEVERITY", "error", "Lowest severity that fails the run: error, warning or note.", "--fail-on")
                .repeatable("PATTERN", "A gitignore-style pattern of paths allowed to hold plaintext keys (test fixtures); "
                        + "a .jsops-allow file at the scan root adds more.", "--allow")
                .option("FILE", "Use this .sops.yaml for every file instead of the nearest one.", "--config")
                .option("N", "Files checked in parallel (default: the number of processors).", "--jobs")
                .positional("PATH", 0, -1, "Directories or files to check (default: the working directory).");
    }

    @Override
    public int run(Args a) throws Exception {
        List<Path> paths = new ArrayList<>();
        for (String p : a.positionals()) {
            paths.add(Path.of(p));
        }
        if (paths.isEmpty()) {
            paths.add(Path.of("."));
        }
        Severity failOn;
        ReportFormat format;
        String mac = a.value("--mac");
        try {
            failOn = Severity.parse(a.value("--fail-on"));
            String f = a.value("--format");
            format = f != null ? ReportFormat.parse(f)
                    : "true".equals(System.getenv("GITHUB_ACTIONS")) ? ReportFormat.GITHUB : ReportFormat.TEXT;
            if (!mac.equals("sops") && !mac.equals("flux")) {
                throw new IllegalArgumentException("unknown MAC policy \"" + mac + "\" (sops or flux)");
            }
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw Cli.fail(EXIT_IO, p + ": no such file or directory");
            }
        }
        KeyService keys = keys(a);
        String config = a.value("--config");
        Verifier.Options options = new Verifier.Options(paths, Optional.ofNullable(config).map(Path::of), keys,
                mac.equals("sops"), a.values("--allow"), a.intValue("--jobs", 0));
        Report report;
        try {
            report = new Verifier(options).run();
        } catch (NoSuchFileException e) {
            throw Cli.fail(EXIT_IO, e.getFile() + ": no such file or directory");
        } catch (IOException e) {
            throw Cli.fail(EXIT_IO, Main.describe(e));
        }
        String output = a.value("--output");
        if (output != null) {
            try (AtomicOutput out = AtomicOutput.replace(Path.of(output), null)) {
                format.write(report, failOn, Main.version(), out.stream());
                out.commit();
            } catch (IOException e) {
                throw Cli.fail(EXIT_IO, "cannot write " + output + ": " + Main.describe(e));
            }
            if (format != ReportFormat.TEXT) {
                Cli.stderr().println(report.summary());
            }
        } else {
            OutputStream out = Cli.stdout();
            format.write(report, failOn, Main.version(), out);
            out.close();
        }
        return report.fails(failOn) ? EXIT_FINDINGS : 0;
    }

    /** The keys to open files with, or null for key-less checks. */
    private static KeyService keys(Args a) throws IOException {
        if (a.flag("--no-keys")) {
            return null;
        }
        List<Identity> ids = new ArrayList<>();
        boolean explicit = false;
        for (String f : a.values("--age-key-file")) {
            explicit = true;
            try {
                ids.addAll(AgeKeys.parseIdentityFile(f, Files.readAllBytes(Path.of(f)), Passphrases.TERMINAL_OR_ENV));
            } catch (NoSuchFileException e) {
                throw Cli.fail(EXIT_IO, f + ": no such file or directory");
            } catch (AgeException.MalformedKey e) {
                throw Cli.fail(EXIT_USAGE, "cannot read age identities from " + f + ": " + e.getMessage());
            }
        }
        for (String f : a.values("--age-secret")) {
            explicit = true;
            byte[] manifest;
            try {
                manifest = Files.readAllBytes(Path.of(f));
            } catch (NoSuchFileException e) {
                throw Cli.fail(EXIT_IO, f + ": no such file or directory");
            }
            try {
                DecryptionKeys k = DecryptionKeys.fromSecret(Secret.fromManifest(manifest));
                if (k.ageIdentityCount() == 0) {
                    throw Cli.fail(EXIT_USAGE, f + ": the Secret has no *.agekey entry with an age identity");
                }
                ids.addAll(k.ageIdentities());
            } catch (FluxException e) {
                throw Cli.fail(EXIT_USAGE, f + ": " + e.getMessage());
            }
        }
        if (explicit) {
            return LocalKeyService.withIdentities(ids);
        }
        Environment env = Environment.system();
        if (new AgeKeyDiscovery(env, null).load(null).identities().isEmpty()) {
            return null;
        }
        return LocalKeyService.discovering(env, Passphrases.TERMINAL_OR_ENV);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
