package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.GoFloat;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Value;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/** Go's text renderings of tree values: sops {@code ValToString}, {@code fmt} {@code %v}, and time layouts. */
final class GoText {
    private GoText() {
    }

    /** sops {@code stores.ValToString}, for dotenv and INI values (bytes, since Go strings may be invalid UTF-8). */
    static byte[] valToString(Value v) {
        if (v instanceof Value.Str s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (v instanceof Value.Bytes b) {
            return b.value();
        }
        if (v instanceof Value.Float f) {
            return floatText(f.value()).getBytes(StandardCharsets.US_ASCII);
        }
        if (v instanceof Value.Time t) {
            return rfc3339(t.value(), false).getBytes(StandardCharsets.US_ASCII);
        }
        ByteSink out = new ByteSink(16);
        percentV(v, out);
        return out.toByteArray();
    }

    /** 'G' shortest, but never something that reads as an integer ({@code 5.0}, not {@code 5}). */
    static String floatText(double d) {
        String s = GoFloat.format(d, 'G');
        if (s.indexOf('.') < 0 && s.indexOf('E') < 0) {
            s = GoFloat.formatFixed(d, 1);
        }
        return s;
    }

    /** Go {@code fmt.Sprintf("%v", x)} for the dynamic types a sops tree holds. */
    static void percentV(Node n, ByteSink out) {
        if (n instanceof Comment c) {
            // sops.Comment is a struct {Value string}.
            out.write('{').utf8(c.text()).write('}');
        } else if (n instanceof Value.Str s) {
            out.utf8(s.value());
        } else if (n instanceof Value.Bytes b) {
            out.write(b.value());
        } else if (n instanceof Value.Int i) {
            out.ascii(Long.toString(i.value()));
        } else if (n instanceof Value.Float f) {
            out.ascii(GoFloat.format(f.value(), 'g'));
        } else if (n instanceof Value.Bool b) {
            out.ascii(Boolean.toString(b.value()));
        } else if (n instanceof Value.Time t) {
            out.ascii(timeString(t.value()));
        } else if (n instanceof Value.Null) {
            out.ascii("<nil>");
        } else if (n instanceof Value.Unsupported u) {
            out.utf8(u.text());
        } else if (n instanceof Seq s) {
            out.write('[');
            boolean first = true;
            for (Node item : s.items()) {
                if (!first) {
                    out.write(' ');
                }
                first = false;
                percentV(item, out);
            }
            out.write(']');
        } else if (n instanceof Branch b) {
            // A TreeBranch is a slice of TreeItem{Key, Value} structs; comment items have a Comment key and nil value.
            out.write('[');
            boolean first = true;
            for (Branch.Item item : b.items()) {
                if (!first) {
                    out.write(' ');
                }
                first = false;
                out.write('{');
                if (item instanceof Branch.Entry e) {
                    out.utf8(e.key()).write(' ');
                    percentV(e.value(), out);
                } else {
                    percentV((Comment) item, out);
                    out.ascii(" <nil>");
                }
                out.write('}');
            }
            out.write(']');
        }
    }

    /** Go {@code time.RFC3339} ({@code nano=false}) or {@code time.RFC3339Nano} layout. */
    static String rfc3339(OffsetDateTime t, boolean nano) {
        StringBuilder sb = new StringBuilder(35);
        appendDate(sb, t, 'T');
        if (nano && t.getNano() != 0) {
            String frac = String.format("%09d", t.getNano());
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        int off = t.getOffset().getTotalSeconds();
        if (off == 0) {
            sb.append('Z');
        } else {
            appendOffset(sb, off, true);
        }
        return sb.toString();
    }

    /** Go {@code time.Time.String()}: {@code 2006-01-02 15:04:05.999999999 -0700 MST}. */
    static String timeString(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(40);
        appendDate(sb, t, ' ');
        if (t.getNano() != 0) {
            String frac = String.format("%09d", t.getNano());
            int end = frac.length();
            while (frac.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(frac, 0, end);
        }
        int off = t.getOffset().getTotalSeconds();
        sb.append(' ');
        appendOffset(sb, off, false);
        sb.append(' ');
        // Go names a zero offset UTC; other fixed zones parsed from text have no name and print the offset again.
        if (off == 0) {
            sb.append("UTC");
        } else {
            appendOffset(sb, off, false);
        }
        return sb.toString();
    }

    private static void appendDate(StringBuilder sb, OffsetDateTime t, char sep) {
        int y = t.getYear();
        if (y < 0) {
            sb.append('-');
            y = -y;
        }
        pad(sb, y, 4).append('-');
        pad(sb, t.getMonthValue(), 2).append('-');
        pad(sb, t.getDayOfMonth(), 2).append(sep);
        pad(sb, t.getHour(), 2).append(':');
        pad(sb, t.getMinute(), 2).append(':');
        pad(sb, t.getSecond(), 2);
    }

    private static void appendOffset(StringBuilder sb, int off, boolean colon) {
        sb.append(off < 0 ? '-' : '+');
        int a = Math.abs(off) / 60;
        pad(sb, a / 60, 2);
        if (colon) {
            sb.append(':');
        }
        pad(sb, a % 60, 2);
    }

    private static StringBuilder pad(StringBuilder sb, int v, int width) {
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        return sb.append(s);
    }
}
