package dev.jsops.testvectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Results of the vector tests, one TSV per suite under {@code testvectors/target/compat/}: the input of
 * {@link CompatibilityReport}. Columns: direction, sops release, case, features (comma list), check, PASS/FAIL, detail.
 */
final class CompatResults {
    record Row(String direction, String release, String caseName, List<String> features, String check, String status, String detail) {
        boolean pass() {
            return status.equals("PASS");
        }

        String tsv() {
            return String.join("\t", direction, release, caseName, String.join(",", features), check, status,
                    detail.replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        }

        static Row parse(String line) {
            String[] f = line.split("\t", -1);
            return new Row(f[0], f[1], f[2], f[3].isEmpty() ? List.of() : List.of(f[3].split(",")), f[4], f[5], f[6]);
        }
    }

    private final String suite;
    private final List<Row> rows = new ArrayList<>();

    CompatResults(String suite) {
        this.suite = suite;
    }

    static Path dir() {
        return Vectors.repoRoot().resolve("testvectors/target/compat");
    }

    static Path file(String suite) {
        return dir().resolve(suite + ".tsv");
    }

    synchronized void add(String direction, Vectors.Vector v, String check, String status, String detail) {
        rows.add(new Row(direction, v.release(), v.caseName(), v.features(), check, status, detail));
    }

    private final java.util.Map<String, String> notes = new java.util.concurrent.ConcurrentHashMap<>();

    /** A remark on the check now running for {@code v} (thread of the check), kept as the detail of its PASS row. */
    void note(Vectors.Vector v, String text) {
        notes.put(Thread.currentThread().getName() + "/" + v.id(), text);
    }

    synchronized void add(Row r) {
        rows.add(r);
    }

    /**
     * Runs {@code body}; records PASS, or FAIL with the first line of the failure and rethrows it. A failure listed
     * in testvectors/known-differences.tsv is recorded as KNOWN and does not fail the test; a listed difference
     * that no longer occurs fails it (remove the entry).
     */
    void check(String direction, Vectors.Vector v, String check, ThrowingRunnable body) throws Throwable {
        KnownDifferences.Entry known = KnownDifferences.find(direction, v, check);
        try {
            body.run();
        } catch (org.opentest4j.TestAbortedException e) {
            throw e;
        } catch (Throwable t) {
            String msg = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
            if (known != null) {
                add(direction, v, check, "KNOWN", known.id() + ": " + msg);
                return;
            }
            add(direction, v, check, "FAIL", msg);
            throw t;
        }
        if (known != null) {
            add(direction, v, check, "FAIL", "known difference " + known.id() + " no longer occurs");
            throw new AssertionError(v.id() + " " + check + ": known difference " + known.id()
                    + " no longer occurs; remove it from testvectors/known-differences.tsv");
        }
        String note = notes.remove(Thread.currentThread().getName() + "/" + v.id());
        add(direction, v, check, "PASS", note == null ? "" : note);
    }

    interface ThrowingRunnable {
        void run() throws Throwable;
    }

    synchronized void write() {
        try {
            Files.createDirectories(dir());
            StringBuilder b = new StringBuilder();
            for (Row r : rows) {
                b.append(r.tsv()).append('\n');
            }
            Files.writeString(file(suite), b, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Row> read(String suite) {
        Path f = file(suite);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            return Files.readAllLines(f, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).map(Row::parse).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
