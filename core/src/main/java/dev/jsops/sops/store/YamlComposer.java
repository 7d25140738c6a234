package dev.jsops.sops.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Events to {@link YamlNode} documents the way go-yaml v3's decoder builds {@code yaml.Node} trees
 * ({@code decode.go} parser): the same tag defaults, anchors shared across documents, and the same moves of foot
 * comments between keys, values and their mapping.
 */
final class YamlComposer {
    private final YamlParser parser;
    private final Map<String, YamlNode> anchors = new HashMap<>();
    private YamlEvent event;
    private boolean initialized;

    YamlComposer(byte[] input) {
        this.parser = new YamlParser(input);
    }

    /** The next document node, or null at the end of the stream. */
    YamlNode nextDocument() {
        if (!initialized) {
            expect(YamlEvent.E.STREAM_START);
            initialized = true;
        }
        return parse();
    }

    private YamlEvent.E peek() {
        if (event == null) {
            event = parser.next();
            if (event == null) {
                throw new YamlSyntaxError("yaml: attempted to go past the end of stream; corrupted value?");
            }
        }
        return event.type;
    }

    private void expect(YamlEvent.E type) {
        peek();
        if (event.type == YamlEvent.E.STREAM_END && type != YamlEvent.E.STREAM_END) {
            throw new YamlSyntaxError("yaml: attempted to go past the end of stream; corrupted value?");
        }
        if (event.type != type) {
            throw new YamlSyntaxError("yaml: expected " + type + " event but got " + event.type);
        }
        event = null;
    }

    private YamlNode parse() {
        return switch (peek()) {
            case SCALAR -> scalar();
            case ALIAS -> alias();
            case MAPPING_START -> mapping();
            case SEQUENCE_START -> sequence();
            case DOCUMENT_START -> document();
            case STREAM_END -> null;
            default -> throw new YamlSyntaxError("yaml: internal error: unexpected event " + event.type);
        };
    }

    private YamlNode node(YamlNode.Kind kind, String defaultTag, String tag, String value) {
        YamlNode n = new YamlNode(kind);
        if (tag != null && !tag.isEmpty() && !tag.equals("!")) {
            n.tag = GoYamlScalars.shortTag(tag);
            n.style = YamlNode.TAGGED;
        } else if (!defaultTag.isEmpty()) {
            n.tag = defaultTag;
        } else if (kind == YamlNode.Kind.SCALAR) {
            n.resolved = GoYamlScalars.resolve("", value);
            n.tag = n.resolved.tag();
        }
        n.value = value;
        n.lineNo = event.start.line() + 1;
        n.column = event.start.column() + 1;
        n.head = nz(event.head);
        n.line = nz(event.line);
        n.foot = nz(event.foot);
        return n;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private void anchor(YamlNode n, String anchor) {
        if (anchor != null) {
            n.anchor = anchor;
            anchors.put(anchor, n);
        }
    }

    private YamlNode document() {
        YamlNode n = node(YamlNode.Kind.DOCUMENT, "", "", "");
        expect(YamlEvent.E.DOCUMENT_START);
        YamlNode child = parse();
        n.content.add(child);
        if (peek() == YamlEvent.E.DOCUMENT_END) {
            n.foot = nz(event.foot);
        }
        expect(YamlEvent.E.DOCUMENT_END);
        return n;
    }

    private YamlNode alias() {
        YamlNode n = node(YamlNode.Kind.ALIAS, "", "", event.anchor);
        n.alias = anchors.get(n.value);
        if (n.alias == null) {
            throw new YamlSyntaxError("yaml: unknown anchor '" + n.value + "' referenced");
        }
        expect(YamlEvent.E.ALIAS);
        return n;
    }

    private YamlNode scalar() {
        int parsedStyle = event.style;
        int nodeStyle = switch (parsedStyle) {
            case YamlScanner.DOUBLE_QUOTED -> YamlNode.DOUBLE_QUOTED;
            case YamlScanner.SINGLE_QUOTED -> YamlNode.SINGLE_QUOTED;
            case YamlScanner.LITERAL -> YamlNode.LITERAL;
            case YamlScanner.FOLDED -> YamlNode.FOLDED;
            default -> 0;
        };
        String value = event.value;
        String defaultTag = "";
        if (nodeStyle == 0) {
            if (value.equals("<<")) {
                defaultTag = GoYamlScalars.MERGE;
            }
        } else {
            defaultTag = GoYamlScalars.STR;
        }
        YamlNode n = node(YamlNode.Kind.SCALAR, defaultTag, event.tag, value);
        n.style |= nodeStyle;
        anchor(n, event.anchor);
        expect(YamlEvent.E.SCALAR);
        return n;
    }

    private YamlNode sequence() {
        YamlNode n = node(YamlNode.Kind.SEQUENCE, GoYamlScalars.SEQ, event.tag, "");
        if (event.style == YamlEvent.FLOW) {
            n.style |= YamlNode.FLOW;
        }
        anchor(n, event.anchor);
        expect(YamlEvent.E.SEQUENCE_START);
        while (peek() != YamlEvent.E.SEQUENCE_END) {
            n.content.add(parse());
        }
        n.line = nz(event.line);
        n.foot = nz(event.foot);
        expect(YamlEvent.E.SEQUENCE_END);
        return n;
    }

    private YamlNode mapping() {
        YamlNode n = node(YamlNode.Kind.MAPPING, GoYamlScalars.MAP, event.tag, "");
        boolean block = true;
        if (event.style == YamlEvent.FLOW) {
            block = false;
            n.style |= YamlNode.FLOW;
        }
        anchor(n, event.anchor);
        expect(YamlEvent.E.MAPPING_START);
        while (peek() != YamlEvent.E.MAPPING_END) {
            YamlNode k = parse();
            n.content.add(k);
            if (block && !k.foot.isEmpty()) {
                // A foot comment parsed with a key belongs to the previous pair.
                if (n.content.size() > 2) {
                    n.content.get(n.content.size() - 3).foot = k.foot;
                    k.foot = "";
                }
            }
            YamlNode v = parse();
            n.content.add(v);
            if (k.foot.isEmpty() && !v.foot.isEmpty()) {
                k.foot = v.foot;
                v.foot = "";
            }
        }
        n.line = nz(event.line);
        n.foot = nz(event.foot);
        if ((n.style & YamlNode.FLOW) == 0 && !n.foot.isEmpty() && n.content.size() > 1) {
            n.content.get(n.content.size() - 2).foot = n.foot;
            n.foot = "";
        }
        expect(YamlEvent.E.MAPPING_END);
        return n;
    }
}
