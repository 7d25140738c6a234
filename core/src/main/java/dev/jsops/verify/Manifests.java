package dev.jsops.verify;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Value;

/** What verify knows about Kubernetes manifests and the 1Password Connect bootstrap Secret. */
final class Manifests {
    /** Fields a 1Password Connect credentials file (version 2) must have for Connect to start. */
    static final List<String> CONNECT_FIELDS = List.of("verifier.salt", "verifier.localHash", "encCredentials.kid",
            "encCredentials.enc", "encCredentials.cty", "encCredentials.iv", "encCredentials.data", "version",
            "deviceUuid", "uniqueKey.alg", "uniqueKey.k", "uniqueKey.kty", "uniqueKey.kid");
    static final String CREDENTIALS_KEY = "1password-credentials.json";
    private static final JsonFactory JSON = new JsonFactory();

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
     * The problem with a Connect credentials value, or null when it is fine: the value must be base64 (Connect
     * reads {@code OP_SESSION} as base64 of the JSON file) of a JSON object with the fields of a version 2
     * credentials file. {@code alreadyDecoded} is the value as Connect sees it.
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
        Map<String, Object> fields;
        try {
            fields = flatten(json);
        } catch (java.io.IOException | IllegalStateException e) {
            return "the decoded value is not a JSON credentials file";
        }
        StringBuilder missing = new StringBuilder();
        for (String f : CONNECT_FIELDS) {
            Object v = fields.get(f);
            if (!(v instanceof String s) || s.isEmpty()) {
                missing.append(missing.length() == 0 ? "" : ", ").append(f);
            }
        }
        if (missing.length() > 0) {
            return "the credentials file lacks " + missing;
        }
        if (!"2".equals(fields.get("version"))) {
            return "the credentials file is not version 2";
        }
        return null;
    }

    /** Scalar leaves of a JSON object as dotted paths (strings only; values stay in memory only). */
    private static Map<String, Object> flatten(byte[] json) throws java.io.IOException {
        Map<String, Object> out = new java.util.HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("not an object");
            }
            java.util.ArrayDeque<String> path = new java.util.ArrayDeque<>();
            String field = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case START_OBJECT -> {
                        path.addLast(field == null ? "" : field);
                        field = null;
                    }
                    case END_OBJECT -> {
                        if (!path.isEmpty()) {
                            path.removeLast();
                        }
                    }
                    case START_ARRAY -> p.skipChildren();
                    case VALUE_STRING -> out.put(key(path, field), p.getText());
                    default -> out.put(key(path, field), p.getText());
                }
            }
        }
        return out;
    }

    private static String key(java.util.Deque<String> path, String field) {
        StringBuilder sb = new StringBuilder();
        for (String s : path) {
            if (!s.isEmpty()) {
                sb.append(s).append('.');
            }
        }
        return sb.append(field).toString();
    }
}
