package dev.jsops.cli;

import java.util.List;
import java.util.function.Supplier;

/**
 * A command that only holds subcommands ({@code jsops flux build}, {@code jsops flux decrypt} …). {@link Main}
 * descends into it by name; its spec lists the subcommands' specs, so help and completion show the tree.
 */
final class CommandGroup implements Command {
    /** A named subcommand, created on demand. */
    record Entry(String name, Supplier<Command> factory) {
    }

    private final String name;
    private final String[] description;
    private final List<Entry> entries;

    CommandGroup(String name, List<Entry> entries, String... description) {
        this.name = name;
        this.description = description;
        this.entries = List.copyOf(entries);
    }

    Command find(String sub) {
        for (Entry e : entries) {
            if (e.name().equals(sub)) {
                return e.factory().get();
            }
        }
        return null;
    }

    @Override
    public Spec spec() {
        Spec s = new Spec(name, description);
        for (Entry e : entries) {
            s.subcommand(e.factory().get().spec());
        }
        return s;
    }

    @Override
    public int run(Args args) {
        throw Cli.fail(2, "a subcommand is required");
    }
}
