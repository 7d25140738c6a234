package dev.jsops.testvectors;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Assumptions;

/**
 * Renders docs/COMPATIBILITY.md from the vector corpus (MANIFEST.json) and the results the vector tests wrote
 * under testvectors/target/compat/: a matrix of sops release × feature × direction. The document has three
 * generated sections between markers; the default build checks the corpus and read sections
 * ({@link CompatibilityReportTest}), the interop build the write section ({@link CompatibilityReportInteropTest}).
 * Either fails when the committed document differs and says how to regenerate it.
 */
final class CompatibilityReport {
    static final String UPDATE_PROPERTY = "jsops.compat.update";
    static final String REGENERATE = "./mvnw -B -q install -DskipTests && ./mvnw -B -pl testvectors verify -Djsops.compat.update=true"
            + " && ./mvnw -B -pl testvectors verify -Pinterop -Djsops.compat.update=true";

    private static final List<String> FEATURE_ORDER = List.of("format:yaml", "format:json", "format:dotenv", "format:ini",
            "format:binary", "scalars", "comments", "multidoc", "rule:default", "rule:unencrypted_suffix", "rule:encrypted_suffix",
            "rule:unencrypted_regex", "rule:encrypted_regex", "rule:unencrypted_comment_regex", "rule:encrypted_comment_regex",
            "mac_only_encrypted", "key:age-x25519", "key:age-pq", "key:ssh-ed25519", "key:ssh-rsa", "recipients:several",
            "key_groups", "shamir", "indent", "config", "k8s");

    private CompatibilityReport() {
    }

    static Path document() {
        return Vectors.repoRoot().resolve("docs/COMPATIBILITY.md");
    }

    /** The features of a vector for the matrix: its features, with "format" made "format:<its format>". */
    static List<String> features(String format, List<String> fs) {
        List<String> r = new ArrayList<>();
        r.add("format:" + format);
        for (String f : fs) {
            if (!f.equals("format")) {
                r.add(f);
            }
        }
        return r;
    }

    private static List<String> orderedFeatures(Set<String> present) {
        List<String> r = new ArrayList<>();
        for (String f : FEATURE_ORDER) {
            if (present.contains(f)) {
                r.add(f);
            }
        }
        for (String f : new java.util.TreeSet<>(present)) {
            if (!r.contains(f)) {
                r.add(f);
            }
        }
        return r;
    }

    static String header() {
        return "# Compatibility with upstream sops\n\n"
                + "Generated from the cross-tested vectors (`testvectors/vectors/`, written by `testvectors/generate/generate.py`"
                + " running each pinned sops release on our own inputs) and from the results of the tests that replay them."
                + " Do not edit by hand: regenerate with\n\n```\n" + REGENERATE + "\n```\n\n"
                + "Directions: **read** = jsops decrypts the file that sops release wrote, byte for byte as sops 3.13.2 prints"
                + " it (MAC verified), with every identity set sops used; **negative** = jsops rejects each tampered copy with"
                + " sops's exit code and message prefix; **write** = that sops release decrypts the file `jsops encrypt` wrote"
                + " (same flags and `.sops.yaml`) to the bytes it prints for its own file; **layout** = jsops's encrypted file"
                + " equals sops 3.13.2's once the random parts are masked.\n\n"
                + "Cells count vectors (one encrypted file each): ✓ all pass; ⚠ some fail in a way listed in"
                + " `testvectors/known-differences.tsv`; ✗ a failure; — the release has no vector with that feature"
                + " (it lacks it, see the corpus section).\n";
    }

    // ------------------------------------------------------------------------------------------------------------

    static String corpusSection(Vectors.Manifest m) {
        StringBuilder b = new StringBuilder("## Corpus\n\n");
        b.append("| sops release | vectors | negative vectors | cases it lacks |\n|---|---|---|---|\n");
        for (String r : m.releases()) {
            long n = m.vectors().stream().filter(v -> v.release().equals(r)).count();
            long neg = m.vectors().stream().filter(v -> v.release().equals(r)).mapToLong(v -> v.negatives().size()).sum();
            long lacks = m.unsupported().stream().filter(u -> u.release().equals(r)).count();
            b.append("| ").append(r).append(" | ").append(n).append(" | ").append(neg).append(" | ").append(lacks).append(" |\n");
        }
        b.append("\nWhat each release lacks (detected by running it, never assumed):\n\n| sops release | case | why |\n|---|---|---|\n");
        for (Vectors.Unsupported u : m.unsupported()) {
            String why = u.reason() + (u.stderr() == null || u.stderr().isBlank() ? "" : ": `" + ReplayTest.firstLine(u.stderr())
                    .replaceAll("time=\"<time>\" ", "").replace("|", "\\|").replace("`", "'") + "`");
            if (why.length() > 160) {
                why = why.substring(0, 157) + "…`";
            }
            b.append("| ").append(u.release()).append(" | ").append(u.caseName()).append(" | ").append(why).append(" |\n");
        }
        b.append("\nWhere a release cannot decrypt its own output:\n\n| vector | exit | sops says |\n|---|---|---|\n");
        for (Vectors.Vector v : m.vectors()) {
            if (v.decryptExit() != 0) {
                b.append("| ").append(v.id()).append(" | ").append(v.decryptExit()).append(" | `")
                        .append(ReplayTest.firstLine(v.decryptStderr()).replaceAll("[0-9A-F]{64,}", "…")).append("` |\n");
            }
        }
        return b.toString();
    }

    /** A release × feature matrix of vectors whose checks of {@code directions} all passed. */
    static String matrix(Vectors.Manifest m, List<CompatResults.Row> rows, Set<String> directions, String title) {
        Map<String, String> status = new LinkedHashMap<>(); // release/case -> PASS | KNOWN | FAIL
        for (CompatResults.Row r : rows) {
            if (!directions.contains(r.direction())) {
                continue;
            }
            String key = r.release() + "/" + r.caseName();
            String s = r.status();
            String old = status.get(key);
            if (old == null || rank(s) > rank(old)) {
                status.put(key, s);
            }
        }
        Set<String> feats = new LinkedHashSet<>();
        Map<String, Map<String, int[]>> cells = new TreeMap<>(); // feature -> release -> {pass, known, fail}
        for (Vectors.Vector v : m.vectors()) {
            String s = status.get(v.id());
            if (s == null) {
                continue;
            }
            for (String f : features(v.format().id(), v.features())) {
                feats.add(f);
                int[] c = cells.computeIfAbsent(f, k -> new TreeMap<>()).computeIfAbsent(v.release(), k -> new int[3]);
                c[rank(s)]++;
            }
        }
        StringBuilder b = new StringBuilder(title).append("\n\n| feature |");
        for (String r : m.releases()) {
            b.append(' ').append(r).append(" |");
        }
        b.append("\n|---|");
        b.append("---|".repeat(m.releases().size()));
        b.append('\n');
        for (String f : orderedFeatures(feats)) {
            b.append("| ").append(f).append(" |");
            for (String r : m.releases()) {
                int[] c = cells.getOrDefault(f, Map.of()).get(r);
                b.append(' ').append(cell(c)).append(" |");
            }
            b.append('\n');
        }
        int[] tot = new int[3];
        for (String s : status.values()) {
            tot[rank(s)]++;
        }
        b.append("\nAll vectors: ").append(tot[0]).append(" pass, ").append(tot[1]).append(" known differences, ")
                .append(tot[2]).append(" fail; ").append(rows.stream().filter(r -> directions.contains(r.direction())).count())
                .append(" checks.\n");
        return b.toString();
    }

    private static int rank(String status) {
        return switch (status) {
            case "PASS" -> 0;
            case "KNOWN" -> 1;
            default -> 2;
        };
    }

    private static String cell(int[] c) {
        if (c == null) {
            return "—";
        }
        int total = c[0] + c[1] + c[2];
        if (c[2] > 0) {
            return "✗ " + c[0] + "/" + total;
        }
        if (c[1] > 0) {
            return "⚠ " + c[0] + "/" + total;
        }
        return "✓ " + total + "/" + total;
    }

    static String negativeMatrix(Vectors.Manifest m, List<CompatResults.Row> rows) {
        Map<String, Map<String, int[]>> cells = new TreeMap<>(); // kind -> release -> {pass, known, fail}
        for (CompatResults.Row r : rows) {
            if (!r.direction().equals("negative")) {
                continue;
            }
            String kind = r.check().substring(r.check().indexOf(':') + 1) + (r.check().startsWith("cli:") ? " (CLI)" : "");
            cells.computeIfAbsent(kind, k -> new TreeMap<>()).computeIfAbsent(r.release(), k -> new int[3])[rank(r.status())]++;
        }
        StringBuilder b = new StringBuilder("### negative: jsops rejects tampered files where sops does\n\n| tampering |");
        for (String r : m.releases()) {
            b.append(' ').append(r).append(" |");
        }
        b.append("\n|---|").append("---|".repeat(m.releases().size())).append('\n');
        for (var e : cells.entrySet()) {
            b.append("| ").append(e.getKey()).append(" |");
            for (String r : m.releases()) {
                b.append(' ').append(cell(e.getValue().get(r))).append(" |");
            }
            b.append('\n');
        }
        b.append("\nCells count tampered files here. A tampered encrypted comment is no error for sops (it keeps the comment"
                + " as it is and warns): jsops must then print the same bytes.\n");
        return b.toString();
    }

    static String knownDifferences(String direction) {
        StringBuilder b = new StringBuilder();
        for (KnownDifferences.Entry e : KnownDifferences.all()) {
            if (direction.contains(e.direction())) {
                b.append("- **").append(e.id()).append("** (").append(e.direction()).append(", vectors `").append(e.vector().pattern())
                        .append("`): ").append(e.description()).append('\n');
            }
        }
        return b.length() == 0 ? "" : "\nKnown differences (testvectors/known-differences.tsv):\n\n" + b;
    }

    static String notes(List<CompatResults.Row> rows, String direction) {
        Map<String, List<String>> byNote = new TreeMap<>();
        for (CompatResults.Row r : rows) {
            if (r.direction().equals(direction) && r.pass() && !r.detail().isEmpty()) {
                byNote.computeIfAbsent(r.detail(), k -> new ArrayList<>()).add(r.release() + "/" + r.caseName());
            }
        }
        StringBuilder b = new StringBuilder();
        for (var e : byNote.entrySet()) {
            b.append("- ").append(String.join(", ", new LinkedHashSet<>(e.getValue()))).append(": ").append(e.getKey()).append('\n');
        }
        return b.length() == 0 ? "" : "\nPassed with a remark:\n\n" + b;
    }

    static String readSection(Vectors.Manifest m, List<CompatResults.Row> replay) {
        return "## Reading: jsops decrypts what sops wrote\n\n"
                + matrix(m, replay, Set.of("read"), "### read").substring(0) + knownDifferences("read") + "\n"
                + negativeMatrix(m, replay) + knownDifferences("negative");
    }

    static String writeSection(Vectors.Manifest m, List<CompatResults.Row> reverse) {
        return "## Writing: sops decrypts what jsops wrote\n\n" + matrix(m, reverse, Set.of("write"), "### write") + notes(reverse, "write")
                + "\n" + matrix(m, reverse, Set.of("layout"), "### layout (sops 3.13.2 only, masked)") + knownDifferences("write layout");
    }

    // ------------------------------------------------------------------------------------------------------------

    private static final String[] SECTIONS = {"corpus", "read", "write"};

    static String begin(String s) {
        return "<!-- BEGIN " + s + " (generated; do not edit) -->\n";
    }

    static String end(String s) {
        return "<!-- END " + s + " -->\n";
    }

    /** The section's text in {@code doc}, or null. */
    static String section(String doc, String s) {
        int i = doc.indexOf(begin(s));
        int j = doc.indexOf(end(s));
        return i < 0 || j < i ? null : doc.substring(i + begin(s).length(), j);
    }

    /** Checks (or, with -Djsops.compat.update=true, rewrites) the named sections of docs/COMPATIBILITY.md. */
    static void check(Map<String, String> fresh) throws IOException {
        Path doc = document();
        String committed = Files.isRegularFile(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
        List<String> stale = new ArrayList<>();
        for (var e : fresh.entrySet()) {
            String have = section(committed, e.getKey());
            if (!e.getValue().equals(have)) {
                stale.add(e.getKey());
            }
        }
        if (!committed.startsWith(header())) {
            stale.add("header");
        }
        if (stale.isEmpty()) {
            return;
        }
        if (update) {
            StringBuilder b = new StringBuilder(header());
            for (String s : SECTIONS) {
                String text = fresh.containsKey(s) ? fresh.get(s) : section(committed, s);
                b.append('\n').append(begin(s)).append(text == null ? "(not generated yet)\n" : text).append(end(s));
            }
            Files.createDirectories(doc.getParent());
            Files.writeString(doc, b.toString(), StandardCharsets.UTF_8);
            return;
        }
        StringBuilder msg = new StringBuilder("docs/COMPATIBILITY.md is out of date (sections " + stale + "); regenerate with\n  "
                + REGENERATE + "\n");
        for (String s : stale) {
            if (fresh.containsKey(s)) {
                String have = section(committed, s);
                msg.append(VectorHarness.unifiedDiff(have == null ? "" : have, fresh.get(s), "committed " + s, "regenerated " + s));
            }
        }
        throw new AssertionError(msg.toString());
    }

    static List<CompatResults.Row> freshRows(String suite, boolean written) {
        Assumptions.assumeTrue(written, "skipped: the " + suite + " tests did not run in this JVM, so there are no fresh results to render");
        return CompatResults.read(suite);
    }
}
