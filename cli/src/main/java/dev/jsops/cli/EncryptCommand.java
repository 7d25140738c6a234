package dev.jsops.cli;

import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.jsops.Jsops;
import dev.jsops.config.CreationRule;
import dev.jsops.config.SopsConfig;
import dev.jsops.keys.LocalKeyService;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.ExitCode;
import dev.jsops.sops.MasterKey;
import dev.jsops.sops.Sops;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.store.Format;

/**
 * {@code jsops encrypt}: sops's {@code encrypt} subcommand. Keys and rules come from the matching
 * {@code .sops.yaml} creation rule; {@code --age} (or {@code SOPS_AGE_RECIPIENTS}) replaces the rule's keys, and
 * rule flags override the rule's.
 */
final class EncryptCommand implements Command {
    private static final String[] RULE_FLAGS = {"--unencrypted-suffix", "--encrypted-suffix", "--unencrypted-regex",
        "--encrypted-regex", "--unencrypted-comment-regex", "--encrypted-comment-regex"};

    @Override
    public Spec spec() {
        Spec s = SopsCli.globals(new Spec("encrypt",
                "Encrypt a file and write the result to standard output. Without a file (or with -), standard input is read "
                        + "and --filename-override is required.",
                "Keys and rules come from the first matching creation rule of .sops.yaml; --age replaces the rule's keys."))
                .flag("Write the output back to the same file instead of standard output.", "-i", "--in-place")
                .option("FILE", "Write the output to FILE.", "--output")
                .option("RECIPIENTS", "Comma-separated age recipients (env SOPS_AGE_RECIPIENTS).", "-a", "--age")
                .option("FPS", "Comma-separated PGP fingerprints (jsops cannot encrypt to PGP).", "-p", "--pgp")
                .option("ARNS", "Comma-separated AWS KMS ARNs (jsops cannot encrypt to KMS).", "-k", "--kms")
                .option("IDS", "GCP KMS resource IDs (not supported by jsops).", "--gcp-kms")
                .option("URLS", "Azure Key Vault URLs (not supported by jsops).", "--azure-kv")
                .option("URIS", "Vault transit URIs (not supported by jsops).", "--hc-vault-transit")
                .option("IDS", "HuaweiCloud KMS key IDs (not supported by jsops).", "--hckms")
                .option("TYPE", "Input format: yaml, json, dotenv, ini or binary (default: from the file name).", "--input-type")
                .option("TYPE", "Output format (default: the input format).", "--output-type");
        for (String f : RULE_FLAGS) {
            s.option("RULE", "Override the creation rule's " + f.substring(2).replace('-', '_') + ".", f);
        }
        return s.option("N", "Shamir threshold (default: the rule's, or the number of key groups).", "--shamir-secret-sharing-threshold")
                .option("NAME", "Use NAME instead of the file argument to pick formats and the creation rule (required for standard input).",
                        "--filename-override")
                .positional("FILE", 0, 1, "The plaintext file (default: standard input).");
    }

    @Override
    public int run(Args a) throws Exception {
        Path file = SopsCli.inputFile(a);
        boolean inPlace = a.flag("--in-place");
        String output = a.value("--output");
        String override = a.value("--filename-override");
        if (file == null) {
            if (inPlace) {
                throw SopsCli.fail(ExitCode.ERROR_CONFLICTING_PARAMETERS, "Error: cannot use --in-place when reading from stdin");
            }
            if (override == null || override.isEmpty()) {
                throw SopsCli.fail(ExitCode.ERROR_CONFLICTING_PARAMETERS, "Error: must specify --filename-override when reading from stdin");
            }
        }
        if (inPlace && output != null && !output.isEmpty()) {
            throw SopsCli.fail(ExitCode.ERROR_CONFLICTING_PARAMETERS, "Error: cannot operate on both --output and --in-place");
        }
        Path name = override != null && !override.isEmpty() ? Path.of(override).toAbsolutePath() : file;
        Optional<SopsConfig> config = SopsCli.config(a);
        Format in = SopsCli.format(a.value("--input-type"), name.toString());
        Format out = SopsCli.format(a.value("--output-type"), name.toString());
        Optional<CreationRule> rule = Optional.empty();
        if (config.isPresent() && config.get().hasCreationRules()) {
            rule = config.get().ruleFor(name);
            if (rule.isEmpty()) {
                throw SopsCli.fail(ExitCode.ERROR_GENERIC, "error loading config: no matching creation rules found");
            }
        }
        Sops.EncryptOptions options = options(a, rule, in);
        Jsops jsops = Keys.discovering().withStoreSettings(
                config.map(SopsConfig::stores).orElse(SopsConfig.StoreSettings.DEFAULT), SopsCli.indent(a));
        byte[] result = jsops.encrypt(SopsCli.readInput(file), in, out, options);
        if (inPlace) {
            Outputs.write(file, result, null);
        } else if (output != null && !output.isEmpty()) {
            Outputs.write(Path.of(output), result, null);
        } else {
            OutputStream o = Cli.stdout();
            o.write(result);
            o.close();
        }
        return 0;
    }

    /** sops's {@code getEncryptConfig}: flags over the rule, the default suffix, single-value stores cleared. */
    static Sops.EncryptOptions options(Args a, Optional<CreationRule> rule, Format in) throws SopsException {
        String[] values = new String[RULE_FLAGS.length];
        EncryptionRules fromRule = rule.map(CreationRule::rules).orElse(EncryptionRules.NONE);
        String[] ruleValues = {fromRule.unencryptedSuffix(), fromRule.encryptedSuffix(), fromRule.unencryptedRegex(),
            fromRule.encryptedRegex(), fromRule.unencryptedCommentRegex(), fromRule.encryptedCommentRegex()};
        for (int i = 0; i < RULE_FLAGS.length; i++) {
            String v = a.value(RULE_FLAGS[i]);
            values[i] = v != null && !v.isEmpty() ? v : ruleValues[i];
        }
        boolean macOnly = a.flag("--mac-only-encrypted") || rule.map(CreationRule::macOnlyEncrypted).orElse(false);
        EncryptionRules rules = new EncryptionRules(values[0], values[1], values[2], values[3], values[4], values[5]);
        if (in == Format.BINARY) {
            // One value that must always be encrypted: sops ignores every rule for binary input.
            rules = EncryptionRules.NONE;
            macOnly = false;
        } else {
            if (rules.count() > 1) {
                throw SopsCli.fail(ExitCode.ERROR_CONFLICTING_PARAMETERS, "Error: cannot use more than one of encrypted_suffix, "
                        + "unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex, or "
                        + "unencrypted_comment_regex in the same file");
            }
            rules = rules.withDefault();
        }
        List<List<MasterKey>> groups = keyGroups(a, rule);
        int threshold = a.intValue("--shamir-secret-sharing-threshold", 0);
        if (threshold == 0) {
            threshold = rule.map(CreationRule::shamirThreshold).orElse(0);
        }
        return new Sops.EncryptOptions(groups, threshold, rules, macOnly);
    }

    /** Key flags (and their environment variables) replace the rule's groups with one group. */
    static List<List<MasterKey>> keyGroups(Args a, Optional<CreationRule> rule) throws SopsException {
        String age = flagOrEnv(a, "--age", "SOPS_AGE_RECIPIENTS");
        List<String> others = new ArrayList<>();
        for (String[] f : new String[][] {{"--kms", "SOPS_KMS_ARN"}, {"--pgp", "SOPS_PGP_FP"}, {"--gcp-kms", "SOPS_GCP_KMS_IDS"},
            {"--azure-kv", "SOPS_AZURE_KEYVAULT_URLS"}, {"--hc-vault-transit", "SOPS_VAULT_URIS"},
            {"--hckms", "SOPS_HUAWEICLOUD_KMS_IDS"}}) {
            if (!flagOrEnv(a, f[0], f[1]).isEmpty()) {
                others.add(f[0].substring(2));
            }
        }
        if (!others.isEmpty()) {
            throw SopsCli.fail(ExitCode.ERROR_GENERIC, "jsops can only encrypt to age recipients; "
                    + String.join(", ", others) + " keys are not supported");
        }
        if (!age.isEmpty()) {
            return List.of(ageGroup(age));
        }
        if (rule.isEmpty()) {
            throw SopsCli.fail(ExitCode.ERROR_GENERIC,
                    "config file not found, or has no creation rules, and no keys provided through command line options");
        }
        return rule.get().keyGroups();
    }

    /** One key group of the comma-separated age recipients, each checked as sops checks it. */
    static List<MasterKey> ageGroup(String recipients) throws SopsException {
        List<MasterKey> group = new ArrayList<>();
        for (String r : recipients.split(",")) {
            String t = r.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                LocalKeyService.parseRecipient(t);
            } catch (dev.jsops.sops.KeyService.KeyException e) {
                throw SopsCli.fail(ExitCode.ERROR_GENERIC, e.getMessage());
            }
            group.add(new MasterKey.Age(t, ""));
        }
        return group;
    }

    private static String flagOrEnv(Args a, String flag, String env) {
        String v = a.value(flag);
        if (v == null) {
            v = System.getenv(env);
        }
        return v == null ? "" : v;
    }
}
