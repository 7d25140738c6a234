package dev.jsops.flux;

import dev.jsops.sops.Branch;
import dev.jsops.sops.GoFloat;
import dev.jsops.sops.GoTime;
import dev.jsops.sops.GoUtf8;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Value;

/** What Flux (through kustomize's kyaml) reads from a built resource: kind, names, annotations, the sops marker. */
final class Resources {
    /** The opt-out annotation ({@code kustomize.toolkit.fluxcd.io/decrypt}) and its value, compared ignoring case. */
    static final String DECRYPT_ANNOTATION = "kustomize.toolkit.fluxcd.io/decrypt";
    static final String DISABLED = "disabled";

    private Resources() {
    }

    /** The value at a path of map keys, or null. */
    static Value at(Branch b, String... path) {
        Value v = b;
        for (String k : path) {
            if (!(v instanceof Branch br)) {
                return null;
            }
            v = br.get(k).orElse(null);
        }
        return v;
    }

    /** kyaml's {@code GetValue}: a scalar's text, "" for null, maps and lists. */
    static String text(Value v) {
        if (v instanceof Value.Str s) {
            return s.value();
        }
        if (v instanceof Value.Bytes b) {
            return GoUtf8.decodeReplacing(b.value(), 0, b.value().length);
        }
        if (v instanceof Value.Int i) {
            return Long.toString(i.value());
        }
        if (v instanceof Value.Float f) {
            return GoFloat.format(f.value(), 'g');
        }
        if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof Value.Time t) {
            return GoTime.formatRfc3339Nano(t.value());
        }
        if (v instanceof Value.Unsupported u) {
            return u.text();
        }
        return "";
    }

    static String kind(Branch r) {
        return text(at(r, "kind"));
    }

    static String apiVersion(Branch r) {
        return text(at(r, "apiVersion"));
    }

    static String name(Branch r) {
        return text(at(r, "metadata", "name"));
    }

    static String namespace(Branch r) {
        return text(at(r, "metadata", "namespace"));
    }

    /** kustomize's {@code Gvk.String()}: {@code Kind.version.group}, with placeholders for empty parts. */
    static String gvk(Branch r) {
        String api = apiVersion(r);
        int slash = api.indexOf('/');
        String group = slash >= 0 ? api.substring(0, slash) : "";
        String version = slash >= 0 ? api.substring(slash + 1) : api;
        String kind = kind(r);
        return (kind.isEmpty() ? "[noKind]" : kind) + "." + (version.isEmpty() ? "[noVer]" : version) + "."
                + (group.isEmpty() ? "[noGrp]" : group);
    }

    /** Flux's {@code IsDecryptionDisabled}: the annotation equals {@code disabled} ignoring case. */
    static boolean decryptionDisabled(Branch r) {
        Value v = at(r, "metadata", "annotations", DECRYPT_ANNOTATION);
        return v != null && text(v).equalsIgnoreCase(DISABLED);
    }

    /**
     * Flux's {@code isSOPSEncryptedResource}: a top-level {@code sops} field that is not null or empty, holding a
     * {@code mac} that is not null or empty (an empty string counts as present, as in kyaml).
     */
    static boolean sopsEncrypted(Branch r) {
        Value sops = at(r, "sops");
        if (nilOrEmpty(sops) || !(sops instanceof Branch b)) {
            return false;
        }
        return !nilOrEmpty(b.get("mac").orElse(null));
    }

    /** kyaml's {@code IsNilOrEmpty}: absent, null, an empty map or an empty list. */
    private static boolean nilOrEmpty(Value v) {
        return v == null || v instanceof Value.Null || v instanceof Branch b && b.entries().isEmpty()
                || v instanceof Seq s && s.items().stream().noneMatch(n -> n instanceof Value);
    }

    /** Flux's {@code IsEncryptedSecret}: {@code v1} {@code Secret} with a top-level {@code sops} key, whatever its value. */
    static boolean encryptedSecret(Branch r) {
        return "Secret".equals(kind(r)) && "v1".equals(apiVersion(r)) && r.get("sops").isPresent();
    }

    /** ssa's {@code FmtUnstructured}: {@code Kind/namespace/name}, the namespace left out when empty. */
    static String describe(Branch r) {
        String ns = namespace(r);
        return kind(r) + "/" + (ns.isEmpty() ? "" : ns + "/") + name(r);
    }
}
