package dev.jsops.sops.store;

/** Go {@code strconv.Quote} (what {@code %#v} prints for a string), used where sops's messages quote a key. */
final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2);
        sb.append('"');
        for (int i = 0; i < s.length(); ) {
            int r = s.codePointAt(i);
            i += Character.charCount(r);
            switch (r) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case 0x07 -> sb.append("\\a");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0x0B -> sb.append("\\v");
                default -> {
                    if (r < 0x80) {
                        if (r < ' ' || r == 0x7F) {
                            sb.append("\\x").append(HEX[r >> 4]).append(HEX[r & 15]);
                        } else {
                            sb.append((char) r);
                        }
                    } else if (isPrint(r)) {
                        sb.appendCodePoint(r);
                    } else if (r < 0x10000) {
                        sb.append("\\u");
                        hex(sb, r, 4);
                    } else {
                        sb.append("\\U");
                        hex(sb, r, 8);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static void hex(StringBuilder sb, int v, int digits) {
        for (int k = (digits - 1) * 4; k >= 0; k -= 4) {
            sb.append(HEX[(v >> k) & 15]);
        }
    }

    /** Go {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols (no spaces beyond ASCII ' '). */
    private static boolean isPrint(int r) {
        return switch (Character.getType(r)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER, Character.NON_SPACING_MARK,
                    Character.ENCLOSING_MARK, Character.COMBINING_SPACING_MARK, Character.DECIMAL_DIGIT_NUMBER,
                    Character.LETTER_NUMBER, Character.OTHER_NUMBER, Character.CONNECTOR_PUNCTUATION,
                    Character.DASH_PUNCTUATION, Character.START_PUNCTUATION, Character.END_PUNCTUATION,
                    Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                    Character.OTHER_PUNCTUATION, Character.MATH_SYMBOL, Character.CURRENCY_SYMBOL,
                    Character.MODIFIER_SYMBOL, Character.OTHER_SYMBOL -> true;
            default -> false;
        };
    }
}
