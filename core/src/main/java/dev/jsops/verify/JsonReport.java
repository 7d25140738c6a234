package dev.jsops.verify;

import java.io.IOException;
import java.io.OutputStream;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;

/** The report as JSON: tool, summary counts and findings. */
final class JsonReport {
    private JsonReport() {
    }

    static void write(Report r, String version, OutputStream out) throws IOException {
        try (JsonGenerator g = ReportFormat.JSON_FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("tool", "jsops");
            g.writeStringField("version", version);
            g.writeObjectFieldStart("summary");
            g.writeNumberField("files", r.filesScanned());
            g.writeNumberField("encrypted", r.sopsFiles());
            g.writeBooleanField("keys", r.keysGiven());
            g.writeNumberField("decrypted", r.decrypted());
            g.writeNumberField("errors", r.count(Severity.ERROR));
            g.writeNumberField("warnings", r.count(Severity.WARNING));
            g.writeNumberField("notes", r.count(Severity.NOTE));
            g.writeArrayFieldStart("undecryptable");
            for (String u : r.undecryptable()) {
                g.writeString(u);
            }
            g.writeEndArray();
            g.writeStringField("text", r.summary());
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : r.findings()) {
                g.writeStartObject();
                g.writeStringField("rule", f.rule().id());
                g.writeStringField("severity", f.severity().id());
                g.writeStringField("file", f.file());
                g.writeNumberField("line", f.line());
                g.writeStringField("message", f.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        out.write('\n');
    }
}
