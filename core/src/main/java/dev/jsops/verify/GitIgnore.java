package dev.jsops.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The patterns of one {@code .gitignore} (gitignore(5)): comments, negation with {@code !}, anchoring by a
 * leading or inner {@code /}, directory-only patterns with a trailing {@code /}, {@code *}, {@code ?},
 * {@code [...]} and {@code **}. Written here because the JDK's glob matcher has other rules and no library
 * on the dependency list covers it; verify must not run {@code git}.
 */
final class GitIgnore {
    private record Pattern_(Pattern regex, boolean negated, boolean dirOnly) {
    }

    private final List<Pattern_> patterns;

    private GitIgnore(List<Pattern_> patterns) {
        this.patterns = patterns;
    }

    static GitIgnore parse(String text) {
        List<Pattern_> out = new ArrayList<>();
        for (String raw : text.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            line = trimTrailingSpaces(line);
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = false;
            if (line.startsWith("!")) {
                negated = true;
                line = line.substring(1);
            } else if (line.startsWith("\\!") || line.startsWith("\\#")) {
                line = line.substring(1);
            }
            boolean dirOnly = line.endsWith("/");
            if (dirOnly) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            String regex = (anchored ? "" : "(?:.*/)?") + translate(line);
            out.add(new Pattern_(Pattern.compile(regex), negated, dirOnly));
        }
        return new GitIgnore(out);
    }

    private static String trimTrailingSpaces(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ' && (end < 2 || s.charAt(end - 2) != '\\')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** A glob to a regex over '/'-separated relative paths. */
    private static String translate(String glob) {
        StringBuilder re = new StringBuilder();
        int n = glob.length();
        for (int i = 0; i < n; i++) {
            char c = glob.charAt(i);
            if (c == '*') {
                if (i + 1 < n && glob.charAt(i + 1) == '*') {
                    boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                    boolean atEnd = i + 2 == n || glob.charAt(i + 2) == '/';
                    if (atStart && atEnd) {
                        if (i + 2 == n) {
                            re.append(".*");
                        } else {
                            re.append("(?:.*/)?");
                            i++;
                        }
                        i++;
                        continue;
                    }
                }
                re.append("[^/]*");
            } else if (c == '?') {
                re.append("[^/]");
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    re.append("\\[");
                } else {
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    re.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = close;
                }
            } else if (c == '\\' && i + 1 < n) {
                re.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }

    /**
     * The verdict of these patterns for a path relative to this file's directory: TRUE ignored, FALSE
     * re-included by a negation, null when no pattern matches (the last match wins).
     */
    Boolean match(String relativePath, boolean isDirectory) {
        Boolean result = null;
        for (Pattern_ p : patterns) {
            if (p.dirOnly() && !isDirectory) {
                continue;
            }
            if (p.regex().matcher(relativePath).matches()) {
                result = !p.negated();
            }
        }
        return result;
    }
}
