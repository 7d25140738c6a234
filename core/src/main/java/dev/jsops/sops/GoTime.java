package dev.jsops.sops;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Go's {@code time} text forms that sops writes: {@code lastmodified} and {@code created_at} (RFC 3339,
 * seconds) and {@code type:time} values (RFC 3339 with nanoseconds). A zero offset is written {@code Z}.
 */
public final class GoTime {
    private GoTime() {
    }

    private static final DateTimeFormatter RFC3339_SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

    /** Go {@code time.Format(time.RFC3339)}: seconds precision, {@code Z} for a zero offset. */
    public static String formatRfc3339(OffsetDateTime t) {
        return t.format(RFC3339_SECONDS);
    }

    /**
     * Go {@code time.MarshalText} (RFC 3339 with nanoseconds, trailing zeros of the fraction removed, no
     * fraction when zero).
     */
    public static String formatRfc3339Nano(OffsetDateTime t) {
        StringBuilder sb = new StringBuilder(35);
        sb.append(t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")));
        int nanos = t.getNano();
        if (nanos != 0) {
            String f = String.format("%09d", nanos);
            int end = f.length();
            while (f.charAt(end - 1) == '0') {
                end--;
            }
            sb.append('.').append(f, 0, end);
        }
        ZoneOffset o = t.getOffset();
        sb.append(o.getTotalSeconds() == 0 ? "Z" : o.getId());
        return sb.toString();
    }

    /** Go {@code time.Parse(time.RFC3339, s)}: an optional fraction is accepted. */
    public static OffsetDateTime parseRfc3339(String s) {
        try {
            if (s.length() < 20 || s.charAt(10) != 'T') {
                throw new DateTimeParseException("not RFC 3339", s, 0);
            }
            return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parsing time \"" + s + "\" as \"2006-01-02T15:04:05Z07:00\": cannot parse");
        }
    }
}
