package dev.jsops.sops;

/**
 * Greedy word wrapping as github.com/mitchellh/go-wordwrap does it, which shapes sops's failure report:
 * breaks at whitespace, keeps words longer than the limit whole, keeps existing newlines.
 */
public final class WordWrap {
    private WordWrap() {
    }

    public static String wrap(String s, int limit) {
        StringBuilder buf = new StringBuilder(s.length() + 8);
        StringBuilder word = new StringBuilder();
        StringBuilder space = new StringBuilder();
        int current = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') {
                if (word.length() == 0) {
                    if (current + space.length() > limit) {
                        current = 0;
                    } else {
                        current += space.length();
                        buf.append(space);
                    }
                    space.setLength(0);
                } else {
                    current += space.length() + word.length();
                    buf.append(space).append(word);
                    space.setLength(0);
                    word.setLength(0);
                }
                buf.append(c);
                current = 0;
            } else if (Character.isWhitespace(c) && c != '\u00a0') {
                if (space.length() == 0 || word.length() > 0) {
                    current += space.length() + word.length();
                    buf.append(space).append(word);
                    space.setLength(0);
                    word.setLength(0);
                }
                space.append(c);
            } else {
                word.append(c);
                if (current + space.length() + word.length() > limit && word.length() < limit) {
                    buf.append('\n');
                    current = 0;
                    space.setLength(0);
                }
            }
        }
        if (word.length() == 0) {
            if (current + space.length() <= limit) {
                buf.append(space);
            }
        } else {
            buf.append(space).append(word);
        }
        return buf.toString();
    }
}
