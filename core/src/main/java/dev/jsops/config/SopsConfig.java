package dev.jsops.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.jsops.sops.Branch;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.ExitCode;
import dev.jsops.sops.MasterKey;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.Value;

/**
 * A {@code .sops.yaml} ({@code config/config.go}): creation rules, first match wins, and store settings.
 * Parsed from the YAML tree the YAML store produces, so scalars resolve exactly as go-yaml resolves them.
 */
public final class SopsConfig {
    public static final String FILE_NAME = ".sops.yaml";
    private static final int MAX_DEPTH = 100;

    private final Path path;
    private final List<CreationRule> creationRules;
    private final boolean hasCreationRules;
    private final StoreSettings stores;

    private SopsConfig(Path path, List<CreationRule> creationRules, boolean hasCreationRules, StoreSettings stores) {
        this.path = path;
        this.creationRules = List.copyOf(creationRules);
        this.hasCreationRules = hasCreationRules;
        this.stores = stores;
    }

    /** Indentation settings of the {@code stores} section; -1 means a TAB for JSON. */
    public record StoreSettings(int yamlIndent, int jsonIndent, int jsonBinaryIndent) {
        public static final StoreSettings DEFAULT = new StoreSettings(0, -1, -1);
    }

    /** What the search found: the config, and a warning when a {@code .sops.yml} was passed over. */
    public record Lookup(Optional<Path> path, Optional<String> warning) {
    }

    /**
     * Searches {@code start}, then its parents (up to 100 levels), for {@code .sops.yaml}. A {@code .sops.yml}
     * is never used, only warned about, as sops does.
     */
    public static Lookup find(Path start) {
        Path dir = start.toAbsolutePath().normalize();
        String alternate = null;
        for (int i = 0; i < MAX_DEPTH && dir != null; i++) {
            Path candidate = dir.resolve(FILE_NAME);
            if (Files.exists(candidate)) {
                String w = alternate == null ? null : "ignoring \"" + alternate + "\" when searching for config file; "
                        + "the config file must be called \"" + FILE_NAME + "\"; using \"" + candidate + "\" instead";
                return new Lookup(Optional.of(candidate), Optional.ofNullable(w));
            }
            if (alternate == null && Files.exists(dir.resolve(".sops.yml"))) {
                alternate = dir.resolve(".sops.yml").toString();
            }
            dir = dir.getParent();
        }
        String w = alternate == null ? null : "ignoring \"" + alternate + "\" when searching for config file; "
                + "the config file must be called \"" + FILE_NAME + "\"";
        return new Lookup(Optional.empty(), Optional.ofNullable(w));
    }

    /** Reads a config from its parsed YAML document ({@code root}) found at {@code path}. */
    public static SopsConfig parse(Path path, Branch root) throws SopsException {
        Map<String, Value> m = map(root);
        List<CreationRule> rules = new ArrayList<>();
        Value cr = m.get("creation_rules");
        boolean has = cr != null && !(cr instanceof Value.Null);
        if (has) {
            for (Value r : seq(cr, "creation_rules")) {
                rules.add(rule(map(r)));
            }
        }
        int yamlIndent = 0;
        int jsonIndent = -1;
        int jsonBinaryIndent = -1;
        Value stores = m.get("stores");
        if (stores instanceof Branch sb) {
            Map<String, Value> s = map(sb);
            yamlIndent = indent(s.get("yaml"), 0);
            jsonIndent = indent(s.get("json"), -1);
            jsonBinaryIndent = indent(s.get("json_binary"), -1);
        }
        return new SopsConfig(path, rules, has, new StoreSettings(yamlIndent, jsonIndent, jsonBinaryIndent));
    }

    private static int indent(Value v, int fallback) throws SopsException {
        if (v instanceof Branch b) {
            Value i = map(b).get("indent");
            if (i instanceof Value.Int n) {
                return (int) n.value();
            }
            if (i != null && !(i instanceof Value.Null)) {
                throw configError("cannot unmarshal " + kind(i) + " into int");
            }
        }
        return fallback;
    }

    public Path path() {
        return path;
    }

    public List<CreationRule> creationRules() {
        return creationRules;
    }

    /** A config without {@code creation_rules} behaves like no config at all for encryption. */
    public boolean hasCreationRules() {
        return hasCreationRules;
    }

    public StoreSettings stores() {
        return stores;
    }

    /**
     * The first rule whose {@code path_regex} is found in the file's path, taken relative to the config's
     * directory when the file is below it (absolute otherwise). Empty when nothing matches.
     */
    public Optional<CreationRule> ruleFor(Path file) throws SopsException {
        String p = file.toAbsolutePath().normalize().toString();
        String dir = path.toAbsolutePath().normalize().getParent().toString();
        String prefix = dir.endsWith(java.io.File.separator) ? dir : dir + java.io.File.separator;
        if (p.startsWith(prefix)) {
            p = p.substring(prefix.length());
        }
        for (CreationRule r : creationRules) {
            if (r.pathRegex().isEmpty()) {
                return Optional.of(r);
            }
            Pattern re;
            try {
                re = Pattern.compile(r.pathRegex().replace("(?P<", "(?<"));
            } catch (PatternSyntaxException e) {
                throw new SopsException(ExitCode.ERROR_GENERIC, "can not compile regexp: error parsing regexp: "
                        + e.getDescription() + ": `" + r.pathRegex() + "`");
            }
            if (re.matcher(p).find()) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    private static CreationRule rule(Map<String, Value> r) throws SopsException {
        EncryptionRules rules = new EncryptionRules(str(r, "unencrypted_suffix"), str(r, "encrypted_suffix"),
                str(r, "unencrypted_regex"), str(r, "encrypted_regex"), str(r, "unencrypted_comment_regex"),
                str(r, "encrypted_comment_regex"));
        if (rules.count() > 1) {
            throw new SopsException(ExitCode.ERROR_GENERIC, "error loading config: cannot use more than one of encrypted_suffix, "
                    + "unencrypted_suffix, encrypted_regex, unencrypted_regex, encrypted_comment_regex, or "
                    + "unencrypted_comment_regex for the same rule");
        }
        List<List<MasterKey>> groups = new ArrayList<>();
        Value kg = r.get("key_groups");
        List<Value> kgs = kg == null || kg instanceof Value.Null ? List.of() : seq(kg, "key_groups");
        if (!kgs.isEmpty()) {
            for (Value g : kgs) {
                groups.add(dedupe(groupKeys(map(g))));
            }
        } else {
            List<MasterKey> group = new ArrayList<>();
            for (String a : keyField(r.get("age"), "age")) {
                for (String s : a.split(",")) {
                    if (!s.trim().isEmpty()) {
                        group.add(new MasterKey.Age(s.trim(), ""));
                    }
                }
            }
            for (String fp : keyField(r.get("pgp"), "pgp")) {
                group.add(new MasterKey.Pgp(fp.replace(" ", ""), now(), ""));
            }
            String profile = str(r, "aws_profile");
            for (String arn : keyField(r.get("kms"), "kms")) {
                group.add(kmsFromArn(arn, profile));
            }
            for (String id : keyField(r.get("gcp_kms"), "gcpkms")) {
                group.add(new MasterKey.GcpKms(id.replace(" ", ""), now(), ""));
            }
            for (String id : keyField(r.get("hckms"), "hckms")) {
                group.add(new MasterKey.HcKms(id.trim(), now(), ""));
            }
            for (String url : keyField(r.get("azure_keyvault"), "azure_keyvault")) {
                group.add(azureFromUrl(url));
            }
            for (String uri : keyField(r.get("hc_vault_transit_uri"), "vault")) {
                group.add(vaultFromUri(uri));
            }
            groups.add(group);
        }
        return new CreationRule(str(r, "path_regex"), groups, integer(r, "shamir_threshold"), rules,
                bool(r, "mac_only_encrypted"));
    }

    /** A {@code key_groups} entry: merged groups first, then age, pgp, kms, gcp_kms, hckms, azure_keyvault, hc_vault. */
    private static List<MasterKey> groupKeys(Map<String, Value> g) throws SopsException {
        List<MasterKey> keys = new ArrayList<>();
        Value merge = g.get("merge");
        if (merge != null && !(merge instanceof Value.Null)) {
            for (Value sub : seq(merge, "merge")) {
                keys.addAll(groupKeys(map(sub)));
            }
        }
        for (String a : strings(g.get("age"), "age")) {
            for (String s : a.split(",")) {
                if (!s.trim().isEmpty()) {
                    keys.add(new MasterKey.Age(s.trim(), ""));
                }
            }
        }
        for (String fp : strings(g.get("pgp"), "pgp")) {
            keys.add(new MasterKey.Pgp(fp.replace(" ", ""), now(), ""));
        }
        for (Value k : list(g.get("kms"), "kms")) {
            Map<String, Value> km = map(k);
            Map<String, String> ctx = new LinkedHashMap<>();
            Value c = km.get("context");
            if (c instanceof Branch cb) {
                for (Branch.Entry e : cb.entries()) {
                    ctx.put(e.key(), e.value() instanceof Value.Null ? null : scalar(e.value()));
                }
            }
            keys.add(new MasterKey.Kms(str(km, "arn"), str(km, "role"), ctx, now(), "", str(km, "aws_profile")));
        }
        for (Value k : list(g.get("gcp_kms"), "gcp_kms")) {
            keys.add(new MasterKey.GcpKms(str(map(k), "resource_id"), now(), ""));
        }
        for (Value k : list(g.get("hckms"), "hckms")) {
            keys.add(new MasterKey.HcKms(str(map(k), "key_id"), now(), ""));
        }
        for (Value k : list(g.get("azure_keyvault"), "azure_keyvault")) {
            Map<String, Value> az = map(k);
            keys.add(new MasterKey.AzureKv(str(az, "vaultUrl"), str(az, "key"), str(az, "version"), now(), ""));
        }
        for (String uri : strings(g.get("hc_vault"), "hc_vault")) {
            keys.add(vaultFromUri(uri));
        }
        return keys;
    }

    /** Keys de-duplicated by type and identifier, first occurrence kept. */
    private static List<MasterKey> dedupe(List<MasterKey> keys) {
        Set<String> seen = new LinkedHashSet<>();
        List<MasterKey> out = new ArrayList<>();
        for (MasterKey k : keys) {
            if (seen.add(k.typeId() + "/" + k.identifier())) {
                out.add(k);
            }
        }
        return out;
    }

    static MasterKey.Kms kmsFromArn(String arn, String profile) {
        String a = arn.replace(" ", "");
        String role = "";
        int plus = a.indexOf('+');
        if (plus >= 0) {
            role = a.substring(plus + 1);
            a = a.substring(0, plus);
        }
        return new MasterKey.Kms(a, role, Map.of(), now(), "", profile);
    }

    static MasterKey.AzureKv azureFromUrl(String url) throws SopsException {
        String u = url.trim();
        int keys = u.indexOf("/keys/");
        if (keys < 0) {
            throw configError("could not parse Azure Key Vault URL \"" + u + "\"");
        }
        String vault = u.substring(0, keys);
        String rest = u.substring(keys + 6);
        String name = rest;
        String version = "";
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            name = rest.substring(0, slash);
            version = rest.substring(slash + 1);
        }
        return new MasterKey.AzureKv(vault, name, version, now(), "");
    }

    static MasterKey.HcVault vaultFromUri(String uri) throws SopsException {
        String u = uri.trim();
        int v1 = u.indexOf("/v1/");
        int keys = u.lastIndexOf("/keys/");
        if (v1 < 0 || keys < v1) {
            throw configError("could not parse Vault transit URI \"" + u + "\"");
        }
        return new MasterKey.HcVault(u.substring(0, v1), u.substring(v1 + 4, keys), u.substring(keys + 6), now(), "");
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
    }

    /** A key field: a comma-separated string (entries trimmed, empty dropped) or a list of strings. */
    private static List<String> keyField(Value v, String name) throws SopsException {
        if (v == null || v instanceof Value.Null) {
            return List.of();
        }
        if (v instanceof Value.Str s) {
            List<String> out = new ArrayList<>();
            for (String k : s.value().split(",")) {
                if (!k.trim().isEmpty()) {
                    out.add(k.trim());
                }
            }
            return out;
        }
        if (v instanceof Seq) {
            List<String> out = new ArrayList<>();
            for (Value item : seq(v, name)) {
                if (!(item instanceof Value.Str s)) {
                    throw configError("invalid " + name + " key configuration: invalid " + name
                            + " key configuration: expected string in list, got " + goType(item));
                }
                out.add(s.value());
            }
            return out;
        }
        throw configError("invalid " + name + " key configuration: invalid " + name
                + " key configuration: expected string, []string, or nil, got " + goType(v));
    }

    private static List<String> strings(Value v, String name) throws SopsException {
        List<String> out = new ArrayList<>();
        for (Value item : list(v, name)) {
            out.add(scalar(item));
        }
        return out;
    }

    private static List<Value> list(Value v, String name) throws SopsException {
        if (v == null || v instanceof Value.Null) {
            return List.of();
        }
        return seq(v, name);
    }

    private static List<Value> seq(Value v, String name) throws SopsException {
        if (!(v instanceof Seq s)) {
            throw configError("cannot unmarshal " + kind(v) + " into []" + name);
        }
        List<Value> out = new ArrayList<>();
        for (Node n : s.items()) {
            if (n instanceof Value val) {
                out.add(val);
            }
        }
        return out;
    }

    private static Map<String, Value> map(Value v) throws SopsException {
        if (!(v instanceof Branch b)) {
            throw configError("cannot unmarshal " + kind(v) + " into a mapping");
        }
        Map<String, Value> m = new LinkedHashMap<>();
        for (Branch.Entry e : b.entries()) {
            m.put(e.key(), e.value());
        }
        return m;
    }

    private static String str(Map<String, Value> m, String key) throws SopsException {
        Value v = m.get(key);
        return v == null || v instanceof Value.Null ? "" : scalar(v);
    }

    /** go-yaml decodes any scalar into a string field, with its text. */
    private static String scalar(Value v) throws SopsException {
        if (v instanceof Value.Str s) {
            return s.value();
        }
        if (v instanceof Value.Int i) {
            return Long.toString(i.value());
        }
        if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof Value.Float f) {
            return dev.jsops.sops.GoFloat.format(f.value(), 'f');
        }
        throw configError("cannot unmarshal " + kind(v) + " into string");
    }

    private static int integer(Map<String, Value> m, String key) throws SopsException {
        Value v = m.get(key);
        if (v == null || v instanceof Value.Null) {
            return 0;
        }
        if (v instanceof Value.Int i) {
            return (int) i.value();
        }
        throw configError("cannot unmarshal " + kind(v) + " into int");
    }

    private static boolean bool(Map<String, Value> m, String key) throws SopsException {
        Value v = m.get(key);
        if (v == null || v instanceof Value.Null) {
            return false;
        }
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        throw configError("cannot unmarshal " + kind(v) + " into bool");
    }

    private static String kind(Value v) {
        if (v instanceof Branch) {
            return "!!map";
        }
        if (v instanceof Seq) {
            return "!!seq";
        }
        if (v instanceof Value.Int) {
            return "!!int";
        }
        if (v instanceof Value.Bool) {
            return "!!bool";
        }
        if (v instanceof Value.Float) {
            return "!!float";
        }
        return "!!str";
    }

    private static String goType(Value v) {
        if (v instanceof Value.Int) {
            return "int";
        }
        if (v instanceof Value.Bool) {
            return "bool";
        }
        if (v instanceof Value.Float) {
            return "float64";
        }
        if (v instanceof Branch) {
            return "map[string]interface {}";
        }
        return "[]interface {}";
    }

    private static SopsException configError(String message) {
        return new SopsException(ExitCode.ERROR_GENERIC, "error loading config: Could not unmarshal config file: " + message);
    }
}
