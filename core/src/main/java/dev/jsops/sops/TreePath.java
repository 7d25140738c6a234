package dev.jsops.sops;

import java.util.ArrayList;
import java.util.List;

/**
 * A path into a tree as sops's {@code --extract}, {@code set} and {@code unset} write it:
 * {@code ["key"][0]['other']}. Components are map keys (quotes stripped, no escapes) or list indexes.
 */
public record TreePath(List<Object> components) {
    public TreePath {
        components = List.copyOf(components);
    }

    /** Parses sops's syntax; the message of the exception is sops's. */
    public static TreePath parse(String s) {
        List<Object> out = new ArrayList<>();
        for (String c : s.split("\\[", -1)) {
            if (c.isEmpty()) {
                continue;
            }
            if (c.charAt(c.length() - 1) != ']') {
                throw new IllegalArgumentException("component " + c + " doesn't end with ]");
            }
            c = c.substring(0, c.length() - 1);
            if (!c.isEmpty() && (c.charAt(0) == '"' || c.charAt(0) == '\'')) {
                if (c.length() < 2) {
                    throw new IllegalArgumentException("component " + c + " is not a quoted string");
                }
                out.add(c.substring(1, c.length() - 1));
            } else {
                try {
                    out.add((int) GoStrconv.atoi(c));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(e.getMessage());
                }
            }
        }
        return new TreePath(out);
    }

    /** The node at this path in a document (sops {@code Truncate}); list indexes count comment lines too. */
    public Node lookup(Branch document) throws SopsException {
        Node current = document;
        for (Object c : components) {
            if (c instanceof String key) {
                if (!(current instanceof Branch b)) {
                    throw new SopsException(ExitCode.ERROR_GENERIC, "error truncating tree: component ['" + key + "'] not found");
                }
                Node found = null;
                for (Branch.Item item : b.items()) {
                    if (item instanceof Branch.Entry e && e.key().equals(key)) {
                        found = e.value();
                        break;
                    }
                }
                if (found == null) {
                    throw new SopsException(ExitCode.ERROR_GENERIC, "error truncating tree: component ['" + key + "'] not found");
                }
                current = found;
            } else {
                int i = (Integer) c;
                if (!(current instanceof Seq s)) {
                    throw new SopsException(ExitCode.ERROR_GENERIC,
                            "error truncating tree: component [" + i + "] is integer, but tree part is not a slice");
                }
                if (i < 0 || s.items().size() <= i) {
                    throw new SopsException(ExitCode.ERROR_GENERIC, "error truncating tree: component [" + i + "] accesses out of bounds");
                }
                current = s.items().get(i);
            }
        }
        return current;
    }
}
