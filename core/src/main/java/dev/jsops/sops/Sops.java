package dev.jsops.sops;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Encryption and decryption of SOPS trees (sops {@code common.EncryptTree}/{@code DecryptTree}): the data
 * key, the cipher walk, and the MAC stored under {@code lastmodified}. Stateless and thread-safe; file formats
 * are the stores' business.
 */
public final class Sops {
    /** The sops release whose output jsops reproduces, written as {@code version}. */
    public static final String VERSION = "3.13.2";

    private Sops() {
    }

    /** An encrypted file's documents (metadata removed) and its metadata. */
    public record EncryptedDocument(Tree tree, Metadata metadata) {
    }

    /** How to decrypt: whether to skip the MAC check, and which key types to try first. */
    public record DecryptOptions(boolean ignoreMac, List<String> decryptionOrder) {
        public static final DecryptOptions DEFAULT = new DecryptOptions(false, DataKeys.DEFAULT_DECRYPTION_ORDER);

        public DecryptOptions {
            decryptionOrder = List.copyOf(decryptionOrder);
        }
    }

    /** A decrypted document; the cipher remembers IVs so that re-encrypting unchanged values keeps them. */
    public record Decrypted(Tree tree, Metadata metadata, String computedMac, ValueCipher cipher) {
        @Override
        public String toString() {
            return "Decrypted[" + tree + "]";
        }
    }

    /** How to encrypt a new file: its key groups, Shamir threshold, encryption rule and MAC scope. */
    public record EncryptOptions(List<List<MasterKey>> keyGroups, int shamirThreshold, EncryptionRules rules,
            boolean macOnlyEncrypted) {
        public EncryptOptions {
            keyGroups = keyGroups.stream().map(List::copyOf).toList();
        }
    }

    /**
     * Decrypts every value and verifies the MAC (unless {@code ignoreMac}). Failures carry sops's message
     * and exit code: 128 when no key recovers the data key, 25 when a value cannot be decrypted, 51 for a
     * MAC that does not match, 1 for a version the sops CLI refuses.
     */
    public static Decrypted decrypt(EncryptedDocument doc, KeyService keys, DecryptOptions options) throws SopsException {
        checkVersion(doc.metadata().version());
        byte[] dataKey = DataKeys.recover(doc.metadata(), keys, options.decryptionOrder());
        try {
            return decryptWithKey(doc, dataKey, options.ignoreMac());
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** Like {@link #decrypt}, with a data key already at hand. */
    public static Decrypted decryptWithKey(EncryptedDocument doc, byte[] dataKey, boolean ignoreMac) throws SopsException {
        Metadata m = doc.metadata();
        ValueCipher cipher = new ValueCipher(dataKey);
        TreeWalk.Result r;
        try {
            r = TreeWalk.decrypt(doc.tree(), m.effectiveRules(), m.macOnlyEncrypted(), cipher);
        } catch (SopsException e) {
            throw new SopsException(ExitCode.ERROR_DECRYPTING_TREE, "Error decrypting tree: " + e.getMessage(), e);
        }
        if (!ignoreMac) {
            verifyMac(m, r.mac(), cipher);
        }
        return new Decrypted(r.tree(), m, r.mac(), cipher);
    }

    /** Checks a decryption made with {@code ignoreMac}: throws sops's MAC errors (exit 51). */
    public static void verifyMac(Decrypted d) throws SopsException {
        verifyMac(d.metadata(), d.computedMac(), d.cipher());
    }

    private static void verifyMac(Metadata m, String computed, ValueCipher cipher) throws SopsException {
        Node fileMac;
        try {
            fileMac = cipher.decrypt(m.mac(), GoTime.formatRfc3339(m.lastModified()));
        } catch (ValueCipher.DecryptionException e) {
            throw new SopsException(ExitCode.MAC_MISMATCH, "Cannot decrypt MAC: " + e.getMessage());
        }
        String text = fileMac instanceof Value.Str s ? s.value() : "";
        boolean equal = MessageDigest.isEqual(text.getBytes(StandardCharsets.US_ASCII), computed.getBytes(StandardCharsets.US_ASCII));
        if (!equal) {
            // sops prints both MACs; a MAC is a hash of the plaintext, so jsops does not.
            throw new SopsException(ExitCode.MAC_MISMATCH, "MAC mismatch. File has "
                    + (text.isEmpty() ? "no MAC" : "a MAC") + " that does not match the values it holds: "
                    + "a value, key or comment marker was changed outside sops");
        }
    }

    /**
     * Encrypts a plaintext tree for new key groups under a fresh data key. The result carries version
     * {@value #VERSION} and a {@code lastmodified} of now (UTC).
     */
    public static EncryptedDocument encrypt(Tree plain, EncryptOptions options, KeyService keys) throws SopsException {
        byte[] dataKey = DataKeys.generate();
        try {
            List<List<MasterKey>> groups = DataKeys.wrap(dataKey, options.keyGroups(), options.shamirThreshold(), keys);
            // Like sops: with several groups and no threshold the threshold is the number of groups, and is written.
            int threshold = options.shamirThreshold() == 0 && groups.size() > 1 ? groups.size() : options.shamirThreshold();
            Metadata m = new Metadata(groups, threshold, options.rules(), options.macOnlyEncrypted(),
                    now(), "", VERSION);
            return encryptWithKey(plain, m, dataKey, new ValueCipher(dataKey));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /**
     * Encrypts with an existing data key and metadata (edit, set, rotate): the cipher of a previous
     * decryption reuses the IVs of unchanged values. The MAC and {@code lastmodified} are renewed.
     */
    public static EncryptedDocument encryptWithKey(Tree plain, Metadata metadata, byte[] dataKey, ValueCipher cipher)
            throws SopsException {
        TreeWalk.Result r;
        try {
            r = TreeWalk.encrypt(plain, metadata.rules(), metadata.macOnlyEncrypted(), cipher);
        } catch (SopsException e) {
            throw new SopsException(ExitCode.ERROR_ENCRYPTING_TREE, "Error encrypting tree: " + e.getMessage());
        }
        OffsetDateTime lastModified = now();
        String mac;
        try {
            mac = cipher.encrypt(new Value.Str(r.mac()), GoTime.formatRfc3339(lastModified));
        } catch (SopsException e) {
            throw new SopsException(ExitCode.ERROR_ENCRYPTING_MAC, "Could not encrypt MAC: " + e.getMessage());
        }
        return new EncryptedDocument(r.tree(), metadata.withMac(mac, lastModified));
    }

    static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
    }

    /**
     * The sops CLI compares the file's {@code version} with 3.3.0 as a semantic version before decrypting; a
     * version that is not one (or is missing) stops it with exit 1. Versions starting {@code 1.} pass.
     */
    public static void checkVersion(String version) throws SopsException {
        String problem = semverProblem(version);
        if (problem != null) {
            throw new SopsException(ExitCode.ERROR_GENERIC, problem);
        }
    }

    /** The error github.com/blang/semver gives for a version, or null when it parses. */
    public static String semverProblem(String version) {
        if (version.startsWith("1.")) {
            return null;
        }
        String v = version.startsWith("v") ? version.substring(1) : version;
        if (v.isEmpty()) {
            return "Version string empty";
        }
        String[] parts = v.split("\\.", 3);
        if (parts.length != 3) {
            return "No Major.Minor.Patch elements found";
        }
        for (int i = 0; i < 2; i++) {
            String problem = number(parts[i], i == 0 ? "major" : "minor");
            if (problem != null) {
                return problem;
            }
        }
        String patch = parts[2];
        int end = patch.length();
        int plus = patch.indexOf('+');
        int dash = patch.indexOf('-');
        int cut = Math.min(plus < 0 ? end : plus, dash < 0 ? end : dash);
        String problem = number(patch.substring(0, cut), "patch");
        if (problem != null) {
            return problem;
        }
        String rest = patch.substring(cut);
        String build = "";
        String pre = "";
        int p = rest.indexOf('+');
        if (p >= 0) {
            build = rest.substring(p + 1);
            rest = rest.substring(0, p);
            if (build.isEmpty()) {
                return "Build meta data is empty";
            }
            for (String b : build.split("\\.", -1)) {
                if (b.isEmpty() || !b.matches("[0-9A-Za-z-]+")) {
                    return "Invalid character(s) found in build meta data \"" + b + "\"";
                }
            }
        }
        if (rest.startsWith("-")) {
            pre = rest.substring(1);
            Set<String> dummy = new HashSet<>();
            for (String id : pre.split("\\.", -1)) {
                if (id.isEmpty()) {
                    return "Prerelease is empty";
                }
                if (!id.matches("[0-9A-Za-z-]+")) {
                    return "Invalid character(s) found in prerelease \"" + id + "\"";
                }
                if (id.matches("[0-9]+") && id.length() > 1 && id.startsWith("0")) {
                    return "Numeric PreRelease version must not contain leading zeroes \"" + id + "\"";
                }
                dummy.add(id);
            }
        } else if (!rest.isEmpty()) {
            return "Invalid character(s) found in patch number \"" + patch + "\"";
        }
        return null;
    }

    private static String number(String s, String which) {
        if (s.isEmpty() || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "Invalid character(s) found in " + which + " number \"" + s + "\"";
        }
        if (s.length() > 1 && s.startsWith("0")) {
            return capitalize(which) + " number must not contain leading zeroes \"" + s + "\"";
        }
        return null;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** Parses a {@code --decryption-order} list; a type given twice is sops's exit 112. */
    public static List<String> decryptionOrder(String list) throws SopsException {
        if (list == null || list.isEmpty()) {
            return DataKeys.DEFAULT_DECRYPTION_ORDER;
        }
        List<String> out = new ArrayList<>();
        for (String t : list.split(",", -1)) {
            if (out.contains(t)) {
                throw new SopsException(ExitCode.DUPLICATE_DECRYPTION_KEY_TYPE, "Duplicate decryption key type: " + t);
            }
            out.add(t);
        }
        return out;
    }
}
