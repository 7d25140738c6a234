package dev.jsops.sops;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.TreeMap;

/**
 * One entry of a key group: the data key (or a Shamir share of it) encrypted for one master key. jsops
 * decrypts with age; the other types are read and written back exactly as sops would, so that files shared
 * with KMS, PGP or Vault users lose nothing when jsops rewrites them.
 */
public sealed interface MasterKey
        permits MasterKey.Age, MasterKey.Pgp, MasterKey.Kms, MasterKey.GcpKms, MasterKey.AzureKv,
                MasterKey.HcVault, MasterKey.HcKms {

    /** The type identifier of {@code --decryption-order} ({@code age}, {@code pgp}, {@code kms}, …). */
    String typeId();

    /** How sops names this key in its failure report: the recipient, fingerprint, ARN, URL… */
    String identifier();

    /** The encrypted data key or share, as stored in {@code enc}. */
    String enc();

    record Age(String recipient, String enc) implements MasterKey {
        @Override
        public String typeId() {
            return "age";
        }

        @Override
        public String identifier() {
            return recipient;
        }

        @Override
        public String toString() {
            return "age:" + recipient;
        }
    }

    record Pgp(String fingerprint, OffsetDateTime createdAt, String enc) implements MasterKey {
        @Override
        public String typeId() {
            return "pgp";
        }

        @Override
        public String identifier() {
            return fingerprint;
        }
    }

    /** {@code context} values may be null, as sops's {@code map[string]*string} allows. */
    record Kms(String arn, String role, Map<String, String> context, OffsetDateTime createdAt, String enc, String awsProfile)
            implements MasterKey {
        public Kms {
            context = context == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(context));
        }

        @Override
        public String typeId() {
            return "kms";
        }

        @Override
        public String identifier() {
            return role == null || role.isEmpty() ? arn : arn + "+" + role;
        }
    }

    record GcpKms(String resourceId, OffsetDateTime createdAt, String enc) implements MasterKey {
        @Override
        public String typeId() {
            return "gcp_kms";
        }

        @Override
        public String identifier() {
            return resourceId;
        }
    }

    record AzureKv(String vaultUrl, String name, String version, OffsetDateTime createdAt, String enc) implements MasterKey {
        @Override
        public String typeId() {
            return "azure_kv";
        }

        @Override
        public String identifier() {
            return vaultUrl + "/keys/" + name + "/" + version;
        }
    }

    record HcVault(String vaultAddress, String enginePath, String keyName, OffsetDateTime createdAt, String enc)
            implements MasterKey {
        @Override
        public String typeId() {
            return "hc_vault";
        }

        @Override
        public String identifier() {
            return vaultAddress + "/v1/" + enginePath + "/keys/" + keyName;
        }
    }

    record HcKms(String keyId, OffsetDateTime createdAt, String enc) implements MasterKey {
        @Override
        public String typeId() {
            return "hckms";
        }

        @Override
        public String identifier() {
            return keyId;
        }
    }
}
