package dev.jsops.keys;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jsops.age.AgeException;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.Identity;
import dev.jsops.age.PassphraseSource;

/**
 * sops's age identity discovery ({@code age/keysource.go}): every source is read and the identities are
 * combined, in this order: {@code SOPS_AGE_SSH_PRIVATE_KEY_FILE}, {@code SOPS_AGE_SSH_PRIVATE_KEY_CMD},
 * {@code ~/.ssh/id_ed25519}, {@code ~/.ssh/id_rsa}, {@code SOPS_AGE_KEY}, {@code SOPS_AGE_KEY_FILE},
 * {@code SOPS_AGE_KEY_CMD} and the default {@code <config dir>/sops/age/keys.txt}. Variables count when set,
 * even empty. Sources that gave nothing are reported by name, as sops reports them.
 */
public final class AgeKeyDiscovery {
    public static final String SOPS_AGE_KEY = "SOPS_AGE_KEY";
    public static final String SOPS_AGE_KEY_FILE = "SOPS_AGE_KEY_FILE";
    public static final String SOPS_AGE_KEY_CMD = "SOPS_AGE_KEY_CMD";
    public static final String SOPS_AGE_SSH_PRIVATE_KEY_FILE = "SOPS_AGE_SSH_PRIVATE_KEY_FILE";
    public static final String SOPS_AGE_SSH_PRIVATE_KEY_CMD = "SOPS_AGE_SSH_PRIVATE_KEY_CMD";
    public static final String SOPS_AGE_RECIPIENT = "SOPS_AGE_RECIPIENT";
    private static final long COMMAND_TIMEOUT_SECONDS = 120;

    private final Environment env;
    private final PassphraseSource passphrase;

    /** What was found: identities, sources that had none, and errors while reading the others. */
    public record Loaded(List<Identity> identities, List<String> unusedLocations, List<String> errors) {
    }

    /** {@code passphrase} asks for protected SSH keys and encrypted identity files; null when no one can be asked. */
    public AgeKeyDiscovery(Environment env, PassphraseSource passphrase) {
        this.env = env;
        this.passphrase = passphrase;
    }

    /** Loads all sources; commands get {@code SOPS_AGE_RECIPIENT} set to the recipient being decrypted. */
    public Loaded load(String recipient) {
        List<Identity> ids = new ArrayList<>();
        List<String> unused = new ArrayList<>();
        List<String> errors = new ArrayList<>();

        var sshFile = env.get(SOPS_AGE_SSH_PRIVATE_KEY_FILE);
        if (sshFile.isPresent()) {
            sshKeyFile(Path.of(sshFile.get()), ids, errors);
        } else {
            unused.add(SOPS_AGE_SSH_PRIVATE_KEY_FILE);
        }
        var sshCmd = env.get(SOPS_AGE_SSH_PRIVATE_KEY_CMD);
        if (sshCmd.isPresent()) {
            try {
                byte[] out = run(sshCmd.get(), recipient);
                try {
                    ids.add(dev.jsops.age.SshKeys.parseIdentity(out, null));
                } catch (AgeException.MalformedKey e) {
                    errors.add("malformed SSH identity returned by running SOPS_AGE_SSH_PRIVATE_KEY_CMD: \"" + e.getMessage() + "\"");
                }
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        } else {
            unused.add(SOPS_AGE_SSH_PRIVATE_KEY_CMD);
        }
        var home = env.homeDirectory();
        if (home.isPresent()) {
            for (String name : new String[] {"id_ed25519", "id_rsa"}) {
                Path p = home.get().resolve(".ssh").resolve(name);
                if (Files.exists(p)) {
                    sshKeyFile(p, ids, errors);
                } else {
                    unused.add(p.toString());
                }
            }
        }

        int before = ids.size();
        boolean anyReader = false;
        var key = env.get(SOPS_AGE_KEY);
        if (key.isPresent()) {
            anyReader = true;
            identities(SOPS_AGE_KEY, key.get().getBytes(StandardCharsets.UTF_8), true, ids, unused, errors);
        } else {
            unused.add(SOPS_AGE_KEY);
        }
        var keyFile = env.get(SOPS_AGE_KEY_FILE);
        if (keyFile.isPresent()) {
            try {
                byte[] content = Files.readAllBytes(Path.of(keyFile.get()));
                anyReader = true;
                identities(SOPS_AGE_KEY_FILE, content, false, ids, unused, errors);
            } catch (IOException e) {
                errors.add("failed to open " + SOPS_AGE_KEY_FILE + " file: open " + keyFile.get() + ": " + reason(e));
            }
        } else {
            unused.add(SOPS_AGE_KEY_FILE);
        }
        var keyCmd = env.get(SOPS_AGE_KEY_CMD);
        if (keyCmd.isPresent()) {
            try {
                byte[] out = run(keyCmd.get(), recipient);
                anyReader = true;
                identities(SOPS_AGE_KEY_CMD, out, false, ids, unused, errors);
            } catch (IOException e) {
                errors.add(e.getMessage());
            }
        } else {
            unused.add(SOPS_AGE_KEY_CMD);
        }
        var configDir = env.userConfigDir();
        if (configDir.isEmpty()) {
            if (!anyReader && ids.size() == before && before == 0) {
                errors.add("user config directory could not be determined: neither $XDG_CONFIG_HOME nor $HOME are defined");
            }
        } else {
            Path keys = configDir.get().resolve("sops").resolve("age").resolve("keys.txt");
            try {
                byte[] content = Files.readAllBytes(keys);
                identities(keys.toString(), content, false, ids, unused, errors);
            } catch (NoSuchFileException e) {
                if (!anyReader && ids.isEmpty()) {
                    unused.add(keys.toString());
                }
            } catch (IOException e) {
                errors.add("failed to open file: open " + keys + ": " + reason(e));
            }
        }
        return new Loaded(ids, unused, errors);
    }

    private void sshKeyFile(Path p, List<Identity> ids, List<String> errors) {
        byte[] content;
        try {
            content = Files.readAllBytes(p);
        } catch (IOException e) {
            errors.add("failed to open file: open " + p + ": " + reason(e));
            return;
        }
        try {
            ids.add(dev.jsops.age.SshKeys.parseIdentity(content, passphrase));
        } catch (AgeException.MalformedKey e) {
            errors.add("malformed SSH identity in \"" + p + "\": " + e.getMessage());
        }
    }

    /**
     * An identity source: an (optionally armored) age-encrypted identity file, or lines of identities;
     * {@code SOPS_AGE_KEY} may hold several whitespace-separated identities per line.
     */
    private void identities(String location, byte[] content, boolean wordsPerLine, List<Identity> ids, List<String> unused,
            List<String> errors) {
        String start = new String(content, 0, Math.min(14, content.length), StandardCharsets.ISO_8859_1);
        if (start.equals("age-encryption") || start.equals("-----BEGIN AGE")) {
            try {
                ids.addAll(AgeKeys.parseIdentityFile(location, content, passphrase));
            } catch (AgeException.MalformedKey e) {
                errors.add("failed to read '" + location + "': " + e.getMessage());
            }
            return;
        }
        List<Identity> found = new ArrayList<>();
        String text = new String(content, StandardCharsets.UTF_8);
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            List<String> words = wordsPerLine ? List.of(line.trim().split("\\s+")) : List.of(line);
            for (String w : words) {
                if (w.isEmpty()) {
                    continue;
                }
                try {
                    found.add(AgeKeys.parseIdentity(w));
                } catch (AgeException.MalformedKey e) {
                    errors.add("failed to parse '" + location + "' age identities: " + e.getMessage());
                    return;
                }
            }
        }
        ids.addAll(found);
        if (found.isEmpty()) {
            unused.add(location);
        }
    }

    /** Runs a {@code *_CMD} without a shell, with {@code SOPS_AGE_RECIPIENT} added to the environment. */
    private byte[] run(String command, String recipient) throws IOException {
        List<String> argv;
        try {
            argv = ShellWords.split(command);
        } catch (IllegalArgumentException e) {
            throw new IOException("failed to parse command " + command + ": " + e.getMessage());
        }
        if (argv.isEmpty()) {
            throw new IOException("failed to parse command " + command + ": empty command");
        }
        ProcessBuilder pb = new ProcessBuilder(argv);
        Map<String, String> penv = pb.environment();
        penv.clear();
        penv.putAll(env.variables());
        if (recipient != null) {
            penv.put(SOPS_AGE_RECIPIENT, recipient);
        }
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.redirectInput(ProcessBuilder.Redirect.INHERIT);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IOException("failed to execute command " + command + ": exec: \"" + argv.get(0)
                    + "\": executable file not found in $PATH");
        }
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("failed to execute command " + command + ": timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("failed to execute command " + command + ": interrupted");
        }
        if (p.exitValue() != 0) {
            throw new IOException("failed to execute command " + command + ": exit status " + p.exitValue());
        }
        return out;
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** sops's wording for a failed age key, with the load errors and the sources that had no key. */
    static String formatError(String message, String cause, List<String> errors, List<String> unused) {
        StringBuilder sb = new StringBuilder(message);
        if (cause != null) {
            sb.append(": ").append(cause);
        }
        if (!errors.isEmpty()) {
            sb.append(". Errors while loading age identities: ").append(String.join("; ", errors));
        }
        if (!unused.isEmpty()) {
            int n = unused.size();
            sb.append(". Did not find keys in location");
            if (n == 1) {
                sb.append(" '").append(unused.get(0)).append("'");
            } else if (n == 2) {
                sb.append("s '").append(unused.get(0)).append("' and '").append(unused.get(1)).append("'");
            } else {
                sb.append("s '").append(String.join("', '", unused.subList(0, n - 1))).append("', and '")
                        .append(unused.get(n - 1)).append("'");
            }
            sb.append('.');
        }
        return sb.toString();
    }
}
