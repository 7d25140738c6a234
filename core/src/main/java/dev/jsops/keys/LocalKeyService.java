package dev.jsops.keys;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.jsops.age.Age;
import dev.jsops.age.AgeException;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.Armor;
import dev.jsops.age.Identity;
import dev.jsops.age.Recipient;
import dev.jsops.sops.KeyService;
import dev.jsops.sops.MasterKey;

/**
 * The key service jsops runs in-process (sops's local key service), for age master keys: identities are
 * either given explicitly or discovered as sops discovers them. Other master key types are reported as not
 * supported, per key, in sops's failure report. Thread-safe.
 */
public final class LocalKeyService implements KeyService {
    private final List<Identity> explicit;
    private final AgeKeyDiscovery discovery;
    private final Map<String, Recipient> recipients = new ConcurrentHashMap<>();

    private LocalKeyService(List<Identity> explicit, AgeKeyDiscovery discovery) {
        this.explicit = explicit == null ? null : List.copyOf(explicit);
        this.discovery = discovery;
    }

    /** Decrypts with exactly these identities; nothing is read from the environment. */
    public static LocalKeyService withIdentities(List<Identity> identities) {
        return new LocalKeyService(identities, null);
    }

    /** Decrypts with the identities sops would find in {@code env}. */
    public static LocalKeyService discovering(Environment env, dev.jsops.age.PassphraseSource passphrase) {
        return new LocalKeyService(null, new AgeKeyDiscovery(env, passphrase));
    }

    @Override
    public byte[] decrypt(MasterKey key) throws KeyException {
        if (!(key instanceof MasterKey.Age age)) {
            throw new KeyException(unsupported(key));
        }
        List<Identity> ids;
        List<String> errors = List.of();
        List<String> unused = List.of();
        if (explicit != null) {
            ids = explicit;
            if (ids.isEmpty()) {
                throw new KeyException("failed to load age identities: no identities were given");
            }
        } else {
            AgeKeyDiscovery.Loaded loaded = discovery.load(age.recipient());
            ids = loaded.identities();
            errors = loaded.errors();
            unused = loaded.unusedLocations();
            if (ids.isEmpty()) {
                throw new KeyException(AgeKeyDiscovery.formatError("failed to load age identities", null, errors, unused));
            }
        }
        // sops always reads the enc through an armor reader.
        try (InputStream in = Age.decrypt(Armor.decoder(new ByteArrayInputStream(age.enc().getBytes(StandardCharsets.ISO_8859_1))), ids)) {
            return in.readAllBytes();
        } catch (AgeException.NoIdentityMatched | AgeException.HeaderInvalid | AgeException.HeaderMacInvalid
                | AgeException.ArmorInvalid | AgeException.MalformedKey e) {
            throw new KeyException(AgeKeyDiscovery.formatError(
                    "failed to create reader for decrypting sops data key with age", e.getMessage(), errors, unused));
        } catch (IOException e) {
            throw new KeyException("failed to copy age decrypted data into bytes.Buffer: " + e.getMessage());
        }
    }

    @Override
    public String encrypt(MasterKey key, byte[] dataKey) throws KeyException {
        if (!(key instanceof MasterKey.Age age)) {
            throw new KeyException(unsupported(key));
        }
        Recipient r = recipients.get(age.recipient());
        if (r == null) {
            r = parseRecipient(age.recipient());
            recipients.put(age.recipient(), r);
        }
        try {
            return new String(Age.encrypt(dataKey, List.of(r), true), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new KeyException("failed to create writer for encrypting sops data key with age: " + e.getMessage());
        }
    }

    /** sops's recipient parsing, with its error texts. */
    public static Recipient parseRecipient(String recipient) throws KeyException {
        try {
            if (recipient.startsWith("age1pq1")) {
                return AgeKeys.parseRecipient(recipient);
            }
            if (recipient.startsWith("age1") && recipient.chars().filter(c -> c == '1').count() > 1) {
                throw new KeyException("failed to parse input as age key from age plugin: age plugins are not supported by jsops");
            }
            if (recipient.startsWith("age1")) {
                return AgeKeys.parseRecipient(recipient);
            }
            if (recipient.startsWith("ssh-")) {
                return AgeKeys.parseRecipient(recipient);
            }
        } catch (AgeException.MalformedKey e) {
            String kind = recipient.startsWith("ssh-") ? "age-ssh public key" : "Bech32-encoded age public key";
            throw new KeyException("failed to parse input as " + kind + ": " + e.getMessage());
        }
        throw new KeyException("failed to parse input, unknown recipient type: \"" + recipient + "\"");
    }

    private static String unsupported(MasterKey key) {
        return "jsops cannot use " + key.typeId() + " master keys (only age); the entry is kept unchanged";
    }
}
