package dev.jsops.flux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.jsops.sops.Branch;
import dev.jsops.sops.GoFloat;
import dev.jsops.sops.GoTime;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.StoreException;
import dev.jsops.sops.store.YamlStore;

/**
 * The parts of a {@code kustomization.yaml} (or {@code Kind: Component}) that Flux's pre-build decryption reads:
 * {@code resources}, {@code components}, {@code secretGenerator[].files/envs} and {@code patches[].path}.
 *
 * <p>Flux reads the file with {@code sigs.k8s.io/yaml} into kustomize's Go struct: YAML becomes JSON (keys sorted),
 * JSON field names match case-insensitively, scalars bound for a string field become strings, {@code null} leaves
 * a field empty, and the first type mismatch fails the load. Those rules are reproduced for the fields read here;
 * type errors in fields Flux's decryptor does not use are left to kustomize, which reports them itself.
 */
record KustomizationFile(List<String> resources, List<String> components, List<SecretGenerator> secretGenerators,
        List<String> patchPaths) {

    /** The three names kustomize recognises, in its order. */
    static final List<String> FILE_NAMES = List.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    /** The file sources ({@code key=path} or {@code path}) and env files of one {@code secretGenerator} entry. */
    record SecretGenerator(List<String> files, List<String> envs) {
    }

    /**
     * Flux's {@code secureLoadKustomizationFile}: exactly one of the recognised names must exist in
     * {@code relDir} (root-relative) as a regular file.
     */
    static KustomizationFile load(String root, String relDir) throws GoError {
        if (!GoPaths.isAbs(root)) {
            throw GoError.plain("root '" + root + "' must be absolute");
        }
        if (GoPaths.isAbs(relDir)) {
            throw GoError.plain("path '" + relDir + "' must be relative");
        }
        String found = null;
        for (String name : FILE_NAMES) {
            String p;
            try {
                p = SecurePaths.secureJoin(root, GoPaths.join(relDir, name));
            } catch (GoError e) {
                throw e.wrap("failed to secure join " + name);
            }
            BasicFileAttributes attrs;
            try {
                attrs = SecurePaths.lstat(p);
            } catch (GoError e) {
                if (e.isNotExist()) {
                    continue;
                }
                throw e.rootRelative(root).wrap("failed to lstat " + name);
            }
            if (!attrs.isRegularFile()) {
                throw GoError.plain("expected " + name + " to be a regular file");
            }
            if (found != null) {
                throw GoError.plain("found multiple kustomization files");
            }
            found = p;
        }
        if (found == null) {
            throw GoError.plain("no kustomization file found");
        }
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(found));
        } catch (IOException e) {
            throw GoError.path("open", found, e).rootRelative(root).wrap("failed to read kustomization file");
        }
        try {
            return parse(data);
        } catch (GoError e) {
            // Flux names the absolute path of the file here.
            throw e.wrap("failed to unmarshal kustomization file from '" + found + "'");
        }
    }

    static KustomizationFile parse(byte[] data) throws GoError {
        Tree tree;
        try {
            tree = new YamlStore().loadPlain(data);
        } catch (StoreException e) {
            if (e.getMessage().equals("EOF")) {
                return new KustomizationFile(List.of(), List.of(), List.of(), List.of());
            }
            if (e.getMessage().contains("YAML documents that are sequences are not supported")
                    || e.getMessage().contains("into map[string]interface {}")) {
                throw unmarshalError("json: cannot unmarshal " + (e.getMessage().contains("!!seq") || e.getMessage().contains("sequences")
                        ? "array" : "string") + " into Go value of type types.Kustomization");
            }
            throw GoError.plain("error converting YAML to JSON: " + e.getMessage());
        }
        if (tree.branches().isEmpty()) {
            return new KustomizationFile(List.of(), List.of(), List.of(), List.of());
        }
        Branch top = tree.branches().get(0);
        List<String> resources = List.of();
        List<String> components = List.of();
        List<SecretGenerator> generators = List.of();
        List<String> patches = List.of();
        for (Branch.Entry e : sortedEntries(top)) {
            switch (field(e.key(), "resources", "components", "secretGenerator", "patches")) {
                case "resources" -> resources = strings(e.value(), "Kustomization", "resources");
                case "components" -> components = strings(e.value(), "Kustomization", "components");
                case "secretGenerator" -> generators = generators(e.value());
                case "patches" -> patches = patchPaths(e.value());
                default -> {
                    // Not read by the decryptor.
                }
            }
        }
        return new KustomizationFile(resources, components, generators, patches);
    }

    private static List<SecretGenerator> generators(Value v) throws GoError {
        List<SecretGenerator> out = new ArrayList<>();
        if (v instanceof Value.Null) {
            return out;
        }
        if (!(v instanceof Seq seq)) {
            throw typeError(v, "Kustomization", "secretGenerator", "[]types.SecretArgs");
        }
        for (Node n : seq.items()) {
            if (n instanceof Value.Null) {
                out.add(new SecretGenerator(List.of(), List.of()));
                continue;
            }
            if (!(n instanceof Branch b)) {
                if (n instanceof Value item) {
                    throw typeError(item, "Kustomization", "secretGenerator", "types.SecretArgs");
                }
                continue;
            }
            List<String> files = List.of();
            List<String> envs = List.of();
            for (Branch.Entry e : sortedEntries(b)) {
                switch (field(e.key(), "files", "envs")) {
                    case "files" -> files = strings(e.value(), "SecretArgs", "secretGenerator.files");
                    case "envs" -> envs = strings(e.value(), "SecretArgs", "secretGenerator.envs");
                    default -> {
                    }
                }
            }
            out.add(new SecretGenerator(files, envs));
        }
        return out;
    }

    private static List<String> patchPaths(Value v) throws GoError {
        List<String> out = new ArrayList<>();
        if (v instanceof Value.Null) {
            return out;
        }
        if (!(v instanceof Seq seq)) {
            throw typeError(v, "Kustomization", "patches", "[]types.Patch");
        }
        for (Node n : seq.items()) {
            if (n instanceof Value.Null) {
                out.add("");
                continue;
            }
            if (!(n instanceof Branch b)) {
                if (n instanceof Value item) {
                    throw typeError(item, "Kustomization", "patches", "types.Patch");
                }
                continue;
            }
            String path = "";
            for (Branch.Entry e : sortedEntries(b)) {
                if (field(e.key(), "path").equals("path")) {
                    path = scalar(e.value(), "Patch", "patches.path");
                }
            }
            out.add(path);
        }
        return out;
    }

    private static List<String> strings(Value v, String struct, String field) throws GoError {
        if (v instanceof Value.Null) {
            return List.of();
        }
        if (!(v instanceof Seq seq)) {
            throw typeError(v, struct, field, "[]string");
        }
        List<String> out = new ArrayList<>();
        for (Node n : seq.items()) {
            if (n instanceof Value item) {
                out.add(scalar(item, struct, field));
            }
        }
        return out;
    }

    /** A scalar bound for a Go string field: sigs.k8s.io/yaml turns numbers and booleans into their text. */
    private static String scalar(Value v, String struct, String field) throws GoError {
        if (v instanceof Value.Str s) {
            return s.value();
        }
        if (v instanceof Value.Bytes b) {
            return new String(b.value(), StandardCharsets.UTF_8);
        }
        if (v instanceof Value.Null) {
            return "";
        }
        if (v instanceof Value.Int i) {
            return Long.toString(i.value());
        }
        if (v instanceof Value.Float f) {
            return GoFloat.format((float) f.value(), 'g');
        }
        if (v instanceof Value.Bool b) {
            return Boolean.toString(b.value());
        }
        if (v instanceof Value.Time t) {
            return GoTime.formatRfc3339Nano(t.value());
        }
        if (v instanceof Value.Unsupported u) {
            return u.text();
        }
        throw typeError(v, struct, field, "string");
    }

    private static GoError typeError(Value v, String struct, String field, String goType) {
        String json = v instanceof Branch ? "object" : v instanceof Seq ? "array"
                : v instanceof Value.Bool ? "bool" : v instanceof Value.Int || v instanceof Value.Float ? "number" : "string";
        return unmarshalError("json: cannot unmarshal " + json + " into Go struct field " + struct + "." + field + " of type " + goType);
    }

    private static GoError unmarshalError(String text) {
        return GoError.plain("error unmarshaling JSON: while decoding JSON: " + text);
    }

    /** The JSON object's keys in the order Go's encoder wrote them (sorted), so later duplicates win as in Go. */
    private static List<Branch.Entry> sortedEntries(Branch b) {
        List<Branch.Entry> entries = new ArrayList<>(b.entries());
        entries.sort(Comparator.comparing(Branch.Entry::key, GoJson.KEY_ORDER));
        return entries;
    }

    /** encoding/json's field match: exact name, else case-insensitive; "" when no field matches. */
    private static String field(String key, String... names) {
        for (String n : names) {
            if (n.equals(key)) {
                return n;
            }
        }
        for (String n : names) {
            if (n.equalsIgnoreCase(key)) {
                return n;
            }
        }
        return "";
    }
}
