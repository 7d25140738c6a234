package dev.jsops.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** {@code path:line: severity: message [rule]}, one finding per line, then the summary. */
final class TextReport {
    private TextReport() {
    }

    static void write(Report r, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.findings()) {
            sb.append(f.file());
            if (f.line() > 0) {
                sb.append(':').append(f.line());
            }
            sb.append(": ").append(f.severity().id()).append(": ").append(f.message()).append(" [").append(f.rule().id())
                    .append("]\n");
        }
        sb.append(r.summary()).append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
