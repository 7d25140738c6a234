package dev.jsops.cli;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code jsops completion}: a bash (and zsh, via bashcompinit) completion script from picocli's generator. */
final class CompletionCommand implements Command {
    @Override
    public Spec spec() {
        return new Spec("completion",
                "Print a shell completion script for bash and zsh.",
                "bash: source <(jsops completion)    zsh: autoload -U bashcompinit && bashcompinit && source <(jsops completion)");
    }

    @Override
    public int run(Args args) throws Exception {
        OutputStream out = Cli.stdout();
        out.write(Help.bashCompletion(Main.rootSpec()).getBytes(StandardCharsets.UTF_8));
        out.close();
        return 0;
    }
}
