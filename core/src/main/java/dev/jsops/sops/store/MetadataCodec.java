package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.GoStrconv;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Moves the {@code sops} metadata between a file's tree and a generic mapping (sops {@code stores/metadata.go}
 * {@code ExtractMetadata}/{@code SerializeMetadata} and {@code stores/flatten.go}), for each
 * {@link MetadataLayout}. Turning that mapping into typed metadata is not done here.
 */
public final class MetadataCodec {
    /** The metadata key, and the prefix of flattened dotenv metadata keys. */
    public static final String SOPS_KEY = "sops";
    public static final String SOPS_PREFIX = "sops_";

    private static final String MAP_SEPARATOR = "__map_";
    private static final String LIST_SEPARATOR = "__list_";

    private MetadataCodec() {
    }

    /** The documents without their metadata, and the metadata as a (nested, unflattened) mapping. */
    public record Extracted(Tree tree, Branch metadata) {
        @Override
        public String toString() {
            return "Extracted[" + tree + ", " + metadata + "]";
        }
    }

    /** Byte-wise order of the UTF-8 encodings, as Go's {@code sort.Strings} sorts. */
    static final Comparator<String> GO_ORDER = (a, b) -> {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                // UTF-16 order agrees with UTF-8 order except that surrogates (U+10000 and up) sort above U+E000-U+FFFF.
                boolean sx = Character.isSurrogate(x);
                boolean sy = Character.isSurrogate(y);
                if (sx != sy && (x >= 0xE000 || y >= 0xE000)) {
                    return sx ? 1 : -1;
                }
                return Character.compare(x, y);
            }
        }
        return Integer.compare(a.length(), b.length());
    };

    /**
     * Extracts the metadata as the given format's store does on {@code LoadEncryptedFile}. For JSON and binary an
     * empty {@code "sops": {}} counts as absent (Go's JSON reader builds a nil branch for it); YAML keeps it.
     */
    public static Extracted extract(Tree tree, Format format) throws StoreException {
        return extract(tree, layoutOf(format), format == Format.JSON || format == Format.BINARY);
    }

    /** Extracts with YAML's rule for an empty nested mapping (present). */
    public static Extracted extract(Tree tree, MetadataLayout layout) throws StoreException {
        return extract(tree, layout, false);
    }

    static MetadataLayout layoutOf(Format format) {
        return switch (format) {
            case YAML, JSON, BINARY -> MetadataLayout.NESTED;
            case INI -> MetadataLayout.FLATTENED_BELOW_TOP;
            case DOTENV -> MetadataLayout.FLATTENED_PREFIXED;
        };
    }

    private static Extracted extract(Tree tree, MetadataLayout layout, boolean emptyIsAbsent) throws StoreException {
        List<Branch> docs = new ArrayList<>(tree.branches().size());
        List<Branch.Item> meta = null;
        if (layout != MetadataLayout.FLATTENED_PREFIXED) {
            boolean first = true;
            for (int bi = 0; bi < tree.branches().size(); bi++) {
                Branch b = tree.branches().get(bi);
                List<Branch.Item> kept = new ArrayList<>(b.items().size());
                for (Branch.Item item : b.items()) {
                    if (item instanceof Branch.Entry e && isSopsKey(e)) {
                        if (bi == 0) {
                            if (!first) {
                                throw new StoreException("Found duplicate " + SOPS_KEY + " entry");
                            }
                            first = false;
                            if (!(e.value() instanceof Branch mb)) {
                                throw new StoreException("Found " + SOPS_KEY + " entry that is not a mapping");
                            }
                            boolean nil = mb.items().isEmpty()
                                    && (emptyIsAbsent || layout == MetadataLayout.FLATTENED_BELOW_TOP);
                            meta = nil ? null : new ArrayList<>(mb.items());
                        }
                    } else {
                        kept.add(item);
                    }
                }
                docs.add(new Branch(kept));
            }
        } else {
            for (int bi = 0; bi < tree.branches().size(); bi++) {
                Branch b = tree.branches().get(bi);
                if (bi > 0) {
                    docs.add(b);
                    continue;
                }
                List<Branch.Item> kept = new ArrayList<>(b.items().size());
                for (Branch.Item item : b.items()) {
                    if (item instanceof Branch.Entry e && e.nonStringKeyType() == null
                            && e.key().startsWith(SOPS_PREFIX)) {
                        if (meta == null) {
                            meta = new ArrayList<>();
                        }
                        meta.add(new Branch.Entry(e.key().substring(SOPS_PREFIX.length()), e.value()));
                    } else {
                        kept.add(item);
                    }
                }
                docs.add(new Branch(kept));
            }
        }
        if (meta == null) {
            throw new StoreException("sops metadata not found");
        }
        Branch metadata;
        if (layout == MetadataLayout.NESTED) {
            metadata = new Branch(meta);
        } else {
            if (layout == MetadataLayout.FLATTENED_BELOW_TOP) {
                // INI metadata has its newlines written as the two characters \n.
                for (int i = 0; i < meta.size(); i++) {
                    if (meta.get(i) instanceof Branch.Entry e) {
                        Value v = replaceAll(e.value(), "\\n", "\n");
                        if (v != e.value()) {
                            meta.set(i, new Branch.Entry(e.key(), v, e.nonStringKeyType()));
                        }
                    }
                }
            }
            metadata = unflatten(meta);
        }
        return new Extracted(new Tree(docs), metadata);
    }

    private static boolean isSopsKey(Branch.Entry e) {
        return e.nonStringKeyType() == null && e.key().equals(SOPS_KEY);
    }

    /**
     * Puts {@code metadata} into every document as the format's store does on {@code EmitEncryptedFile}; map
     * keys are sorted at every level first, as 3.13 writes them.
     *
     * @throws StoreException when a document already uses the reserved key (or prefix), or flattening collides
     */
    public static Tree insert(Tree tree, Branch metadata, MetadataLayout layout) throws StoreException {
        Branch md = sorted(metadata);
        List<Branch.Item> items;
        if (layout != MetadataLayout.NESTED) {
            String prefix = layout == MetadataLayout.FLATTENED_PREFIXED ? SOPS_PREFIX : "";
            List<Branch.Entry> flat = new ArrayList<>();
            try {
                flattenMap(md, prefix, flat, new HashSet<>());
            } catch (StoreException e) {
                throw new StoreException("Error marshaling metadata: Error while flattening metadata: "
                        + e.getMessage());
            }
            if (layout == MetadataLayout.FLATTENED_BELOW_TOP) {
                flat.replaceAll(e -> new Branch.Entry(e.key(), replaceAll(e.value(), "\n", "\\n")));
            }
            items = new ArrayList<>(flat);
        } else {
            items = List.of(new Branch.Entry(SOPS_KEY, md));
        }
        if (layout == MetadataLayout.FLATTENED_BELOW_TOP) {
            items = List.of(new Branch.Entry(SOPS_KEY, new Branch(items)));
        }
        List<Branch> out = new ArrayList<>(tree.branches().size());
        for (Branch b : tree.branches()) {
            List<Branch.Item> nb = new ArrayList<>(b.items().size() + items.size());
            for (Branch.Item item : b.items()) {
                if (item instanceof Branch.Entry e && e.nonStringKeyType() == null) {
                    if (layout == MetadataLayout.FLATTENED_PREFIXED) {
                        if (e.key().startsWith(SOPS_PREFIX)) {
                            throw new StoreException("Error marshaling metadata: Found key " + GoQuote.quote(e.key())
                                    + " in encrypted data, which starts with the reserved key prefix \"sops_\" for "
                                    + "SOPS metadata");
                        }
                    } else if (e.key().equals(SOPS_KEY)) {
                        throw new StoreException("Error marshaling metadata: Found key \"sops\" in encrypted data, "
                                + "which is a reserved key used for SOPS metadata");
                    }
                }
                nb.add(item);
            }
            nb.addAll(items);
            out.add(new Branch(nb));
        }
        return new Tree(out);
    }

    /** Whether the document carries a top-level metadata key for that format ("already encrypted"). */
    public static boolean hasSopsTopLevelKey(Branch branch, Format format) {
        for (Branch.Item item : branch.items()) {
            if (item instanceof Branch.Entry e && e.nonStringKeyType() == null) {
                if (format == Format.DOTENV ? e.key().startsWith(SOPS_PREFIX) : e.key().equals(SOPS_KEY)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A copy with every mapping's entries in Go byte order (comments dropped, as Go's map round trip drops them). */
    static Branch sorted(Branch b) {
        List<Branch.Entry> entries = new ArrayList<>(b.entries());
        entries.sort((x, y) -> GO_ORDER.compare(x.key(), y.key()));
        List<Branch.Item> out = new ArrayList<>(entries.size());
        for (Branch.Entry e : entries) {
            out.add(new Branch.Entry(e.key(), sortedValue(e.value()), e.nonStringKeyType()));
        }
        return new Branch(out);
    }

    private static Value sortedValue(Value v) {
        if (v instanceof Branch b) {
            return sorted(b);
        }
        if (v instanceof Seq s) {
            List<Node> items = new ArrayList<>(s.items().size());
            for (Node n : s.items()) {
                if (n instanceof Value nv) {
                    items.add(sortedValue(nv));
                }
            }
            return new Seq(items);
        }
        return v;
    }

    private static Value replaceAll(Value v, String from, String to) {
        if (v instanceof Value.Str s && s.value().contains(from)) {
            return new Value.Str(s.value().replace(from, to));
        }
        if (v instanceof Value.Bytes b) {
            byte[] f = from.getBytes(StandardCharsets.US_ASCII);
            byte[] t = to.getBytes(StandardCharsets.US_ASCII);
            byte[] in = b.value();
            ByteSink out = new ByteSink(in.length);
            for (int i = 0; i < in.length; ) {
                if (i + f.length <= in.length && java.util.Arrays.equals(in, i, i + f.length, f, 0, f.length)) {
                    out.write(t);
                    i += f.length;
                } else {
                    out.write(in[i++]);
                }
            }
            return new Value.Bytes(out.toByteArray());
        }
        return v;
    }

    // ---- flatten ------------------------------------------------------------------------------------------------

    private static void flattenValue(Value v, String key, List<Branch.Entry> out, Set<String> seen)
            throws StoreException {
        if (v instanceof Branch b) {
            flattenMap(b, key + MAP_SEPARATOR, out, seen);
        } else if (v instanceof Seq s) {
            int i = 0;
            for (Node n : s.items()) {
                if (n instanceof Comment) {
                    continue;
                }
                flattenValue((Value) n, key + LIST_SEPARATOR + i, out, seen);
                i++;
            }
        } else {
            if (!seen.add(key)) {
                throw new StoreException("Found key collision " + GoQuote.quote(key) + " while flattening");
            }
            out.add(new Branch.Entry(key, v));
        }
    }

    private static void flattenMap(Branch b, String prefix, List<Branch.Entry> out, Set<String> seen)
            throws StoreException {
        for (Branch.Item item : b.items()) {
            if (item instanceof Branch.Entry e) {
                if (e.nonStringKeyType() != null) {
                    throw new StoreException("Found non-string key when flattening");
                }
                flattenValue(e.value(), prefix + e.key(), out, seen);
            }
        }
    }

    // ---- unflatten ----------------------------------------------------------------------------------------------

    /** A path step: a map key or a list index. */
    private record Token(String key, long index) {
        boolean isList() {
            return key == null;
        }
    }

    static List<Token> tokenize(String path) {
        List<Token> tokens = new ArrayList<>();
        int state = 0; // 0 plain, 1 map, 2 list
        int lastEnd = 0;
        int i = 0;
        while (true) {
            boolean atMap = i < path.length() && path.startsWith(MAP_SEPARATOR, i);
            boolean atList = !atMap && i < path.length() && path.startsWith(LIST_SEPARATOR, i);
            if (i >= path.length() || atMap || atList) {
                switch (state) {
                    case 0 -> tokens.add(new Token(path.substring(lastEnd, i), 0));
                    case 1 -> tokens.add(new Token(path.substring(lastEnd + MAP_SEPARATOR.length(), i), 0));
                    default -> tokens.add(new Token(null, atoi(path.substring(lastEnd + LIST_SEPARATOR.length(), i))));
                }
                lastEnd = i;
                if (i >= path.length()) {
                    return tokens;
                }
                state = atMap ? 1 : 2;
                i += atMap ? MAP_SEPARATOR.length() : LIST_SEPARATOR.length();
            } else {
                i++;
            }
        }
    }

    /** Go ignores Atoi's error here: 0 for malformed text, the clamped value when out of range. */
    private static long atoi(String s) {
        try {
            return GoStrconv.atoi(s);
        } catch (GoStrconv.NumError e) {
            if (e.kind() == GoStrconv.NumError.Kind.RANGE) {
                return s.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE;
            }
            return 0;
        }
    }

    private static final class PathNode {
        Value value;
        Map<String, PathNode> subkeys;
        Map<Long, PathNode> indices;
    }

    private static Branch unflatten(List<Branch.Item> items) throws StoreException {
        PathNode root = new PathNode();
        for (Branch.Item item : items) {
            if (!(item instanceof Branch.Entry e)) {
                continue;
            }
            PathNode node = root;
            for (Token t : tokenize(e.key())) {
                if (t.isList()) {
                    if (node.indices == null) {
                        node.indices = new HashMap<>();
                    }
                    node = node.indices.computeIfAbsent(t.index(), k -> new PathNode());
                } else {
                    if (node.subkeys == null) {
                        node.subkeys = new HashMap<>();
                    }
                    node = node.subkeys.computeIfAbsent(t.key(), k -> new PathNode());
                }
            }
            if (node.value != null) {
                throw new StoreException("Error while unflattening " + GoQuote.quote(e.key()) + ": Duplicate value");
            }
            node.value = e.value();
        }
        Value result;
        try {
            result = convert(root);
        } catch (StoreException e) {
            throw new StoreException("Error while unflattening: " + e.getMessage());
        }
        if (result instanceof Branch b) {
            return b;
        }
        throw new StoreException("Internal error: cannot find root");
    }

    private static Value convert(PathNode n) throws StoreException {
        boolean hasValue = n.value != null;
        boolean hasSub = n.subkeys != null && !n.subkeys.isEmpty();
        boolean hasIdx = n.indices != null && !n.indices.isEmpty();
        if ((hasValue ? 1 : 0) + (hasSub ? 1 : 0) + (hasIdx ? 1 : 0) > 1) {
            throw new StoreException("Type mismatch");
        }
        if (hasValue) {
            return n.value;
        }
        if (hasSub) {
            TreeMap<String, PathNode> sortedKeys = new TreeMap<>(GO_ORDER);
            sortedKeys.putAll(n.subkeys);
            List<Branch.Item> out = new ArrayList<>(sortedKeys.size());
            for (Map.Entry<String, PathNode> e : sortedKeys.entrySet()) {
                out.add(new Branch.Entry(e.getKey(), convert(e.getValue())));
            }
            return new Branch(out);
        }
        if (!hasIdx) {
            return Branch.EMPTY;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long k : n.indices.keySet()) {
            min = Math.min(min, k);
            max = Math.max(max, k);
        }
        if (min != 0 || max + 1 != n.indices.size()) {
            throw new StoreException("Incomplete list");
        }
        List<Node> out = new ArrayList<>(n.indices.size());
        for (long i = 0; i <= max; i++) {
            out.add(convert(n.indices.get(i)));
        }
        return new Seq(out);
    }
}
