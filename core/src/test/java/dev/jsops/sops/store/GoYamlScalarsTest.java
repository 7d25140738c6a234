package dev.jsops.sops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class GoYamlScalarsTest {

    private static Object value(String plain) {
        return GoYamlScalars.resolve("", plain).value();
    }

    private static String tag(String plain) {
        return GoYamlScalars.resolve("", plain).tag();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "true|!!bool", "True|!!bool", "TRUE|!!bool", "false|!!bool", "tRUE|!!str",
        "yes|!!str", "no|!!str", "on|!!str", "off|!!str", "y|!!str", "n|!!str",
        "~|!!null", "null|!!null", "Null|!!null", "NULL|!!null", "nil|!!str",
        "1|!!int", "-5|!!int", "+5|!!int", "0x1F|!!int", "017|!!int", "0o17|!!int", "0b101|!!int", "1_000|!!int",
        "08|!!float", "1.5|!!float", ".5|!!float", "1e3|!!float", ".inf|!!float", "-.Inf|!!float", ".NaN|!!float",
        "1e400|!!str", "1.2.3|!!str", "0x|!!str", "0b2|!!str", "1:20|!!str",
        "2024-01-01|!!timestamp", "2024-02-30|!!str", "2001-12-14 21:59:43.10|!!timestamp",
        "<<|!!str", "'x'|!!str", "é|!!str"
    })
    void implicitTags(String in, String expected) {
        assertEquals(expected, tag(in));
    }

    @Test
    void emptyIsNull() {
        assertEquals(GoYamlScalars.NULL, tag(""));
    }

    @Test
    void intsFollowGoParseIntBaseZero() {
        assertEquals(15L, value("017"));
        assertEquals(15L, value("0o17"));
        assertEquals(31L, value("0x1F"));
        assertEquals(5L, value("0b101"));
        assertEquals(5L, value("+5"));
        assertEquals(1000L, value("1_000"));
        assertEquals(5L, value("0b+101"));
        assertEquals(-15L, value("0o-17"));
        assertEquals(Long.MIN_VALUE, value("-9223372036854775808"));
        assertEquals(new BigInteger("18446744073709551615"), value("18446744073709551615"));
        assertEquals(8.0, value("08"));
        assertEquals(-9.223372036854776E18, value("-9223372036854775809"));
    }

    @Test
    void timestamps() {
        assertEquals(OffsetDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), value("2024-01-01"));
        assertEquals(OffsetDateTime.of(2006, 1, 2, 15, 4, 5, 0, ZoneOffset.ofHoursMinutes(7, 6)),
                value("2006-01-02T15:04:05+07:06"));
        assertEquals(OffsetDateTime.of(2001, 12, 14, 21, 59, 43, 100_000_000, ZoneOffset.UTC),
                value("2001-12-14 21:59:43.10"));
        assertNull(GoYamlScalars.parseTimestamp("2024-01-01T24:00:00Z"));
        assertNull(GoYamlScalars.parseTimestamp("2023-02-29"));
        assertEquals("2024-01-01T00:00:00Z", GoYamlScalars.formatTime((OffsetDateTime) value("2024-01-01")));
        assertEquals("2001-12-14T21:59:43.1-05:00",
                GoYamlScalars.formatTime((OffsetDateTime) value("2001-12-14t21:59:43.10-05:00")));
        assertEquals("2024-01-02T03:04:05.0000006Z",
                GoYamlScalars.formatTime(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 600, ZoneOffset.UTC)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1.0|1", "1.5|1.5", "0.5|0.5", "1000|1000", "1.234568e9|1.234568e+09", "1234567|1.234567e+06",
        "100000|100000", "0.0001|0.0001", "0.00001|1e-05", "2.5e-8|2.5e-08", "0.1|0.1",
        "1.7976931348623157e308|1.7976931348623157e+308", "4.9e-324|5e-324", "123456789012345678|1.2345678901234568e+17",
        "-0.0|-0", "1e21|1e+21", "3.14159265358979|3.14159265358979"
    })
    void floatFormatG(double v, String expected) {
        assertEquals(expected, GoYamlScalars.formatFloatG(v));
    }

    @Test
    void floatSpecials() {
        assertEquals("+Inf", GoYamlScalars.formatFloatG(Double.POSITIVE_INFINITY));
        assertEquals("NaN", GoYamlScalars.formatFloatG(Double.NaN));
    }

    @Test
    void explicitTags() {
        assertEquals(42L, GoYamlScalars.resolve("!!int", "42").value());
        assertEquals(1.0, GoYamlScalars.resolve("!!float", "1").value());
        assertEquals("123", GoYamlScalars.resolve("!!str", "123").value());
        assertEquals("foo", GoYamlScalars.resolve("!Ref", "foo").value());
        GoYamlScalars.DecodeFailure f = assertThrows(GoYamlScalars.DecodeFailure.class,
                () -> GoYamlScalars.resolve("!!int", "secret"));
        assertFalse(f.getMessage().contains("secret"));
    }

    @Test
    void yaml11Checks() {
        assertTrue(YamlTreeWriter.isBase60Float("1:20"));
        assertTrue(YamlTreeWriter.isBase60Float("-1:20:30.5"));
        assertTrue(YamlTreeWriter.isBase60Float("190:20:30"));
        assertFalse(YamlTreeWriter.isBase60Float("1:60"));
        assertFalse(YamlTreeWriter.isBase60Float("1:2_0"));
        assertFalse(YamlTreeWriter.isBase60Float("12:30x"));
        assertTrue(YamlTreeWriter.isOldBool("Yes"));
        assertFalse(YamlTreeWriter.isOldBool("yEs"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "hello|0", "123|2", "yes|2", "1:20|2", "^^|2", "a: b|4", "- a|4", "#x|4", "a #b|4", "@x|4", "`x|4",
        "' lead'|4", "it's|0", "<<|0", "a\tb|2", "x'y|0"
    })
    void stringStyles(String value, int expectedStyleBits) {
        assertEquals(expectedStyleBits, YamlTreeWriter.stringNode(value).style);
    }

    @Test
    void multilineStyles() {
        assertEquals(YamlNode.LITERAL, YamlTreeWriter.stringNode("a\nb").style);
        assertEquals(YamlNode.DOUBLE_QUOTED, YamlTreeWriter.stringNode("a \nb").style);
        assertEquals(YamlNode.LITERAL, YamlTreeWriter.stringNode("a\n b").style);
        assertEquals(YamlNode.DOUBLE_QUOTED, YamlTreeWriter.stringNode("\u0001").style);
        assertEquals(YamlNode.DOUBLE_QUOTED, YamlTreeWriter.stringNode("\uD83D\uDE00").style);
        assertEquals(GoYamlScalars.MERGE, YamlTreeWriter.stringNode("<<").tag);
    }

    @Test
    void goQuote() {
        assertEquals("\"a\\\"b\\n\\x01é\"", GoQuote.quote("a\"b\n\u0001é"));
        assertEquals("\"\\u00a0\"", GoQuote.quote("\u00a0"));
    }
}
