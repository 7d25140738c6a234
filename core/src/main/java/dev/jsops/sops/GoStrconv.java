package dev.jsops.sops;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The Go {@code strconv} and {@code time} conversions the value encoding depends on. Plaintext bytes feed
 * the MAC, so {@code 1.5}, {@code True} and timestamps must be spelled exactly as Go spells them.
 */
public final class GoStrconv {
    private GoStrconv() {
    }

    /**
     * The shortest decimal digits that round-trip to {@code v}, closest to the exact binary value when
     * several are as short (Go's {@code FormatFloat(v, fmt, -1, 64)} digit choice). JDK 17's
     * {@code Double.toString} is not always shortest (JDK-4511638), so the digits are searched.
     */
    public static BigDecimal shortestDecimal(double v) {
        BigDecimal exact = new BigDecimal(v);
        if (v == 0) {
            return BigDecimal.ZERO;
        }
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(MathContext.DECIMAL64).stripTrailingZeros();
    }

    /** Go {@code strconv.FormatFloat(v, 'f', -1, 64)}: plain notation, shortest digits. */
    public static String formatFloatF(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (1 / v < 0) ? "-0" : "0";
        }
        return shortestDecimal(v).toPlainString();
    }

    /** Go {@code strconv.Atoi}: optional sign, decimal digits, 64-bit range. */
    public static long atoi(String s) {
        if (s.isEmpty()) {
            throw new NumberFormatException("strconv.Atoi: parsing \"\": invalid syntax");
        }
        int i = (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
        if (i == s.length()) {
            throw syntax("Atoi", s);
        }
        for (int j = i; j < s.length(); j++) {
            char c = s.charAt(j);
            if (c < '0' || c > '9') {
                throw syntax("Atoi", s);
            }
        }
        try {
            return Long.parseLong(s.charAt(0) == '+' ? s.substring(1) : s);
        } catch (NumberFormatException e) {
            throw new NumberFormatException("strconv.Atoi: parsing \"" + s + "\": value out of range");
        }
    }

    /** Go {@code strconv.ParseBool}. */
    public static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw syntax("ParseBool", s);
        };
    }

    /**
     * Go {@code strconv.ParseFloat(s, 64)} for the spellings it accepts: decimal with optional exponent,
     * hexadecimal with a binary exponent, {@code inf}/{@code infinity}/{@code nan} in any case, with a sign.
     * Underscores are accepted only with a base prefix, as in Go.
     */
    public static double parseFloat(String s) {
        String t = s;
        boolean neg = false;
        if (!t.isEmpty() && (t.charAt(0) == '+' || t.charAt(0) == '-')) {
            neg = t.charAt(0) == '-';
            t = t.substring(1);
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals("inf") || lower.equals("infinity")) {
            return neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (lower.equals("nan") && s.length() == t.length()) {
            return Double.NaN;
        }
        boolean hex = lower.startsWith("0x");
        String body = hex ? lower.substring(2) : lower;
        if (hex) {
            body = stripUnderscores(body, s);
        }
        if (body.isEmpty()) {
            throw syntax("ParseFloat", s);
        }
        boolean digits = false;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || c == '.' || (hex ? (c >= 'a' && c <= 'f') || c == 'p' : c == 'e')
                    || ((c == '+' || c == '-') && i > 0 && (body.charAt(i - 1) == (hex ? 'p' : 'e')));
            if (!ok) {
                throw syntax("ParseFloat", s);
            }
            if (c >= '0' && c <= '9') {
                digits = true;
            }
        }
        if (!digits) {
            throw syntax("ParseFloat", s);
        }
        double d;
        try {
            d = hex ? Double.parseDouble("0x" + (body.contains("p") ? body : body + "p0")) : Double.parseDouble(body);
        } catch (NumberFormatException e) {
            throw syntax("ParseFloat", s);
        }
        if (Double.isInfinite(d)) {
            throw new NumberFormatException("strconv.ParseFloat: parsing \"" + s + "\": value out of range");
        }
        return neg ? -d : d;
    }

    private static String stripUnderscores(String body, String original) {
        if (body.startsWith("_") || body.endsWith("_") || body.contains("__")) {
            if (body.contains("_")) {
                throw syntax("ParseFloat", original);
            }
        }
        return body.replace("_", "");
    }

    private static NumberFormatException syntax(String fn, String s) {
        return new NumberFormatException("strconv." + fn + ": parsing \"" + s + "\": invalid syntax");
    }
}
