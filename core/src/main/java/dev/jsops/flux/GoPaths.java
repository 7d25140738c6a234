package dev.jsops.flux;

/**
 * Go's {@code path/filepath} {@code Clean} and {@code Join} on slash-separated strings. Flux joins and cleans
 * paths lexically before it resolves them inside the root, so the same lexical rules decide where a reference
 * lands (a {@code ..} that climbs out of a symlinked directory, for instance).
 */
final class GoPaths {
    private GoPaths() {
    }

    /** {@code filepath.Clean}: the shortest lexically equivalent path. */
    static String clean(String path) {
        if (path.isEmpty()) {
            return ".";
        }
        boolean rooted = path.charAt(0) == '/';
        int n = path.length();
        StringBuilder out = new StringBuilder(n);
        int r = 0;
        int dotdot = 0;
        if (rooted) {
            out.append('/');
            r = 1;
            dotdot = 1;
        }
        while (r < n) {
            char c = path.charAt(r);
            if (c == '/') {
                r++;
            } else if (c == '.' && (r + 1 == n || path.charAt(r + 1) == '/')) {
                r++;
            } else if (c == '.' && path.charAt(r + 1) == '.' && (r + 2 == n || path.charAt(r + 2) == '/')) {
                r += 2;
                if (out.length() > dotdot) {
                    int w = out.length() - 1;
                    while (w > dotdot && out.charAt(w) != '/') {
                        w--;
                    }
                    out.setLength(w);
                } else if (!rooted) {
                    if (out.length() > 0) {
                        out.append('/');
                    }
                    out.append("..");
                    dotdot = out.length();
                }
            } else {
                if (rooted && out.length() != 1 || !rooted && out.length() != 0) {
                    out.append('/');
                }
                while (r < n && path.charAt(r) != '/') {
                    out.append(path.charAt(r++));
                }
            }
        }
        return out.length() == 0 ? "." : out.toString();
    }

    /** {@code filepath.Join}: the non-empty elements joined with {@code /}, cleaned; "" when all are empty. */
    static String join(String... elems) {
        StringBuilder sb = new StringBuilder();
        for (String e : elems) {
            if (e.isEmpty()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(e);
        }
        return sb.length() == 0 ? "" : clean(sb.toString());
    }

    static boolean isAbs(String path) {
        return path.startsWith("/");
    }

    /** {@code filepath.Ext}: from the last dot of the last element, or "". */
    static String ext(String path) {
        for (int i = path.length() - 1; i >= 0 && path.charAt(i) != '/'; i--) {
            if (path.charAt(i) == '.') {
                return path.substring(i);
            }
        }
        return "";
    }
}
