package dev.jsops.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * GitHub Actions workflow commands ({@code ::error file=…,line=…,title=…::message}), which show as
 * annotations on the pull request, then the summary as a notice.
 */
final class GithubReport {
    private GithubReport() {
    }

    static void write(Report r, OutputStream out) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Finding f : r.findings()) {
            sb.append("::").append(f.severity() == Severity.NOTE ? "notice" : f.severity().id()).append(" file=")
                    .append(property(f.file()));
            if (f.line() > 0) {
                sb.append(",line=").append(f.line());
            }
            sb.append(",title=").append(property("jsops " + f.rule().id())).append("::").append(data(f.message())).append('\n');
        }
        sb.append("::notice title=jsops verify::").append(data(r.summary())).append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The escaping of workflow command data. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** The escaping of workflow command properties. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
