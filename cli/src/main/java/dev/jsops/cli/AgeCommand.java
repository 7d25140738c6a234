package dev.jsops.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.jsops.age.Age;
import dev.jsops.age.AgeException;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.Identity;
import dev.jsops.age.Recipient;
import dev.jsops.age.ScryptIdentity;
import dev.jsops.age.ScryptRecipient;
import dev.jsops.age.Stanza;

/** {@code jsops age}: the age CLI's flags and behaviour, so scripts written for age can switch. */
final class AgeCommand implements Command {
    private boolean stdinInUse;

    @Override
    public Spec spec() {
        return new Spec("age",
                "Encrypt or decrypt age files, with the flags of the age command.",
                "Armored input is detected when decrypting. With -o, the output file appears only when the "
                        + "whole operation succeeded. Passphrases come from the terminal, or from AGE_PASSPHRASE.")
                .flag("Encrypt the input to the output. Default if omitted.", "-e", "--encrypt")
                .flag("Decrypt the input to the output.", "-d", "--decrypt")
                .option("OUTPUT", "Write the result to the file at path OUTPUT.", "-o", "--output")
                .flag("Encrypt to a PEM encoded format.", "-a", "--armor")
                .flag("Encrypt with a passphrase.", "-p", "--passphrase")
                .repeatable("RECIPIENT", "Encrypt to the specified RECIPIENT. Can be repeated.", "-r", "--recipient")
                .repeatable("PATH", "Encrypt to recipients listed at PATH. Can be repeated.", "-R", "--recipients-file")
                .repeatable("PATH", "Use the identity file at PATH. Can be repeated.", "-i", "--identity")
                .positional("INPUT", 0, 1, "Input file (default: standard input).");
    }

    @Override
    public int run(Args a) throws IOException {
        if (a.positionals().size() > 1) {
            throw Cli.fail(1, "too many INPUT arguments: only a single input file may be specified at a time");
        }
        boolean decrypt = a.flag("--decrypt");
        validate(a, decrypt);
        String input = a.positional(0);
        String output = a.value("--output");
        InputStream in = openInput(input, output);
        if (decrypt) {
            List<String> idFiles = a.values("--identity");
            List<Identity> identities = idFiles.isEmpty() ? List.of(new LazyScryptIdentity()) : loadIdentities(idFiles);
            InputStream plain;
            try {
                plain = Age.decryptDetectingArmor(new BufferedInputStream(in, 1 << 16), identities);
            } catch (AgeException.NoIdentityMatched e) {
                if (idFiles.isEmpty()) {
                    throw Cli.fail(1, "the file is not passphrase-encrypted, identities are required");
                }
                throw e;
            }
            writeDecrypted(plain, output);
        } else {
            writeEncrypted(in, output, loadRecipients(a), a.flag("--armor"));
        }
        return 0;
    }

    private static void validate(Args a, boolean decrypt) {
        boolean armor = a.flag("--armor");
        boolean passphrase = a.flag("--passphrase");
        int recipients = a.values("--recipient").size() + a.values("--recipients-file").size();
        int identities = a.values("--identity").size();
        if (decrypt) {
            if (a.flag("--encrypt")) {
                throw Cli.fail(1, "-e/--encrypt can't be used with -d/--decrypt");
            }
            if (armor) {
                throw Cli.fail(1, "-a/--armor can't be used with -d/--decrypt (armored files are detected automatically)");
            }
            if (passphrase) {
                throw Cli.fail(1, "-p/--passphrase can't be used with -d/--decrypt (passphrase-protected files are detected automatically)");
            }
            if (recipients > 0) {
                throw Cli.fail(1, "-r/--recipient and -R/--recipients-file can't be used with -d/--decrypt "
                        + "(did you mean to use -i/--identity to specify a private key?)");
            }
            return;
        }
        if (identities > 0 && !a.flag("--encrypt")) {
            throw Cli.fail(1, "-i/--identity can't be used in encryption mode unless symmetric encryption is "
                    + "explicitly selected with -e/--encrypt (did you forget to specify -d/--decrypt?)");
        }
        if (recipients + identities == 0 && !passphrase) {
            throw Cli.fail(1, "missing recipients (did you forget to specify -r/--recipient, -R/--recipients-file or -p/--passphrase?)");
        }
        if (passphrase && recipients + identities > 0) {
            throw Cli.fail(1, "-p/--passphrase can't be combined with -r/--recipient, -R/--recipients-file or -i/--identity");
        }
        if (a.value("--output") == null && !armor && System.console() != null) {
            throw Cli.fail(1, "refusing to output binary to the terminal (did you mean to use -a/--armor?)");
        }
    }

    private InputStream openInput(String input, String output) throws IOException {
        if (input == null || input.equals("-")) {
            stdinInUse = true;
            return System.in;
        }
        if (output != null && !output.equals("-")
                && Path.of(output).toAbsolutePath().normalize().equals(Path.of(input).toAbsolutePath().normalize())) {
            throw Cli.fail(1, "input and output file are the same: \"" + output + "\"");
        }
        try {
            return Files.newInputStream(Path.of(input));
        } catch (NoSuchFileException e) {
            throw Cli.fail(1, "failed to open input file \"" + input + "\": no such file or directory");
        }
    }

    private byte[] readNamed(String name) throws IOException {
        if (name.equals("-")) {
            if (stdinInUse) {
                throw Cli.fail(1, "standard input is used for multiple purposes");
            }
            stdinInUse = true;
            return System.in.readAllBytes();
        }
        try {
            return Files.readAllBytes(Path.of(name));
        } catch (NoSuchFileException e) {
            throw Cli.fail(1, "failed to open file \"" + name + "\": no such file or directory");
        }
    }

    private List<Identity> loadIdentities(List<String> files) throws IOException {
        List<Identity> ids = new ArrayList<>();
        for (String name : files) {
            try {
                ids.addAll(AgeKeys.parseIdentityFile(name, readNamed(name), Passphrases.TERMINAL_OR_ENV));
            } catch (AgeException.MalformedKey e) {
                throw Cli.fail(1, "reading \"" + name + "\": " + e.getMessage());
            }
        }
        ids.add(new RejectScrypt());
        return ids;
    }

    private List<Recipient> loadRecipients(Args a) throws IOException {
        List<Recipient> recs = new ArrayList<>();
        if (a.flag("--passphrase")) {
            recs.add(new ScryptRecipient(Passphrases.forEncryption(), Passphrases.workFactor()));
            return recs;
        }
        for (String r : a.values("--recipient")) {
            recs.add(AgeKeys.parseRecipient(r));
        }
        for (String name : a.values("--recipients-file")) {
            try {
                recs.addAll(AgeKeys.parseRecipients(readNamed(name)));
            } catch (AgeException.MalformedKey e) {
                throw Cli.fail(1, "failed to parse recipient file \"" + name + "\": " + e.getMessage());
            }
        }
        for (String name : a.values("--identity")) {
            try {
                for (Identity id : AgeKeys.parseIdentityFile(name, readNamed(name), null)) {
                    recs.add(Identities.recipientOf(id, name));
                }
            } catch (AgeException.MalformedKey e) {
                throw Cli.fail(1, "reading \"" + name + "\": " + e.getMessage());
            }
        }
        return recs;
    }

    private static void writeEncrypted(InputStream in, String output, List<Recipient> recs, boolean armor) throws IOException {
        if (output == null || output.equals("-")) {
            OutputStream out = Cli.stdout();
            try (OutputStream w = armor ? Age.encryptArmored(out, recs) : Age.encrypt(out, recs)) {
                in.transferTo(w);
            }
            return;
        }
        try (AtomicOutput out = AtomicOutput.replace(Path.of(output), null)) {
            OutputStream sink = Cli.nonClosing(out.stream());
            try (OutputStream w = armor ? Age.encryptArmored(sink, recs) : Age.encrypt(sink, recs)) {
                in.transferTo(w);
            }
            out.commit();
        }
    }

    /** Decrypted files are created 0600, and only once the whole payload authenticated. */
    private static void writeDecrypted(InputStream plain, String output) throws IOException {
        if (output == null || output.equals("-")) {
            OutputStream out = Cli.stdout();
            try (plain) {
                plain.transferTo(out);
            } finally {
                out.flush();
            }
            return;
        }
        try (AtomicOutput out = AtomicOutput.replace(Path.of(output), AtomicOutput.OWNER_ONLY); plain) {
            plain.transferTo(out.stream());
            out.commit();
        }
    }

    /** With no -i, a passphrase is asked for, but only if the file really is passphrase-encrypted. */
    private static final class LazyScryptIdentity implements Identity {
        @Override
        public byte[] unwrap(List<Stanza> stanzas) throws AgeException {
            if (stanzas.stream().noneMatch(s -> s.type().equals("scrypt"))) {
                return null;
            }
            String pass;
            try {
                pass = Passphrases.TERMINAL_OR_ENV.passphrase("Enter passphrase:");
            } catch (IOException e) {
                throw Cli.fail(1, "could not read passphrase: " + e.getMessage());
            }
            return new ScryptIdentity(pass, Passphrases.maxWorkFactor()).unwrap(stanzas);
        }
    }

    /** The reference refuses a passphrase-encrypted file when identities were given. */
    private static final class RejectScrypt implements Identity {
        @Override
        public byte[] unwrap(List<Stanza> stanzas) {
            if (stanzas.size() == 1 && stanzas.get(0).type().equals("scrypt")) {
                throw Cli.fail(1, "file is passphrase-encrypted but identities were specified with -i/--identity "
                        + "(remove all -i/--identity flags to decrypt passphrase-encrypted files)");
            }
            return null;
        }
    }
}
