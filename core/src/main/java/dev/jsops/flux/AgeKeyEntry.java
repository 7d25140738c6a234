package dev.jsops.flux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.jsops.age.AgeException;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.Identity;
import dev.jsops.age.Stanza;

/**
 * The value of a {@code *.agekey} Secret entry, read as sops's {@code ParsedIdentities.Import} reads it: one
 * identity per line (never several), lines split at LF with one trailing CR dropped, empty lines and lines
 * starting with {@code #} skipped, nothing trimmed. {@code AGE-SECRET-KEY-1…} and post-quantum
 * {@code AGE-SECRET-KEY-PQ-1…} identities are used; {@code AGE-PLUGIN-…} identities are accepted as Flux
 * accepts them, and fail when a file needs them, as they do in Flux's image, which ships no plugin.
 */
final class AgeKeyEntry {
    /** bufio.Scanner's largest token; sops ignores the scanner's error, so a longer line silently ends the value. */
    private static final int MAX_LINE = 64 * 1024;

    private AgeKeyEntry() {
    }

    /** The identities of one entry; the message of a failure never contains a line. */
    static List<Identity> parse(byte[] value) throws GoError {
        List<Identity> out = new ArrayList<>();
        int start = 0;
        while (start < value.length) {
            int nl = indexOf(value, (byte) '\n', start);
            int end = nl < 0 ? value.length : nl;
            if (end - start + (nl < 0 ? 0 : 1) > MAX_LINE) {
                break;
            }
            int stop = end > start && value[end - 1] == '\r' ? end - 1 : end;
            // Bytes map one-to-one to chars, so a non-ASCII byte fails the key parser like it fails Go's.
            String line = new String(value, start, stop - start, StandardCharsets.ISO_8859_1);
            start = end + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                out.add(parseIdentity(line));
            } catch (AgeException.MalformedKey e) {
                throw GoError.plain("failed to parse and add to age identities: " + e.getMessage());
            }
        }
        return out;
    }

    private static Identity parseIdentity(String line) throws AgeException.MalformedKey {
        if (line.startsWith("AGE-PLUGIN-")) {
            return new PluginIdentity(AgeKeys.pluginIdentityName(line));
        }
        return AgeKeys.parseIdentity(line);
    }

    private static int indexOf(byte[] b, byte c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** An age plugin identity: parsed, but its plugin cannot run here. */
    record PluginIdentity(String plugin) implements Identity {
        @Override
        public byte[] unwrap(List<Stanza> stanzas) {
            throw new PluginUnavailable(plugin);
        }
    }

    /** What age reports when a plugin binary is missing; caught by {@link FluxKeyService}. */
    static final class PluginUnavailable extends RuntimeException {
        PluginUnavailable(String plugin) {
            super(plugin + " plugin: couldn't start plugin: exec: \"age-plugin-" + plugin
                    + "\": executable file not found in $PATH", null, false, false);
        }
    }
}
