package dev.jsops.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Differential vectors produced by real Go (see {@code gostrconv/README.md}). */
class GoStrconvVectorsTest {

    private static List<String[]> read(String name) throws IOException {
        var in = GoStrconvVectorsTest.class.getResourceAsStream("/gostrconv/" + name);
        List<String[]> rows = new ArrayList<>();
        try (var r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    @Test
    void formatFloatMatchesGo() throws IOException {
        List<String[]> rows = read("format-float.tsv");
        List<String> failures = new ArrayList<>();
        for (String[] row : rows) {
            double v = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
            check(failures, row[0] + " f", row[1], GoFloat.format(v, 'f'));
            check(failures, row[0] + " e", row[2], GoFloat.format(v, 'e'));
            check(failures, row[0] + " g", row[3], GoFloat.format(v, 'g'));
            check(failures, row[0] + " G", row[4], GoFloat.format(v, 'G'));
            String json;
            try {
                json = GoFloat.formatJson(v);
            } catch (IllegalArgumentException e) {
                json = "ERR";
            }
            check(failures, row[0] + " json", row[5], json);
            check(failures, row[0] + " f1", row[6], GoFloat.formatFixed(v, 1));
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " mismatches, first: " + failures.subList(0, Math.min(20, failures.size())));
        }
        assertEquals(true, rows.size() > 8000);
    }

    private static void check(List<String> failures, String what, String expected, String actual) {
        if (!expected.equals(actual)) {
            failures.add(what + ": expected " + expected + " got " + actual);
        }
    }

    @Test
    void parseMatchesGo() throws IOException {
        List<String> failures = new ArrayList<>();
        for (String[] row : read("parse.tsv")) {
            String s = unquote(row[0]);
            check(failures, row[0] + " ParseFloat", row[1], result(() -> String.format("%016x",
                    Double.doubleToRawLongBits(GoFloat.parseFloat(s)))));
            check(failures, row[0] + " ParseInt10", row[2], result(() -> Long.toString(GoStrconv.parseInt(s, 10))));
            check(failures, row[0] + " ParseInt0", row[3], result(() -> Long.toString(GoStrconv.parseInt(s, 0))));
            check(failures, row[0] + " ParseUint0", row[4],
                    result(() -> Long.toUnsignedString(GoStrconv.parseUint(s, 0))));
            check(failures, row[0] + " ParseBool", row[5], result(() -> Boolean.toString(GoStrconv.parseBool(s))));
        }
        if (!failures.isEmpty()) {
            fail(failures.size() + " mismatches: " + failures);
        }
    }

    @Test
    void rangeErrorCarriesInfinity() {
        var e = assertThrows(GoStrconv.NumError.class, () -> GoFloat.parseFloat("-1e400"));
        assertEquals(GoStrconv.NumError.Kind.RANGE, e.kind());
        assertEquals(Double.NEGATIVE_INFINITY, e.floatValue());
    }

    private interface Call {
        String get();
    }

    private static String result(Call c) {
        try {
            return c.get();
        } catch (GoStrconv.NumError e) {
            return e.kind().name();
        }
    }

    /** Go {@code strconv.Quote} output of the vectors: only {@code \"}, {@code \\} and {@code \}u escapes occur. */
    private static String unquote(String q) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i < q.length() - 1; i++) {
            char c = q.charAt(i);
            if (c == '\\') {
                char n = q.charAt(++i);
                if (n == 'u') {
                    sb.append((char) Integer.parseInt(q.substring(i + 1, i + 5), 16));
                    i += 4;
                } else {
                    sb.append(n);
                }
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
