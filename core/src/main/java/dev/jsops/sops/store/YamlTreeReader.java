package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sops's {@code LoadPlainFile}: go-yaml nodes to a sops tree, with sops's comment attachment order, preceded by the
 * check sops runs first (decoding the first document into {@code map[string]interface{}}), whose duplicate-key,
 * type and alias errors surface unwrapped while later failures get the {@code Error unmarshaling input YAML: }
 * prefix.
 */
final class YamlTreeReader {
    private static final String PREFIX = "Error unmarshaling input YAML: ";
    /** Guard against alias bombs in documents sops's first-document check does not look at. */
    private static final long MAX_EXPANDED_NODES = 50_000_000L;

    private long expanded;
    private final Set<YamlNode> expanding = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    private YamlTreeReader() {
    }

    static Tree load(byte[] in) throws StoreException {
        return DeepStack.call(() -> loadDocuments(in), "yaml: document nesting is too deep");
    }

    private static Tree loadDocuments(byte[] in) throws StoreException {
        List<Branch> branches = new ArrayList<>();
        if (in.length == 0) {
            return new Tree(branches);
        }
        YamlComposer composer = new YamlComposer(in);
        YamlTreeReader reader = new YamlTreeReader();
        YamlNode doc;
        try {
            doc = composer.nextDocument();
        } catch (YamlSyntaxError e) {
            throw new StoreException(e.getMessage());
        }
        if (doc == null) {
            // sops's first Decode returns io.EOF for a stream without documents.
            throw new StoreException("EOF");
        }
        try {
            new DecodeCheck().check(doc);
        } catch (YamlSyntaxError e) {
            throw new StoreException(e.getMessage());
        } catch (GoYamlScalars.DecodeFailure e) {
            throw new StoreException("yaml: " + e.getMessage());
        }
        while (doc != null) {
            branches.add(reader.documentToBranch(doc));
            try {
                doc = composer.nextDocument();
            } catch (YamlSyntaxError e) {
                throw new StoreException(PREFIX + e.getMessage());
            }
        }
        return new Tree(branches);
    }

    // ---- sops stores/yaml/store.go ----------------------------------------------------------------------------

    private Branch documentToBranch(YamlNode doc) throws StoreException {
        List<Branch.Item> items = new ArrayList<>();
        try {
            appendNodeToBranch(doc, items, false);
        } catch (Unsupported e) {
            throw new StoreException(PREFIX + e.getMessage());
        }
        return new Branch(items);
    }

    private static final class Unsupported extends Exception {
        Unsupported(String message) {
            super(message, null, false, false);
        }
    }

    private static void addComments(String comment, List<? super Comment> out, boolean inline) {
        if (comment.isEmpty()) {
            return;
        }
        int start = 0;
        int n = comment.length();
        while (start <= n) {
            int end = comment.indexOf('\n', start);
            if (end < 0) {
                end = n;
            }
            if (end > start) {
                out.add(new Comment(comment.substring(start + 1, end), inline));
            }
            start = end + 1;
        }
    }

    private void appendNodeToBranch(YamlNode node, List<Branch.Item> branch, boolean commentsWereHandled)
            throws Unsupported {
        if (!commentsWereHandled) {
            addComments(node.head, branch, false);
            addComments(node.line, branch, false);
        }
        switch (node.kind) {
            case DOCUMENT -> {
                for (YamlNode item : node.content) {
                    appendNodeToBranch(item, branch, false);
                }
            }
            case SEQUENCE -> throw new Unsupported("YAML documents that are sequences are not supported");
            case MAPPING -> {
                List<YamlNode> c = node.content;
                for (int i = 0; i + 1 < c.size(); i += 2) {
                    YamlNode key = c.get(i);
                    YamlNode value = c.get(i + 1);
                    addComments(key.head, branch, false);
                    addComments(key.line, branch, false);
                    boolean handleValueComments = value.kind == YamlNode.Kind.SCALAR
                            || value.kind == YamlNode.Kind.ALIAS;
                    if (handleValueComments) {
                        addComments(value.head, branch, false);
                        addComments(value.line, branch, true);
                    }
                    Branch.Entry entry = entry(key, toValue(value, handleValueComments));
                    branch.add(entry);
                    if (handleValueComments) {
                        addComments(value.foot, branch, false);
                    }
                    addComments(key.foot, branch, false);
                }
            }
            case SCALAR -> {
                // An empty document ("---" alone) is a null scalar and yields an empty branch.
                if (node.shortTag().equals(GoYamlScalars.NULL)) {
                    return;
                }
                throw new Unsupported("YAML documents that are values are not supported");
            }
            case ALIAS -> {
                enter(node);
                try {
                    appendNodeToBranch(node.alias, branch, false);
                } finally {
                    expanding.remove(node.alias);
                }
            }
            default -> {
            }
        }
        if (!commentsWereHandled) {
            addComments(node.foot, branch, false);
        }
    }

    private void enter(YamlNode alias) throws Unsupported {
        if (!expanding.add(alias.alias)) {
            throw new Unsupported("anchor '" + alias.value + "' value contains itself");
        }
        if (++expanded > MAX_EXPANDED_NODES) {
            throw new Unsupported("document contains excessive aliasing");
        }
    }

    private Value toValue(YamlNode node, boolean commentsWereHandled) throws Unsupported {
        expanded++;
        switch (node.kind) {
            case SEQUENCE -> {
                List<Node> result = new ArrayList<>();
                if (!commentsWereHandled) {
                    addComments(node.head, result, false);
                    addComments(node.line, result, false);
                }
                for (YamlNode item : node.content) {
                    addComments(item.head, result, false);
                    addComments(item.line, result, true);
                    result.add(toValue(item, true));
                    addComments(item.foot, result, false);
                }
                if (!commentsWereHandled) {
                    addComments(node.foot, result, false);
                }
                return new Seq(result);
            }
            case MAPPING -> {
                List<Branch.Item> items = new ArrayList<>();
                appendNodeToBranch(node, items, commentsWereHandled);
                return new Branch(items);
            }
            case SCALAR -> {
                try {
                    return toSopsValue(decodeScalar(node), node);
                } catch (GoYamlScalars.DecodeFailure e) {
                    return Value.Null.INSTANCE; // sops ignores the Decode error and keeps nil
                }
            }
            case ALIAS -> {
                enter(node);
                try {
                    return toValue(node.alias, false);
                } finally {
                    expanding.remove(node.alias);
                }
            }
            default -> {
                return Value.Null.INSTANCE;
            }
        }
    }

    private Branch.Entry entry(YamlNode key, Value value) throws Unsupported {
        YamlNode k = key;
        while (k.kind == YamlNode.Kind.ALIAS) {
            k = k.alias;
        }
        switch (k.kind) {
            case SCALAR -> {
                Object v;
                try {
                    v = decodeScalar(k);
                } catch (GoYamlScalars.DecodeFailure e) {
                    return new Branch.Entry(k.value, value, "<nil>");
                }
                if (v instanceof String s) {
                    return new Branch.Entry(s, value);
                }
                if (v instanceof byte[] bytes) {
                    return new Branch.Entry(new String(bytes, StandardCharsets.UTF_8), value);
                }
                return new Branch.Entry(k.value, value, goTypeName(v));
            }
            case SEQUENCE -> {
                return new Branch.Entry("", value, "[]interface {}");
            }
            default -> {
                boolean stringKeys = true;
                for (int i = 0; i < k.content.size(); i += 2) {
                    String t = k.content.get(i).shortTag();
                    if (!t.equals(GoYamlScalars.STR) && !t.equals(GoYamlScalars.MERGE)) {
                        stringKeys = false;
                    }
                }
                return new Branch.Entry("", value,
                        stringKeys ? "map[string]interface {}" : "map[interface {}]interface {}");
            }
        }
    }

    static String goTypeName(Object v) {
        if (v == null) {
            return "<nil>";
        }
        if (v instanceof Long) {
            return "int";
        }
        if (v instanceof BigInteger) {
            return "uint64";
        }
        if (v instanceof Double) {
            return "float64";
        }
        if (v instanceof Boolean) {
            return "bool";
        }
        if (v instanceof OffsetDateTime) {
            return "time.Time";
        }
        return "string";
    }

    /**
     * go-yaml's scalar decode into {@code interface{}}: quoted or {@code !!str} scalars are strings, others are
     * resolved from their tag; {@code !!binary} is base64-decoded (returned as bytes).
     */
    static Object decodeScalar(YamlNode n) {
        if (n.indicatedString()) {
            return n.value;
        }
        GoYamlScalars.Resolved r = n.resolved != null ? n.resolved : GoYamlScalars.resolve(n.tag, n.value);
        if (r.tag().equals(GoYamlScalars.BINARY)) {
            return decodeBase64((String) r.value());
        }
        return r.value();
    }

    private static byte[] decodeBase64(String s) {
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\n' && c != '\r') {
                clean.append(c);
            }
        }
        if (clean.length() % 4 != 0) {
            throw new GoYamlScalars.DecodeFailure("!!binary value contains invalid base64 data");
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            throw new GoYamlScalars.DecodeFailure("!!binary value contains invalid base64 data");
        }
    }

    private static Value toSopsValue(Object v, YamlNode node) {
        if (v == null) {
            return Value.Null.INSTANCE;
        }
        if (v instanceof String s) {
            return new Value.Str(s);
        }
        if (v instanceof byte[] bytes) {
            return Value.ofBytes(bytes);
        }
        if (v instanceof Long l) {
            return new Value.Int(l);
        }
        if (v instanceof BigInteger) {
            return new Value.Unsupported("uint64", node.value);
        }
        if (v instanceof Double d) {
            return new Value.Float(d);
        }
        if (v instanceof Boolean b) {
            return new Value.Bool(b);
        }
        if (v instanceof OffsetDateTime t) {
            return new Value.Time(t);
        }
        return new Value.Str(String.valueOf(v));
    }

    // ---- the first-document check: go-yaml decoding into map[string]interface{} -------------------------------

    /** What go-yaml decodes into at each point; only what matters for its errors is modelled. */
    private enum Out { ROOT_MAP, IFACE, STRING_KEY }

    private static final class DecodeCheck {
        private final List<String> terrors = new ArrayList<>();
        private final Set<YamlNode> aliases = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        private long decodeCount;
        private long aliasCount;
        private int aliasDepth;
        private Set<Object> mergedFields;

        void check(YamlNode doc) {
            unmarshal(doc, Out.ROOT_MAP);
            if (!terrors.isEmpty()) {
                throw new YamlSyntaxError("yaml: unmarshal errors:\n  " + String.join("\n  ", terrors));
            }
        }

        private static double allowedAliasRatio(long decodeCount) {
            if (decodeCount <= 400_000) {
                return 0.99;
            }
            if (decodeCount >= 4_000_000) {
                return 0.10;
            }
            return 0.99 - 0.89 * ((double) (decodeCount - 400_000) / 3_600_000.0);
        }

        private boolean unmarshal(YamlNode n, Out out) {
            decodeCount++;
            if (aliasDepth > 0) {
                aliasCount++;
            }
            if (aliasCount > 100 && decodeCount > 1000
                    && (double) aliasCount / decodeCount > allowedAliasRatio(decodeCount)) {
                throw new YamlSyntaxError("yaml: document contains excessive aliasing");
            }
            switch (n.kind) {
                case DOCUMENT -> {
                    if (n.content.size() == 1) {
                        unmarshal(n.content.get(0), out);
                        return true;
                    }
                    return false;
                }
                case ALIAS -> {
                    if (aliases.contains(n)) {
                        throw new YamlSyntaxError("yaml: anchor '" + n.value + "' value contains itself");
                    }
                    aliases.add(n);
                    aliasDepth++;
                    boolean good = unmarshal(n.alias, out);
                    aliasDepth--;
                    aliases.remove(n);
                    return good;
                }
                case SCALAR -> {
                    return scalar(n, out);
                }
                case MAPPING -> {
                    return mapping(n, out);
                }
                case SEQUENCE -> {
                    return sequence(n, out);
                }
                default -> {
                    return false;
                }
            }
        }

        private void terror(YamlNode n, String tag, String outType) {
            if (!n.tag.isEmpty()) {
                tag = n.tag;
            }
            // go-yaml also quotes the start of the scalar here; that is file content, so it is left out.
            terrors.add("line " + n.lineNo + ": cannot unmarshal " + GoYamlScalars.shortTag(tag) + " into "
                    + outType);
        }

        private boolean scalar(YamlNode n, Out out) {
            String tag;
            Object resolved;
            if (n.indicatedString()) {
                tag = GoYamlScalars.STR;
                resolved = n.value;
            } else {
                GoYamlScalars.Resolved r = n.resolved != null ? n.resolved : GoYamlScalars.resolve(n.tag, n.value);
                tag = r.tag();
                resolved = r.value();
                if (tag.equals(GoYamlScalars.BINARY)) {
                    resolved = decodeBase64((String) resolved);
                }
            }
            if (resolved == null) {
                return out != Out.STRING_KEY;
            }
            if (out == Out.ROOT_MAP) {
                terror(n, tag, "map[string]interface {}");
                return false;
            }
            return true;
        }

        private boolean sequence(YamlNode n, Out out) {
            if (out == Out.ROOT_MAP) {
                terror(n, GoYamlScalars.SEQ, "map[string]interface {}");
                return false;
            }
            if (out == Out.STRING_KEY) {
                terror(n, GoYamlScalars.SEQ, "string");
                return false;
            }
            for (YamlNode item : n.content) {
                unmarshal(item, Out.IFACE);
            }
            return true;
        }

        private boolean mapping(YamlNode n, Out out) {
            List<YamlNode> c = n.content;
            int l = c.size();
            int before = terrors.size();
            checkDuplicates(c);
            if (terrors.size() > before) {
                return false;
            }
            Out keyOut;
            if (out == Out.STRING_KEY) {
                terror(n, GoYamlScalars.MAP, "string");
                return false;
            } else if (out == Out.ROOT_MAP || isStringMap(n)) {
                keyOut = Out.STRING_KEY;
            } else {
                keyOut = Out.IFACE;
            }
            Set<Object> merged = mergedFields;
            mergedFields = null;
            YamlNode mergeNode = null;
            for (int i = 0; i + 1 < l; i += 2) {
                YamlNode key = c.get(i);
                if (isMerge(key)) {
                    mergeNode = c.get(i + 1);
                    continue;
                }
                if (unmarshal(key, keyOut)) {
                    if (merged != null) {
                        Object kv = keyValue(key, keyOut);
                        if (merged.contains(kv)) {
                            continue;
                        }
                        merged.add(kv);
                    }
                    if (keyOut == Out.IFACE) {
                        YamlNode k = key;
                        while (k.kind == YamlNode.Kind.ALIAS) {
                            k = k.alias;
                        }
                        if (k.kind == YamlNode.Kind.MAPPING || k.kind == YamlNode.Kind.SEQUENCE) {
                            throw new YamlSyntaxError("yaml: invalid map key");
                        }
                    }
                    unmarshal(c.get(i + 1), Out.IFACE);
                }
            }
            mergedFields = merged;
            if (mergeNode != null) {
                merge(n, mergeNode, out);
            }
            return true;
        }

        private void merge(YamlNode parent, YamlNode merge, Out out) {
            Set<Object> merged = mergedFields;
            if (merged == null) {
                mergedFields = new HashSet<>();
                List<YamlNode> c = parent.content;
                for (int i = 0; i + 1 < c.size(); i += 2) {
                    if (unmarshal(c.get(i), Out.IFACE)) {
                        YamlNode k = c.get(i);
                        while (k.kind == YamlNode.Kind.ALIAS) {
                            k = k.alias;
                        }
                        if (k.kind != YamlNode.Kind.SCALAR) {
                            throw new YamlSyntaxError("yaml: runtime error: hash of unhashable type");
                        }
                        mergedFields.add(keyValue(c.get(i), Out.IFACE));
                    }
                }
            }
            switch (merge.kind) {
                case MAPPING -> unmarshal(merge, out);
                case ALIAS -> {
                    if (merge.alias != null && merge.alias.kind != YamlNode.Kind.MAPPING) {
                        failWantMap();
                    }
                    unmarshal(merge, out);
                }
                case SEQUENCE -> {
                    for (YamlNode ni : merge.content) {
                        if (ni.kind == YamlNode.Kind.ALIAS) {
                            if (ni.alias != null && ni.alias.kind != YamlNode.Kind.MAPPING) {
                                failWantMap();
                            }
                        } else if (ni.kind != YamlNode.Kind.MAPPING) {
                            failWantMap();
                        }
                        unmarshal(ni, out);
                    }
                }
                default -> failWantMap();
            }
            mergedFields = merged;
        }

        private static void failWantMap() {
            throw new YamlSyntaxError("yaml: map merge requires map or sequence of maps as the value");
        }

        /** The Go value a key decodes to, with Go's typed equality (string "1" is not int 1). */
        private static Object keyValue(YamlNode key, Out out) {
            YamlNode k = key;
            while (k.kind == YamlNode.Kind.ALIAS) {
                k = k.alias;
            }
            if (k.kind != YamlNode.Kind.SCALAR) {
                return new Object();
            }
            if (out == Out.STRING_KEY) {
                Object v = decodeScalar(k);
                return v instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : k.value;
            }
            Object v = decodeScalar(k);
            if (v instanceof byte[] bytes) {
                return new String(bytes, StandardCharsets.ISO_8859_1);
            }
            return v == null ? NullKey.INSTANCE : List.of(goTypeName(v), v);
        }

        private enum NullKey { INSTANCE }

        private static boolean isMerge(YamlNode n) {
            return n.kind == YamlNode.Kind.SCALAR && n.value.equals("<<")
                    && (n.tag.isEmpty() || n.tag.equals("!") || GoYamlScalars.shortTag(n.tag).equals(GoYamlScalars.MERGE));
        }

        private static boolean isStringMap(YamlNode n) {
            for (int i = 0; i < n.content.size(); i += 2) {
                String t = n.content.get(i).shortTag();
                if (!t.equals(GoYamlScalars.STR) && !t.equals(GoYamlScalars.MERGE)) {
                    return false;
                }
            }
            return true;
        }

        /** go-yaml compares every key with every later one (same kind, same text); grouped here, same order. */
        private void checkDuplicates(List<YamlNode> c) {
            int l = c.size();
            if (l < 4) {
                return;
            }
            if (l <= 16) {
                boolean dup = false;
                for (int i = 0; i < l && !dup; i += 2) {
                    for (int j = i + 2; j < l; j += 2) {
                        if (c.get(i).value.equals(c.get(j).value)) {
                            dup = true;
                            break;
                        }
                    }
                }
                if (!dup) {
                    return;
                }
            } else {
                HashSet<String> seen = new HashSet<>(l);
                boolean dup = false;
                for (int i = 0; i < l; i += 2) {
                    if (!seen.add(c.get(i).value)) {
                        dup = true;
                        break;
                    }
                }
                if (!dup) {
                    return;
                }
            }
            Map<String, List<Integer>> groups = new HashMap<>();
            boolean any = false;
            for (int i = 0; i < l; i += 2) {
                YamlNode k = c.get(i);
                List<Integer> g = groups.computeIfAbsent(k.kind.ordinal() + ":" + k.value, x -> new ArrayList<>(1));
                g.add(i);
                any |= g.size() > 1;
            }
            if (!any) {
                return;
            }
            for (int i = 0; i < l; i += 2) {
                YamlNode ni = c.get(i);
                List<Integer> g = groups.get(ni.kind.ordinal() + ":" + ni.value);
                if (g.size() < 2) {
                    continue;
                }
                for (int j : g) {
                    if (j > i) {
                        YamlNode nj = c.get(j);
                        terrors.add("line " + nj.lineNo + ": mapping key " + GoQuote.quote(nj.value)
                                + " already defined at line " + ni.lineNo);
                    }
                }
            }
        }
    }

}
