package dev.jsops.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import dev.jsops.age.AgeException;
import dev.jsops.sops.SopsException;

/**
 * Entry point of the {@code jsops} command: picks the subcommand, parses its arguments and turns every
 * failure into one line on standard error and an exit code. Never a stack trace (JSOPS_DEBUG=1 shows one).
 */
public final class Main {
    /** Subcommands, created on demand so a run loads only the classes of the command it executes. */
    private static final List<Entry> COMMANDS = List.of(
            new Entry("encrypt", EncryptCommand::new),
            new Entry("decrypt", DecryptCommand::new),
            new Entry("verify", VerifyCommand::new),
            new Entry("onepassword-secret", OnePasswordSecretCommand::new),
            new Entry("keygen", KeygenCommand::new),
            new Entry("age", AgeCommand::new),
            new Entry("completion", CompletionCommand::new),
            new Entry("__train", TrainCommand::new));

    private record Entry(String name, Supplier<Command> factory) {
    }

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args);
        System.out.flush();
        System.exit(code);
    }

    static Spec rootSpec() {
        Spec root = new Spec("jsops", "SOPS and age for the JVM: byte-compatible with sops, age and Flux.")
                .flag("Print version information and exit.", "-V", "--version");
        for (Entry e : COMMANDS) {
            Spec s = e.factory().get().spec();
            if (e.name().startsWith("__")) {
                s.hidden();
            }
            root.subcommand(s);
        }
        return root;
    }

    static int run(String... argv) {
        PrintStream err = Cli.stderr();
        if (argv.length == 0 || argv[0].equals("-h") || argv[0].equals("--help") || argv[0].equals("help")) {
            Spec root = rootSpec();
            Help.usage(root, root, argv.length == 0 ? err : System.out);
            return argv.length == 0 ? 2 : 0;
        }
        if (argv[0].equals("-V") || argv[0].equals("--version") || argv[0].equals("version")) {
            System.out.println("jsops " + version());
            return 0;
        }
        // sops takes --config, --indent and --mac-only-encrypted before the subcommand; so does jsops.
        List<String> globals = new java.util.ArrayList<>();
        int at = 0;
        while (at < argv.length && argv[at].startsWith("-")) {
            String g = argv[at];
            boolean takesValue = g.equals("--config") || g.equals("-config") || g.equals("--indent") || g.equals("-indent");
            globals.add(g);
            if (takesValue && at + 1 < argv.length) {
                globals.add(argv[++at]);
            }
            at++;
        }
        if (at == argv.length) {
            err.println("jsops: error: no command given (see jsops --help)");
            return 2;
        }
        String name = argv[at];
        Entry entry = COMMANDS.stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
        if (entry == null) {
            err.println("jsops: error: unknown command \"" + name + "\" (see jsops --help)");
            return 2;
        }
        Command command = entry.factory().get();
        String prefix = "jsops " + entry.name() + ": error: ";
        try {
            Spec spec = command.spec();
            List<String> rest = new java.util.ArrayList<>(globals);
            rest.addAll(Arrays.asList(argv).subList(at + 1, argv.length));
            Args args = Args.parse(spec, rest);
            if (args.help()) {
                Help.usage(spec, rootSpec(), System.out);
                return 0;
            }
            return command.run(args);
        } catch (Args.UsageException e) {
            err.println(prefix + e.getMessage() + " (see jsops " + entry.name() + " --help)");
            return 2;
        } catch (Exception e) {
            return report(e, prefix, err);
        }
    }

    static int report(Exception e, String prefix, PrintStream err) {
        int code;
        if (e instanceof Cli.Failure f) {
            err.println(prefix + f.getMessage());
            code = f.exitCode();
        } else if (e instanceof SopsException s) {
            err.println(s.getMessage());
            code = s.exitCode().code();
        } else if (e instanceof AgeException a) {
            err.println(prefix + a.outcome() + ": " + a.getMessage());
            code = 1;
        } else if (e instanceof IOException io) {
            err.println(prefix + describe(io));
            code = 1;
        } else {
            err.println(prefix + "internal error: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            code = 1;
        }
        if ("1".equals(System.getenv("JSOPS_DEBUG"))) {
            e.printStackTrace(err);
        }
        return code;
    }

    static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException a) {
            return a.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException a) {
            return a.getFile() + ": file exists";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String version() {
        Package p = Main.class.getPackage();
        String v = p == null ? null : p.getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
