package dev.jsops.cli;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Optional;

import dev.jsops.Jsops;
import dev.jsops.config.SopsConfig;
import dev.jsops.sops.ExitCode;
import dev.jsops.sops.Sops;
import dev.jsops.sops.TreePath;
import dev.jsops.sops.store.Format;

/** {@code jsops decrypt}: sops's {@code decrypt} subcommand, with its flags, messages and exit codes. */
final class DecryptCommand implements Command {
    @Override
    public Spec spec() {
        return SopsCli.globals(new Spec("decrypt",
                "Decrypt a file and write the result to standard output. Without a file (or with -), standard input is read.",
                "Keys are found as sops finds them: SOPS_AGE_KEY, SOPS_AGE_KEY_FILE, SOPS_AGE_KEY_CMD, "
                        + "~/.config/sops/age/keys.txt, SOPS_AGE_SSH_PRIVATE_KEY_FILE, ~/.ssh/id_ed25519 and ~/.ssh/id_rsa.")
                .flag("Write the output back to the same file instead of standard output.", "-i", "--in-place")
                .option("PATH", "Extract one key or branch, e.g. '[\"somekey\"][0]'.", "--extract")
                .option("FILE", "Write the output to FILE (mode 0600).", "--output")
                .option("TYPE", "Input format: yaml, json, dotenv, ini or binary (default: from the file name).", "--input-type")
                .option("TYPE", "Output format (default: the input format).", "--output-type")
                .flag("Do not verify the Message Authentication Code.", "--ignore-mac")
                .option("NAME", "Use NAME instead of the file argument to pick formats and config (needed for standard input).",
                        "--filename-override")
                .option("LIST", "Comma-separated key types to try first (default age,pgp; env SOPS_DECRYPTION_ORDER).",
                        "--decryption-order")
                .positional("FILE", 0, 1, "The encrypted file (default: standard input)."));
    }

    @Override
    public int run(Args a) throws Exception {
        Path file = SopsCli.inputFile(a);
        boolean inPlace = a.flag("--in-place");
        String output = a.value("--output");
        if (file == null && inPlace) {
            throw SopsCli.fail(ExitCode.ERROR_CONFLICTING_PARAMETERS, "Error: cannot use --in-place when reading from stdin");
        }
        if (inPlace && output != null && !output.isEmpty()) {
            throw SopsCli.fail(ExitCode.ERROR_CONFLICTING_PARAMETERS, "Error: cannot operate on both --output and --in-place");
        }
        String override = a.value("--filename-override");
        String name = override != null && !override.isEmpty() ? Path.of(override).toAbsolutePath().toString()
                : file == null ? null : file.toString();
        Optional<SopsConfig> config = SopsCli.config(a);
        Format in = SopsCli.format(a.value("--input-type"), name);
        Format out = SopsCli.format(a.value("--output-type"), name);
        String order = a.value("--decryption-order");
        if (order == null) {
            order = System.getenv("SOPS_DECRYPTION_ORDER");
        }
        Sops.DecryptOptions options = new Sops.DecryptOptions(a.flag("--ignore-mac"), Sops.decryptionOrder(order));
        TreePath extract = null;
        String ex = a.value("--extract");
        if (ex != null && !ex.isEmpty()) {
            try {
                extract = TreePath.parse(ex);
            } catch (IllegalArgumentException e) {
                throw SopsCli.fail(ExitCode.INVALID_TREE_PATH_FORMAT, "error parsing --extract path: " + e.getMessage());
            }
        }
        Jsops jsops = Keys.discovering().withOptions(options)
                .withStoreSettings(config.map(SopsConfig::stores).orElse(SopsConfig.StoreSettings.DEFAULT), SopsCli.indent(a));
        byte[] input = SopsCli.readInput(file);
        Sops.Decrypted d = jsops.decryptTree(input, in);
        byte[] result = extract == null ? jsops.emitPlain(d.tree(), out) : jsops.extract(d.tree(), extract, out);
        if (inPlace) {
            Outputs.write(file, result, AtomicOutput.OWNER_ONLY);
        } else if (output != null && !output.isEmpty()) {
            Outputs.write(Path.of(output), result, AtomicOutput.OWNER_ONLY);
        } else {
            OutputStream o = Cli.stdout();
            o.write(result);
            o.close();
        }
        return 0;
    }
}
