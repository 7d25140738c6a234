package dev.jsops.sops;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sops} block of a file: key groups, Shamir threshold, the encryption rule, the MAC and its
 * timestamp, and the writing version. {@link MetadataCodec}-independent: this is the typed form; the file
 * form is a generic {@link Branch}, converted by {@link #fromBranch} and {@link #toBranch}.
 */
public record Metadata(List<List<MasterKey>> keyGroups, int shamirThreshold, EncryptionRules rules,
        boolean macOnlyEncrypted, OffsetDateTime lastModified, String mac, String version) {

    public Metadata {
        List<List<MasterKey>> groups = new ArrayList<>();
        for (List<MasterKey> g : keyGroups) {
            groups.add(List.copyOf(g));
        }
        keyGroups = Collections.unmodifiableList(groups);
        mac = mac == null ? "" : mac;
        version = version == null ? "" : version;
    }

    public Metadata withMac(String newMac, OffsetDateTime newLastModified) {
        return new Metadata(keyGroups, shamirThreshold, rules, macOnlyEncrypted, newLastModified, newMac, version);
    }

    public Metadata withKeyGroups(List<List<MasterKey>> groups, int threshold) {
        return new Metadata(groups, threshold, rules, macOnlyEncrypted, lastModified, mac, version);
    }

    public Metadata withVersion(String v) {
        return new Metadata(keyGroups, shamirThreshold, rules, macOnlyEncrypted, lastModified, mac, v);
    }

    /** The rules in effect: sops applies {@code unencrypted_suffix: _unencrypted} when none is written. */
    public EncryptionRules effectiveRules() {
        return rules.withDefault();
    }

    @Override
    public String toString() {
        return "Metadata[" + keyGroups.size() + " key groups, version " + version + "]";
    }

    // ---- reading: sops's mapstructure decoding with weakly typed input ----

    /**
     * Reads a metadata branch as sops does: any key order, unknown keys ignored, scalars converted between
     * strings, numbers and booleans as mapstructure's weak typing allows, timestamps RFC 3339.
     */
    public static Metadata fromBranch(Branch b) throws SopsException {
        Map<String, Value> m = map(b, "sops");
        List<List<MasterKey>> groups = new ArrayList<>();
        List<MasterKey> flat = group(m);
        if (!flat.isEmpty()) {
            groups.add(flat);
        } else {
            Value kg = m.get("key_groups");
            List<Value> list = list(kg, "key_groups");
            for (int i = 0; i < list.size(); i++) {
                groups.add(group(map(list.get(i), "key_groups[" + i + "]")));
            }
        }
        if (groups.isEmpty()) {
            throw new SopsException(ExitCode.ERROR_GENERIC, "No keys found in file");
        }
        EncryptionRules rules = new EncryptionRules(str(m, "unencrypted_suffix"), str(m, "encrypted_suffix"),
                str(m, "unencrypted_regex"), str(m, "encrypted_regex"), str(m, "unencrypted_comment_regex"),
                str(m, "encrypted_comment_regex"));
        if (rules.count() > 1) {
            throw new SopsException(ExitCode.ERROR_GENERIC, EncryptionRules.CONFLICT);
        }
        OffsetDateTime lastModified = time(str(m, "lastmodified"));
        return new Metadata(groups, integer(m, "shamir_threshold"), rules, bool(m, "mac_only_encrypted"), lastModified,
                str(m, "mac"), str(m, "version"));
    }

    /** One group's keys, in the order sops holds them in memory: kms, gcp_kms, hckms, azure_kv, hc_vault, pgp, age. */
    private static List<MasterKey> group(Map<String, Value> m) throws SopsException {
        List<MasterKey> keys = new ArrayList<>();
        for (Map<String, Value> k : entries(m, "kms")) {
            Map<String, String> ctx = new LinkedHashMap<>();
            Value c = k.get("context");
            if (c instanceof Branch cb) {
                for (Branch.Entry e : cb.entries()) {
                    ctx.put(e.key(), e.value() instanceof Value.Null ? null : scalarString(e.value(), "context"));
                }
            }
            keys.add(new MasterKey.Kms(str(k, "arn"), str(k, "role"), ctx, time(str(k, "created_at")), str(k, "enc"),
                    str(k, "aws_profile")));
        }
        for (Map<String, Value> k : entries(m, "gcp_kms")) {
            keys.add(new MasterKey.GcpKms(str(k, "resource_id"), time(str(k, "created_at")), str(k, "enc")));
        }
        for (Map<String, Value> k : entries(m, "hckms")) {
            keys.add(new MasterKey.HcKms(str(k, "key_id"), time(str(k, "created_at")), str(k, "enc")));
        }
        for (Map<String, Value> k : entries(m, "azure_kv")) {
            keys.add(new MasterKey.AzureKv(str(k, "vault_url"), str(k, "name"), str(k, "version"),
                    time(str(k, "created_at")), str(k, "enc")));
        }
        for (Map<String, Value> k : entries(m, "hc_vault")) {
            keys.add(new MasterKey.HcVault(str(k, "vault_address"), str(k, "engine_path"), str(k, "key_name"),
                    time(str(k, "created_at")), str(k, "enc")));
        }
        for (Map<String, Value> k : entries(m, "pgp")) {
            keys.add(new MasterKey.Pgp(str(k, "fp"), time(str(k, "created_at")), str(k, "enc")));
        }
        for (Map<String, Value> k : entries(m, "age")) {
            keys.add(new MasterKey.Age(str(k, "recipient"), str(k, "enc")));
        }
        return keys;
    }

    private static List<Map<String, Value>> entries(Map<String, Value> m, String key) throws SopsException {
        List<Map<String, Value>> out = new ArrayList<>();
        List<Value> l = list(m.get(key), key);
        for (int i = 0; i < l.size(); i++) {
            out.add(map(l.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    private static Map<String, Value> map(Value v, String name) throws SopsException {
        if (!(v instanceof Branch b)) {
            throw decodeError("'" + name + "' expected a map, got '" + GoTypes.name(v) + "'");
        }
        Map<String, Value> m = new LinkedHashMap<>();
        for (Branch.Entry e : b.entries()) {
            m.putIfAbsent(e.key(), e.value());
        }
        return m;
    }

    /** mapstructure weak typing turns a lone map into a one-element list and null into none. */
    private static List<Value> list(Value v, String name) throws SopsException {
        if (v == null || v instanceof Value.Null) {
            return List.of();
        }
        if (v instanceof Seq s) {
            List<Value> out = new ArrayList<>();
            for (Node n : s.items()) {
                if (n instanceof Value val) {
                    out.add(val);
                }
            }
            return out;
        }
        if (v instanceof Branch) {
            return List.of(v);
        }
        throw decodeError("'" + name + "': source data must be an array or slice, got " + GoTypes.name(v));
    }

    private static String str(Map<String, Value> m, String key) throws SopsException {
        Value v = m.get(key);
        return v == null || v instanceof Value.Null ? "" : scalarString(v, key);
    }

    private static String scalarString(Value v, String key) throws SopsException {
        if (v instanceof Value.Str s) {
            return s.value();
        }
        if (v instanceof Value.Bytes b) {
            return new String(b.value(), java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof Value.Int i) {
            return Long.toString(i.value());
        }
        if (v instanceof Value.Float f) {
            return GoFloat.format(f.value(), 'f');
        }
        if (v instanceof Value.Bool b) {
            return b.value() ? "1" : "0";
        }
        throw decodeError("'" + key + "' expected type 'string', got unconvertible type '" + GoTypes.name(v) + "'");
    }

    private static int integer(Map<String, Value> m, String key) throws SopsException {
        Value v = m.get(key);
        if (v == null || v instanceof Value.Null) {
            return 0;
        }
        if (v instanceof Value.Int i) {
            return (int) i.value();
        }
        if (v instanceof Value.Float f) {
            return (int) f.value();
        }
        if (v instanceof Value.Bool b) {
            return b.value() ? 1 : 0;
        }
        if (v instanceof Value.Str s) {
            if (s.value().isEmpty()) {
                return 0;
            }
            try {
                return (int) GoStrconv.parseInt(s.value(), 0);
            } catch (IllegalArgumentException e) {
                throw decodeError("cannot parse '" + key + "' as int: strconv.ParseInt: parsing \"" + s.value() + "\": invalid syntax");
            }
        }
        throw decodeError("'" + key + "' expected type 'int', got unconvertible type '" + GoTypes.name(v) + "'");
    }

    private static boolean bool(Map<String, Value> m, String key) throws SopsException {
        Value v = m.get(key);
        if (v == null || v instanceof Value.Null) {
            return false;
        }
        if (v instanceof Value.Bool b) {
            return b.value();
        }
        if (v instanceof Value.Int i) {
            return i.value() != 0;
        }
        if (v instanceof Value.Float f) {
            return f.value() != 0;
        }
        if (v instanceof Value.Str s) {
            if (s.value().isEmpty()) {
                return false;
            }
            try {
                return GoStrconv.parseBool(s.value());
            } catch (IllegalArgumentException e) {
                throw decodeError("cannot parse '" + key + "' as bool: strconv.ParseBool: parsing \"" + s.value() + "\": invalid syntax");
            }
        }
        throw decodeError("'" + key + "' expected type 'bool', got unconvertible type '" + GoTypes.name(v) + "'");
    }

    private static OffsetDateTime time(String s) throws SopsException {
        try {
            return GoTime.parseRfc3339(s);
        } catch (IllegalArgumentException e) {
            throw new SopsException(ExitCode.ERROR_GENERIC, e.getMessage());
        }
    }

    private static SopsException decodeError(String message) {
        return new SopsException(ExitCode.ERROR_GENERIC, "1 error(s) decoding:\n\n* " + message);
    }

    // ---- writing: the 3.13 layout, every map level sorted by key ----

    /** The metadata branch sops 3.13 writes: keys sorted at every level, empty optional fields omitted. */
    public Branch toBranch() {
        Branch.Builder b = Branch.builder();
        if (keyGroups.size() == 1) {
            appendGroup(b, keyGroups.get(0), false);
        }
        // Sorted order: age, azure_kv, encrypted_*, gcp_kms, hc_vault, hckms, key_groups, kms, lastmodified,
        // mac, mac_only_encrypted, pgp, shamir_threshold, unencrypted_*, version. Assemble, then sort.
        List<Branch.Entry> entries = new ArrayList<>(b.build().entries());
        if (keyGroups.size() != 1) {
            List<Node> groups = new ArrayList<>();
            for (List<MasterKey> g : keyGroups) {
                Branch.Builder gb = Branch.builder();
                appendGroup(gb, g, true);
                groups.add(sorted(gb.build().entries()));
            }
            entries.add(new Branch.Entry("key_groups", new Seq(groups)));
        }
        for (Map.Entry<String, String> r : rules.asMetadata()) {
            entries.add(new Branch.Entry(r.getKey(), new Value.Str(r.getValue())));
        }
        entries.add(new Branch.Entry("lastmodified", new Value.Str(GoTime.formatRfc3339(lastModified))));
        entries.add(new Branch.Entry("mac", new Value.Str(mac)));
        if (macOnlyEncrypted) {
            entries.add(new Branch.Entry("mac_only_encrypted", new Value.Bool(true)));
        }
        if (shamirThreshold != 0) {
            entries.add(new Branch.Entry("shamir_threshold", new Value.Int(shamirThreshold)));
        }
        entries.add(new Branch.Entry("version", new Value.Str(version)));
        return sorted(entries);
    }

    private static Branch sorted(List<Branch.Entry> entries) {
        List<Branch.Entry> copy = new ArrayList<>(entries);
        copy.sort((x, y) -> x.key().compareTo(y.key()));
        return new Branch(new ArrayList<>(copy));
    }

    /**
     * A group's lists by type. Flat (one group) omits empty lists; inside {@code key_groups} the {@code age}
     * and {@code hc_vault} lists are always written, as sops's struct tags have no omitempty for them.
     */
    private static void appendGroup(Branch.Builder b, List<MasterKey> group, boolean inKeyGroups) {
        List<Node> age = new ArrayList<>();
        List<Node> pgp = new ArrayList<>();
        List<Node> kms = new ArrayList<>();
        List<Node> gcp = new ArrayList<>();
        List<Node> azure = new ArrayList<>();
        List<Node> vault = new ArrayList<>();
        List<Node> hckms = new ArrayList<>();
        for (MasterKey k : group) {
            if (k instanceof MasterKey.Age a) {
                age.add(entry("enc", a.enc(), "recipient", a.recipient()));
            } else if (k instanceof MasterKey.Pgp p) {
                pgp.add(entry("created_at", t(p.createdAt()), "enc", p.enc(), "fp", p.fingerprint()));
            } else if (k instanceof MasterKey.Kms m) {
                List<Branch.Entry> e = new ArrayList<>();
                e.add(new Branch.Entry("arn", new Value.Str(m.arn())));
                e.add(new Branch.Entry("aws_profile", new Value.Str(m.awsProfile() == null ? "" : m.awsProfile())));
                if (!m.context().isEmpty()) {
                    List<Branch.Entry> ctx = new ArrayList<>();
                    for (Map.Entry<String, String> c : m.context().entrySet()) {
                        ctx.add(new Branch.Entry(c.getKey(), c.getValue() == null ? Value.Null.INSTANCE : new Value.Str(c.getValue())));
                    }
                    e.add(new Branch.Entry("context", sorted(ctx)));
                }
                e.add(new Branch.Entry("created_at", new Value.Str(t(m.createdAt()))));
                e.add(new Branch.Entry("enc", new Value.Str(m.enc())));
                if (m.role() != null && !m.role().isEmpty()) {
                    e.add(new Branch.Entry("role", new Value.Str(m.role())));
                }
                kms.add(sorted(e));
            } else if (k instanceof MasterKey.GcpKms g) {
                gcp.add(entry("created_at", t(g.createdAt()), "enc", g.enc(), "resource_id", g.resourceId()));
            } else if (k instanceof MasterKey.AzureKv a) {
                azure.add(entry("created_at", t(a.createdAt()), "enc", a.enc(), "name", a.name(), "vault_url", a.vaultUrl(),
                        "version", a.version()));
            } else if (k instanceof MasterKey.HcVault v) {
                vault.add(entry("created_at", t(v.createdAt()), "enc", v.enc(), "engine_path", v.enginePath(), "key_name",
                        v.keyName(), "vault_address", v.vaultAddress()));
            } else if (k instanceof MasterKey.HcKms h) {
                hckms.add(entry("created_at", t(h.createdAt()), "enc", h.enc(), "key_id", h.keyId()));
            }
        }
        list(b, "age", age, inKeyGroups);
        list(b, "azure_kv", azure, false);
        list(b, "gcp_kms", gcp, false);
        list(b, "hc_vault", vault, inKeyGroups);
        list(b, "hckms", hckms, false);
        list(b, "kms", kms, false);
        list(b, "pgp", pgp, false);
    }

    private static void list(Branch.Builder b, String key, List<Node> items, boolean always) {
        if (always || !items.isEmpty()) {
            b.put(key, new Seq(items));
        }
    }

    private static String t(OffsetDateTime time) {
        return GoTime.formatRfc3339(time);
    }

    private static Branch entry(String... kv) {
        Branch.Builder b = Branch.builder();
        for (int i = 0; i < kv.length; i += 2) {
            b.put(kv[i], new Value.Str(kv[i + 1] == null ? "" : kv[i + 1]));
        }
        return b.build();
    }
}
