package dev.jsops.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

/** The output formats of {@code jsops verify}. */
public enum ReportFormat {
    TEXT, JSON, GITHUB, JUNIT, SARIF;

    public static ReportFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format \"" + s + "\" (text, json, github, junit or sarif)");
        }
    }

    /** Writes the report; {@code failOn} decides which findings count as failures (JUnit). */
    public void write(Report report, Severity failOn, String toolVersion, OutputStream out) throws IOException {
        switch (this) {
            case TEXT -> TextReport.write(report, out);
            case JSON -> JsonReport.write(report, toolVersion, out);
            case GITHUB -> GithubReport.write(report, out);
            case JUNIT -> JunitReport.write(report, failOn, out);
            case SARIF -> SarifReport.write(report, toolVersion, out);
        }
    }
}
