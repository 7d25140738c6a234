package dev.jsops.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * The leaves of a tree as sops's walk visits them, with what the encryption rules say about each: the basis
 * for checks that need no key (is every value that should be encrypted encrypted?).
 */
public final class Leaves {
    private Leaves() {
    }

    /** A leaf (scalar or comment) of document {@code document} at key path {@code path}. */
    public record Leaf(int document, List<String> path, Node value, boolean encryptedByRules) {
        public Leaf {
            path = List.copyOf(path);
        }

        /** Whether the leaf holds an {@code ENC[…]} string. */
        public boolean isEncryptedValue() {
            return value instanceof Value.Str s && ValueCipher.isEncrypted(s.value())
                    || value instanceof Comment c && ValueCipher.isEncrypted(c.text());
        }

        /** The {@code type:} of an {@code ENC[…]} value, or empty. */
        public String encryptedType() {
            String s = value instanceof Value.Str v ? v.value() : value instanceof Comment c ? c.text() : "";
            int t = s.lastIndexOf(",type:");
            int end = s.lastIndexOf(']');
            return ValueCipher.isEncrypted(s) && t > 0 && end > t ? s.substring(t + 6, end) : "";
        }

        @Override
        public String toString() {
            return "Leaf[" + document + ", " + path + "]";
        }
    }

    /** Every leaf of every document, in walk order. Values that cannot be walked are skipped. */
    public static List<Leaf> of(Tree tree, EncryptionRules rules) {
        List<Leaf> out = new ArrayList<>();
        EncryptionRules effective = rules.withDefault();
        for (int d = 0; d < tree.branches().size(); d++) {
            int doc = d;
            try {
                TreeWalk.visit(Tree.of(tree.branches().get(d)), (in, path, comments) -> {
                    out.add(new Leaf(doc, path, in, effective.shouldBeEncrypted(path, comments, in instanceof Comment)));
                    return in;
                });
            } catch (SopsException e) {
                // Non-string keys or unsupported scalars: nothing a key-less check can say about them.
            }
        }
        return out;
    }
}
