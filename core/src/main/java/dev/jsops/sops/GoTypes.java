package dev.jsops.sops;

/** The Go type name ({@code %T}) sops prints for a tree value in its error messages. */
public final class GoTypes {
    private GoTypes() {
    }

    public static String name(Node n) {
        if (n instanceof Value.Str || n instanceof Value.Bytes) {
            return "string";
        }
        if (n instanceof Value.Int) {
            return "int";
        }
        if (n instanceof Value.Float) {
            return "float64";
        }
        if (n instanceof Value.Bool) {
            return "bool";
        }
        if (n instanceof Value.Time) {
            return "time.Time";
        }
        if (n instanceof Branch) {
            return "sops.TreeBranch";
        }
        if (n instanceof Seq) {
            return "[]interface {}";
        }
        if (n instanceof Comment) {
            return "sops.Comment";
        }
        if (n instanceof Value.Unsupported u) {
            return u.goType();
        }
        return "<nil>"; // Value.Null, Go's nil
    }
}
