package dev.jsops.cli;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import dev.jsops.age.AgeException;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.Identity;
import dev.jsops.sops.Branch;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.Stores;

/** The age identities of a {@code sops-age} Secret manifest: its {@code *.agekey} entries, as Flux reads them. */
final class AgeSecrets {
    private AgeSecrets() {
    }

    static List<Identity> identities(byte[] manifest, String name) {
        Tree t;
        try {
            t = Stores.of(Format.YAML).loadPlain(manifest);
        } catch (SopsException e) {
            throw new IllegalArgumentException(name + " is not a YAML manifest: " + e.getMessage());
        }
        List<Identity> ids = new ArrayList<>();
        for (Branch doc : t.branches()) {
            for (String section : List.of("data", "stringData")) {
                var m = doc.get(section);
                if (m.isEmpty() || !(m.get() instanceof Branch entries)) {
                    continue;
                }
                for (Branch.Entry e : entries.entries()) {
                    if (!e.key().endsWith(".agekey") || !(e.value() instanceof Value.Str s)) {
                        continue;
                    }
                    byte[] value = section.equals("data") ? decode(s.value(), name, e.key())
                            : s.value().getBytes(StandardCharsets.UTF_8);
                    try {
                        ids.addAll(AgeKeys.parseIdentities(value));
                    } catch (AgeException.MalformedKey ex) {
                        throw new IllegalArgumentException("failed to import '" + e.key() + "' data from " + name
                                + ": failed to parse and add to age identities: " + ex.getMessage());
                    }
                }
            }
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException(name + " has no *.agekey entry with an age identity");
        }
        return ids;
    }

    private static byte[] decode(String b64, String name, String key) {
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("failed to import '" + key + "' data from " + name + ": the value is not base64");
        }
    }
}
