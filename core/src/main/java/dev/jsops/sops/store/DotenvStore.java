package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.GoTypes;
import dev.jsops.sops.GoUtf8;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The dotenv format (sops {@code stores/dotenv}): {@code KEY=value} lines split at the first {@code =}, no quoting,
 * no trimming, {@code \n} as the only escape, {@code #} comment lines; blank lines are dropped.
 */
public final class DotenvStore implements Store {

    @Override
    public Format format() {
        return Format.DOTENV;
    }

    @Override
    public MetadataLayout metadataLayout() {
        return MetadataLayout.FLATTENED_PREFIXED;
    }

    @Override
    public Tree loadPlain(byte[] in) throws StoreException {
        List<Branch.Item> items = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start <= in.length) {
            int end = start;
            while (end < in.length && in[end] != '\n') {
                end++;
            }
            lineNo++;
            if (end > start) {
                if (in[start] == '#') {
                    items.add(new Comment(GoUtf8.decodeReplacing(in, start + 1, end)));
                } else {
                    int eq = start;
                    while (eq < end && in[eq] != '=') {
                        eq++;
                    }
                    if (eq == end) {
                        // sops prints the line itself; it may hold a secret, so only its number is given.
                        throw new StoreException("invalid dotenv input line: line " + lineNo + " has no '='");
                    }
                    String key = GoUtf8.decodeReplacing(in, start, eq);
                    items.add(new Branch.Entry(key, unescape(in, eq + 1, end)));
                }
            }
            start = end + 1;
        }
        return Tree.of(new Branch(items));
    }

    /** The value with each backslash-n pair turned into a newline. */
    private static Value unescape(byte[] in, int from, int to) {
        ByteSink out = null;
        for (int i = from; i < to; i++) {
            if (in[i] == '\\' && i + 1 < to && in[i + 1] == 'n') {
                if (out == null) {
                    out = new ByteSink(to - from);
                    out.write(in, from, i - from);
                }
                out.write('\n');
                i++;
            } else if (out != null) {
                out.write(in[i]);
            }
        }
        if (out == null) {
            return GoUtf8.stringValue(in, from, to);
        }
        byte[] b = out.toByteArray();
        return GoUtf8.stringValue(b, 0, b.length);
    }

    @Override
    public byte[] emitPlain(Tree tree) throws StoreException {
        if (tree.branches().isEmpty()) {
            throw new StoreException("no document to write");
        }
        ByteSink out = new ByteSink(1024);
        for (Branch.Item item : tree.branches().get(0).items()) {
            if (item instanceof Comment c) {
                out.write('#').utf8(c.text()).write('\n');
                continue;
            }
            Branch.Entry e = (Branch.Entry) item;
            Value v = e.value();
            if (v instanceof Branch || v instanceof Seq) {
                throw new StoreException("cannot use complex value in dotenv file; offending key " + e.key());
            }
            out.utf8(e.key()).write('=');
            if (v instanceof Value.Str || v instanceof Value.Bytes) {
                for (byte b : GoText.valToString(v)) {
                    if (b == '\n') {
                        out.write('\\').write('n');
                    } else {
                        out.write(b);
                    }
                }
            } else {
                out.write(GoText.valToString(v));
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    @Override
    public byte[] emitValue(Value value) throws StoreException {
        if (value instanceof Value.Str || value instanceof Value.Bytes) {
            return GoText.valToString(value);
        }
        throw new StoreException("the dotenv store only supports emitting strings, got " + GoTypes.name(value));
    }
}
