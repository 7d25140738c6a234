package dev.jsops.sops.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where keys sit in a YAML file: for each document, the 1-based line of each key path (map keys from the
 * root; list items share their list's path, as in sops). Findings point at lines; the tree itself carries none.
 */
final class YamlLines {
    private YamlLines() {
    }

    static List<Map<List<String>, Integer>> of(byte[] in) throws StoreException {
        List<Map<List<String>, Integer>> docs = new ArrayList<>();
        if (in.length == 0) {
            return docs;
        }
        YamlComposer composer = new YamlComposer(in);
        try {
            for (YamlNode doc = composer.nextDocument(); doc != null; doc = composer.nextDocument()) {
                Map<List<String>, Integer> lines = new HashMap<>();
                walk(doc, new ArrayList<>(), lines, 0);
                docs.add(lines);
            }
        } catch (YamlSyntaxError e) {
            throw new StoreException(e.getMessage());
        }
        return docs;
    }

    private static void walk(YamlNode n, List<String> path, Map<List<String>, Integer> lines, int depth) {
        if (depth > 1000 || n == null) {
            return;
        }
        switch (n.kind) {
            case DOCUMENT, SEQUENCE -> {
                for (YamlNode c : n.content) {
                    walk(c, path, lines, depth + 1);
                }
            }
            case MAPPING -> {
                for (int i = 0; i + 1 < n.content.size(); i += 2) {
                    YamlNode k = n.content.get(i);
                    List<String> p = new ArrayList<>(path);
                    p.add(k.value);
                    lines.putIfAbsent(List.copyOf(p), k.lineNo);
                    walk(n.content.get(i + 1), p, lines, depth + 1);
                }
            }
            default -> {
                // Scalars and aliases carry no keys.
            }
        }
    }
}
