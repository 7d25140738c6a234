package dev.jsops.cli;

import dev.jsops.flux.FluxException;

/** {@code jsops flux decrypt}: decrypts built YAML (kustomize output) as Flux does before applying it. */
final class FluxDecryptCommand implements Command {
    @Override
    public Spec spec() {
        return FluxCommands.keyOptions(new Spec("decrypt",
                "Decrypt built Kubernetes YAML (kustomize build output) as Flux does before applying it.",
                "Resources with a SOPS mac (any kind) are decrypted whole; Secret data values holding a SOPS file are "
                        + "decrypted to the format their key names. Other resources are copied unchanged.")
                .positional("FILE", 0, 1, "The built YAML (default: standard input)."));
    }

    @Override
    public int run(Args a) throws Exception {
        String file = a.positional(0);
        byte[] in = FluxCommands.read(file == null ? "-" : file);
        byte[] out;
        try {
            out = FluxCommands.decryptor(a).decryptResources(in);
        } catch (FluxException e) {
            throw FluxCommands.failure(e);
        }
        FluxCommands.write(a, out);
        return 0;
    }
}
