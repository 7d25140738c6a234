package dev.jsops.flux;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.jsops.age.Age;
import dev.jsops.age.AgeException;
import dev.jsops.age.Armor;
import dev.jsops.age.Identity;
import dev.jsops.keys.Environment;
import dev.jsops.keys.LocalKeyService;
import dev.jsops.sops.KeyService;
import dev.jsops.sops.MasterKey;

/**
 * The key service of Flux's decryptor for one build: age master keys use the imported identities or, when none
 * were imported, the identities sops discovers in an environment (Flux's controller process environment);
 * other key types go to an embedder-supplied service or are reported as not supported, naming the decryption
 * Secret entries that would have served them in Flux.
 */
final class FluxKeyService implements KeyService {
    private final List<Identity> identities;
    private final KeyService discovered;
    private final KeyService others;
    private final Map<String, List<String>> unsupportedEntries;

    FluxKeyService(List<Identity> identities, Environment environment, KeyService others,
            Map<String, List<String>> unsupportedEntries) {
        this.identities = List.copyOf(identities);
        this.discovered = identities.isEmpty() ? LocalKeyService.discovering(environment, null) : null;
        this.others = others;
        this.unsupportedEntries = Map.copyOf(unsupportedEntries);
    }

    @Override
    public byte[] decrypt(MasterKey key) throws KeyException {
        if (key instanceof MasterKey.Age age) {
            return discovered != null ? discovered.decrypt(key) : decryptAge(age);
        }
        if (others != null) {
            return others.decrypt(key);
        }
        throw new KeyException(notSupported(key.typeId()));
    }

    /** sops's age {@code MasterKey.Decrypt} with identities applied to the key (Flux's {@code ApplyToMasterKey}). */
    private byte[] decryptAge(MasterKey.Age age) throws KeyException {
        InputStream armored = Armor.decoder(new ByteArrayInputStream(age.enc().getBytes(StandardCharsets.ISO_8859_1)));
        try (InputStream in = Age.decrypt(armored, identities)) {
            return in.readAllBytes();
        } catch (AgeException.PayloadInvalid e) {
            throw new KeyException("failed to copy age decrypted data into bytes.Buffer: " + e.getMessage());
        } catch (AgeException e) {
            throw new KeyException("failed to create reader for decrypting sops data key with age: " + e.getMessage());
        } catch (AgeKeyEntry.PluginUnavailable e) {
            throw new KeyException("failed to create reader for decrypting sops data key with age: " + e.getMessage());
        } catch (IOException e) {
            throw new KeyException("failed to copy age decrypted data into bytes.Buffer: " + e.getMessage());
        }
    }

    @Override
    public String encrypt(MasterKey key, byte[] dataKey) throws KeyException {
        throw new KeyException("Flux's decryptor does not encrypt");
    }

    private String notSupported(String type) {
        String what = switch (type) {
            case "pgp" -> "PGP";
            case "hc_vault" -> "HashiCorp Vault/OpenBao transit";
            case "kms" -> "AWS KMS";
            case "azure_kv" -> "Azure Key Vault";
            case "gcp_kms" -> "GCP KMS";
            case "hckms" -> "HuaweiCloud KMS";
            default -> type;
        };
        String msg = "jsops does not support " + what + " keys yet";
        List<String> entries = unsupportedEntries.get(type);
        if (entries != null && !entries.isEmpty()) {
            msg += " (decryption Secret " + (entries.size() == 1 ? "entry " : "entries ") + "'"
                    + String.join("', '", entries) + "' recognised but not imported)";
        }
        return msg;
    }
}
