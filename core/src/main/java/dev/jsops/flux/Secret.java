package dev.jsops.flux;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.StoreException;
import dev.jsops.sops.store.YamlStore;

/**
 * A Kubernetes Secret as Flux's decryptor sees it: namespace, name and {@code data} (entry name → bytes) as the
 * API server returns it. Built from a map, or from a manifest ({@link #fromManifest}), where {@code stringData} is
 * merged into {@code data} as the API server merges it. {@link #toString()} never shows values.
 */
public final class Secret {
    private final String namespace;
    private final String name;
    private final Map<String, byte[]> data;

    private Secret(String namespace, String name, Map<String, byte[]> data) {
        this.namespace = Objects.requireNonNull(namespace, "namespace");
        this.name = Objects.requireNonNull(name, "name");
        TreeMap<String, byte[]> copy = new TreeMap<>();
        data.forEach((k, v) -> copy.put(Objects.requireNonNull(k), v.clone()));
        this.data = Collections.unmodifiableMap(copy);
    }

    /** A Secret with these entries (copied). */
    public static Secret of(String namespace, String name, Map<String, byte[]> data) {
        return new Secret(namespace, name, data);
    }

    /**
     * A Secret manifest as {@code kubectl get secret -o yaml} or {@code kubectl create secret … --dry-run=client -o
     * yaml} prints it (the first YAML document). {@code data} values are base64; {@code stringData} entries are
     * added over them, as the API server does on create. A manifest without a namespace gets {@code default}, where
     * the API server would put it without a context namespace.
     */
    public static Secret fromManifest(byte[] yaml) throws FluxException {
        Tree tree;
        try {
            tree = new YamlStore().loadPlain(yaml);
        } catch (StoreException e) {
            throw new FluxException("cannot read Secret manifest: " + e.getMessage());
        }
        if (tree.branches().isEmpty()) {
            throw new FluxException("cannot read Secret manifest: it is empty");
        }
        Branch doc = tree.branches().get(0);
        String kind = Resources.text(doc.get("kind").orElse(null));
        if (!"Secret".equals(kind)) {
            throw new FluxException("cannot read Secret manifest: kind is '" + kind + "', not 'Secret'");
        }
        String name = Resources.text(Resources.at(doc, "metadata", "name"));
        if (name.isEmpty()) {
            throw new FluxException("cannot read Secret manifest: metadata.name is missing");
        }
        String namespace = Resources.text(Resources.at(doc, "metadata", "namespace"));
        if (namespace.isEmpty()) {
            namespace = "default";
        }
        Map<String, byte[]> data = new TreeMap<>();
        if (doc.get("data").orElse(null) instanceof Branch d) {
            for (Branch.Entry e : d.entries()) {
                if (e.value() instanceof Value.Null) {
                    continue;
                }
                if (!(e.value() instanceof Value.Str s)) {
                    throw new FluxException("cannot read Secret manifest: data entry '" + e.key() + "' is not a string");
                }
                byte[] bytes = GoBase64.decode(s.value());
                if (bytes == null) {
                    throw new FluxException("cannot read Secret manifest: data entry '" + e.key() + "' is not valid base64");
                }
                data.put(e.key(), bytes);
            }
        }
        if (doc.get("stringData").orElse(null) instanceof Branch sd) {
            for (Branch.Entry e : sd.entries()) {
                if (e.value() instanceof Value.Null) {
                    continue;
                }
                if (!(e.value() instanceof Value.Str s)) {
                    throw new FluxException("cannot read Secret manifest: stringData entry '" + e.key() + "' is not a string");
                }
                data.put(e.key(), s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return new Secret(namespace, name, data);
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** The entries, sorted by name; each call returns fresh copies of the values. */
    public Map<String, byte[]> data() {
        TreeMap<String, byte[]> copy = new TreeMap<>();
        data.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    Map<String, byte[]> entries() {
        return data;
    }

    /** {@code <namespace>/<name>}, as Go prints a {@code types.NamespacedName}. */
    public String namespacedName() {
        return namespace + "/" + name;
    }

    @Override
    public String toString() {
        return "Secret[" + namespacedName() + ", entries " + data.keySet() + "]";
    }
}
