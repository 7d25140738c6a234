package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * sops's {@code EmitPlainFile}/{@code EmitValue}: tree to go-yaml nodes (comment placement of sops's
 * {@code appendTreeBranch}/{@code appendSequence}; scalars built as go-yaml's {@code Node.Encode} builds them, i.e.
 * marshalled and re-read, which fixes their style and tag), then nodes to events as go-yaml's encoder does
 * ({@code encode.go}), then {@link YamlEmitter}.
 */
final class YamlTreeWriter {
    private final List<YamlEvent> events = new ArrayList<>(256);

    private YamlTreeWriter() {
    }

    static byte[] emitPlain(Tree tree, int indent) throws StoreException {
        return DeepStack.call(() -> emitDocuments(tree, indent), "Error marshaling to YAML: tree nesting is too deep");
    }

    private static byte[] emitDocuments(Tree tree, int indent) throws StoreException {
        if (tree.branches().isEmpty()) {
            return new byte[0];
        }
        YamlTreeWriter w = new YamlTreeWriter();
        w.events.add(new YamlEvent(YamlEvent.E.STREAM_START));
        for (Branch branch : tree.branches()) {
            YamlNode doc = new YamlNode(YamlNode.Kind.DOCUMENT);
            YamlNode mapping = new YamlNode(YamlNode.Kind.MAPPING);
            appendTreeBranch(branch, mapping);
            doc.content.add(mapping);
            w.encode(doc, "");
        }
        w.events.add(new YamlEvent(YamlEvent.E.STREAM_END));
        return w.run(indent);
    }

    static byte[] emitValue(Value value) throws StoreException {
        return DeepStack.call(() -> emitSingle(value), "Error marshaling to YAML: tree nesting is too deep");
    }

    private static byte[] emitSingle(Value value) throws StoreException {
        YamlTreeWriter w = new YamlTreeWriter();
        w.events.add(new YamlEvent(YamlEvent.E.STREAM_START));
        YamlEvent start = new YamlEvent(YamlEvent.E.DOCUMENT_START);
        start.implicit = true;
        w.events.add(start);
        w.encode(treeValueToNode(value), "");
        YamlEvent end = new YamlEvent(YamlEvent.E.DOCUMENT_END);
        end.implicit = true;
        w.events.add(end);
        w.events.add(new YamlEvent(YamlEvent.E.STREAM_END));
        // yaml.Marshal uses a fresh encoder: always go-yaml's default indentation of 4.
        return w.run(4);
    }

    private byte[] run(int indent) throws StoreException {
        try {
            return new YamlEmitter(indent).emit(events);
        } catch (YamlSyntaxError e) {
            throw new StoreException("Error marshaling to YAML: " + e.getMessage());
        }
    }

    // ---- sops tree -> nodes -----------------------------------------------------------------------------------

    private static String commentBlock(List<String> comments) {
        return "#" + String.join("\n#", comments);
    }

    private static void addHead(YamlNode node, List<String> comments) {
        if (!comments.isEmpty()) {
            String c = commentBlock(comments);
            node.head = node.head.isEmpty() ? c : c + "\n" + node.head;
            comments.clear();
        }
    }

    private static void addFoot(YamlNode node, List<String> comments) {
        if (!comments.isEmpty()) {
            String c = commentBlock(comments);
            node.foot = node.foot.isEmpty() ? c : node.foot + "\n" + c;
            comments.clear();
        }
    }

    private static void addLine(YamlNode node, List<String> comments) {
        if (!comments.isEmpty()) {
            String c = commentBlock(comments);
            node.line = node.line.isEmpty() ? c : node.line + "\n" + c;
            comments.clear();
        }
    }

    private static YamlNode treeValueToNode(Value in) {
        if (in instanceof Branch b) {
            YamlNode mapping = new YamlNode(YamlNode.Kind.MAPPING);
            appendTreeBranch(b, mapping);
            return mapping;
        }
        if (in instanceof Seq s) {
            YamlNode sequence = new YamlNode(YamlNode.Kind.SEQUENCE);
            appendSequence(s.items(), sequence);
            return sequence;
        }
        return scalarNode(in);
    }

    private static void appendSequence(List<Node> in, YamlNode sequence) {
        List<String> headComments = new ArrayList<>();
        List<String> inlineComments = new ArrayList<>();
        boolean beginning = true;
        for (Node item : in) {
            if (item instanceof Comment c) {
                (c.inline() ? inlineComments : headComments).add(c.text());
            } else {
                if (beginning) {
                    addHead(sequence, headComments);
                    beginning = false;
                }
                YamlNode itemNode = treeValueToNode((Value) item);
                addHead(itemNode, headComments);
                addLine(itemNode, inlineComments);
                sequence.content.add(itemNode);
            }
        }
        headComments.addAll(inlineComments);
        if (!headComments.isEmpty()) {
            if (beginning) {
                addHead(sequence, headComments);
            } else {
                addFoot(sequence.content.get(sequence.content.size() - 1), headComments);
            }
        }
    }

    private static void appendTreeBranch(Branch branch, YamlNode mapping) {
        List<String> headComments = new ArrayList<>();
        List<String> inlineComments = new ArrayList<>();
        boolean beginning = true;
        for (Branch.Item item : branch.items()) {
            if (item instanceof Comment c) {
                (c.inline() ? inlineComments : headComments).add(c.text());
            } else {
                Branch.Entry e = (Branch.Entry) item;
                if (beginning) {
                    addHead(mapping, headComments);
                    beginning = false;
                }
                YamlNode keyNode = keyNode(e);
                addHead(keyNode, headComments);
                YamlNode valueNode = treeValueToNode(e.value());
                addLine(valueNode, inlineComments);
                mapping.content.add(keyNode);
                mapping.content.add(valueNode);
            }
        }
        headComments.addAll(inlineComments);
        if (!headComments.isEmpty()) {
            if (beginning) {
                addHead(mapping, headComments);
            } else {
                addFoot(mapping.content.get(mapping.content.size() - 2), headComments);
            }
        }
    }

    /** A key as sops stores it: a string, or the Go-typed value a non-string YAML key decoded to. */
    private static YamlNode keyNode(Branch.Entry e) {
        String type = e.nonStringKeyType();
        if (type == null || type.equals("string")) {
            return stringNode(e.key());
        }
        Object v;
        try {
            v = GoYamlScalars.resolve("", e.key()).value();
        } catch (GoYamlScalars.DecodeFailure f) {
            v = e.key();
        }
        Value typed = switch (type) {
            case "int" -> v instanceof Long l ? new Value.Int(l) : null;
            case "uint64" -> v instanceof BigInteger ? new Value.Unsupported("uint64", e.key()) : null;
            case "float64" -> v instanceof Double d ? new Value.Float(d)
                    : v instanceof Long l ? new Value.Float(l) : null;
            case "bool" -> v instanceof Boolean b ? new Value.Bool(b) : null;
            case "time.Time" -> v instanceof java.time.OffsetDateTime t ? new Value.Time(t) : null;
            case "<nil>" -> Value.Null.INSTANCE;
            default -> null;
        };
        return typed != null ? scalarNode(typed) : stringNode(e.key());
    }

    // ---- Node.Encode of a single Go value ---------------------------------------------------------------------

    private static YamlNode scalarNode(Value v) {
        if (v instanceof Value.Str s) {
            return stringNode(s.value());
        }
        if (v instanceof Value.Bytes b) {
            return binaryNode(b.value());
        }
        if (v instanceof Value.Int i) {
            return plain(Long.toString(i.value()), GoYamlScalars.INT);
        }
        if (v instanceof Value.Unsupported u) {
            return plain(uint64Text(u.text()), GoYamlScalars.INT);
        }
        if (v instanceof Value.Float f) {
            String s = GoYamlScalars.formatFloatG(f.value());
            s = switch (s) {
                case "+Inf" -> ".inf";
                case "-Inf" -> "-.inf";
                case "NaN" -> ".nan";
                default -> s;
            };
            return plain(s, GoYamlScalars.implicitTag(s));
        }
        if (v instanceof Value.Bool b) {
            return plain(b.value() ? "true" : "false", GoYamlScalars.BOOL);
        }
        if (v instanceof Value.Time t) {
            return plain(GoYamlScalars.formatTime(t.value()), GoYamlScalars.TIMESTAMP);
        }
        return plain("null", GoYamlScalars.NULL);
    }

    private static String uint64Text(String text) {
        String plain = text.replace("_", "");
        BigInteger u = GoYamlScalars.parseUint(plain, 0);
        if (u == null && plain.startsWith("0b")) {
            u = GoYamlScalars.parseUint(plain.substring(2), 2);
        } else if (u == null && plain.startsWith("0o")) {
            u = GoYamlScalars.parseUint(plain.substring(2), 8);
        }
        return u != null ? u.toString() : text;
    }

    /** A plain scalar whose text is known to resolve implicitly to {@code tag}. */
    private static YamlNode plain(String value, String tag) {
        YamlNode n = new YamlNode(YamlNode.Kind.SCALAR);
        n.value = value;
        n.tag = tag;
        n.resolved = new GoYamlScalars.Resolved(tag, null);
        return n;
    }

    /** go-yaml's {@code stringv} followed by the re-parse {@code Node.Encode} does. */
    static YamlNode stringNode(String s) {
        int requested;
        if (s.indexOf('\n') >= 0) {
            requested = YamlScanner.LITERAL;
        } else if (implicitlyStr(s) && !isBase60Float(s) && !isOldBool(s)) {
            requested = YamlScanner.PLAIN;
        } else {
            requested = YamlScanner.DOUBLE_QUOTED;
        }
        int[] cps = s.codePoints().toArray();
        int analysis = YamlEmitter.analyze(cps);
        int style = YamlEmitter.rootStyleFromAnalysis(analysis, requested);
        YamlNode n = new YamlNode(YamlNode.Kind.SCALAR);
        n.value = s;
        n.codePoints = cps;
        n.analysis = analysis;
        // Re-reading a plain "<<" gives go-yaml's merge tag, which the encoder then writes out as "!!merge <<".
        n.tag = style == YamlScanner.PLAIN && s.equals("<<") ? GoYamlScalars.MERGE : GoYamlScalars.STR;
        if (style == YamlScanner.PLAIN) {
            // Plain is only chosen for text that resolves to a string.
            n.resolved = STR_RESOLVED;
        }
        n.style = switch (style) {
            case YamlScanner.SINGLE_QUOTED -> YamlNode.SINGLE_QUOTED;
            case YamlScanner.DOUBLE_QUOTED -> YamlNode.DOUBLE_QUOTED;
            case YamlScanner.LITERAL -> YamlNode.LITERAL;
            case YamlScanner.FOLDED -> YamlNode.FOLDED;
            default -> 0;
        };
        return n;
    }

    private static YamlNode binaryNode(byte[] data) {
        String s = encodeBase64(data);
        YamlNode n = new YamlNode(YamlNode.Kind.SCALAR);
        n.value = s;
        n.tag = GoYamlScalars.BINARY;
        n.style = YamlNode.TAGGED | (s.indexOf('\n') >= 0 ? YamlNode.LITERAL : 0);
        return n;
    }

    private static final GoYamlScalars.Resolved STR_RESOLVED = new GoYamlScalars.Resolved(GoYamlScalars.STR, null);

    /** Whether go-yaml resolves the plain text {@code s} to a string; most text has no resolver hint at all. */
    private static boolean implicitlyStr(String s) {
        if (!s.isEmpty()) {
            char c = s.charAt(0);
            boolean hinted = c == '+' || c == '-' || c == '.' || c == '~' || c >= '0' && c <= '9' || switch (c) {
                case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O' -> true;
                default -> false;
            };
            if (!hinted) {
                return true;
            }
        }
        return GoYamlScalars.implicitTag(s).equals(GoYamlScalars.STR);
    }

    /** go-yaml's {@code encodeBase64}: 70-column lines, each newline-terminated when there is more than one. */
    private static String encodeBase64(byte[] data) {
        String enc = Base64.getEncoder().encodeToString(data);
        int lineLen = 70;
        int lines = enc.length() / lineLen + 1;
        if (lines <= 1) {
            return enc;
        }
        StringBuilder sb = new StringBuilder(enc.length() + lines);
        for (int i = 0; i < enc.length(); i += lineLen) {
            sb.append(enc, i, Math.min(enc.length(), i + lineLen)).append('\n');
        }
        return sb.toString();
    }

    /** go-yaml's {@code isOldBool}: YAML 1.1 booleans are quoted so YAML 1.1 readers keep them strings. */
    static boolean isOldBool(String s) {
        return switch (s) {
            case "y", "Y", "yes", "Yes", "YES", "on", "On", "ON", "n", "N", "no", "No", "NO", "off", "Off", "OFF" ->
                    true;
            default -> false;
        };
    }

    /** {@code ^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$}, go-yaml's YAML 1.1 base-60 float check. */
    static boolean isBase60Float(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        if (!(c == '+' || c == '-' || c >= '0' && c <= '9') || s.indexOf(':') < 0) {
            return false;
        }
        int i = 0;
        int n = s.length();
        if (c == '+' || c == '-') {
            i++;
        }
        if (i >= n || !isDigit(s.charAt(i))) {
            return false;
        }
        i++;
        while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
            i++;
        }
        int groups = 0;
        while (i < n && s.charAt(i) == ':') {
            i++;
            int st = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            int d = i - st;
            if (!(d == 1 || d == 2 && s.charAt(st) <= '5')) {
                return false;
            }
            groups++;
        }
        if (groups == 0) {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && (isDigit(s.charAt(i)) || s.charAt(i) == '_')) {
                i++;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    // ---- go-yaml encoder: nodes -> events ---------------------------------------------------------------------

    private void encode(YamlNode node, String tail) {
        String tag = node.tag;
        String stag = GoYamlScalars.shortTag(tag);
        boolean forceQuoting = false;
        if (!tag.isEmpty() && (node.style & YamlNode.TAGGED) == 0) {
            if (node.kind == YamlNode.Kind.SCALAR) {
                if (stag.equals(GoYamlScalars.STR) && (node.style & (YamlNode.SINGLE_QUOTED | YamlNode.DOUBLE_QUOTED
                        | YamlNode.LITERAL | YamlNode.FOLDED)) != 0) {
                    tag = "";
                } else {
                    String rtag = node.resolved != null ? node.resolved.tag() : GoYamlScalars.implicitTag(node.value);
                    if (rtag.equals(stag)) {
                        tag = "";
                    } else if (stag.equals(GoYamlScalars.STR)) {
                        tag = "";
                        forceQuoting = true;
                    }
                }
            } else {
                String rtag = node.kind == YamlNode.Kind.MAPPING ? GoYamlScalars.MAP
                        : node.kind == YamlNode.Kind.SEQUENCE ? GoYamlScalars.SEQ : "";
                if (rtag.equals(stag)) {
                    tag = "";
                }
            }
        }
        switch (node.kind) {
            case DOCUMENT -> {
                YamlEvent start = new YamlEvent(YamlEvent.E.DOCUMENT_START);
                start.implicit = true;
                start.head = node.head;
                events.add(start);
                for (YamlNode child : node.content) {
                    encode(child, "");
                }
                YamlEvent end = new YamlEvent(YamlEvent.E.DOCUMENT_END);
                end.implicit = true;
                end.foot = node.foot;
                events.add(end);
            }
            case SEQUENCE -> {
                YamlEvent start = new YamlEvent(YamlEvent.E.SEQUENCE_START);
                start.tag = GoYamlScalars.longTag(tag);
                start.implicit = tag.isEmpty();
                start.style = (node.style & YamlNode.FLOW) != 0 ? YamlEvent.FLOW : YamlEvent.BLOCK;
                start.head = node.head;
                events.add(start);
                for (YamlNode child : node.content) {
                    encode(child, "");
                }
                YamlEvent end = new YamlEvent(YamlEvent.E.SEQUENCE_END);
                end.line = node.line;
                end.foot = node.foot;
                events.add(end);
            }
            case MAPPING -> {
                YamlEvent start = new YamlEvent(YamlEvent.E.MAPPING_START);
                start.tag = GoYamlScalars.longTag(tag);
                start.implicit = tag.isEmpty();
                start.style = (node.style & YamlNode.FLOW) != 0 ? YamlEvent.FLOW : YamlEvent.BLOCK;
                start.tail = tail;
                start.head = node.head;
                events.add(start);
                String pendingTail = "";
                List<YamlNode> c = node.content;
                for (int i = 0; i + 1 < c.size(); i += 2) {
                    YamlNode k = c.get(i);
                    String foot = k.foot;
                    // A key's foot comment is emitted as the tail of the next key (or of the mapping end).
                    String savedFoot = k.foot;
                    k.foot = "";
                    encode(k, pendingTail);
                    k.foot = savedFoot;
                    pendingTail = foot;
                    encode(c.get(i + 1), "");
                }
                YamlEvent end = new YamlEvent(YamlEvent.E.MAPPING_END);
                end.tail = pendingTail;
                end.line = node.line;
                end.foot = node.foot;
                events.add(end);
            }
            case SCALAR -> {
                int style = YamlScanner.PLAIN;
                String value = node.value;
                if ((node.style & YamlNode.DOUBLE_QUOTED) != 0) {
                    style = YamlScanner.DOUBLE_QUOTED;
                } else if ((node.style & YamlNode.SINGLE_QUOTED) != 0) {
                    style = YamlScanner.SINGLE_QUOTED;
                } else if ((node.style & YamlNode.LITERAL) != 0) {
                    style = YamlScanner.LITERAL;
                } else if ((node.style & YamlNode.FOLDED) != 0) {
                    style = YamlScanner.FOLDED;
                } else if (value.indexOf('\n') >= 0) {
                    style = YamlScanner.LITERAL;
                } else if (forceQuoting) {
                    style = YamlScanner.DOUBLE_QUOTED;
                }
                YamlEvent e = new YamlEvent(YamlEvent.E.SCALAR);
                boolean implicit = tag.isEmpty();
                e.tag = implicit ? "" : GoYamlScalars.longTag(tag);
                e.value = value;
                e.codePoints = node.codePoints;
                e.analysis = node.analysis;
                e.implicit = implicit;
                e.quotedImplicit = implicit;
                e.style = style;
                e.head = node.head;
                e.line = node.line;
                e.foot = node.foot;
                e.tail = tail;
                events.add(e);
            }
            case ALIAS -> {
                YamlEvent e = new YamlEvent(YamlEvent.E.ALIAS);
                e.anchor = node.value;
                e.head = node.head;
                e.line = node.line;
                e.foot = node.foot;
                events.add(e);
            }
        }
    }
}
