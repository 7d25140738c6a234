package dev.jsops.cli;

import java.nio.file.Path;

import dev.jsops.flux.FluxBuild;
import dev.jsops.flux.FluxException;

/**
 * {@code jsops flux build DIR}: the YAML Flux would apply for a Kustomization of {@code DIR} with SOPS decryption.
 * The root ({@code --root}, default {@code DIR}) is copied to a private temp dir, generator and patch files are
 * decrypted there, kustomize builds it, the built resources are decrypted, and the copy is removed.
 */
final class FluxBuildCommand implements Command {
    @Override
    public Spec spec() {
        return FluxCommands.keyOptions(new Spec("build",
                "Build a kustomization and decrypt it as Flux's kustomize-controller does; print the YAML Flux would apply.",
                "The root (DIR, or --root) is copied to a private temporary directory (0700, files 0600), which is removed "
                        + "on every exit. Files referenced by secretGenerator files/envs and patches are decrypted there, "
                        + "kustomize (from PATH, else kubectl kustomize) builds it with --load-restrictor "
                        + "LoadRestrictionsNone, and SOPS resources and Secret data values are decrypted.")
                .option("DIR", "The source root the build is confined to, like Flux's artifact root (default: DIR).", "--root")
                .positional("DIR", 1, 1, "The directory to build (Flux's spec.path)."));
    }

    @Override
    public int run(Args a) throws Exception {
        if (a.positionals().size() != 1) {
            throw new Args.UsageException("exactly one DIR is required");
        }
        Path dir = Path.of(a.positional(0));
        String root = a.value("--root");
        byte[] out;
        try {
            FluxBuild build = FluxBuild.of(FluxCommands.decryptor(a), dir);
            if (root != null) {
                build = build.withRoot(Path.of(root));
            }
            out = build.run();
        } catch (FluxException e) {
            throw FluxCommands.failure(e);
        }
        FluxCommands.write(a, out);
        return 0;
    }
}
