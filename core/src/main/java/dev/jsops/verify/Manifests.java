package dev.jsops.verify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Value;

/** What verify knows about Kubernetes manifests and the 1Password Connect bootstrap Secret. */
final class Manifests {
    static final String CREDENTIALS_KEY = "1password-credentials.json";

    private Manifests() {
    }

    /** A document with string {@code apiVersion} and {@code kind} entries. */
    static boolean isManifest(Branch doc) {
        return doc.get("apiVersion").isPresent() && doc.get("kind").isPresent();
    }

    static Optional<String> string(Branch b, String key) {
        return b.get(key).filter(v -> v instanceof Value.Str).map(v -> ((Value.Str) v).value());
    }

    static boolean isSecret(Branch doc) {
        return isManifest(doc) && string(doc, "kind").map("Secret"::equals).orElse(false);
    }

    static String name(Branch doc) {
        return doc.get("metadata").filter(v -> v instanceof Branch).flatMap(m -> string((Branch) m, "name")).orElse("");
    }

    static Optional<Branch> map(Branch doc, String key) {
        return doc.get(key).filter(v -> v instanceof Branch).map(v -> (Branch) v);
    }

    /** Strict standard base64, as the API server decodes {@code data}. */
    static byte[] base64(String s) {
        try {
            return Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * The problem with a Connect credentials value as it sits in a Secret (after the Secret's own encoding is
     * undone), or null when it is fine: Connect reads {@code OP_SESSION} as base64 of the credentials file.
     */
    static String credentialsProblem(byte[] connectValue) {
        String text = new String(connectValue, StandardCharsets.UTF_8).trim();
        if (text.startsWith("{")) {
            return "the value is the JSON file itself; Connect's OP_SESSION expects base64 of it";
        }
        byte[] json = base64(text);
        if (json == null) {
            return "the value is not base64 of a credentials file";
        }
        return ConnectCredentials.problem(json).orElse(null);
    }
}
