package dev.jsops.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import dev.jsops.Jsops;
import dev.jsops.config.CreationRule;
import dev.jsops.config.SopsConfig;
import dev.jsops.sops.Branch;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.ExitCode;
import dev.jsops.sops.Sops;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.Format;
import dev.jsops.verify.ConnectCredentials;

/**
 * {@code jsops onepassword-secret}: the 1Password Connect bootstrap Secret, written already encrypted. The
 * plaintext exists only in memory; the file appears (atomically) only in its encrypted form.
 */
final class OnePasswordSecretCommand implements Command {
    /** What kustomize and Flux need in clear text stays clear; everything under data/stringData is encrypted. */
    static final EncryptionRules K8S_RULES = new EncryptionRules("", "", "", "^(data|stringData)$", "", "");

    @Override
    public Spec spec() {
        return SopsCli.globals(new Spec("onepassword-secret",
                "Write the 1Password Connect bootstrap Secret (stringData: 1password-credentials.json as base64 of the "
                        + "credentials file, as Connect's OP_SESSION expects, and token), encrypted by the .sops.yaml rule "
                        + "matching the output path, or for --age recipients with encrypted_regex ^(data|stringData)$.")
                .option("FILE", "The Connect credentials file, or - for standard input.", "--credentials")
                .option("FILE", "A file holding the Connect access token, or - for standard input.", "--token-file")
                .optionWithDefault("NAME", "onepassword-secret", "The Secret's name.", "--name")
                .optionWithDefault("NAMESPACE", "external-secrets", "The Secret's namespace.", "--namespace")
                .option("RECIPIENTS", "Comma-separated age recipients instead of the creation rule's keys.", "-a", "--age")
                .option("FILE", "Where to write the encrypted Secret (default: standard output).", "-o", "--output"));
    }

    @Override
    public int run(Args a) throws Exception {
        String credentialsArg = a.value("--credentials");
        String tokenArg = a.value("--token-file");
        if (credentialsArg == null || tokenArg == null) {
            throw new Args.UsageException("--credentials and --token-file are required");
        }
        if (credentialsArg.equals("-") && tokenArg.equals("-")) {
            throw new Args.UsageException("standard input can hold the credentials or the token, not both");
        }
        byte[] credentials = read(credentialsArg);
        Optional<String> problem = ConnectCredentials.problem(credentials);
        if (problem.isPresent()) {
            throw Cli.fail(1, credentialsArg + " is not a 1Password Connect credentials file: " + problem.get());
        }
        String token = new String(read(tokenArg), StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw Cli.fail(1, "the token in " + tokenArg + " is empty");
        }
        Branch secret = Branch.builder()
                .put("apiVersion", Value.str("v1"))
                .put("kind", Value.str("Secret"))
                .put("metadata", Branch.builder().put("name", Value.str(a.value("--name")))
                        .put("namespace", Value.str(a.value("--namespace"))).build())
                .put("type", Value.str("Opaque"))
                .put("stringData", Branch.builder()
                        .put("1password-credentials.json", Value.str(Base64.getEncoder().encodeToString(credentials)))
                        .put("token", Value.str(token)).build())
                .build();
        String output = a.value("--output");
        Path target = output == null ? Path.of("secret.sops.yaml").toAbsolutePath() : Path.of(output).toAbsolutePath();
        Optional<SopsConfig> config = SopsCli.config(a);
        Optional<CreationRule> rule = Optional.empty();
        String age = a.value("--age");
        if ((age == null || age.isEmpty()) && config.isPresent() && config.get().hasCreationRules()) {
            rule = config.get().ruleFor(target);
            if (rule.isEmpty()) {
                throw SopsCli.fail(ExitCode.ERROR_GENERIC, "error loading config: no matching creation rules found for " + target);
            }
        }
        Sops.EncryptOptions options;
        if (rule.isPresent()) {
            options = new Sops.EncryptOptions(rule.get().keyGroups(), rule.get().shamirThreshold(),
                    rule.get().rules().count() == 0 ? K8S_RULES : rule.get().rules(), rule.get().macOnlyEncrypted());
        } else {
            if (age == null || age.isEmpty()) {
                age = System.getenv("SOPS_AGE_RECIPIENTS");
            }
            if (age == null || age.isBlank()) {
                throw SopsCli.fail(ExitCode.ERROR_GENERIC, "no recipients: give --age, set SOPS_AGE_RECIPIENTS, "
                        + "or add a .sops.yaml creation rule matching " + target);
            }
            options = new Sops.EncryptOptions(List.of(EncryptCommand.ageGroup(age)), 0, K8S_RULES, false);
        }
        Jsops jsops = Keys.discovering().withStoreSettings(config.map(SopsConfig::stores).orElse(SopsConfig.StoreSettings.DEFAULT),
                SopsCli.indent(a));
        Sops.EncryptedDocument doc = Sops.encrypt(new Tree(List.of(secret)), options, jsops.keyService());
        byte[] encrypted = jsops.emitEncrypted(doc, Format.YAML);
        if (output == null) {
            OutputStream o = Cli.stdout();
            o.write(encrypted);
            o.close();
        } else {
            Outputs.write(Path.of(output), encrypted, null);
        }
        return 0;
    }

    private static byte[] read(String name) throws IOException, SopsException {
        if (name.equals("-")) {
            return System.in.readAllBytes();
        }
        try {
            return Files.readAllBytes(Path.of(name));
        } catch (NoSuchFileException e) {
            throw Cli.fail(1, name + ": no such file or directory");
        }
    }
}
