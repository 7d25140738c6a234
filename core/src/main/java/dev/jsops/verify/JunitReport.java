package dev.jsops.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JUnit XML (the schema CI systems read): one test case per checked file; findings at or above
 * {@code --fail-on} are failures, lower ones go to the case's system-out.
 */
final class JunitReport {
    private JunitReport() {
    }

    static void write(Report r, Severity failOn, OutputStream out) throws IOException {
        Map<String, List<Finding>> byFile = new LinkedHashMap<>();
        for (String f : r.files()) {
            byFile.put(f, new ArrayList<>());
        }
        for (Finding f : r.findings()) {
            byFile.computeIfAbsent(f.file(), k -> new ArrayList<>()).add(f);
        }
        int failures = 0;
        for (List<Finding> fs : byFile.values()) {
            if (fs.stream().anyMatch(f -> f.severity().compareTo(failOn) >= 0)) {
                failures++;
            }
        }
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<testsuites name=\"jsops verify\" tests=\"").append(byFile.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\">\n");
        sb.append("  <testsuite name=\"jsops verify\" tests=\"").append(byFile.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"0\">\n");
        for (Map.Entry<String, List<Finding>> e : byFile.entrySet()) {
            sb.append("    <testcase classname=\"jsops.verify\" name=\"").append(xml(e.getKey())).append('"');
            if (e.getValue().isEmpty()) {
                sb.append("/>\n");
                continue;
            }
            sb.append(">\n");
            StringBuilder other = new StringBuilder();
            for (Finding f : e.getValue()) {
                String where = f.file() + (f.line() > 0 ? ":" + f.line() : "");
                if (f.severity().compareTo(failOn) >= 0) {
                    sb.append("      <failure type=\"").append(xml(f.rule().id())).append("\" message=\"").append(xml(f.message()))
                            .append("\">").append(xml(where + ": " + f.severity().id() + ": " + f.message())).append("</failure>\n");
                } else {
                    other.append(where).append(": ").append(f.severity().id()).append(": ").append(f.message()).append(" [")
                            .append(f.rule().id()).append("]\n");
                }
            }
            if (other.length() > 0) {
                sb.append("      <system-out>").append(xml(other.toString())).append("</system-out>\n");
            }
            sb.append("    </testcase>\n");
        }
        sb.append("    <system-out>").append(xml(r.summary())).append("</system-out>\n");
        sb.append("  </testsuite>\n</testsuites>\n");
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' && c != '\r') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }
}
