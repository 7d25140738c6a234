package dev.jsops.sops.store;

import java.util.ArrayList;
import java.util.List;

/**
 * A node of the YAML representation graph with go-yaml v3's {@code yaml.Node} fields (kind, style bits, short tag,
 * value, anchor/alias, head/line/foot comments). Used both for what the parser builds and for what sops's
 * tree-to-node conversion builds before emitting.
 */
final class YamlNode {
    enum Kind { DOCUMENT, SEQUENCE, MAPPING, SCALAR, ALIAS }

    static final int TAGGED = 1;
    static final int DOUBLE_QUOTED = 2;
    static final int SINGLE_QUOTED = 4;
    static final int LITERAL = 8;
    static final int FOLDED = 16;
    static final int FLOW = 32;

    final Kind kind;
    int style;
    String tag = "";
    String value = "";
    /** {@link #value} as code points, when the writer already computed them. */
    int[] codePoints;
    /** The emitter's packed analysis of {@link #codePoints}, or -1. */
    int analysis = -1;
    /** go-yaml's implicit resolution of {@link #value} when already computed (same result as resolving again). */
    GoYamlScalars.Resolved resolved;
    String anchor = "";
    YamlNode alias;
    final List<YamlNode> content;
    String head = "";
    String line = "";
    String foot = "";
    int lineNo;
    int column;

    YamlNode(Kind kind) {
        this.kind = kind;
        this.content = kind == Kind.SCALAR || kind == Kind.ALIAS ? List.of() : new ArrayList<>();
    }

    /** go-yaml {@code Node.indicatedString}. */
    boolean indicatedString() {
        return kind == Kind.SCALAR && (GoYamlScalars.shortTag(tag).equals(GoYamlScalars.STR)
                || (tag.isEmpty() || tag.equals("!"))
                        && (style & (SINGLE_QUOTED | DOUBLE_QUOTED | LITERAL | FOLDED)) != 0);
    }

    /** go-yaml {@code Node.ShortTag}. */
    String shortTag() {
        if (indicatedString()) {
            return GoYamlScalars.STR;
        }
        if (tag.isEmpty() || tag.equals("!")) {
            return switch (kind) {
                case MAPPING -> GoYamlScalars.MAP;
                case SEQUENCE -> GoYamlScalars.SEQ;
                case ALIAS -> alias != null ? alias.shortTag() : "";
                case SCALAR -> resolved != null ? resolved.tag() : GoYamlScalars.implicitTag(value);
                default -> "";
            };
        }
        return GoYamlScalars.shortTag(tag);
    }

    @Override
    public String toString() {
        return "YamlNode[" + kind + "]";
    }
}
