package dev.jsops.verify;

import java.util.List;

/**
 * What a verify run found: every finding (sorted by file, line, rule), and counts for the summary line.
 * {@code undecryptable} lists the encrypted files none of the given keys opens.
 */
public record Report(List<Finding> findings, List<String> files, int sopsFiles, int decrypted, List<String> undecryptable,
        boolean keysGiven) {

    public Report {
        findings = List.copyOf(findings);
        files = List.copyOf(files);
        undecryptable = List.copyOf(undecryptable);
    }

    public int filesScanned() {
        return files.size();
    }

    public long count(Severity s) {
        return findings.stream().filter(f -> f.severity() == s).count();
    }

    /** Whether any finding is at least {@code threshold}. */
    public boolean fails(Severity threshold) {
        return findings.stream().anyMatch(f -> f.severity().compareTo(threshold) >= 0);
    }

    /** One line: files, findings by severity, and what the keys opened. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(filesScanned()).append(filesScanned() == 1 ? " file" : " files").append(" checked, ")
                .append(sopsFiles).append(" encrypted");
        if (keysGiven) {
            sb.append(" (").append(decrypted).append(" decrypted");
            if (!undecryptable.isEmpty()) {
                sb.append(", ").append(undecryptable.size()).append(" not opened by the given keys");
            }
            sb.append(')');
        }
        sb.append(": ").append(plural(count(Severity.ERROR), "error")).append(", ").append(plural(count(Severity.WARNING), "warning"))
                .append(", ").append(plural(count(Severity.NOTE), "note"));
        return sb.toString();
    }

    private static String plural(long n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
