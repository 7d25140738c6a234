package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.GoUtf8;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The INI format (sops {@code stores/ini} over gopkg.in/ini.v1 v1.67.3 with non-unique sections): the tree is one
 * entry per section, the implicit {@code DEFAULT} section first, each mapping key names to string values, with
 * comments as sops places them.
 */
public final class IniStore implements Store {
    private static final String DEFAULT_SECTION = "DEFAULT";

    @Override
    public Format format() {
        return Format.INI;
    }

    @Override
    public MetadataLayout metadataLayout() {
        return MetadataLayout.FLATTENED_BELOW_TOP;
    }

    // ---- reading ------------------------------------------------------------------------------------------------

    /** An ini.v1 key: value and comment are byte strings held one byte per char (ISO-8859-1). */
    private static final class Key {
        String value;
        String comment = "";
    }

    private static final class Section {
        final String name;
        String comment = "";
        final Map<String, Key> keys = new LinkedHashMap<>();

        Section(String name) {
            this.name = name;
        }
    }

    @Override
    public Tree loadPlain(byte[] in) throws StoreException {
        List<Section> sections;
        try {
            sections = new Parser(in).parse();
        } catch (ParseException e) {
            throw new StoreException("Could not unmarshal input data: " + e.getMessage());
        }
        List<Branch.Item> items = new ArrayList<>(sections.size());
        for (Section s : sections) {
            List<Branch.Item> sectionItems = new ArrayList<>();
            if (!s.comment.isEmpty()) {
                sectionItems.add(new Comment(text(stripCommentChar(s.comment))));
            }
            for (Map.Entry<String, Key> e : s.keys.entrySet()) {
                sectionItems.add(new Branch.Entry(text(e.getKey()), value(e.getValue().value)));
                if (!e.getValue().comment.isEmpty()) {
                    sectionItems.add(new Comment(text(stripCommentChar(e.getValue().comment))));
                }
            }
            items.add(new Branch.Entry(text(s.name), new Branch(sectionItems)));
        }
        return Tree.of(new Branch(items));
    }

    private static String stripCommentChar(String c) {
        if (c.startsWith(";")) {
            return trimLeftChars(c, "; ");
        }
        if (c.startsWith("#")) {
            return trimLeftChars(c, "# ");
        }
        return c;
    }

    private static String trimLeftChars(String s, String set) {
        int i = 0;
        while (i < s.length() && set.indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        return s.substring(i);
    }

    private static String text(String latin1) {
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return GoUtf8.decodeReplacing(b, 0, b.length);
    }

    private static Value value(String latin1) {
        byte[] b = latin1.getBytes(StandardCharsets.ISO_8859_1);
        return GoUtf8.stringValue(b, 0, b.length);
    }

    private static final class ParseException extends Exception {
        ParseException(String message) {
            super(message);
        }
    }

    /** ini.v1's line parser with sops's options (only non-unique sections differ from the defaults). */
    private static final class Parser {
        private final String src;
        private int pos;
        private boolean eof;
        private int lineNo;
        private final StringBuilder comment = new StringBuilder();

        Parser(byte[] in) {
            int skip = 0;
            if (in.length >= 2 && ((in[0] & 0xFF) == 0xFE && (in[1] & 0xFF) == 0xFF
                    || (in[0] & 0xFF) == 0xFF && (in[1] & 0xFF) == 0xFE)) {
                skip = 2;
            } else if (in.length >= 3 && (in[0] & 0xFF) == 0xEF && (in[1] & 0xFF) == 0xBB && (in[2] & 0xFF) == 0xBF) {
                skip = 3;
            }
            this.src = new String(in, skip, in.length - skip, StandardCharsets.ISO_8859_1);
        }

        /** bufio ReadBytes('\n'): the next line with its newline; the last piece sets eof. */
        private String readLine() {
            int nl = src.indexOf('\n', pos);
            lineNo++;
            String line;
            if (nl < 0) {
                line = src.substring(pos);
                pos = src.length();
                eof = true;
            } else {
                line = src.substring(pos, nl + 1);
                pos = nl + 1;
            }
            return line;
        }

        List<Section> parse() throws ParseException {
            List<Section> sections = new ArrayList<>();
            Section section = new Section(DEFAULT_SECTION);
            sections.add(section);
            int count = 1;
            while (!eof) {
                String line = GoSpace.trimLeft(readLine());
                if (line.isEmpty()) {
                    continue;
                }
                char c0 = line.charAt(0);
                if (c0 == '#' || c0 == ';') {
                    comment.append(line);
                    continue;
                }
                if (c0 == '[') {
                    int close = line.lastIndexOf(']');
                    if (close < 0) {
                        throw new ParseException("unclosed section (line " + lineNo + ")");
                    }
                    String name = line.substring(1, close);
                    if (name.isEmpty()) {
                        throw new ParseException("empty section name");
                    }
                    section = new Section(name);
                    sections.add(section);
                    int ci = indexOfAny(line, close + 1, "#;");
                    if (ci >= 0) {
                        comment.append(line, ci, line.length());
                    }
                    section.comment = GoSpace.trim(comment.toString());
                    comment.setLength(0);
                    count = 1;
                    continue;
                }
                String kname;
                int offset;
                // Key name, possibly quoted.
                String keyQuote = null;
                if (c0 == '"') {
                    keyQuote = line.length() > 6 && line.startsWith("\"\"\"") ? "\"\"\"" : "\"";
                } else if (c0 == '`') {
                    keyQuote = "`";
                }
                if (keyQuote != null) {
                    int start = keyQuote.length();
                    int p = line.indexOf(keyQuote, start);
                    if (p < 0) {
                        throw new ParseException("missing closing key quote (line " + lineNo + ")");
                    }
                    int i = indexOfAny(line, p + start, "=:");
                    if (i < 0) {
                        throw new ParseException("key-value delimiter not found (line " + lineNo + ")");
                    }
                    kname = GoSpace.trim(line.substring(start, p));
                    offset = i + 1;
                } else {
                    int end = indexOfAny(line, 0, "=:");
                    if (end < 0) {
                        throw new ParseException("key-value delimiter not found (line " + lineNo + ")");
                    }
                    if (end == 0) {
                        throw new ParseException("empty key name (line " + lineNo + ")");
                    }
                    kname = GoSpace.trim(line.substring(0, end));
                    offset = end + 1;
                }
                if (kname.equals("-")) {
                    kname = "#" + count;
                    count++;
                }
                String value = readValue(line.substring(offset));
                if (kname.isEmpty()) {
                    throw new ParseException("error creating new key: empty key name");
                }
                Key key = section.keys.get(kname);
                if (key == null) {
                    key = new Key();
                    section.keys.put(kname, key);
                }
                key.value = value;
                key.comment = GoSpace.trim(comment.toString());
                comment.setLength(0);
            }
            return sections;
        }

        private String readValue(String in) throws ParseException {
            String line = GoSpace.trimLeft(in);
            if (line.isEmpty()) {
                return "";
            }
            String valQuote = null;
            if (line.length() > 3 && line.startsWith("\"\"\"")) {
                valQuote = "\"\"\"";
            } else if (line.charAt(0) == '`') {
                valQuote = "`";
            }
            if (valQuote != null) {
                int start = valQuote.length();
                int p = line.substring(start).lastIndexOf(valQuote);
                if (p < 0) {
                    return readMultilines(line.substring(start), valQuote);
                }
                return line.substring(start, p + start);
            }
            line = GoSpace.trim(line);
            if (line.charAt(line.length() - 1) == '\\') {
                return readContinuationLines(line.substring(0, line.length() - 1));
            }
            int i = indexOfAny(line, 0, "#;");
            if (i > -1) {
                comment.append(line, i, line.length());
                line = GoSpace.trim(line.substring(0, i));
            }
            if (surrounded(line, '\'') || surrounded(line, '"')) {
                line = line.substring(1, line.length() - 1);
            }
            return line;
        }

        private static boolean surrounded(String s, char q) {
            return s.length() >= 2 && s.charAt(0) == q && s.charAt(s.length() - 1) == q
                    && s.indexOf(q, 1) == s.length() - 1;
        }

        private String readMultilines(String val, String valQuote) throws ParseException {
            StringBuilder sb = new StringBuilder(val);
            while (true) {
                String next = readLine();
                int p = next.lastIndexOf(valQuote);
                if (p > -1) {
                    String rest = trimRightChars(next.substring(p + valQuote.length()), "\r\n");
                    if (GoSpace.trim(rest).endsWith("\\")) {
                        sb.append(next);
                        continue;
                    }
                    sb.append(next, 0, p);
                    int ci = indexOfAny(next, p, "#;");
                    if (ci >= 0) {
                        comment.append(GoSpace.trim(next.substring(ci)));
                    }
                    break;
                }
                sb.append(next);
                if (eof) {
                    throw new ParseException("missing closing key quote (line " + lineNo + ")");
                }
            }
            return sb.toString();
        }

        private String readContinuationLines(String val) {
            StringBuilder sb = new StringBuilder(val);
            while (true) {
                String next = GoSpace.trim(readLine());
                if (next.isEmpty()) {
                    break;
                }
                sb.append(next);
                if (sb.charAt(sb.length() - 1) != '\\') {
                    break;
                }
                sb.setLength(sb.length() - 1);
            }
            return sb.toString();
        }

        private static String trimRightChars(String s, String set) {
            int end = s.length();
            while (end > 0 && set.indexOf(s.charAt(end - 1)) >= 0) {
                end--;
            }
            return s.substring(0, end);
        }
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    // ---- writing ------------------------------------------------------------------------------------------------

    /** A section being written: names, values and comments as UTF-8 bytes held one per char. */
    private static final class OutSection {
        final String name;
        String comment = "";
        final Map<String, Key> keys = new LinkedHashMap<>();

        OutSection(String name) {
            this.name = name;
        }
    }

    @Override
    public byte[] emitPlain(Tree tree) throws StoreException {
        List<OutSection> sections = new ArrayList<>();
        for (Branch doc : tree.branches()) {
            for (Branch.Item item : doc.items()) {
                if (!(item instanceof Branch.Entry e)) {
                    continue;
                }
                if (e.key().isEmpty()) {
                    throw new StoreException("Error marshaling to INI: Error encoding section : empty section name");
                }
                OutSection section = new OutSection(latin1(e.key()));
                sections.add(section);
                if (!(e.value() instanceof Branch body)) {
                    throw new StoreException("Error marshaling to INI: Error encoding section: Section values should "
                            + "always be TreeBranches");
                }
                List<Branch.Item> its = body.items();
                int first = 0;
                if (!its.isEmpty() && its.get(0) instanceof Comment c) {
                    section.comment = latin1(c.text());
                    first = 1;
                }
                Key last = null;
                for (int i = first; i < its.size(); i++) {
                    Branch.Item it = its.get(i);
                    if (it instanceof Comment c) {
                        if (last != null) {
                            last.comment = latin1(c.text());
                        }
                    } else {
                        Branch.Entry ke = (Branch.Entry) it;
                        if (ke.key().isEmpty()) {
                            throw new StoreException("Error marshaling to INI: Error encoding key: error creating new "
                                    + "key: empty key name");
                        }
                        String name = latin1(ke.key());
                        Key k = section.keys.get(name);
                        if (k == null) {
                            k = new Key();
                            section.keys.put(name, k);
                        }
                        k.value = new String(GoText.valToString(ke.value()), StandardCharsets.ISO_8859_1);
                        last = k;
                    }
                }
            }
        }
        return write(sections);
    }

    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** ini.v1 {@code WriteTo} with its package defaults (pretty format, blank line between sections). */
    private static byte[] write(List<OutSection> sections) throws StoreException {
        StringBuilder buf = new StringBuilder(1024);
        for (int si = 0; si < sections.size(); si++) {
            OutSection sec = sections.get(si);
            if (!sec.comment.isEmpty()) {
                for (String line : sec.comment.split("\n", -1)) {
                    buf.append(commentLine(line, false)).append('\n');
                }
            }
            if (si > 0 || !isDefaultName(sec.name)) {
                buf.append('[').append(sec.name).append("]\n");
            } else if (sec.keys.isEmpty()) {
                continue;
            }
            int align = 0;
            for (String k : sec.keys.keySet()) {
                int len = k.length();
                if (k.indexOf('"') >= 0 || k.indexOf('=') >= 0 || k.indexOf(':') >= 0) {
                    len += 2;
                } else if (k.indexOf('`') >= 0) {
                    len += 6;
                }
                align = Math.max(align, len);
            }
            for (Map.Entry<String, Key> e : sec.keys.entrySet()) {
                Key key = e.getValue();
                if (!key.comment.isEmpty()) {
                    for (String line : key.comment.split("\n", -1)) {
                        buf.append(commentLine(line, true)).append('\n');
                    }
                }
                String k = e.getKey();
                if (k.indexOf('"') >= 0 || k.indexOf('=') >= 0 || k.indexOf(':') >= 0) {
                    k = "`" + k + "`";
                } else if (k.indexOf('`') >= 0) {
                    k = "\"\"\"" + k + "\"\"\"";
                }
                buf.append(k);
                buf.append(" ".repeat(align - k.length()));
                String v = key.value;
                if (v.indexOf('\n') >= 0 || v.indexOf('`') >= 0) {
                    v = "\"\"\"" + v + "\"\"\"";
                } else if (v.indexOf('#') >= 0 || v.indexOf(';') >= 0) {
                    v = "`" + v + "`";
                } else if (GoSpace.trim(v).length() != v.length()) {
                    v = "\"" + v + "\"";
                }
                buf.append(" = ").append(v).append('\n');
            }
            if (si != sections.size() - 1) {
                buf.append('\n');
            }
        }
        return buf.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean isDefaultName(String name) {
        return name.length() == DEFAULT_SECTION.length() && name.equalsIgnoreCase(DEFAULT_SECTION);
    }

    private static String commentLine(String line, boolean trimPlain) throws StoreException {
        if (line.isEmpty()) {
            // ini.v1 indexes the first byte of every comment line and would panic here.
            throw new StoreException("Error marshaling to INI: empty comment line");
        }
        char c = line.charAt(0);
        if (c != '#' && c != ';') {
            return "; " + (trimPlain ? GoSpace.trim(line) : line);
        }
        return c + " " + GoSpace.trim(line.substring(1));
    }

    /** sops's INI {@code EmitValue}: {@code json.Marshal} of the value, compact, no newline. */
    @Override
    public byte[] emitValue(Value value) throws StoreException {
        ByteSink out = new ByteSink(64);
        try {
            JsonWriter.goMarshal(value, out);
        } catch (JsonWriter.EncodeException e) {
            throw new StoreException(e.getMessage());
        }
        return out.toByteArray();
    }
}
