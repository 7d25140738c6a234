package dev.jsops.age;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.InflaterInputStream;

/** A CCTV-format age test vector: a metadata block, an empty line, then the (maybe compressed) file. */
record VectorFile(String name, Map<String, List<String>> meta, byte[] body) {

    static VectorFile read(Path path) throws IOException {
        byte[] all = Files.readAllBytes(path);
        int split = -1;
        for (int i = 0; i + 1 < all.length; i++) {
            if (all[i] == '\n' && all[i + 1] == '\n') {
                split = i;
                break;
            }
        }
        if (split < 0) {
            throw new IOException("no metadata block in " + path);
        }
        Map<String, List<String>> meta = new LinkedHashMap<>();
        for (String line : new String(all, 0, split, StandardCharsets.US_ASCII).split("\n")) {
            int c = line.indexOf(": ");
            meta.computeIfAbsent(line.substring(0, c), k -> new ArrayList<>()).add(line.substring(c + 2));
        }
        byte[] body = java.util.Arrays.copyOfRange(all, split + 2, all.length);
        if ("zlib".equals(one(meta, "compressed"))) {
            try (var in = new InflaterInputStream(new ByteArrayInputStream(body))) {
                body = in.readAllBytes();
            }
        }
        return new VectorFile(path.getFileName().toString(), meta, body);
    }

    String get(String key) {
        return one(meta, key);
    }

    List<String> all(String key) {
        return meta.getOrDefault(key, List.of());
    }

    private static String one(Map<String, List<String>> meta, String key) {
        List<String> v = meta.get(key);
        return v == null ? null : v.get(0);
    }
}
