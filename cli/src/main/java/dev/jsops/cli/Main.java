package dev.jsops.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code jsops} command. */
@Command(name = "jsops", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "SOPS and age for the JVM.")
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws Exception {
            var props = new java.util.Properties();
            try (var in = Main.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    props.load(in);
                }
            }
            return new String[] {"jsops " + props.getProperty("version", "unknown")};
        }
    }
}
