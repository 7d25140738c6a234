package dev.jsops.sops.store;

/**
 * A reader, scanner or parser failure, worded as go-yaml v3 words it ({@code yaml: line N: problem}). go-yaml's
 * problems are fixed phrases, so the message never carries file content. Line numbers follow go-yaml's own
 * convention: 1-based for scanner errors, 0-based mark lines for parser errors.
 */
final class YamlSyntaxError extends RuntimeException {
    enum Kind { READER, SCANNER, PARSER }

    YamlSyntaxError(Kind kind, YamlScanner.Mark contextMark, YamlScanner.Mark problemMark, String problem) {
        super(format(kind, contextMark, problemMark, problem), null, false, false);
    }

    YamlSyntaxError(String message) {
        super(message, null, false, false);
    }

    private static String format(Kind kind, YamlScanner.Mark contextMark, YamlScanner.Mark problemMark,
            String problem) {
        int line = 0;
        if (contextMark != null && contextMark.line() != 0) {
            line = contextMark.line();
            if (kind == Kind.SCANNER) {
                line++;
            }
        } else if (problemMark != null && problemMark.line() != 0) {
            line = problemMark.line();
            if (kind == Kind.SCANNER) {
                line++;
            }
        }
        String where = line != 0 ? "line " + line + ": " : "";
        return "yaml: " + where + (problem == null || problem.isEmpty()
                ? "unknown problem parsing YAML content" : problem);
    }
}
