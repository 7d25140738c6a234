package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.GoFloat;
import dev.jsops.sops.GoUtf8;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Value;
import java.time.OffsetDateTime;

/**
 * sops's JSON rendering: its hand-rolled compact encoder ({@code encodeTree}/{@code encodeArray} with
 * {@code json.Marshal} for scalars) followed by {@code json.Indent}, done here in a single pass since the indented
 * layout of well-formed compact input is fully determined.
 */
final class JsonWriter {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Why a value could not be encoded; the message follows sops's nesting of Go errors. */
    static final class EncodeException extends Exception {
        EncodeException(String message) {
            super(message);
        }
    }

    private final byte[] indent;

    /** {@code indent} is the JSON store setting: -1 for a tab, N ≥ 0 for N spaces. */
    JsonWriter(int indent) {
        if (indent < 0) {
            this.indent = new byte[] {'\t'};
        } else {
            this.indent = " ".repeat(indent).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
    }

    static void checkIndent(int indent) throws EncodeException {
        if (indent < -1) {
            throw new EncodeException("JSON Indentation parameter smaller than -1 is not accepted");
        }
    }

    private void newline(ByteSink out, int depth) {
        out.write('\n');
        for (int i = 0; i < depth; i++) {
            out.write(indent);
        }
    }

    void value(Node v, int depth, ByteSink out) throws EncodeException {
        if (v instanceof Branch b) {
            branch(b, depth, out);
        } else if (v instanceof Seq s) {
            seq(s, depth, out);
        } else {
            scalar((Value) v, out);
        }
    }

    private void branch(Branch b, int depth, ByteSink out) throws EncodeException {
        boolean empty = true;
        for (Branch.Item item : b.items()) {
            if (!(item instanceof Branch.Entry e)) {
                continue;
            }
            out.write(empty ? '{' : ',');
            newline(out, depth + 1);
            empty = false;
            if (e.nonStringKeyType() != null) {
                // Go sops asserts the key is a string and would crash here.
                throw new EncodeException("Error encoding key: non-string key of type " + e.nonStringKeyType());
            }
            string(e.key(), out);
            out.write(':').write(' ');
            try {
                value(e.value(), depth + 1, out);
            } catch (EncodeException ex) {
                // sops formats the (nil) partial output with %s, which prints nothing.
                throw new EncodeException("Error encoding value : " + ex.getMessage());
            }
        }
        if (empty) {
            out.write('{').write('}');
        } else {
            newline(out, depth);
            out.write('}');
        }
    }

    private void seq(Seq s, int depth, ByteSink out) throws EncodeException {
        boolean empty = true;
        for (Node item : s.items()) {
            if (item instanceof Comment) {
                continue;
            }
            out.write(empty ? '[' : ',');
            newline(out, depth + 1);
            empty = false;
            value(item, depth + 1, out);
        }
        if (empty) {
            out.write('[').write(']');
        } else {
            newline(out, depth);
            out.write(']');
        }
    }

    private static void scalar(Value v, ByteSink out) throws EncodeException {
        if (v instanceof Value.Str s) {
            string(s.value(), out);
        } else if (v instanceof Value.Bytes b) {
            bytes(b.value(), out);
        } else if (v instanceof Value.Int i) {
            out.ascii(Long.toString(i.value()));
        } else if (v instanceof Value.Float f) {
            double d = f.value();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new EncodeException("json: unsupported value: " + GoFloat.format(d, 'g'));
            }
            out.ascii(GoFloat.formatJson(d));
        } else if (v instanceof Value.Bool b) {
            out.ascii(b.value() ? "true" : "false");
        } else if (v instanceof Value.Null) {
            out.ascii("null");
        } else if (v instanceof Value.Time t) {
            OffsetDateTime odt = t.value();
            if (odt.getYear() < 0 || odt.getYear() > 9999) {
                throw new EncodeException("json: error calling MarshalJSON for type time.Time: "
                        + "Time.MarshalJSON: year outside of range [0,9999]");
            }
            out.write('"').ascii(GoText.rfc3339(odt, true)).write('"');
        } else if (v instanceof Value.Unsupported u) {
            if (u.goType().startsWith("uint") || u.goType().startsWith("int")) {
                out.ascii(u.text());
            } else {
                throw new EncodeException("json: unsupported type: " + u.goType());
            }
        } else {
            throw new EncodeException("json: unsupported type: " + v.getClass().getSimpleName());
        }
    }

    /** Go's {@code htmlSafeSet}: printable ASCII other than {@code " \ < > &}. */
    private static final boolean[] SAFE = new boolean[128];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            SAFE[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&';
        }
    }

    /** Go {@code json.Marshal} of a string: HTML-safe escaping, U+2028/9 escaped. */
    static void string(String s, ByteSink out) {
        out.write('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            i = out.asciiRun(s, i, SAFE);
            if (i >= n) {
                break;
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                asciiChar(c, out);
            } else if (c == '\u2028' || c == '\u2029') {
                out.ascii(c == '\u2028' ? "\\u2028" : "\\u2029");
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.codePoint(Character.toCodePoint(c, s.charAt(++i)));
            } else if (Character.isSurrogate(c)) {
                out.ascii("\\ufffd");
            } else {
                out.codePoint(c);
            }
        }
        out.write('"');
    }

    /** The same for a Go string holding invalid UTF-8: each bad byte becomes {@code \ufffd}. */
    static void bytes(byte[] b, ByteSink out) {
        out.write('"');
        for (int i = 0; i < b.length; ) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                asciiChar((char) c, out);
                i++;
                continue;
            }
            int n = GoUtf8.validLength(b, i, b.length);
            if (n == 0) {
                out.ascii("\\ufffd");
                i++;
            } else if (n == 3 && c == 0xE2 && (b[i + 1] & 0xFF) == 0x80
                    && ((b[i + 2] & 0xFF) == 0xA8 || (b[i + 2] & 0xFF) == 0xA9)) {
                out.ascii((b[i + 2] & 0xFF) == 0xA8 ? "\\u2028" : "\\u2029");
                i += 3;
            } else {
                out.write(b, i, n);
                i += n;
            }
        }
        out.write('"');
    }

    private static void asciiChar(char c, ByteSink out) {
        switch (c) {
            case '"' -> out.write('\\').write('"');
            case '\\' -> out.write('\\').write('\\');
            case '\b' -> out.write('\\').write('b');
            case '\f' -> out.write('\\').write('f');
            case '\n' -> out.write('\\').write('n');
            case '\r' -> out.write('\\').write('r');
            case '\t' -> out.write('\\').write('t');
            default -> {
                if (c < 0x20 || c == '<' || c == '>' || c == '&') {
                    out.write('\\').write('u').write('0').write('0').write(HEX[c >> 4]).write(HEX[c & 0xF]);
                } else {
                    out.write(c);
                }
            }
        }
    }

    /**
     * Go {@code json.Marshal} of a tree value by reflection, as the INI store's {@code EmitValue} does it: a branch
     * is a slice of {@code {"Key":…,"Value":…}} structs (an empty one a nil slice, {@code null}), comments are
     * {@code {"Value":…}} structs.
     */
    static void goMarshal(Node v, ByteSink out) throws EncodeException {
        if (v instanceof Comment c) {
            out.ascii("{\"Value\":");
            string(c.text(), out);
            out.write('}');
        } else if (v instanceof Branch b) {
            if (b.items().isEmpty()) {
                out.ascii("null");
                return;
            }
            out.write('[');
            boolean first = true;
            for (Branch.Item item : b.items()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.ascii("{\"Key\":");
                if (item instanceof Branch.Entry e) {
                    string(e.key(), out);
                    out.ascii(",\"Value\":");
                    goMarshal(e.value(), out);
                } else {
                    goMarshal((Comment) item, out);
                    out.ascii(",\"Value\":null");
                }
                out.write('}');
            }
            out.write(']');
        } else if (v instanceof Seq s) {
            out.write('[');
            boolean first = true;
            for (Node item : s.items()) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                goMarshal(item, out);
            }
            out.write(']');
        } else {
            scalar((Value) v, out);
        }
    }
}
