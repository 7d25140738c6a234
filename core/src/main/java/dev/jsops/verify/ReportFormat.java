package dev.jsops.verify;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamWriteFeature;

/** The output formats of {@code jsops verify}. */
public enum ReportFormat {
    TEXT, JSON, GITHUB, JUNIT, SARIF;

    /** Never closes the caller's stream: the CLI commits an atomic file after writing. */
    static final JsonFactory JSON_FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();

    public static ReportFormat parse(String s) {
        try {
            return valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown format \"" + s + "\" (text, json, github, junit or sarif)");
        }
    }

    /**
     * Writes the report to {@code out}, flushed and left open; {@code failOn} decides which findings count as
     * failures (JUnit).
     */
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
