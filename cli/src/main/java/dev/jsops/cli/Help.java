package dev.jsops.cli;

import java.io.PrintStream;
import java.util.List;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Usage help and shell completion, rendered by picocli from the same {@link Spec}s the parser uses.
 * picocli is only loaded here: its start-up (annotation reflection, Java 5 bytecode that cannot be
 * AOT-cached) costs more than a whole jsops command, so the hot path never touches it.
 */
final class Help {
    private Help() {
    }

    static CommandSpec toPicocli(Spec spec) {
        CommandSpec cs = CommandSpec.create().name(spec.name);
        UsageMessageSpec usage = cs.usageMessage();
        usage.description(spec.description);
        usage.hidden(spec.hidden);
        for (Spec.Option o : spec.options) {
            OptionSpec.Builder b = OptionSpec.builder(o.names().toArray(new String[0]))
                    .description(o.description() + (o.defaultValue() != null ? " (default: " + o.defaultValue() + ")" : ""));
            if (o.isFlag()) {
                b.arity("0").type(boolean.class);
            } else {
                b.paramLabel(o.param()).arity("1").type(o.repeatable() ? String[].class : String.class);
            }
            cs.addOption(b.build());
        }
        int index = 0;
        for (Spec.Positional p : spec.positionals) {
            String arity = p.min() + ".." + (p.max() < 0 ? "*" : String.valueOf(p.max()));
            cs.addPositional(PositionalParamSpec.builder().paramLabel(p.label()).arity(arity)
                    .index(String.valueOf(index++)).description(p.description()).type(p.max() == 1 ? String.class : String[].class)
                    .build());
        }
        for (Spec sub : spec.subcommands) {
            cs.addSubcommand(sub.name, toPicocli(sub));
        }
        return cs;
    }

    static void usage(Spec spec, Spec root, PrintStream out) {
        usage(spec == root ? List.of() : List.of(spec.name), root, out);
    }

    /** Help for the command at {@code path} below the root ({@code [flux, build]}); the root for an empty path. */
    static void usage(List<String> path, Spec root, PrintStream out) {
        CommandLine target = new CommandLine(toPicocli(root));
        for (String name : path) {
            CommandLine sub = target.getSubcommands().get(name);
            if (sub == null) {
                break;
            }
            target = sub;
        }
        target.usage(out, CommandLine.Help.Ansi.OFF);
    }

    static String bashCompletion(Spec root) {
        return AutoComplete.bash(root.name, new CommandLine(toPicocli(root)));
    }
}
