package dev.jsops.testvectors;

import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs after {@link ReverseTest} in the interop build and checks the write section of docs/COMPATIBILITY.md
 * against the results it just wrote; {@code -Djsops.compat.update=true} rewrites it.
 */
@Tag("interop")
@Order(Integer.MAX_VALUE)
class CompatibilityReportInteropTest {
    @Test
    void documentMatchesTheReverseResults() throws Exception {
        var rows = CompatibilityReport.freshRows("reverse", ReverseTest.written);
        CompatibilityReport.check(Map.of("write", CompatibilityReport.writeSection(Vectors.manifest(), rows)));
    }
}
