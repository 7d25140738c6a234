package dev.jsops.testvectors;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@link ReplayTest} (class order in junit-platform.properties) and checks the corpus and read
 * sections of docs/COMPATIBILITY.md against the results it just wrote; {@code -Djsops.compat.update=true}
 * rewrites them.
 */
@Order(Integer.MAX_VALUE)
class CompatibilityReportTest {
    @Test
    void documentMatchesTheReplayResults() throws Exception {
        var rows = CompatibilityReport.freshRows("replay", ReplayTest.written);
        Vectors.Manifest m = Vectors.manifest();
        Map<String, String> fresh = new LinkedHashMap<>();
        fresh.put("corpus", CompatibilityReport.corpusSection(m));
        fresh.put("read", CompatibilityReport.readSection(m, rows));
        CompatibilityReport.check(fresh);
    }
}
