package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Value;

/** The Go type name ({@code %T}) sops would print for a tree value. */
final class GoTypes {
    private GoTypes() {
    }

    static String name(Node n) {
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
        if (n instanceof Value.Null) {
            return "<nil>";
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
        return "?";
    }
}
