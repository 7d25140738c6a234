package dev.jsops.config;

import java.util.List;

import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.MasterKey;

/**
 * One {@code creation_rules} entry of {@code .sops.yaml}: which files it matches, the key groups new files
 * get, and how they are encrypted.
 */
public record CreationRule(String pathRegex, List<List<MasterKey>> keyGroups, int shamirThreshold,
        EncryptionRules rules, boolean macOnlyEncrypted) {

    public CreationRule {
        pathRegex = pathRegex == null ? "" : pathRegex;
        keyGroups = keyGroups.stream().map(List::copyOf).toList();
    }

    /** The age recipients of every group, in order (what {@code verify} compares with a file's recipients). */
    public List<String> ageRecipients() {
        return keyGroups.stream().flatMap(List::stream).filter(k -> k instanceof MasterKey.Age)
                .map(MasterKey::identifier).toList();
    }
}
