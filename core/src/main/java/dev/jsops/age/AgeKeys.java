package dev.jsops.age;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parsing of recipients, identities and the files that hold them, with the reference's rules: lines split at
 * LF (a trailing CR dropped), empty lines and lines starting with {@code #} skipped, nothing trimmed.
 * Error messages give line numbers, never the content of a line that could be a secret key.
 */
public final class AgeKeys {
    static final int FILE_SIZE_LIMIT = 16 << 20;

    private AgeKeys() {
    }

    /** One recipient string, dispatched by prefix as the age CLI does. */
    public static Recipient parseRecipient(String s) throws AgeException.MalformedKey {
        if (s.startsWith("age1tag1") || s.startsWith("age1tagpq1")) {
            throw new AgeException.MalformedKey("hardware tag recipients are not supported: \"" + s + "\"");
        }
        if (s.startsWith("age1pq1")) {
            return HybridRecipient.parse(s);
        }
        if (s.startsWith("age1") && s.chars().filter(c -> c == '1').count() > 1) {
            throw new AgeException.MalformedKey("age plugins are not supported: \"" + s + "\"");
        }
        if (s.startsWith("age1")) {
            return X25519Recipient.parse(s);
        }
        if (s.startsWith("ssh-")) {
            return SshKeys.parseRecipient(s);
        }
        if (s.startsWith("github:")) {
            throw new AgeException.MalformedKey("\"github:\" recipients were removed from the design");
        }
        throw new AgeException.MalformedKey("unknown recipient type: \"" + s + "\"");
    }

    /** One native identity string: {@code AGE-SECRET-KEY-1…} or {@code AGE-SECRET-KEY-PQ-1…}. */
    public static Identity parseIdentity(String s) throws AgeException.MalformedKey {
        if (s.startsWith("AGE-SECRET-KEY-1")) {
            return X25519Identity.parse(s);
        }
        if (s.startsWith("AGE-SECRET-KEY-PQ-1")) {
            return HybridIdentity.parse(s);
        }
        if (s.startsWith("AGE-PLUGIN-")) {
            throw new AgeException.MalformedKey("age plugin identities are not supported");
        }
        throw new AgeException.MalformedKey("unknown identity type");
    }

    /**
     * The plugin name of an {@code AGE-PLUGIN-…} identity, checked as age's {@code plugin.ParseIdentity} checks it,
     * with its error texts. jsops runs no plugins; this lets callers that must accept such identities (Flux's key
     * import does) validate them.
     */
    public static String pluginIdentityName(String s) throws AgeException.MalformedKey {
        Bech32.Decoded d;
        try {
            d = Bech32.decode(s);
        } catch (IllegalArgumentException e) {
            throw new AgeException.MalformedKey("invalid identity encoding: " + e.getMessage());
        }
        String hrp = d.hrp();
        if (!hrp.startsWith("AGE-PLUGIN-") || !hrp.endsWith("-")) {
            // age formats a nil error here.
            throw new AgeException.MalformedKey("not a plugin identity: <nil>");
        }
        String name = hrp.length() <= "AGE-PLUGIN-".length() ? ""
                : hrp.substring("AGE-PLUGIN-".length(), hrp.length() - 1).toLowerCase(java.util.Locale.ROOT);
        boolean valid = !name.isEmpty();
        for (int i = 0; i < name.length() && valid; i++) {
            char c = name.charAt(i);
            valid = c < 128 && (Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.' || c == '_');
        }
        if (!valid) {
            throw new AgeException.MalformedKey("invalid plugin name: \"" + name + "\"");
        }
        return name;
    }

    /** An identity file as {@code age.ParseIdentities} reads it: at least one identity, every line valid. */
    public static List<Identity> parseIdentities(byte[] content) throws AgeException.MalformedKey {
        List<Identity> ids = new ArrayList<>();
        int n = 0;
        for (String line : lines(content, "identities")) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("age1")) {
                throw new AgeException.MalformedKey("error at line " + n + ": apparent recipient found in identities file");
            }
            try {
                ids.add(parseIdentity(line));
            } catch (AgeException.MalformedKey e) {
                throw new AgeException.MalformedKey("error at line " + n + ": " + e.getMessage());
            }
        }
        if (ids.isEmpty()) {
            throw new AgeException.MalformedKey("no identities found");
        }
        return ids;
    }

    /**
     * An identity file as the age CLI and sops read it: an age-encrypted (passphrase-protected) identity file,
     * an SSH private key, or a list of native identities. {@code passphrase} is asked only when needed and
     * may be null where no one can be asked.
     */
    public static List<Identity> parseIdentityFile(String name, byte[] content, PassphraseSource passphrase)
            throws AgeException.MalformedKey {
        String start = new String(content, 0, Math.min(14, content.length), StandardCharsets.ISO_8859_1);
        if (start.equals("age-encryption") || start.equals("-----BEGIN AGE")) {
            return List.of(new EncryptedIdentityFile(name, content, passphrase));
        }
        if (start.startsWith("-----BEGIN")) {
            if (content.length >= SshKeys.MAX_PRIVATE_KEY_SIZE) {
                throw new AgeException.MalformedKey("failed to read \"" + name + "\": file too long");
            }
            try {
                return List.of(SshKeys.parseIdentity(content, passphrase));
            } catch (AgeException.MalformedKey e) {
                throw new AgeException.MalformedKey("malformed SSH identity in \"" + name + "\": " + e.getMessage());
            }
        }
        try {
            return parseIdentities(content);
        } catch (AgeException.MalformedKey e) {
            throw new AgeException.MalformedKey("failed to read \"" + name + "\": " + e.getMessage());
        }
    }

    /** An identity file that is itself an age file encrypted with a passphrase; opened on first use. */
    private static final class EncryptedIdentityFile implements Identity {
        private final String name;
        private final byte[] content;
        private final PassphraseSource passphrase;
        private List<Identity> identities;

        EncryptedIdentityFile(String name, byte[] content, PassphraseSource passphrase) {
            this.name = name;
            this.content = content.clone();
            this.passphrase = passphrase;
        }

        @Override
        public synchronized byte[] unwrap(List<Stanza> stanzas) throws AgeException {
            if (identities == null) {
                if (passphrase == null) {
                    throw new AgeException.MalformedKey("identity file \"" + name + "\" is passphrase-encrypted and no passphrase can be asked for");
                }
                String pass;
                try {
                    pass = passphrase.passphrase("Enter passphrase for identity file \"" + name + "\":");
                } catch (java.io.IOException e) {
                    throw new AgeException.MalformedKey("could not read passphrase: " + e.getMessage(), e);
                }
                byte[] plain;
                try {
                    plain = Age.decrypt(content, List.of(new ScryptIdentity(pass)));
                } catch (AgeException e) {
                    throw e;
                } catch (java.io.IOException e) {
                    throw new AgeException.MalformedKey("failed to decrypt identity file \"" + name + "\"", e);
                }
                try {
                    identities = parseIdentities(plain);
                } finally {
                    java.util.Arrays.fill(plain, (byte) 0);
                }
            }
            for (Identity id : identities) {
                byte[] key = id.unwrap(stanzas);
                if (key != null) {
                    return key;
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "EncryptedIdentityFile[" + name + "]";
        }
    }

    /** A recipients file as the age CLI reads it ({@code -R}). */
    public static List<Recipient> parseRecipients(byte[] content) throws AgeException.MalformedKey {
        List<Recipient> recs = new ArrayList<>();
        int n = 0;
        for (String line : lines(content, "recipients")) {
            n++;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.length() > 8 << 10) {
                throw new AgeException.MalformedKey("line " + n + " is too long");
            }
            try {
                recs.add(parseRecipient(line));
            } catch (AgeException.MalformedKey e) {
                if (line.startsWith("AGE-")) {
                    throw new AgeException.MalformedKey("error at line " + n + ": apparent identity found in recipients file");
                }
                if (isOtherSshKey(line)) {
                    continue;
                }
                throw new AgeException.MalformedKey("malformed recipient at line " + n);
            }
        }
        if (recs.isEmpty()) {
            throw new AgeException.MalformedKey("no recipients found");
        }
        return recs;
    }

    /** A valid SSH public key of a type age cannot use, which the CLI skips. */
    private static boolean isOtherSshKey(String line) {
        String[] f = line.split(" ");
        if (f.length < 2) {
            return false;
        }
        try {
            byte[] key = java.util.Base64.getDecoder().decode(f[1]);
            return new SshWire(key).text().equals(f[0]);
        } catch (IllegalArgumentException | AgeException e) {
            return false;
        }
    }

    /** Splits at LF, dropping one CR before it, like Go's {@code bufio.ScanLines}; requires UTF-8. */
    static List<String> lines(byte[] content, String what) throws AgeException.MalformedKey {
        if (content.length > FILE_SIZE_LIMIT) {
            throw new AgeException.MalformedKey(what + " file is too large");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(content)).toString();
        } catch (CharacterCodingException e) {
            throw new AgeException.MalformedKey(what + " file is not valid UTF-8");
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl;
            String line = text.substring(start, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            out.add(line);
            start = end + 1;
        }
        return out;
    }
}
