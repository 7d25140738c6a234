package dev.jsops.sops.store;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import dev.jsops.sops.GoStrconv;

/**
 * Scalar typing the way go-yaml v3 does it ({@code resolve.go}) plus the Go formatting rules sops's output depends
 * on ({@code strconv.FormatFloat(v,'g',-1,64)}, {@code time.RFC3339Nano}). Written from the documented behaviour of
 * those functions; the quirks (octal {@code 017}, {@code 08} becoming a float, {@code 0b+1}) are Go's, reproduced
 * on purpose because they decide the type sops encrypts a value as.
 */
final class GoYamlScalars {
    static final String NULL = "!!null";
    static final String BOOL = "!!bool";
    static final String STR = "!!str";
    static final String INT = "!!int";
    static final String FLOAT = "!!float";
    static final String TIMESTAMP = "!!timestamp";
    static final String SEQ = "!!seq";
    static final String MAP = "!!map";
    static final String BINARY = "!!binary";
    static final String MERGE = "!!merge";
    static final String LONG_PREFIX = "tag:yaml.org,2002:";

    private static final BigInteger MAX_INT64 = BigInteger.valueOf(Long.MAX_VALUE);
    private static final BigInteger MIN_INT64_ABS = MAX_INT64.add(BigInteger.ONE);
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** A resolved scalar: tag plus Java value (null, Boolean, Long, BigInteger for uint64, Double, OffsetDateTime, String). */
    record Resolved(String tag, Object value) {
    }

    /** go-yaml's "failf" during decoding; the message is ours and never carries the scalar. */
    static final class DecodeFailure extends RuntimeException {
        DecodeFailure(String message) {
            super(message, null, false, false);
        }
    }

    private static final Map<String, Resolved> SPECIAL = new HashMap<>();

    static {
        for (String s : new String[] {"true", "True", "TRUE"}) {
            SPECIAL.put(s, new Resolved(BOOL, Boolean.TRUE));
        }
        for (String s : new String[] {"false", "False", "FALSE"}) {
            SPECIAL.put(s, new Resolved(BOOL, Boolean.FALSE));
        }
        for (String s : new String[] {"", "~", "null", "Null", "NULL"}) {
            SPECIAL.put(s, new Resolved(NULL, null));
        }
        for (String s : new String[] {".nan", ".NaN", ".NAN"}) {
            SPECIAL.put(s, new Resolved(FLOAT, Double.NaN));
        }
        for (String s : new String[] {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}) {
            SPECIAL.put(s, new Resolved(FLOAT, Double.POSITIVE_INFINITY));
        }
        for (String s : new String[] {"-.inf", "-.Inf", "-.INF"}) {
            SPECIAL.put(s, new Resolved(FLOAT, Double.NEGATIVE_INFINITY));
        }
        SPECIAL.put("<<", new Resolved(MERGE, "<<"));
    }

    private GoYamlScalars() {
    }

    static String shortTag(String tag) {
        if (tag.startsWith(LONG_PREFIX)) {
            return "!!" + tag.substring(LONG_PREFIX.length());
        }
        return tag;
    }

    static String longTag(String tag) {
        if (tag.startsWith("!!")) {
            return LONG_PREFIX + tag.substring(2);
        }
        return tag;
    }

    private static boolean resolvable(String tag) {
        return switch (tag) {
            case "", STR, BOOL, INT, FLOAT, NULL, TIMESTAMP -> true;
            default -> false;
        };
    }

    /** The tag a plain scalar gets without an explicit tag (go-yaml {@code resolve("", v)}), cheap path. */
    static String implicitTag(String in) {
        return resolve("", in).tag();
    }

    /** go-yaml {@code resolve(tag, in)}; throws {@link DecodeFailure} where go-yaml fails. */
    static Resolved resolve(String tag, String in) {
        if (tag.isEmpty() && !in.isEmpty() && hint(in) == 0) {
            return new Resolved(STR, in); // most text: no resolver hint, a string
        }
        tag = shortTag(tag);
        if (!resolvable(tag)) {
            return new Resolved(tag, in);
        }
        Resolved r = resolveUnchecked(tag, in);
        if (tag.isEmpty() || tag.equals(r.tag()) || tag.equals(STR) || tag.equals(BINARY)) {
            return r;
        }
        if (tag.equals(FLOAT) && r.tag().equals(INT) && r.value() instanceof Long l) {
            return new Resolved(FLOAT, (double) l);
        }
        throw new DecodeFailure("cannot decode " + shortTag(r.tag()) + " as a " + shortTag(tag));
    }

    private static char hint(String in) {
        if (in.isEmpty()) {
            return 'N';
        }
        char c = in.charAt(0);
        if (c == '+' || c == '-') {
            return 'S';
        }
        if (c >= '0' && c <= '9') {
            return 'D';
        }
        if (c == '.') {
            return '.';
        }
        return switch (c) {
            case 'y', 'Y', 'n', 'N', 't', 'T', 'f', 'F', 'o', 'O', '~' -> 'M';
            default -> 0;
        };
    }

    private static Resolved resolveUnchecked(String tag, String in) {
        char hint = hint(in);
        if (hint != 0 && !tag.equals(STR) && !tag.equals(BINARY)) {
            Resolved special = SPECIAL.get(in);
            if (special != null) {
                return special;
            }
            switch (hint) {
                case 'M':
                    break;
                case '.': {
                    Double f = parseGoFloat(in);
                    if (f != null) {
                        return new Resolved(FLOAT, f);
                    }
                    break;
                }
                case 'D':
                case 'S': {
                    if (tag.isEmpty() || tag.equals(TIMESTAMP)) {
                        OffsetDateTime t = parseTimestamp(in);
                        if (t != null) {
                            return new Resolved(TIMESTAMP, t);
                        }
                    }
                    String plain = in.indexOf('_') >= 0 ? in.replace("_", "") : in;
                    long fast = simpleDecimal(plain);
                    if (fast != Long.MIN_VALUE) {
                        return new Resolved(INT, fast);
                    }
                    Long iv = parseInt(plain, 0);
                    if (iv != null) {
                        return new Resolved(INT, iv);
                    }
                    BigInteger uv = parseUint(plain, 0);
                    if (uv != null) {
                        return new Resolved(INT, uv);
                    }
                    if (isYamlStyleFloat(plain)) {
                        Double f = parseGoFloat(plain);
                        if (f != null) {
                            return new Resolved(FLOAT, f);
                        }
                    }
                    if (plain.startsWith("0b")) {
                        Long v = parseInt(plain.substring(2), 2);
                        if (v != null) {
                            return new Resolved(INT, v);
                        }
                        BigInteger u = parseUint(plain.substring(2), 2);
                        if (u != null) {
                            return new Resolved(INT, u);
                        }
                    } else if (plain.startsWith("-0b")) {
                        Long v = parseInt("-" + plain.substring(3), 2);
                        if (v != null) {
                            return new Resolved(INT, v);
                        }
                    }
                    if (plain.startsWith("0o")) {
                        Long v = parseInt(plain.substring(2), 8);
                        if (v != null) {
                            return new Resolved(INT, v);
                        }
                        BigInteger u = parseUint(plain.substring(2), 8);
                        if (u != null) {
                            return new Resolved(INT, u);
                        }
                    } else if (plain.startsWith("-0o")) {
                        Long v = parseInt("-" + plain.substring(3), 8);
                        if (v != null) {
                            return new Resolved(INT, v);
                        }
                    }
                    break;
                }
                default:
                    break;
            }
        }
        return new Resolved(STR, in);
    }

    /**
     * The common case of {@code ParseInt(s, 0, 64)}: an optional sign, then "0" or up to 18 digits without a leading
     * zero (which could mean octal). Long.MIN_VALUE when the string is not of that simple form.
     */
    private static long simpleDecimal(String s) {
        int n = s.length();
        int i = 0;
        boolean neg = false;
        if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            neg = s.charAt(0) == '-';
            i = 1;
        }
        int digits = n - i;
        if (digits < 1 || digits > 18 || (s.charAt(i) == '0' && digits > 1)) {
            return Long.MIN_VALUE;
        }
        long v = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Long.MIN_VALUE;
            }
            v = v * 10 + (c - '0');
        }
        return neg ? -v : v;
    }

    /** {@code ^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$} without a regex engine. */
    static boolean isYamlStyleFloat(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int d = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == d) {
                return false;
            }
        } else {
            int d = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == d) {
                return false;
            }
            if (i < n && s.charAt(i) == '.') {
                i++;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int d = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == d) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * Go {@code strconv.ParseFloat(s, 64)} for the decimal inputs go-yaml passes it (they start with a sign, a digit
     * or a dot). Returns null on a syntax or range error.
     */
    static Double parseGoFloat(String s) {
        if (s.indexOf('_') >= 0) {
            if (!GoStrconv.underscoreOK(s)) {
                return null;
            }
            s = s.replace("_", "");
        }
        int i = 0;
        int n = s.length();
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        String rest = s.substring(i).toLowerCase(java.util.Locale.ROOT);
        if (rest.equals("inf") || rest.equals("infinity")) {
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (rest.equals("nan") && i == 0) {
            return Double.NaN;
        }
        boolean digits = false;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits = true;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits = true;
            }
        }
        if (!digits) {
            return null;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int d = i;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
            if (i == d) {
                return null;
            }
        }
        if (i != n) {
            return null;
        }
        double v;
        try {
            v = Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return null;
        }
        if (Double.isInfinite(v)) {
            return null; // Go reports ErrRange, which go-yaml treats as "not a float"
        }
        return v;
    }

    /** Go {@code strconv.ParseUint(s, base, 64)} (base 0 = prefix detection); null on any error. */
    static BigInteger parseUint(String s, int base) {
        if (s.isEmpty()) {
            return null;
        }
        int i = 0;
        if (base == 0) {
            base = 10;
            if (s.charAt(0) == '0') {
                char l = s.length() >= 3 ? Character.toLowerCase(s.charAt(1)) : 0;
                if (l == 'b') {
                    base = 2;
                    i = 2;
                } else if (l == 'o') {
                    base = 8;
                    i = 2;
                } else if (l == 'x') {
                    base = 16;
                    i = 2;
                } else {
                    base = 8;
                    i = 1;
                }
            }
        }
        long acc = 0;
        BigInteger big = null;
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'z') {
                d = c - 'a' + 10;
            } else if (c >= 'A' && c <= 'Z') {
                d = c - 'A' + 10;
            } else {
                return null;
            }
            if (d >= base) {
                return null;
            }
            if (big == null) {
                if (acc <= (Long.MAX_VALUE - d) / base) {
                    acc = acc * base + d;
                    continue;
                }
                big = BigInteger.valueOf(acc);
            }
            big = big.multiply(BigInteger.valueOf(base)).add(BigInteger.valueOf(d));
            if (big.compareTo(MAX_UINT64) > 0) {
                return null;
            }
        }
        return big != null ? big : BigInteger.valueOf(acc);
    }

    /** Go {@code strconv.ParseInt(s, base, 64)}; null on any error. */
    static Long parseInt(String s, int base) {
        if (s.isEmpty()) {
            return null;
        }
        boolean neg = false;
        if (s.charAt(0) == '+') {
            s = s.substring(1);
        } else if (s.charAt(0) == '-') {
            neg = true;
            s = s.substring(1);
        }
        BigInteger u = parseUint(s, base);
        if (u == null) {
            return null;
        }
        if (!neg) {
            return u.compareTo(MAX_INT64) > 0 ? null : u.longValue();
        }
        if (u.compareTo(MIN_INT64_ABS) > 0) {
            return null;
        }
        return u.negate().longValue();
    }

    // ---- timestamps -------------------------------------------------------------------------------------------

    /**
     * go-yaml's {@code parseTimestamp}: four digits and a dash, then one of the layouts
     * {@code 2006-1-2T15:4:5.999999999Z07:00} (also with {@code t}), {@code 2006-1-2 15:4:5.999999999},
     * {@code 2006-1-2}, with Go {@code time.Parse} field rules. Null when it is not a timestamp.
     */
    static OffsetDateTime parseTimestamp(String s) {
        int i = 0;
        while (i < s.length() && isDigit(s.charAt(i))) {
            i++;
        }
        if (i != 4 || i == s.length() || s.charAt(i) != '-') {
            return null;
        }
        return new TimestampParser(s).parse();
    }

    private static final class TimestampParser {
        private final String s;
        private int p;

        TimestampParser(String s) {
            this.s = s;
        }

        private int getnum(boolean fixed) {
            if (p >= s.length() || !isDigit(s.charAt(p))) {
                return -1;
            }
            if (p + 1 >= s.length() || !isDigit(s.charAt(p + 1))) {
                if (fixed) {
                    return -1;
                }
                return s.charAt(p++) - '0';
            }
            int v = (s.charAt(p) - '0') * 10 + (s.charAt(p + 1) - '0');
            p += 2;
            return v;
        }

        private boolean lit(char c) {
            if (p < s.length() && s.charAt(p) == c) {
                p++;
                return true;
            }
            return false;
        }

        OffsetDateTime parse() {
            int year = Integer.parseInt(s.substring(0, 4));
            p = 4;
            if (!lit('-')) {
                return null;
            }
            int month = getnum(false);
            if (month < 1 || month > 12 || !lit('-')) {
                return null;
            }
            int day = getnum(false);
            if (day < 0) {
                return null;
            }
            int hour = 0;
            int min = 0;
            int sec = 0;
            int nanos = 0;
            int offset = 0;
            if (p < s.length()) {
                char sep = s.charAt(p);
                if (sep != 'T' && sep != 't' && sep != ' ') {
                    return null;
                }
                p++;
                hour = getnum(false);
                if (hour < 0 || hour >= 24 || !lit(':')) {
                    return null;
                }
                min = getnum(false);
                if (min < 0 || min >= 60 || !lit(':')) {
                    return null;
                }
                sec = getnum(false);
                if (sec < 0 || sec >= 60) {
                    return null;
                }
                if (p + 1 < s.length() && (s.charAt(p) == '.' || s.charAt(p) == ',') && isDigit(s.charAt(p + 1))) {
                    int start = p + 1;
                    int end = start;
                    while (end < s.length() && isDigit(s.charAt(end))) {
                        end++;
                    }
                    String digits = s.substring(start, Math.min(end, start + 9));
                    nanos = Integer.parseInt(digits);
                    for (int k = digits.length(); k < 9; k++) {
                        nanos *= 10;
                    }
                    p = end;
                }
                if (sep != ' ') {
                    if (lit('Z')) {
                        offset = 0;
                    } else {
                        if (s.length() - p < 6 || s.charAt(p + 3) != ':') {
                            return null;
                        }
                        char sign = s.charAt(p);
                        p++;
                        int hh = getnum(true);
                        if (hh < 0) {
                            return null;
                        }
                        p++;
                        int mm = getnum(true);
                        if (mm < 0 || hh > 24 || mm > 60) {
                            return null;
                        }
                        offset = (hh * 60 + mm) * 60;
                        if (sign == '-') {
                            offset = -offset;
                        } else if (sign != '+') {
                            return null;
                        }
                    }
                }
                if (p != s.length()) {
                    return null;
                }
            }
            if (day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
                return null;
            }
            try {
                return OffsetDateTime.of(year, month, day, hour, min, sec, nanos, ZoneOffset.ofTotalSeconds(offset));
            } catch (DateTimeException e) {
                return null; // offsets beyond ±18h: Go accepts them, java.time cannot hold them
            }
        }
    }

    /** Go {@code t.Format(time.RFC3339Nano)}. */
    static String formatTime(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(35);
        pad(sb, t.getYear(), 4);
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
        sb.append('T');
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = String.valueOf(1_000_000_000 + nanos).substring(1);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        int offset = t.getOffset().getTotalSeconds();
        if (offset == 0) {
            sb.append('Z');
        } else {
            int zone = offset / 60;
            if (zone < 0) {
                sb.append('-');
                zone = -zone;
            } else {
                sb.append('+');
            }
            pad(sb, zone / 60, 2);
            sb.append(':');
            pad(sb, zone % 60, 2);
        }
        return sb.toString();
    }

    private static void pad(StringBuilder sb, int v, int width) {
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        String s = Integer.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    // ---- floats -----------------------------------------------------------------------------------------------

    /** Go {@code strconv.FormatFloat(v, 'g', -1, 64)}: shortest round-trip digits, %e when exp < -4 || exp >= 6. */
    static String formatFloatG(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == 0) {
            return (Double.doubleToRawLongBits(v) < 0) ? "-0" : "0";
        }
        boolean neg = v < 0;
        BigDecimal d = shortest(Math.abs(v));
        String digits = d.unscaledValue().toString();
        int nd = digits.length();
        int dp = nd - d.scale();
        int exp = dp - 1;
        StringBuilder sb = new StringBuilder(24);
        if (neg) {
            sb.append('-');
        }
        if (exp < -4 || exp >= 6) {
            sb.append(digits.charAt(0));
            if (nd > 1) {
                sb.append('.').append(digits, 1, nd);
            }
            sb.append('e');
            int e = exp;
            if (e < 0) {
                sb.append('-');
                e = -e;
            } else {
                sb.append('+');
            }
            if (e < 10) {
                sb.append('0');
            }
            sb.append(e);
            return sb.toString();
        }
        if (dp <= 0) {
            sb.append("0.");
            for (int k = dp; k < 0; k++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (dp >= nd) {
            sb.append(digits);
            for (int k = nd; k < dp; k++) {
                sb.append('0');
            }
        } else {
            sb.append(digits, 0, dp).append('.').append(digits, dp, nd);
        }
        return sb.toString();
    }

    /** The shortest decimal that reads back as {@code v} (closest one when several have that length). */
    private static BigDecimal shortest(double v) {
        // Double.toString's digits read back as v; searching below them is cheap (at most 17 digits, long-backed).
        BigDecimal exact = BigDecimal.valueOf(v);
        for (int p = 1; p <= 17; p++) {
            BigDecimal r = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (r.doubleValue() == v) {
                return r.stripTrailingZeros();
            }
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            boolean upOk = up.doubleValue() == v;
            boolean downOk = down.doubleValue() == v;
            if (upOk && downOk) {
                return (up.subtract(exact).compareTo(exact.subtract(down)) < 0 ? up : down).stripTrailingZeros();
            }
            if (upOk) {
                return up.stripTrailingZeros();
            }
            if (downOk) {
                return down.stripTrailingZeros();
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }
}
