package dev.jsops.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;

import dev.jsops.Jsops;
import dev.jsops.age.AgeKeys;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.MasterKey;
import dev.jsops.sops.Sops;
import dev.jsops.sops.store.Format;

/** A working copy of the bundled example repository ({@code examples/}), to break in controlled ways. */
final class ExampleRepo {
    final Path root;
    final String recipient;
    final Jsops jsops;

    private ExampleRepo(Path root) throws Exception {
        this.root = root;
        byte[] key = Files.readAllBytes(root.resolve("age.agekey"));
        this.jsops = Jsops.withIdentities(AgeKeys.parseIdentities(key));
        this.recipient = new String(key, StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("# public key: "))
                .findFirst().orElseThrow().substring(14);
    }

    static Path examples() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("examples/.sops.yaml"))) {
                return dir.resolve("examples");
            }
            dir = dir.getParent();
        }
        Assumptions.abort("examples/ not found above " + Path.of("").toAbsolutePath());
        return null;
    }

    /** A fresh copy of {@code examples/} in {@code target}. */
    static ExampleRepo copy(Path target) throws Exception {
        Path src = examples();
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.toList()) {
                Path t = target.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return new ExampleRepo(target);
    }

    Path path(String rel) {
        return root.resolve(rel);
    }

    void write(String rel, String text) throws IOException {
        Files.createDirectories(path(rel).getParent());
        Files.writeString(path(rel), text);
    }

    String read(String rel) throws IOException {
        return Files.readString(path(rel));
    }

    /** Encrypts YAML for the example key with {@code encrypted_regex: ^(data|stringData)$}, or other rules. */
    String encrypt(String yaml, EncryptionRules rules, String... recipients) throws Exception {
        List<MasterKey> group = new java.util.ArrayList<>();
        for (String r : recipients.length == 0 ? new String[] {recipient} : recipients) {
            group.add(new MasterKey.Age(r, ""));
        }
        byte[] out = jsops.encrypt(yaml.getBytes(StandardCharsets.UTF_8), Format.YAML,
                new Sops.EncryptOptions(List.of(group), 0, rules, false));
        return new String(out, StandardCharsets.UTF_8);
    }

    static final EncryptionRules K8S = new EncryptionRules("", "", "", "^(data|stringData)$", "", "");

    Report verify(boolean withKeys, boolean enforceMac) throws IOException {
        return new Verifier(new Verifier.Options(List.of(root), java.util.Optional.empty(),
                withKeys ? jsops.keyService() : null, enforceMac, List.of(), 2)).run();
    }
}
