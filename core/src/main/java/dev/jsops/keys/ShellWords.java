package dev.jsops.keys;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as github.com/google/shlex does for sops's {@code *_CMD} variables:
 * whitespace separates words, single quotes are literal, double quotes allow backslash escapes, a backslash
 * outside quotes escapes the next character, and {@code #} at the start of a word begins a comment. No shell
 * runs and nothing is expanded.
 */
final class ShellWords {
    private ShellWords() {
    }

    static List<String> split(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                int nl = s.indexOf('\n', i);
                i = nl < 0 ? s.length() : nl;
            } else if (c == '\'') {
                int end = s.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("EOF found when expecting closing quote");
                }
                w.append(s, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i);
                    if (d == '"') {
                        closed = true;
                        i++;
                        break;
                    }
                    if (d == '\\' && i + 1 < s.length()) {
                        w.append(s.charAt(i + 1));
                        i += 2;
                        continue;
                    }
                    w.append(d);
                    i++;
                }
                if (!closed) {
                    throw new IllegalArgumentException("EOF found when expecting closing quote");
                }
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= s.length()) {
                    throw new IllegalArgumentException("EOF found after escape character");
                }
                w.append(s.charAt(i + 1));
                inWord = true;
                i += 2;
            } else {
                w.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        return words;
    }
}
