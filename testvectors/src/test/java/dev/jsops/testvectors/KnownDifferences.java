package dev.jsops.testvectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Differences between jsops and sops found by the vector tests and not yet fixed, listed in
 * {@code testvectors/known-differences.tsv} (id, direction, vector regex over {@code release/case}, check regex,
 * description). A listed difference is reported as KNOWN instead of failing; once it no longer occurs the
 * test fails until the entry is removed, so the list never goes stale.
 */
final class KnownDifferences {
    record Entry(String id, String direction, Pattern vector, Pattern check, String description) {
    }

    private static List<Entry> entries;

    private KnownDifferences() {
    }

    static synchronized List<Entry> all() {
        if (entries == null) {
            Path f = Vectors.repoRoot().resolve("testvectors/known-differences.tsv");
            List<Entry> list = new ArrayList<>();
            if (Files.isRegularFile(f)) {
                try {
                    for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                        if (line.isBlank() || line.startsWith("#")) {
                            continue;
                        }
                        String[] c = line.split("\t", -1);
                        list.add(new Entry(c[0], c[1], Pattern.compile(c[2]), Pattern.compile(c[3]), c[4]));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            entries = List.copyOf(list);
        }
        return entries;
    }

    static Entry find(String direction, Vectors.Vector v, String check) {
        for (Entry e : all()) {
            if (e.direction().equals(direction) && e.vector().matcher(v.id()).matches() && e.check().matcher(check).matches()) {
                return e;
            }
        }
        return null;
    }
}
