package dev.jsops.sops;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Go's {@code strconv} float formatting and parsing, as sops's bytes depend on it: the value encoding and MAC use
 * {@code FormatFloat(v, 'f', -1, 64)}, YAML {@code 'g'}, JSON its own {@code 'f'}/{@code 'e'} mix, dotenv and INI
 * {@code 'G'}. Shortest digits are computed exactly here because JDK 17's {@code Double.toString} is not always
 * the shortest round-tripping decimal (fixed only in JDK 19), and Go picks the closest of the shortest ones.
 */
public final class GoFloat {
    private GoFloat() {
    }

    /** Shortest decimal digits of a finite positive double: {@code 0.d1d2...dn × 10^dp}. */
    private record Digits(String digits, int dp) {
    }

    /** {@code strconv.FormatFloat(v, fmt, -1, 64)} for {@code fmt} one of {@code f e E g G}. */
    public static String format(double v, char fmt) {
        String special = special(v);
        if (special != null) {
            return special;
        }
        boolean neg = (Double.doubleToRawLongBits(v) < 0);
        double a = Math.abs(v);
        Digits d = a == 0 ? new Digits("", 0) : shortest(a);
        StringBuilder sb = new StringBuilder(24);
        if (neg) {
            sb.append('-');
        }
        switch (fmt) {
            case 'e', 'E' -> fmtE(sb, d, Math.max(d.digits.length() - 1, a == 0 ? -1 : 0), fmt);
            case 'f' -> fmtF(sb, d, Math.max(d.digits.length() - d.dp, 0));
            case 'g', 'G' -> {
                int nd = d.digits.length();
                int exp = d.dp - 1;
                // Go uses precision 6 to choose between the two forms when printing shortest digits.
                if (exp < -4 || exp >= 6) {
                    fmtE(sb, d, nd - 1, fmt == 'g' ? 'e' : 'E');
                } else {
                    int prec = nd > d.dp ? nd : nd;
                    fmtF(sb, d, Math.max(prec - d.dp, 0));
                }
            }
            default -> throw new IllegalArgumentException("unsupported format " + fmt);
        }
        return sb.toString();
    }

    /** {@code strconv.FormatFloat(v, 'f', prec, 64)} with a fixed number of fraction digits. */
    public static String formatFixed(double v, int prec) {
        if (prec < 0) {
            return format(v, 'f');
        }
        String special = special(v);
        if (special != null) {
            return special;
        }
        boolean neg = (Double.doubleToRawLongBits(v) < 0);
        // Go rounds the exact binary value to nearest, ties to even.
        String s = new BigDecimal(Math.abs(v)).setScale(prec, RoundingMode.HALF_EVEN).toPlainString();
        return neg ? "-" + s : s;
    }

    /**
     * A float as Go {@code encoding/json} writes it: {@code 'f'} notation, or {@code 'e'} below 1e-6 and from 1e21
     * on, with a negative exponent's leading zero dropped ({@code 1e-07} → {@code 1e-7}).
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON cannot hold
     */
    public static String formatJson(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            throw new IllegalArgumentException("json: unsupported value: " + format(v, 'g'));
        }
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-6 || a >= 1e21)) {
            String s = format(v, 'e');
            int n = s.length();
            if (n >= 4 && s.charAt(n - 4) == 'e' && s.charAt(n - 3) == '-' && s.charAt(n - 2) == '0') {
                s = s.substring(0, n - 2) + s.charAt(n - 1);
            }
            return s;
        }
        return format(v, 'f');
    }

    private static String special(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return null;
    }

    private static void fmtE(StringBuilder sb, Digits d, int prec, char e) {
        String ds = d.digits;
        int nd = ds.length();
        sb.append(nd == 0 ? '0' : ds.charAt(0));
        if (prec > 0) {
            sb.append('.');
            int m = Math.min(nd, prec + 1);
            if (1 < m) {
                sb.append(ds, 1, m);
            }
            for (int i = Math.max(m, 1); i <= prec; i++) {
                sb.append('0');
            }
        }
        sb.append(e);
        int exp = nd == 0 ? 0 : d.dp - 1;
        if (exp < 0) {
            sb.append('-');
            exp = -exp;
        } else {
            sb.append('+');
        }
        if (exp < 10) {
            sb.append('0').append((char) ('0' + exp));
        } else {
            sb.append(exp);
        }
    }

    private static void fmtF(StringBuilder sb, Digits d, int prec) {
        String ds = d.digits;
        int nd = ds.length();
        if (d.dp > 0) {
            int m = Math.min(nd, d.dp);
            sb.append(ds, 0, m);
            for (; m < d.dp; m++) {
                sb.append('0');
            }
        } else {
            sb.append('0');
        }
        if (prec > 0) {
            sb.append('.');
            for (int i = 0; i < prec; i++) {
                int j = d.dp + i;
                sb.append(0 <= j && j < nd ? ds.charAt(j) : '0');
            }
        }
    }

    private static final long TWO_53 = 1L << 53;

    /** The NaN Go's {@code math.NaN()} returns (its bits differ from Java's canonical NaN). */
    public static final double GO_NAN = Double.longBitsToDouble(0x7ff8000000000001L);

    /**
     * The shortest decimal that reads back as {@code a} (finite, positive), the closest to {@code a} when several
     * have that length, ties to an even last digit: what Go's Dragonbox (and Ryu before it) produce.
     */
    private static Digits shortest(double a) {
        if (a < TWO_53 && a == Math.rint(a)) {
            // Integers below 2^53 have a rounding interval narrower than 1, so their own digits are the shortest.
            String s = Long.toString((long) a);
            int dp = s.length();
            int end = dp;
            while (end > 1 && s.charAt(end - 1) == '0') {
                end--;
            }
            return new Digits(s.substring(0, end), dp);
        }
        Digits fast = fromJdk(a);
        if (fast != null) {
            return fast;
        }
        long bits = Double.doubleToRawLongBits(a);
        int biasedExp = (int) (bits >>> 52) & 0x7ff;
        long mant = bits & ((1L << 52) - 1);
        // At a power of two the gap below is half the gap above, so a neighbour on the far side may fit.
        boolean asymmetric = mant == 0 && biasedExp > 1;
        BigDecimal exact = new BigDecimal(a);
        int lo = 1;
        int hi = 17;
        Digits best = null;
        while (lo <= hi) {
            int n = (lo + hi) >>> 1;
            Digits c = candidate(exact, a, n, asymmetric);
            if (c != null) {
                best = c;
                hi = n - 1;
            } else {
                lo = n + 1;
            }
        }
        if (best == null) {
            throw new AssertionError("no round-tripping decimal");
        }
        return best;
    }

    /**
     * JDK 17's {@code Double.toString} digits, when cheap checks prove them to be Go's answer: they always read
     * back, so they are Go's digits if no decimal one digit shorter reads back (then none shorter does) and neither
     * neighbour of the same length does (then they are the only, hence the closest, candidate). Null otherwise.
     */
    private static Digits fromJdk(double a) {
        String s = Double.toString(a);
        int e = s.indexOf('E');
        String mant = e < 0 ? s : s.substring(0, e);
        int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
        int dot = mant.indexOf('.');
        String digits = mant.substring(0, dot) + mant.substring(dot + 1);
        int dp = dot + exp10;
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits = digits.substring(lead);
        dp -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits = digits.substring(0, end);
        int n = digits.length();
        if (n > 17) {
            return null;
        }
        long d = Long.parseLong(digits);
        if (n > 1) {
            long t = d / 10;
            // Only these two (n-1)-digit decimals are near enough to the digits to be candidates.
            if (readsBack(t, dp - n + 1, a) || readsBack(t + 1, dp - n + 1, a)) {
                return null;
            }
        }
        if (!readsBack(d - 1, dp - n, a) && !readsBack(d + 1, dp - n, a)) {
            return new Digits(digits, dp);
        }
        // n digits is the shortest length, with several candidates: Go takes the nearest to the exact value.
        long bits = Double.doubleToRawLongBits(a);
        boolean asymmetric = (bits & ((1L << 52) - 1)) == 0 && ((bits >>> 52) & 0x7ff) > 1;
        if (asymmetric) {
            return candidate(new BigDecimal(a), a, n, true);
        }
        // Symmetric interval: the nearest n-digit decimal is no farther than JDK's, so it reads back too.
        return digitsOf(new BigDecimal(a).round(new MathContext(n, RoundingMode.HALF_EVEN)));
    }

    private static boolean readsBack(long digits, int exp10, double a) {
        return digits > 0 && Double.parseDouble(digits + "E" + exp10) == a;
    }

    private static Digits candidate(BigDecimal exact, double a, int n, boolean asymmetric) {
        BigDecimal nearest = exact.round(new MathContext(n, RoundingMode.HALF_EVEN));
        if (nearest.doubleValue() == a) {
            return digitsOf(nearest);
        }
        if (asymmetric) {
            // The nearest n-digit decimal fell below the narrow lower half-gap; the one above may still fit.
            BigDecimal up = exact.round(new MathContext(n, RoundingMode.CEILING));
            if (up.doubleValue() == a) {
                return digitsOf(up);
            }
        }
        return null;
    }

    private static Digits digitsOf(BigDecimal d) {
        BigDecimal s = d.stripTrailingZeros();
        BigInteger unscaled = s.unscaledValue();
        String digits = unscaled.toString();
        // value = unscaled × 10^-scale = 0.digits × 10^(len - scale)
        return new Digits(digits, digits.length() - s.scale());
    }

    /**
     * {@code strconv.ParseFloat(s, 64)}: decimal and hexadecimal literals with Go's underscore rule, {@code inf},
     * {@code infinity}, {@code nan} in any case.
     *
     * @throws GoStrconv.NumError with {@link GoStrconv.NumError.Kind#RANGE} (value ±Inf) or {@code SYNTAX}
     */
    public static double parseFloat(String s) {
        Double sp = parseSpecial(s);
        if (sp != null) {
            return sp;
        }
        boolean hex = checkFloatSyntax(s);
        String t = s.indexOf('_') >= 0 ? s.replace("_", "") : s;
        double v;
        if (hex) {
            v = Double.parseDouble(t);
        } else {
            v = new BigDecimalLiteral(t).toDouble();
        }
        if (Double.isInfinite(v)) {
            throw new GoStrconv.NumError("ParseFloat", GoStrconv.NumError.Kind.RANGE, v);
        }
        return v;
    }

    /** Decimal literals: {@code Double.parseDouble} is correctly rounded; huge exponents are clamped first. */
    private record BigDecimalLiteral(String text) {
        double toDouble() {
            int e = Math.max(text.indexOf('e'), text.indexOf('E'));
            if (e >= 0 && text.length() - e > 10) {
                // An exponent this long only says "overflow" or "underflow"; keep Java's parser within int range.
                String exp = text.substring(e + 1);
                boolean neg = exp.startsWith("-");
                String digits = neg || exp.startsWith("+") ? exp.substring(1) : exp;
                int i = 0;
                while (i < digits.length() - 1 && digits.charAt(i) == '0') {
                    i++;
                }
                digits = digits.substring(i);
                if (digits.length() > 9) {
                    digits = "999999999";
                }
                return Double.parseDouble(text.substring(0, e) + "e" + (neg ? "-" : "") + digits);
            }
            return Double.parseDouble(text);
        }
    }

    private static Double parseSpecial(String s) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        double sign = 1;
        char c = s.charAt(0);
        if (c == '+' || c == '-') {
            sign = c == '-' ? -1 : 1;
            i = 1;
        }
        String rest = s.substring(i);
        if (rest.equalsIgnoreCase("inf") || rest.equalsIgnoreCase("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (i == 0 && rest.equalsIgnoreCase("nan")) {
            return GO_NAN;
        }
        return null;
    }

    /** Validates Go float syntax; returns whether it is a hex literal. */
    private static boolean checkFloatSyntax(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        boolean hex = false;
        char expChar = 'e';
        if (i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x') {
            hex = true;
            expChar = 'p';
            i += 2;
        }
        boolean sawDot = false;
        boolean sawDigits = false;
        boolean underscores = false;
        loop:
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '_') {
                underscores = true;
            } else if (c == '.') {
                if (sawDot) {
                    break loop;
                }
                sawDot = true;
            } else if (c >= '0' && c <= '9' || hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                sawDigits = true;
            } else {
                break;
            }
        }
        if (!sawDigits) {
            throw syntax();
        }
        if (i < n && (s.charAt(i) | 0x20) == expChar) {
            i++;
            if (i >= n) {
                throw syntax();
            }
            if (s.charAt(i) == '+' || s.charAt(i) == '-') {
                i++;
            }
            if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
                throw syntax();
            }
            for (; i < n && (s.charAt(i) >= '0' && s.charAt(i) <= '9' || s.charAt(i) == '_'); i++) {
                if (s.charAt(i) == '_') {
                    underscores = true;
                }
            }
        } else if (hex) {
            throw syntax();
        }
        if (i != n) {
            throw syntax();
        }
        if (underscores && !GoStrconv.underscoreOK(s)) {
            throw syntax();
        }
        return hex;
    }

    private static GoStrconv.NumError syntax() {
        return new GoStrconv.NumError("ParseFloat", GoStrconv.NumError.Kind.SYNTAX, 0);
    }
}
