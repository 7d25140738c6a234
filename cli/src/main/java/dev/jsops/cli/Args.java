package dev.jsops.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parsed arguments. Syntax follows Go's flag package, which sops, age and age-keygen use: an option may be
 * written with one or two dashes ({@code -pq}, {@code --output}), its value as the next argument or after
 * {@code =}, booleans as {@code --flag} or {@code --flag=false}. Options may follow positionals, and
 * {@code --} ends option parsing. A lone {@code -} is a positional (standard input).
 */
final class Args {
    private final Spec spec;
    private final Map<Spec.Option, List<String>> values = new HashMap<>();
    private final List<String> positionals = new ArrayList<>();

    private Args(Spec spec) {
        this.spec = spec;
    }

    /** Thrown for a usage error; the message says what is wrong, and the CLI exits 2 for it unless a command overrides. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message, null, false, false);
        }
    }

    static Args parse(Spec spec, List<String> argv) {
        Args a = new Args(spec);
        boolean optionsDone = false;
        for (int i = 0; i < argv.size(); i++) {
            String arg = argv.get(i);
            if (optionsDone || arg.equals("-") || !arg.startsWith("-")) {
                a.positionals.add(arg);
                continue;
            }
            if (arg.equals("--")) {
                optionsDone = true;
                continue;
            }
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (eq > 0) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            Spec.Option o = spec.find(name);
            if (o == null && !name.startsWith("--")) {
                o = spec.find("-" + name);
            } else if (o == null) {
                o = spec.find(name.substring(1));
            }
            if (o == null) {
                throw new UsageException("flag provided but not defined: " + name);
            }
            String value;
            if (o.isFlag()) {
                if (inline == null) {
                    value = "true";
                } else if (inline.equals("true") || inline.equals("false")) {
                    value = inline;
                } else {
                    throw new UsageException("invalid boolean value \"" + inline + "\" for " + name);
                }
            } else if (inline != null) {
                value = inline;
            } else if (i + 1 < argv.size()) {
                value = argv.get(++i);
            } else {
                throw new UsageException("flag needs an argument: " + name);
            }
            List<String> list = a.values.computeIfAbsent(o, k -> new ArrayList<>());
            if (!o.repeatable()) {
                list.clear();
            }
            list.add(value);
        }
        return a;
    }

    private Spec.Option option(String name) {
        Spec.Option o = spec.find(name);
        if (o == null) {
            throw new IllegalArgumentException("no option " + name + " in " + spec.name);
        }
        return o;
    }

    boolean flag(String name) {
        List<String> v = values.get(option(name));
        return v != null && v.get(v.size() - 1).equals("true");
    }

    /** Whether the option was given at all (even as {@code --flag=false}). */
    boolean given(String name) {
        return values.containsKey(option(name));
    }

    String value(String name) {
        Spec.Option o = option(name);
        List<String> v = values.get(o);
        return v == null ? o.defaultValue() : v.get(v.size() - 1);
    }

    List<String> values(String name) {
        return values.getOrDefault(option(name), List.of());
    }

    int intValue(String name, int fallback) {
        String v = value(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("invalid value \"" + v + "\" for " + name + ": not an integer");
        }
    }

    List<String> positionals() {
        return positionals;
    }

    String positional(int i) {
        return i < positionals.size() ? positionals.get(i) : null;
    }

    boolean help() {
        return flag("--help");
    }
}
