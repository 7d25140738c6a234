package dev.jsops.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * The declarative shape of a command: its options and positional parameters. One spec drives the fast
 * argument parser ({@link Args}) used on every run and, lazily, picocli's help and completion generators
 * ({@link Help}), so there is a single source of truth for flags.
 */
final class Spec {
    /** An option. {@code param} is null for a flag; {@code repeatable} collects every occurrence. */
    record Option(List<String> names, String param, boolean repeatable, String description, String defaultValue) {
        String primary() {
            String best = names.get(0);
            for (String n : names) {
                if (n.startsWith("--")) {
                    return n;
                }
            }
            return best;
        }

        boolean isFlag() {
            return param == null;
        }
    }

    /** A positional parameter; {@code max} -1 means any number. */
    record Positional(String label, int min, int max, String description) {
    }

    final String name;
    final String[] description;
    final List<Option> options = new ArrayList<>();
    final List<Positional> positionals = new ArrayList<>();
    final List<Spec> subcommands = new ArrayList<>();
    boolean hidden;

    Spec(String name, String... description) {
        this.name = name;
        this.description = description;
        flag("Show this help message and exit.", "-h", "--help");
    }

    Spec flag(String description, String... names) {
        options.add(new Option(List.of(names), null, false, description, null));
        return this;
    }

    Spec option(String param, String description, String... names) {
        options.add(new Option(List.of(names), param, false, description, null));
        return this;
    }

    Spec optionWithDefault(String param, String defaultValue, String description, String... names) {
        options.add(new Option(List.of(names), param, false, description, defaultValue));
        return this;
    }

    Spec repeatable(String param, String description, String... names) {
        options.add(new Option(List.of(names), param, true, description, null));
        return this;
    }

    Spec positional(String label, int min, int max, String description) {
        positionals.add(new Positional(label, min, max, description));
        return this;
    }

    Spec subcommand(Spec s) {
        subcommands.add(s);
        return this;
    }

    Spec hidden() {
        hidden = true;
        return this;
    }

    Option find(String name) {
        for (Option o : options) {
            if (o.names().contains(name)) {
                return o;
            }
        }
        return null;
    }

    Spec sub(String name) {
        for (Spec s : subcommands) {
            if (s.name.equals(name)) {
                return s;
            }
        }
        return null;
    }
}
