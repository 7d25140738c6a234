package dev.jsops.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

import dev.jsops.age.AgeException;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.HybridIdentity;
import dev.jsops.age.Identity;
import dev.jsops.age.X25519Identity;

/** {@code jsops keygen}: the same output and behaviour as {@code age-keygen}. */
final class KeygenCommand implements Command {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    @Override
    public Spec spec() {
        return new Spec("keygen",
                "Generate an age key pair, or print the recipients of an identity file (-y).",
                "Output and behaviour match age-keygen: '# created:' and '# public key:' lines, the public key "
                        + "on standard error when the output is not a terminal, files created with mode 0600 and never "
                        + "overwritten.")
                .option("FILE", "Write the result to FILE (created, never overwritten).", "-o", "--output")
                .flag("Generate a post-quantum hybrid ML-KEM-768 + X25519 key pair.", "-pq", "--pq")
                .flag("Convert an identity file (INPUT or standard input) to a recipients file.", "-y")
                .positional("INPUT", 0, 1, "Identity file for -y (default: standard input).");
    }

    @Override
    public int run(Args a) throws IOException {
        boolean convert = a.flag("-y");
        boolean pq = a.flag("--pq");
        String input = a.positional(0);
        if (a.positionals().size() > 1 || (input != null && !convert)) {
            throw Cli.fail(1, "too many arguments");
        }
        if (pq && convert) {
            throw Cli.fail(1, "-pq cannot be used with -y");
        }
        String output = a.value("--output");
        if (output == null || output.isEmpty()) {
            byte[] text = convert ? recipientsOf(readInput(input)) : generate(pq, false);
            OutputStream out = Cli.stdout();
            out.write(text);
            out.close();
            return 0;
        }
        // Like age-keygen, refuse an existing file before generating anything.
        try (AtomicOutput out = AtomicOutput.createNew(Path.of(output), AtomicOutput.OWNER_ONLY)) {
            byte[] text = convert ? recipientsOf(readInput(input)) : generate(pq, true);
            out.stream().write(text);
            out.commit();
        } catch (FileAlreadyExistsException e) {
            throw Cli.fail(1, "failed to open output file \"" + output + "\": file exists");
        }
        return 0;
    }

    private static byte[] readInput(String input) throws IOException {
        if (input == null || input.equals("-")) {
            return System.in.readAllBytes();
        }
        try (InputStream in = Files.newInputStream(Path.of(input))) {
            return in.readAllBytes();
        } catch (java.nio.file.NoSuchFileException e) {
            throw Cli.fail(1, "failed to open input file \"" + input + "\": no such file or directory");
        }
    }

    static byte[] generate(boolean pq, boolean toFile) {
        String recipient;
        String identity;
        if (pq) {
            HybridIdentity id = HybridIdentity.generate();
            recipient = id.recipient().toString();
            identity = id.encode();
            id.destroy();
        } else {
            X25519Identity id = X25519Identity.generate();
            recipient = id.recipient().toString();
            identity = id.encode();
            id.destroy();
        }
        // age-keygen prints the public key to stderr whenever its output is not a terminal.
        if (toFile || System.console() == null) {
            Cli.stderr().println("Public key: " + recipient);
        }
        String created = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS).format(RFC3339);
        return ("# created: " + created + "\n# public key: " + recipient + "\n" + identity + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] recipientsOf(byte[] identityFile) {
        List<Identity> ids;
        try {
            ids = AgeKeys.parseIdentities(identityFile);
        } catch (AgeException.MalformedKey e) {
            throw Cli.fail(1, "failed to parse input: " + e.getMessage());
        }
        StringBuilder sb = new StringBuilder();
        for (Identity id : ids) {
            sb.append(Identities.recipientOf(id, "input")).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
