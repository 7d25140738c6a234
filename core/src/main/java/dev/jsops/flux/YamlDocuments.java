package dev.jsops.flux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A multi-document YAML stream cut at its document markers, so that a resource jsops leaves alone is written back
 * byte for byte. A line starting with {@code ---} followed by nothing, a space or a tab starts a document; at
 * column 0 that can only be a marker (block scalar content is indented), so the cut is exact for the streams
 * kustomize and kubectl print. The marker line stays with the document it starts.
 */
final class YamlDocuments {
    private YamlDocuments() {
    }

    /** One document's text, with its {@code ---} line if it has one. */
    record Chunk(String text) {
        byte[] bytes() {
            return text.getBytes(StandardCharsets.UTF_8);
        }

        /** The text without a leading bare {@code ---} line. */
        String body() {
            if (text.startsWith("---\n")) {
                return text.substring(4);
            }
            if (text.startsWith("---\r\n")) {
                return text.substring(5);
            }
            return text;
        }

        /** Whether the document holds anything besides blank lines, comments and markers. */
        boolean hasContent() {
            for (String line : text.split("\n", -1)) {
                String t = line.strip();
                if (!t.isEmpty() && !t.startsWith("#") && !t.equals("---") && !t.equals("...")) {
                    return true;
                }
            }
            return false;
        }
    }

    static List<Chunk> split(String stream) {
        List<Chunk> out = new ArrayList<>();
        int start = 0;
        int lineStart = 0;
        while (lineStart < stream.length()) {
            int nl = stream.indexOf('\n', lineStart);
            int next = nl < 0 ? stream.length() : nl + 1;
            if (isMarker(stream, lineStart) && lineStart > start) {
                out.add(new Chunk(stream.substring(start, lineStart)));
                start = lineStart;
            }
            lineStart = next;
        }
        if (start < stream.length()) {
            out.add(new Chunk(stream.substring(start)));
        }
        return out;
    }

    private static boolean isMarker(String s, int at) {
        if (!s.startsWith("---", at)) {
            return false;
        }
        int after = at + 3;
        if (after == s.length()) {
            return true;
        }
        char c = s.charAt(after);
        return c == '\n' || c == '\r' || c == ' ' || c == '\t';
    }
}
