package dev.jsops.verify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jsops.config.CreationRule;
import dev.jsops.sops.Branch;
import dev.jsops.sops.DataKeys;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.KeyService;
import dev.jsops.sops.Leaves;
import dev.jsops.sops.MasterKey;
import dev.jsops.sops.Metadata;
import dev.jsops.sops.Node;
import dev.jsops.sops.Sops;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.MetadataCodec;
import dev.jsops.sops.store.Store;
import dev.jsops.sops.store.StoreException;
import dev.jsops.sops.store.Stores;
import dev.jsops.sops.store.YamlStore;

/**
 * The checks of one file. Thread-safe: one instance checks many files in parallel; everything it keeps is
 * per call. No message it produces contains a value or a ciphertext from the file.
 */
final class FileCheck {
    private static final Pattern AGE_KEY = Pattern.compile("AGE-SECRET-KEY-(?:PQ-)?1[02-9AC-HJ-NP-Z]{50,}");
    private static final int SCAN_LIMIT = 4 << 20;

    /** What one file yields: findings, and what the repository-wide checks need to know about it. */
    record Outcome(List<Finding> findings, boolean sops, boolean decrypted, boolean undecryptable, List<Branch> documents) {
    }

    private final Configs configs;
    private final KeyService keys;
    private final boolean enforceMac;
    private final Allowlist allow;

    FileCheck(Configs configs, KeyService keys, boolean enforceMac, Allowlist allow) {
        this.configs = configs;
        this.keys = keys;
        this.enforceMac = enforceMac;
        this.allow = allow;
    }

    Outcome check(RepoWalk.Entry e) {
        List<Finding> out = new ArrayList<>();
        byte[] bytes;
        try {
            if (Files.size(e.path()) > SCAN_LIMIT) {
                return new Outcome(out, false, false, false, List.of());
            }
            bytes = Files.readAllBytes(e.path());
        } catch (IOException ex) {
            out.add(Finding.of(Rule.UNREADABLE, e.rel(), 0, "cannot read the file: " + ex.getClass().getSimpleName()));
            return new Outcome(out, false, false, false, List.of());
        }
        boolean allowed = allow.allows(e.rel());
        if (!allowed) {
            scanForAgeKeys(e.rel(), bytes, out);
        }
        String name = e.path().getFileName().toString();
        Format format = Format.fromPath(name);
        // secret.sops.yaml, config.enc.json, token.enc; not .sops.yaml itself.
        boolean named = name.indexOf(".sops.") > 0 || name.indexOf(".enc.") > 0 || (name.endsWith(".enc") && name.length() > 4);
        Optional<CreationRule> rule = configs.ruleFor(e.path());
        if (format == Format.BINARY && !named && rule.isEmpty()) {
            return new Outcome(out, false, false, false, List.of());
        }
        Store store = Stores.of(format);
        Tree tree;
        try {
            tree = store.loadEncrypted(bytes);
        } catch (StoreException ex) {
            if (named || (rule.isPresent() && format != Format.BINARY)) {
                out.add(Finding.of(Rule.UNREADABLE, e.rel(), 0, "cannot parse the file as " + format.id() + ": " + ex.getMessage()));
            }
            return new Outcome(out, false, false, false, List.of());
        }
        if (tree.branches().isEmpty()) {
            return new Outcome(out, false, false, false, List.of());
        }
        Lines lines = Lines.of(format, bytes);
        boolean isSops = MetadataCodec.hasSopsTopLevelKey(tree.branches().get(0), format);
        if (!isSops) {
            if (format == Format.BINARY) {
                // Named like a sops file but not a sops JSON envelope: a plaintext binary secret.
                out.add(Finding.of(Rule.NOT_ENCRYPTED, e.rel(), 0, "named like a SOPS file but not encrypted"));
                return new Outcome(out, false, false, false, List.of());
            }
            EncryptionRules rules = rule.map(CreationRule::rules).orElse(EncryptionRules.DEFAULT);
            boolean hasSecrets = Leaves.of(tree, rules).stream()
                    .anyMatch(l -> l.encryptedByRules() && !(l.value() instanceof dev.jsops.sops.Comment));
            if (named || (rule.isPresent() && hasSecrets)) {
                out.add(Finding.of(Rule.NOT_ENCRYPTED, e.rel(), 0, named ? "named like a SOPS file but has no SOPS metadata"
                        : "the creation rule of " + configs.describe(e.path()) + " matches this file, but it has no SOPS metadata"));
            }
            plainManifestChecks(e.rel(), tree, lines, allowed, out);
            return new Outcome(out, false, false, false, tree.branches());
        }
        return checkEncrypted(e, format, tree, rule, lines, allowed, out);
    }

    private Outcome checkEncrypted(RepoWalk.Entry e, Format format, Tree tree, Optional<CreationRule> rule, Lines lines,
            boolean allowed, List<Finding> out) {
        MetadataCodec.Extracted x;
        Metadata m;
        try {
            x = MetadataCodec.extract(tree, format);
            m = Metadata.fromBranch(x.metadata());
        } catch (SopsException ex) {
            out.add(Finding.of(Rule.MALFORMED_METADATA, e.rel(), lines.of(0, List.of("sops")), firstLine(ex.getMessage())));
            return new Outcome(out, true, false, false, List.of());
        }
        String version = Sops.semverProblem(m.version());
        if (version != null) {
            out.add(Finding.of(Rule.INVALID_VERSION, e.rel(), lines.of(0, List.of("sops", "version")),
                    "sops refuses version \"" + m.version() + "\": " + version));
        }
        for (Leaves.Leaf l : Leaves.of(x.tree(), m.effectiveRules())) {
            boolean plain = !l.isEncryptedValue() && !(l.value() instanceof dev.jsops.sops.Comment)
                    && !(l.value() instanceof Value.Str s && s.value().isEmpty());
            if (l.encryptedByRules() && plain) {
                out.add(Finding.of(Rule.PLAINTEXT_VALUE, e.rel(), lines.of(l.document(), l.path()),
                        "the value at " + path(l.path()) + " is not encrypted, though the file's rule says it is"));
            }
        }
        for (int d = 0; d < x.tree().branches().size(); d++) {
            final int di = d;
            Branch doc = x.tree().branches().get(d);
            if (Manifests.isManifest(doc) || hasEncrypted(doc, "apiVersion") || hasEncrypted(doc, "kind")) {
                for (String k : List.of("apiVersion", "kind", "metadata")) {
                    if (hasEncrypted(doc, k)) {
                        out.add(Finding.of(Rule.ENCRYPTED_IDENTITY, e.rel(), lines.of(d, List.of(k)),
                                k + " is encrypted; kustomize and Flux need it in clear text (exclude it from the encryption rule)"));
                    }
                }
            }
            if (Manifests.isSecret(doc)) {
                Manifests.map(doc, "stringData").ifPresent(sd -> {
                    for (Branch.Entry en : sd.entries()) {
                        String type = encType(en.value());
                        boolean nonString = en.value() instanceof Value.Int || en.value() instanceof Value.Float
                                || en.value() instanceof Value.Bool || type.equals("int") || type.equals("float") || type.equals("bool");
                        if (nonString) {
                            out.add(Finding.of(Rule.STRINGDATA_NOT_STRING, e.rel(), lines.of(di, List.of("stringData", en.key())),
                                    "stringData." + en.key() + " is a " + (type.isEmpty() ? "non-string value" : type)
                                            + "; quote it so it stays a string"));
                        }
                    }
                });
                if (!allowed) {
                    sopsAgeInClear(e.rel(), doc, d, lines, out);
                }
            }
        }
        recipients(e, m, rule, lines, out);
        if (keys == null) {
            return new Outcome(out, true, false, false, x.tree().branches());
        }
        byte[] dataKey;
        try {
            dataKey = DataKeys.recover(m, keys, DataKeys.DEFAULT_DECRYPTION_ORDER);
        } catch (DataKeys.DataKeyException ex) {
            out.add(Finding.of(Rule.CANNOT_DECRYPT, e.rel(), 0, cannotDecrypt(m, ex)));
            return new Outcome(out, true, false, true, x.tree().branches());
        } catch (SopsException ex) {
            out.add(Finding.of(Rule.CANNOT_DECRYPT, e.rel(), 0, firstLine(ex.getMessage())));
            return new Outcome(out, true, false, true, x.tree().branches());
        }
        Sops.Decrypted plain;
        try {
            plain = Sops.decryptWithKey(new Sops.EncryptedDocument(x.tree(), m), dataKey, true);
        } catch (SopsException ex) {
            String why = firstLine(ex.getMessage()).replace("Error decrypting tree: ", "").replace("Error walking tree: ", "");
            out.add(Finding.of(Rule.VALUE_CORRUPT, e.rel(), 0, "sops cannot decrypt the file: " + why));
            return new Outcome(out, true, false, false, x.tree().branches());
        } finally {
            java.util.Arrays.fill(dataKey, (byte) 0);
        }
        try {
            Sops.verifyMac(plain);
        } catch (SopsException ex) {
            Finding f = Finding.of(Rule.MAC_MISMATCH, e.rel(), lines.of(0, List.of("sops", "mac")),
                    enforceMac ? "the MAC does not match the file's values (edited without sops?)"
                            : "the MAC does not match the file's values; Flux does not check it, sops refuses the file");
            out.add(enforceMac ? f : new Finding(f.rule(), Severity.WARNING, f.file(), f.line(), f.message()));
        }
        decryptedManifestChecks(e.rel(), plain.tree(), lines, out);
        return new Outcome(out, true, true, false, x.tree().branches());
    }

    /** Checks on a file with no sops metadata: Secret lints, plaintext sops-age Secrets. */
    private void plainManifestChecks(String rel, Tree tree, Lines lines, boolean allowed, List<Finding> out) {
        for (int d = 0; d < tree.branches().size(); d++) {
            final int di = d;
            Branch doc = tree.branches().get(d);
            if (!Manifests.isSecret(doc)) {
                continue;
            }
            if (!allowed) {
                sopsAgeInClear(rel, doc, d, lines, out);
            }
            Manifests.map(doc, "stringData").ifPresent(sd -> {
                for (Branch.Entry en : sd.entries()) {
                    if (en.value() instanceof Value.Int || en.value() instanceof Value.Float || en.value() instanceof Value.Bool) {
                        out.add(Finding.of(Rule.STRINGDATA_NOT_STRING, rel, lines.of(di, List.of("stringData", en.key())),
                                "stringData." + en.key() + " is not a string; quote it"));
                    }
                }
            });
        }
        decryptedManifestChecks(rel, tree, lines, out);
    }

    /** Checks that need clear values: Secret data is base64; the 1Password Connect Secret is complete. */
    private static void decryptedManifestChecks(String rel, Tree tree, Lines lines, List<Finding> out) {
        for (int d = 0; d < tree.branches().size(); d++) {
            final int di = d;
            Branch doc = tree.branches().get(d);
            if (!Manifests.isSecret(doc)) {
                continue;
            }
            Optional<Branch> data = Manifests.map(doc, "data");
            Optional<Branch> stringData = Manifests.map(doc, "stringData");
            data.ifPresent(dm -> {
                for (Branch.Entry en : dm.entries()) {
                    boolean ok = en.value() instanceof Value.Null
                            || en.value() instanceof Value.Str s && Manifests.base64(s.value()) != null;
                    if (!ok) {
                        out.add(Finding.of(Rule.INVALID_BASE64, rel, lines.of(di, List.of("data", en.key())),
                                "data." + en.key() + " is not valid base64 (use stringData for plain values)"));
                    }
                }
            });
            boolean connect = data.flatMap(b -> b.get(Manifests.CREDENTIALS_KEY)).isPresent()
                    || stringData.flatMap(b -> b.get(Manifests.CREDENTIALS_KEY)).isPresent();
            if (!connect) {
                continue;
            }
            byte[] value = null;
            String where = "";
            Optional<Value> sv = stringData.flatMap(b -> b.get(Manifests.CREDENTIALS_KEY));
            if (sv.isPresent() && sv.get() instanceof Value.Str s) {
                value = s.value().getBytes(StandardCharsets.UTF_8);
                where = "stringData";
            } else {
                Optional<Value> dv = data.flatMap(b -> b.get(Manifests.CREDENTIALS_KEY));
                if (dv.isPresent() && dv.get() instanceof Value.Str s) {
                    value = Manifests.base64(s.value());
                    where = "data";
                }
            }
            String problem = value == null ? "the value is missing or not base64" : Manifests.credentialsProblem(value);
            if (problem != null) {
                out.add(Finding.of(Rule.ONEPASSWORD_CREDENTIALS, rel, lines.of(di, List.of(where.isEmpty() ? "stringData" : where,
                        Manifests.CREDENTIALS_KEY)), "Secret " + Manifests.name(doc) + ": " + problem));
            }
            boolean token = present(stringData, "token") || present(data, "token");
            if (!token) {
                out.add(Finding.of(Rule.ONEPASSWORD_TOKEN, rel, lines.of(di, List.of("stringData")),
                        "Secret " + Manifests.name(doc) + " has " + Manifests.CREDENTIALS_KEY + " but no token"));
            }
        }
    }

    private static boolean present(Optional<Branch> b, String key) {
        return b.flatMap(m -> m.get(key)).filter(v -> v instanceof Value.Str s && !s.value().isEmpty()).isPresent();
    }

    /** A Secret with a {@code *.agekey} entry whose value is not encrypted: the cluster's private key in git. */
    private static void sopsAgeInClear(String rel, Branch doc, int di, Lines lines, List<Finding> out) {
        for (String section : List.of("data", "stringData")) {
            Manifests.map(doc, section).ifPresent(m -> {
                for (Branch.Entry en : m.entries()) {
                    if (en.key().endsWith(".agekey") && !(en.value() instanceof Value.Str s && s.value().startsWith("ENC["))) {
                        out.add(Finding.of(Rule.PLAINTEXT_SOPS_AGE_SECRET, rel, lines.of(di, List.of(section, en.key())),
                                "Secret " + Manifests.name(doc) + " holds an age private key (" + section + "." + en.key()
                                        + ") in clear text"));
                    }
                }
            });
        }
    }

    private static void scanForAgeKeys(String rel, byte[] bytes, List<Finding> out) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        Matcher m = AGE_KEY.matcher(text);
        Set<Integer> seen = new HashSet<>();
        while (m.find()) {
            int line = 1;
            for (int i = 0; i < m.start(); i++) {
                if (text.charAt(i) == '\n') {
                    line++;
                }
            }
            if (seen.add(line)) {
                out.add(Finding.of(Rule.PLAINTEXT_AGE_KEY, rel, line, "a plaintext age secret key ("
                        + (m.group().startsWith("AGE-SECRET-KEY-PQ-") ? "post-quantum" : "X25519")
                        + ") is committed; remove it from the history and rotate the key"));
            }
        }
    }

    private void recipients(RepoWalk.Entry e, Metadata m, Optional<CreationRule> rule, Lines lines, List<Finding> out) {
        if (rule.isEmpty()) {
            return;
        }
        Set<String> want = new java.util.LinkedHashSet<>();
        for (List<MasterKey> g : rule.get().keyGroups()) {
            for (MasterKey k : g) {
                want.add(k.typeId() + ":" + k.identifier());
            }
        }
        Set<String> have = new java.util.LinkedHashSet<>();
        for (List<MasterKey> g : m.keyGroups()) {
            for (MasterKey k : g) {
                have.add(k.typeId() + ":" + k.identifier());
            }
        }
        int line = lines.of(0, List.of("sops"));
        for (String w : want) {
            if (!have.contains(w)) {
                out.add(Finding.of(Rule.MISSING_RECIPIENT, e.rel(), line, "not encrypted for " + w.replaceFirst(":", " key ")
                        + " of the creation rule in " + configs.describe(e.path()) + " (run: sops updatekeys " + e.rel() + ")"));
            }
        }
        for (String h : have) {
            if (!want.contains(h)) {
                out.add(Finding.of(Rule.EXTRA_RECIPIENT, e.rel(), line, "still encrypted for " + h.replaceFirst(":", " key ")
                        + ", which the creation rule in " + configs.describe(e.path()) + " no longer lists"));
            }
        }
    }

    private static String cannotDecrypt(Metadata m, DataKeys.DataKeyException ex) {
        List<String> names = new ArrayList<>();
        for (List<MasterKey> g : m.keyGroups()) {
            for (MasterKey k : g) {
                names.add(k.typeId() + " " + abbreviate(k.identifier()));
            }
        }
        return "no given key recovers the data key (the file is encrypted for " + String.join(", ", names) + ")";
    }

    private static String abbreviate(String id) {
        return id.length() > 70 ? id.substring(0, 40) + "…" : id;
    }

    private static boolean hasEncrypted(Branch doc, String key) {
        Optional<Value> v = doc.get(key);
        return v.isPresent() && containsEnc(v.get());
    }

    private static boolean containsEnc(Node n) {
        if (n instanceof Value.Str s) {
            return s.value().startsWith("ENC[AES256_GCM,");
        }
        if (n instanceof Branch b) {
            return b.entries().stream().anyMatch(en -> containsEnc(en.value()));
        }
        if (n instanceof dev.jsops.sops.Seq s) {
            return s.items().stream().anyMatch(FileCheck::containsEnc);
        }
        return false;
    }

    private static String encType(Value v) {
        if (v instanceof Value.Str s && s.value().startsWith("ENC[")) {
            int t = s.value().lastIndexOf(",type:");
            int end = s.value().lastIndexOf(']');
            return t > 0 && end > t ? s.value().substring(t + 6, end) : "";
        }
        return "";
    }

    static String path(List<String> p) {
        return p.isEmpty() ? "the root" : String.join(".", p);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Line numbers of key paths, where the format lets us know them (0 when it does not). */
    static final class Lines {
        private final List<Map<List<String>, Integer>> yaml;
        private final String text;

        private Lines(List<Map<List<String>, Integer>> yaml, String text) {
            this.yaml = yaml;
            this.text = text;
        }

        static Lines of(Format f, byte[] bytes) {
            List<Map<List<String>, Integer>> yaml = List.of();
            if (f == Format.YAML) {
                try {
                    yaml = YamlStore.keyLines(bytes);
                } catch (StoreException e) {
                    yaml = List.of();
                }
            }
            return new Lines(yaml, f == Format.YAML ? null : new String(bytes, StandardCharsets.UTF_8));
        }

        int of(int document, List<String> path) {
            if (text == null) {
                if (document < yaml.size()) {
                    Integer l = yaml.get(document).get(path);
                    return l == null ? 0 : l;
                }
                return 0;
            }
            if (path.isEmpty()) {
                return 0;
            }
            String last = path.get(path.size() - 1);
            String[] ls = text.split("\n", -1);
            for (int i = 0; i < ls.length; i++) {
                String t = ls[i].trim();
                if (t.startsWith("\"" + last + "\"") || t.startsWith(last + "=") || t.startsWith(last + " ") || t.startsWith(last + ":")) {
                    return i + 1;
                }
            }
            return 0;
        }
    }
}
