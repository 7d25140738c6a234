package dev.jsops.sops;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data key and the key groups that protect it (sops {@code GetDataKey}, {@code UpdateMasterKeys}):
 * recovering it group by group, with sops's decryption order and failure report, and wrapping a fresh one,
 * split into Shamir shares when there are several groups.
 */
public final class DataKeys {
    public static final List<String> DEFAULT_DECRYPTION_ORDER = List.of("age", "pgp");
    /** Created on first use, so that decryption does not pay for SecureRandom's set-up. */
    private static final class Rng {
        static final SecureRandom INSTANCE = new SecureRandom();
    }

    private DataKeys() {
    }

    /** A fresh 32-byte data key. */
    public static byte[] generate() {
        byte[] k = new byte[32];
        Rng.INSTANCE.nextBytes(k);
        return k;
    }

    /**
     * Recovers the data key. Each group yields its part from the first key that works, trying keys in
     * {@code decryptionOrder} (types not listed keep their order, after the listed ones). One group needs
     * its part; several need at least the Shamir threshold of parts.
     */
    public static byte[] recover(Metadata metadata, KeyService service, List<String> decryptionOrder) throws SopsException {
        List<List<MasterKey>> groups = metadata.keyGroups();
        List<byte[]> parts = new ArrayList<>();
        List<List<KeyFailure>> results = new ArrayList<>();
        for (List<MasterKey> group : groups) {
            List<KeyFailure> failures = new ArrayList<>();
            byte[] part = null;
            for (MasterKey key : ordered(group, decryptionOrder)) {
                try {
                    part = service.decrypt(key);
                    break;
                } catch (KeyService.KeyException e) {
                    failures.add(new KeyFailure(key.identifier(), e.getMessage()));
                }
            }
            if (part != null) {
                parts.add(part);
                results.add(null);
            } else {
                results.add(failures);
            }
        }
        int threshold = metadata.shamirThreshold();
        if (groups.size() > 1) {
            if (parts.size() < threshold) {
                throw new DataKeyException(threshold, results);
            }
            try {
                return Shamir.combine(parts);
            } catch (IllegalArgumentException e) {
                throw new SopsException(ExitCode.COULD_NOT_RETRIEVE_KEY, "could not get data key from shamir parts: " + e.getMessage());
            } finally {
                parts.forEach(p -> Arrays.fill(p, (byte) 0));
            }
        }
        if (parts.size() != 1) {
            throw new DataKeyException(threshold, results);
        }
        return parts.get(0);
    }

    static List<MasterKey> ordered(List<MasterKey> group, List<String> order) {
        Map<String, Integer> priority = new HashMap<>();
        for (int i = 0; i < order.size(); i++) {
            priority.put(order.get(i), i);
        }
        List<MasterKey> sorted = new ArrayList<>(group);
        sorted.sort(Comparator.comparingInt(k -> priority.getOrDefault(k.typeId(), order.size())));
        return sorted;
    }

    /**
     * Wraps {@code dataKey} for every key of every group: the whole key for one group, else share i for group
     * i. Returns the groups with their {@code enc} filled in. {@code threshold} 0 means all groups.
     */
    public static List<List<MasterKey>> wrap(byte[] dataKey, List<List<MasterKey>> groups, int threshold, KeyService service)
            throws SopsException {
        if (groups.isEmpty()) {
            throw new SopsException(ExitCode.ERROR_GENERIC, "No key groups were provided");
        }
        for (List<MasterKey> g : groups) {
            if (g.isEmpty()) {
                throw new SopsException(ExitCode.ERROR_GENERIC, "Could not generate data key: [empty key group provided]");
            }
        }
        byte[][] parts;
        if (groups.size() == 1) {
            parts = new byte[][] {dataKey};
        } else {
            int t = threshold == 0 ? groups.size() : threshold;
            try {
                parts = Shamir.split(dataKey, groups.size(), t);
            } catch (IllegalArgumentException e) {
                throw new SopsException(ExitCode.ERROR_GENERIC,
                        "Could not generate data key: [could not split data key into parts for Shamir: " + e.getMessage() + "]");
            }
        }
        List<List<MasterKey>> out = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            List<MasterKey> wrapped = new ArrayList<>();
            for (MasterKey k : groups.get(i)) {
                try {
                    wrapped.add(withEnc(k, service.encrypt(k, parts[i])));
                } catch (KeyService.KeyException e) {
                    errors.add("failed to encrypt new data key with master key \"" + k.identifier() + "\": " + e.getMessage());
                }
            }
            out.add(wrapped);
        }
        if (groups.size() > 1) {
            for (byte[] p : parts) {
                Arrays.fill(p, (byte) 0);
            }
        }
        if (!errors.isEmpty()) {
            throw new SopsException(ExitCode.ERROR_GENERIC, "Could not generate data key: [" + String.join(" ", errors) + "]");
        }
        return out;
    }

    static MasterKey withEnc(MasterKey k, String enc) {
        if (k instanceof MasterKey.Age a) {
            return new MasterKey.Age(a.recipient(), enc);
        } else if (k instanceof MasterKey.Pgp p) {
            return new MasterKey.Pgp(p.fingerprint(), p.createdAt(), enc);
        } else if (k instanceof MasterKey.Kms m) {
            return new MasterKey.Kms(m.arn(), m.role(), m.context(), m.createdAt(), enc, m.awsProfile());
        } else if (k instanceof MasterKey.GcpKms g) {
            return new MasterKey.GcpKms(g.resourceId(), g.createdAt(), enc);
        } else if (k instanceof MasterKey.AzureKv a) {
            return new MasterKey.AzureKv(a.vaultUrl(), a.name(), a.version(), a.createdAt(), enc);
        } else if (k instanceof MasterKey.HcVault v) {
            return new MasterKey.HcVault(v.vaultAddress(), v.enginePath(), v.keyName(), v.createdAt(), enc);
        }
        MasterKey.HcKms h = (MasterKey.HcKms) k;
        return new MasterKey.HcKms(h.keyId(), h.createdAt(), enc);
    }

    /** One master key that could not decrypt its group's part. */
    public record KeyFailure(String keyName, String error) {
    }

    /**
     * The data key could not be recovered (exit 128). {@link #getMessage()} is sops's multi-line report: each
     * group, each key tried and why it failed, and how many groups were needed.
     */
    public static final class DataKeyException extends SopsException {
        private final int requiredGroups;
        private final List<List<KeyFailure>> groups;

        DataKeyException(int requiredGroups, List<List<KeyFailure>> groups) {
            super(ExitCode.COULD_NOT_RETRIEVE_KEY, report(requiredGroups, groups));
            this.requiredGroups = requiredGroups;
            this.groups = groups;
        }

        /** Per group: null when it succeeded, else the failures of its keys. */
        public List<List<KeyFailure>> groups() {
            return groups;
        }

        /** sops's short form: {@code Error getting data key: N successful groups required, got M}. */
        public String shortMessage() {
            long ok = groups.stream().filter(g -> g == null).count();
            return "Error getting data key: " + requiredGroups + " successful groups required, got " + ok;
        }

        private static String report(int required, List<List<KeyFailure>> groups) {
            List<String> groupTexts = new ArrayList<>();
            for (int i = 0; i < groups.size(); i++) {
                List<KeyFailure> g = groups.get(i);
                if (g == null) {
                    groupTexts.add("Group " + i + ": SUCCESS");
                    continue;
                }
                List<String> keyTexts = new ArrayList<>();
                for (KeyFailure f : g) {
                    String wrapped = WordWrap.wrap(f.error(), 60);
                    String prefixed = prefix(wrapped, "  | ");
                    keyTexts.add(f.keyName() + ": FAILED\n" + prefix("-" + prefixed.substring(1), "  "));
                }
                groupTexts.add("Group " + i + ": FAILED\n" + prefix(String.join("\n\n", keyTexts), "  "));
            }
            long ok = groups.stream().filter(g -> g == null).count();
            String trailer = required == 0
                    ? "Recovery failed because no master key was able to decrypt the file. In order for SOPS to recover "
                            + "the file, at least one key has to be successful, but none were."
                    : "Recovery failed because the file was encrypted with a Shamir threshold of " + required + ", but only "
                            + ok + " part(s) were successfully recovered, one for each successful key group. In order for "
                            + "SOPS to recover the file, at least " + required + " groups have to be successful. In order "
                            + "for a group to be successful, decryption has to succeed with any of the keys in that key group.";
            return "Failed to get the data key required to decrypt the SOPS file.\n\n" + String.join("\n\n", groupTexts)
                    + "\n\n" + WordWrap.wrap(trailer, 75);
        }

        /** Prefixes every line, as github.com/goware/prefixer does (an empty last line stays unprefixed). */
        static String prefix(String text, String p) {
            StringBuilder sb = new StringBuilder();
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (i > 0) {
                    sb.append('\n');
                }
                if (i == lines.length - 1 && lines[i].isEmpty() && i > 0) {
                    continue;
                }
                sb.append(p).append(lines[i]);
            }
            return sb.toString();
        }
    }
}
