package dev.jsops.sops;

import java.util.List;

/** A list (Go {@code []interface{}}); comments may stand between its elements. */
public record Seq(List<Node> items) implements Value {
    public Seq {
        items = List.copyOf(items);
    }

    @Override
    public String toString() {
        return "Seq[" + items.size() + " items]";
    }
}
