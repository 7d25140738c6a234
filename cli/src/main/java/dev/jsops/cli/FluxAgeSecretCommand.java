package dev.jsops.cli;

import dev.jsops.flux.AgeSecretManifest;
import dev.jsops.flux.FluxException;

/**
 * {@code jsops flux age-secret}: the {@code sops-age} Secret manifest exactly as {@code kubectl create secret generic
 * sops-age --namespace=flux-system --from-file=age.agekey=FILE --dry-run=client -o yaml} prints it (kubectl 1.33+).
 */
final class FluxAgeSecretCommand implements Command {
    @Override
    public Spec spec() {
        return new Spec("age-secret",
                "Print the Secret holding an age key for Flux, as kubectl create secret generic --dry-run=client -o yaml prints it.",
                "The key file must hold age identities Flux can import (one per line). Output as kubectl 1.33 and later "
                        + "print it (no creationTimestamp).")
                .option("FILE", "The age identity file (age-keygen output).", "--key-file")
                .optionWithDefault("NAME", AgeSecretManifest.DEFAULT_NAME, "The Secret's name.", "--name")
                .optionWithDefault("NAMESPACE", AgeSecretManifest.DEFAULT_NAMESPACE, "The Secret's namespace.", "--namespace")
                .flag("Add the creationTimestamp: null line kubectl 1.32 and earlier print.", "--creation-timestamp-null")
                .option("FILE", "Write the manifest to FILE (mode 0600) instead of standard output.", "-o", "--output");
    }

    @Override
    public int run(Args a) throws Exception {
        String keyFile = a.value("--key-file");
        if (keyFile == null) {
            throw new Args.UsageException("--key-file is required");
        }
        if (!a.positionals().isEmpty()) {
            throw new Args.UsageException("unexpected argument \"" + a.positional(0) + "\"");
        }
        byte[] out;
        try {
            out = AgeSecretManifest.render(a.value("--name"), a.value("--namespace"), FluxCommands.read(keyFile),
                    a.flag("--creation-timestamp-null"));
        } catch (FluxException e) {
            throw Cli.fail(1, e.getMessage().startsWith("the key file") ? keyFile + ": " + e.getMessage() : e.getMessage());
        }
        FluxCommands.write(a, out);
        return 0;
    }
}
