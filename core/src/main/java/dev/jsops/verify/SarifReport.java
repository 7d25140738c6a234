package dev.jsops.verify;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

/** SARIF 2.1.0, as GitHub code scanning and other tools read it: the rules, then one result per finding. */
final class SarifReport {
    private SarifReport() {
    }

    static void write(Report r, String version, OutputStream out) throws IOException {
        try (JsonGenerator g = ReportFormat.JSON_FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            g.writeStringField("version", "2.1.0");
            g.writeArrayFieldStart("runs");
            g.writeStartObject();
            g.writeObjectFieldStart("tool");
            g.writeObjectFieldStart("driver");
            g.writeStringField("name", "jsops");
            g.writeStringField("version", version);
            g.writeStringField("informationUri", "https://github.com/getsops/sops");
            g.writeArrayFieldStart("rules");
            for (Rule rule : Rule.values()) {
                g.writeStartObject();
                g.writeStringField("id", rule.id());
                g.writeObjectFieldStart("shortDescription");
                g.writeStringField("text", rule.description());
                g.writeEndObject();
                g.writeObjectFieldStart("defaultConfiguration");
                g.writeStringField("level", level(rule.severity()));
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
            g.writeArrayFieldStart("results");
            for (Finding f : r.findings()) {
                g.writeStartObject();
                g.writeStringField("ruleId", f.rule().id());
                g.writeNumberField("ruleIndex", f.rule().ordinal());
                g.writeStringField("level", level(f.severity()));
                g.writeObjectFieldStart("message");
                g.writeStringField("text", f.message());
                g.writeEndObject();
                g.writeArrayFieldStart("locations");
                g.writeStartObject();
                g.writeObjectFieldStart("physicalLocation");
                g.writeObjectFieldStart("artifactLocation");
                g.writeStringField("uri", uri(f.file()));
                g.writeEndObject();
                if (f.line() > 0) {
                    g.writeObjectFieldStart("region");
                    g.writeNumberField("startLine", f.line());
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }

    static String level(Severity s) {
        return switch (s) {
            case ERROR -> "error";
            case WARNING -> "warning";
            case NOTE -> "note";
        };
    }

    /** A relative URI reference: path segments percent-encoded where URIs require it. */
    static String uri(String path) {
        StringBuilder sb = new StringBuilder();
        for (byte b : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~/!$&'()*+,;=:@".indexOf(c) >= 0;
            sb.append(safe ? String.valueOf((char) c) : String.format("%%%02X", c));
        }
        return sb.toString();
    }
}
