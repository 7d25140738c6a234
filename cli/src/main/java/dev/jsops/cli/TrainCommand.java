package dev.jsops.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.jsops.Jsops;
import dev.jsops.age.Age;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.HybridIdentity;
import dev.jsops.age.X25519Identity;
import dev.jsops.config.SopsConfig;
import dev.jsops.keys.Environment;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.MasterKey;
import dev.jsops.sops.Sops;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.Stores;

/**
 * Hidden: exercises the common commands' code paths in memory, so the launcher can record an AOT cache of
 * the classes they load. Touches no file and prints nothing.
 */
final class TrainCommand implements Command {
    private static final String YAML = "# comment\napiVersion: v1\nkind: Secret\nmetadata:\n    name: s\nstringData:\n"
            + "    token: abc\n    list:\n        - 1\n        - 2.5\n        - true\n    block: |\n        multi\n        line\n";

    @Override
    public Spec spec() {
        return new Spec("__train", "Record the classes of common commands for the AOT cache (used by the launcher).");
    }

    @Override
    public int run(Args args) throws Exception {
        X25519Identity id = X25519Identity.generate();
        HybridIdentity pq = HybridIdentity.generate();
        AgeKeys.parseIdentities((id.encode() + "\n").getBytes(StandardCharsets.US_ASCII));
        Age.decrypt(Age.encrypt(new byte[32], List.of(id.recipient()), true), List.of(id));
        Age.decrypt(Age.encrypt(new byte[32], List.of(pq.recipient()), true), List.of(pq));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream w = Age.encrypt(sink, List.of(id.recipient()))) {
            w.write(new byte[200_000]);
        }
        Age.decrypt(sink.toByteArray(), List.of(id));

        // sops round trips in every format, through the same classes the commands use.
        Jsops jsops = Jsops.discoveringKeys(Environment.of(java.util.Map.of("SOPS_AGE_KEY", id.encode())), null);
        Sops.EncryptOptions options = new Sops.EncryptOptions(List.of(List.of(new MasterKey.Age(id.recipient().toString(), ""))),
                0, new EncryptionRules("", "", "", "^(data|stringData)$", "", ""), false);
        String[][] samples = {{"yaml", YAML}, {"json", "{\"a\": 1, \"b\": [true, null, 1.5], \"c\": {\"d\": \"e\"}}"},
            {"dotenv", "# c\nA=b\n"}, {"ini", "[s]\nk = v\n"}, {"binary", "raw bytes"}};
        for (String[] s : samples) {
            Format f = Format.fromName(s[0]).orElseThrow();
            byte[] enc = jsops.encrypt(s[1].getBytes(StandardCharsets.UTF_8), f, options);
            jsops.decrypt(enc, f);
        }
        SopsConfig.parse(java.nio.file.Path.of(".sops.yaml"), Stores.of(Format.YAML)
                .loadPlain(("creation_rules:\n  - path_regex: .*\\.yaml$\n    encrypted_regex: ^(data|stringData)$\n    age: "
                        + id.recipient() + "\n").getBytes(StandardCharsets.UTF_8)).branches().get(0));
        Args.parse(new AgeCommand().spec(), List.of("-d", "-i", "key.txt", "-o", "out", "in"));
        Args.parse(new KeygenCommand().spec(), List.of("-o", "key.txt"));
        Args.parse(new DecryptCommand().spec(), List.of("--extract", "[\"a\"]", "in.yaml"));
        Args.parse(new EncryptCommand().spec(), List.of("-i", "in.yaml"));
        return 0;
    }
}
