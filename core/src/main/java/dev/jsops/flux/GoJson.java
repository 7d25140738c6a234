package dev.jsops.flux;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jsops.sops.Branch;
import dev.jsops.sops.GoFloat;
import dev.jsops.sops.GoTime;
import dev.jsops.sops.GoUtf8;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Value;

/**
 * A built resource as Flux hands it to sops: kustomize's {@code Resource.MarshalJSON}, i.e. the YAML decoded into
 * Go's {@code map[string]interface{}} by go-yaml v3 and encoded by {@code encoding/json}. Comments disappear, map
 * keys are sorted bytewise (Go sorts map keys), timestamps become RFC 3339 strings, integers stay integers and
 * floats are written as Go writes them. {@code NaN}/{@code ±Inf} and nested maps with non-string keys cannot be
 * encoded, exactly as in Go.
 */
final class GoJson {
    /** Go's order of map keys: bytewise over UTF-8 (not Java's UTF-16 order). */
    static final Comparator<String> KEY_ORDER = (a, b) -> {
        byte[] x = a.getBytes(StandardCharsets.UTF_8);
        byte[] y = b.getBytes(StandardCharsets.UTF_8);
        return java.util.Arrays.compareUnsigned(x, y);
    };

    private GoJson() {
    }

    /**
     * The object as JSON. {@code sorted} false keeps document order instead of Go's sorted keys (used when the
     * caller wants sops's MAC, which covers values in document order).
     */
    static byte[] marshal(Branch object, boolean sorted) throws GoError {
        StringBuilder sb = new StringBuilder(1024);
        writeBranch(sb, object, sorted, true);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void writeBranch(StringBuilder sb, Branch b, boolean sorted, boolean top) throws GoError {
        // A Go map: one value per key, the last one winning.
        Map<String, Value> entries = new LinkedHashMap<>();
        for (Branch.Entry e : b.entries()) {
            if (e.nonStringKeyType() != null && !top) {
                // go-yaml decodes such a mapping into map[interface{}]interface{}, which encoding/json refuses.
                throw GoError.plain("json: unsupported type: map[interface {}]interface {}");
            }
            entries.remove(e.key());
            entries.put(e.key(), e.value());
        }
        List<String> keys = new ArrayList<>(entries.keySet());
        if (sorted) {
            keys.sort(KEY_ORDER);
        }
        sb.append('{');
        boolean first = true;
        for (String k : keys) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            writeString(sb, k);
            sb.append(':');
            writeValue(sb, entries.get(k), sorted);
        }
        sb.append('}');
    }

    private static void writeValue(StringBuilder sb, Value v, boolean sorted) throws GoError {
        if (v instanceof Branch b) {
            writeBranch(sb, b, sorted, false);
        } else if (v instanceof Seq s) {
            sb.append('[');
            boolean first = true;
            for (Node n : s.items()) {
                if (!(n instanceof Value item)) {
                    continue;
                }
                if (!first) {
                    sb.append(',');
                }
                first = false;
                writeValue(sb, item, sorted);
            }
            sb.append(']');
        } else if (v instanceof Value.Str s) {
            writeString(sb, s.value());
        } else if (v instanceof Value.Bytes b) {
            writeString(sb, GoUtf8.decodeReplacing(b.value(), 0, b.value().length));
        } else if (v instanceof Value.Int i) {
            sb.append(i.value());
        } else if (v instanceof Value.Float f) {
            try {
                sb.append(GoFloat.formatJson(f.value()));
            } catch (IllegalArgumentException e) {
                throw GoError.plain(e.getMessage());
            }
        } else if (v instanceof Value.Bool b) {
            sb.append(b.value());
        } else if (v instanceof Value.Time t) {
            writeString(sb, GoTime.formatRfc3339Nano(t.value()));
        } else if (v instanceof Value.Unsupported u) {
            sb.append(goInteger(u.text()));
        } else {
            sb.append("null");
        }
    }

    /** A go-yaml integer literal beyond int64 (decoded as uint64) in decimal. */
    static String goInteger(String text) throws GoError {
        String s = text.replace("_", "");
        boolean neg = s.startsWith("-");
        if (s.startsWith("-") || s.startsWith("+")) {
            s = s.substring(1);
        }
        int radix = 10;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            s = s.substring(2);
        } else if (s.startsWith("0o") || s.startsWith("0O")) {
            radix = 8;
            s = s.substring(2);
        } else if (s.startsWith("0b") || s.startsWith("0B")) {
            radix = 2;
            s = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
        }
        try {
            BigInteger n = new BigInteger(s, radix);
            return (neg ? n.negate() : n).toString();
        } catch (NumberFormatException e) {
            throw GoError.plain("json: unsupported value");
        }
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
