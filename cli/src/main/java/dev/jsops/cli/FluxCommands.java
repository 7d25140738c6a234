package dev.jsops.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import dev.jsops.flux.DecryptionKeys;
import dev.jsops.flux.FluxDecryptor;
import dev.jsops.flux.FluxException;
import dev.jsops.flux.MacPolicy;
import dev.jsops.flux.Secret;
import dev.jsops.keys.Environment;

/** {@code jsops flux}: the command group, and the key and output options its commands share. */
final class FluxCommands {
    private FluxCommands() {
    }

    static Command group() {
        return new CommandGroup("flux", List.of(
                new CommandGroup.Entry("build", FluxBuildCommand::new),
                new CommandGroup.Entry("decrypt", FluxDecryptCommand::new),
                new CommandGroup.Entry("age-secret", FluxAgeSecretCommand::new)),
                "Decrypt Kubernetes manifests exactly as Flux's kustomize-controller does.",
                "Keys: a decryption Secret manifest (--age-secret, as kubectl prints it), an age key file (--age-key-file), "
                        + "or, without either, the age keys sops finds (SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, "
                        + "~/.config/sops/age/keys.txt …), as Flux falls back to its own environment.");
    }

    /** The options that choose keys and the MAC policy. */
    static Spec keyOptions(Spec s) {
        return s.option("MANIFEST", "The Kustomization's decryption Secret (spec.decryption.secretRef), as YAML; "
                        + "entries ending in .agekey are imported, others as Flux does.", "--age-secret")
                .option("MANIFEST", "The controller's global age Secret (--sops-age-secret), used only without --age-secret.",
                        "--global-age-secret")
                .option("FILE", "An age identity file, read as Flux reads a .agekey entry.", "--age-key-file")
                .optionWithDefault("POLICY", "flux", "MAC check: flux (never, as Flux) or sops (verify as sops does).", "--mac")
                .option("FILE", "Write the result to FILE (mode 0600) instead of standard output.", "-o", "--output");
    }

    static FluxDecryptor decryptor(Args a) throws IOException, FluxException {
        String secret = a.value("--age-secret");
        String global = a.value("--global-age-secret");
        String keyFile = a.value("--age-key-file");
        if (keyFile != null && (secret != null || global != null)) {
            throw Cli.fail(2, "--age-key-file cannot be combined with --age-secret or --global-age-secret");
        }
        DecryptionKeys keys;
        if (keyFile != null) {
            try {
                keys = DecryptionKeys.fromAgeKeyFile(read(keyFile));
            } catch (FluxException e) {
                throw Cli.fail(1, "--age-key-file " + keyFile + ": " + e.getMessage());
            }
        } else {
            keys = DecryptionKeys.forKustomization(secret == null ? null : manifest(secret), global == null ? null : manifest(global));
        }
        // The user's environment plays the controller's: it counts only when no age identity was imported.
        keys = keys.withEnvironment(Environment.system());
        return FluxDecryptor.of(keys).withMacPolicy(macPolicy(a.value("--mac")));
    }

    private static Secret manifest(String file) throws IOException, FluxException {
        try {
            return Secret.fromManifest(read(file));
        } catch (FluxException e) {
            throw Cli.fail(1, file + ": " + e.getMessage());
        }
    }

    static MacPolicy macPolicy(String v) {
        return switch (v) {
            case "flux" -> MacPolicy.FLUX;
            case "sops" -> MacPolicy.SOPS;
            default -> throw new Args.UsageException("invalid value \"" + v + "\" for --mac: flux or sops");
        };
    }

    static byte[] read(String file) throws IOException {
        if (file.equals("-")) {
            return System.in.readAllBytes();
        }
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw Cli.fail(1, file + ": no such file or directory");
        }
    }

    /** Standard output, or an all-or-nothing file created 0600 (its content is plaintext). */
    static void write(Args a, byte[] data) throws IOException {
        String output = a.value("--output");
        if (output == null || output.equals("-")) {
            OutputStream out = Cli.stdout();
            out.write(data);
            out.close();
            return;
        }
        try (AtomicOutput out = AtomicOutput.replace(Path.of(output), AtomicOutput.OWNER_ONLY)) {
            out.stream().write(data);
            out.commit();
        }
    }

    /** A Flux failure: one message (sops's key report keeps its lines), the prefix, exit 1. */
    static Cli.Failure failure(FluxException e) {
        return Cli.fail(1, e.getMessage());
    }
}
