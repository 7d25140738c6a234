package dev.jsops.sops;

/**
 * Go's {@code strconv} integer and bool parsing, where sops's behaviour hangs on it: JSON decides int vs float with
 * {@code ParseInt(s, 10, 64)}, YAML resolves ints with base 0, flattened metadata list indices use {@code Atoi}.
 */
public final class GoStrconv {
    private GoStrconv() {
    }

    /** A parse failure, carrying Go's distinction between a malformed and an out-of-range number. */
    public static final class NumError extends IllegalArgumentException {
        public enum Kind { SYNTAX, RANGE }

        private final Kind kind;
        private final transient double floatValue;

        NumError(String func, Kind kind, double floatValue) {
            // Go's message quotes the input; ours does not, as it may be a secret.
            super("strconv." + func + ": " + (kind == Kind.SYNTAX ? "invalid syntax" : "value out of range"));
            this.kind = kind;
            this.floatValue = floatValue;
        }

        public Kind kind() {
            return kind;
        }

        /** For {@code ParseFloat} range errors: the ±Inf Go returns alongside the error. */
        public double floatValue() {
            return floatValue;
        }
    }

    /** {@code strconv.ParseInt(s, base, 64)} for base 10 or 0 (prefixes {@code 0x 0o 0b 0}, underscores). */
    public static long parseInt(String s, int base) {
        if (s.isEmpty()) {
            throw new NumError("ParseInt", NumError.Kind.SYNTAX, 0);
        }
        boolean neg = false;
        String u = s;
        char c = s.charAt(0);
        if (c == '+') {
            u = s.substring(1);
        } else if (c == '-') {
            u = s.substring(1);
            neg = true;
        }
        long un;
        boolean range = false;
        try {
            un = parseUint(u, base, "ParseInt");
        } catch (NumError e) {
            if (e.kind() != NumError.Kind.RANGE) {
                throw e;
            }
            range = true;
            un = -1;
        }
        // un is an unsigned 64-bit value.
        if (range || (!neg && Long.compareUnsigned(un, Long.MIN_VALUE) >= 0)
                || (neg && Long.compareUnsigned(un, Long.MIN_VALUE) > 0)) {
            throw new NumError("ParseInt", NumError.Kind.RANGE, 0);
        }
        return neg ? -un : un;
    }

    /** {@code strconv.ParseUint(s, base, 64)} for base 10 or 0; the result is unsigned in a {@code long}. */
    public static long parseUint(String s, int base) {
        return parseUint(s, base, "ParseUint");
    }

    private static long parseUint(String s, int base, String func) {
        if (s.isEmpty()) {
            throw new NumError(func, NumError.Kind.SYNTAX, 0);
        }
        boolean base0 = base == 0;
        String s0 = s;
        int start = 0;
        if (base == 0) {
            base = 10;
            if (s.charAt(0) == '0') {
                char p = s.length() >= 3 ? (char) (s.charAt(1) | 0x20) : 0;
                if (p == 'b') {
                    base = 2;
                    start = 2;
                } else if (p == 'o') {
                    base = 8;
                    start = 2;
                } else if (p == 'x') {
                    base = 16;
                    start = 2;
                } else {
                    base = 8;
                    start = 1;
                }
            }
        } else if (base != 10 && base != 16 && base != 8 && base != 2) {
            throw new IllegalArgumentException("unsupported base " + base);
        }
        long cutoff = Long.divideUnsigned(-1L, base) + 1;
        boolean underscores = false;
        long n = 0;
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            int d;
            if (c == '_' && base0) {
                underscores = true;
                continue;
            } else if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
                d = (c | 0x20) - 'a' + 10;
            } else {
                throw new NumError(func, NumError.Kind.SYNTAX, 0);
            }
            if (d >= base) {
                throw new NumError(func, NumError.Kind.SYNTAX, 0);
            }
            if (Long.compareUnsigned(n, cutoff) >= 0) {
                throw new NumError(func, NumError.Kind.RANGE, 0);
            }
            n *= base;
            long n1 = n + d;
            if (Long.compareUnsigned(n1, n) < 0) {
                throw new NumError(func, NumError.Kind.RANGE, 0);
            }
            n = n1;
        }
        if (underscores && !underscoreOK(s0)) {
            throw new NumError(func, NumError.Kind.SYNTAX, 0);
        }
        return n;
    }

    /** {@code strconv.Atoi}: base 10, no underscores, 64-bit. */
    public static long atoi(String s) {
        return parseInt(s, 10);
    }

    /** {@code strconv.ParseBool}. */
    public static boolean parseBool(String s) {
        return switch (s) {
            case "1", "t", "T", "true", "TRUE", "True" -> true;
            case "0", "f", "F", "false", "FALSE", "False" -> false;
            default -> throw new NumError("ParseBool", NumError.Kind.SYNTAX, 0);
        };
    }

    /** Go's rule that underscores only separate digits (or follow a base prefix). */
    public static boolean underscoreOK(String s) {
        char saw = '^';
        int i = 0;
        if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
            s = s.substring(1);
        }
        boolean hex = false;
        if (s.length() >= 2 && s.charAt(0) == '0') {
            char p = (char) (s.charAt(1) | 0x20);
            if (p == 'b' || p == 'o' || p == 'x') {
                i = 2;
                saw = '0';
                hex = p == 'x';
            }
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9' || hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f') {
                saw = '0';
                continue;
            }
            if (c == '_') {
                if (saw != '0') {
                    return false;
                }
                saw = '_';
                continue;
            }
            if (saw == '_') {
                return false;
            }
            saw = '!';
        }
        return saw != '_';
    }
}
