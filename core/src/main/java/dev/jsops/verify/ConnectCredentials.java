package dev.jsops.verify;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * A 1Password Connect {@code 1password-credentials.json}: what Connect needs to start (a version 2 file with
 * its verifier, encrypted credentials, device id and unique key). Problems are described by field name only.
 */
public final class ConnectCredentials {
    /** Fields a version 2 credentials file must have, as dotted paths. */
    public static final List<String> FIELDS = List.of("verifier.salt", "verifier.localHash", "encCredentials.kid",
            "encCredentials.enc", "encCredentials.cty", "encCredentials.iv", "encCredentials.data", "version",
            "deviceUuid", "uniqueKey.alg", "uniqueKey.k", "uniqueKey.kty", "uniqueKey.kid");
    private static final JsonFactory JSON = new JsonFactory();

    private ConnectCredentials() {
    }

    /** What is wrong with the file's bytes, or empty when Connect can use it. */
    public static Optional<String> problem(byte[] json) {
        Map<String, String> fields;
        try {
            fields = flatten(json);
        } catch (IOException | IllegalStateException e) {
            return Optional.of("it is not a JSON credentials file");
        }
        StringBuilder missing = new StringBuilder();
        for (String f : FIELDS) {
            String v = fields.get(f);
            if (v == null || v.isEmpty()) {
                missing.append(missing.length() == 0 ? "" : ", ").append(f);
            }
        }
        if (missing.length() > 0) {
            return Optional.of("the credentials file lacks " + missing);
        }
        if (!"2".equals(fields.get("version"))) {
            return Optional.of("the credentials file is not version 2");
        }
        return Optional.empty();
    }

    /** Scalar leaves of a JSON object by dotted path; the values stay in memory only. */
    private static Map<String, String> flatten(byte[] json) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("not an object");
            }
            Deque<String> path = new ArrayDeque<>();
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
                    default -> out.put(key(path, field), p.getText());
                }
            }
        }
        return out;
    }

    private static String key(Deque<String> path, String field) {
        StringBuilder sb = new StringBuilder();
        for (String s : path) {
            if (!s.isEmpty()) {
                sb.append(s).append('.');
            }
        }
        return sb.append(field).toString();
    }
}
