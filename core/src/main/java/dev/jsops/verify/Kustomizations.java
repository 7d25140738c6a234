package dev.jsops.verify;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Value;

/**
 * Which files kustomize (and so Flux) will read: everything a {@code kustomization.yaml} references
 * (resources, components, patches, generators and their files), and everything under a Flux
 * {@code Kustomization}'s {@code spec.path} that has no kustomization file of its own, since Flux then
 * generates one listing every manifest below it.
 */
final class Kustomizations {
    static final Set<String> FILE_NAMES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private final Set<String> referencedFiles = new HashSet<>();
    private final Set<String> generatedRoots = new HashSet<>();

    static boolean isKustomizationFile(String rel) {
        return FILE_NAMES.contains(rel.substring(rel.lastIndexOf('/') + 1));
    }

    /** Records the references of a kustomization file at {@code rel}. */
    void addKustomization(String rel, Branch k) {
        String dir = parent(rel);
        for (String r : strings(k, "resources")) {
            reference(dir, r);
        }
        for (String key : List.of("components", "bases", "crds", "generators", "transformers", "validators",
                "patchesStrategicMerge", "configurations")) {
            for (String r : strings(k, key)) {
                reference(dir, r);
            }
        }
        for (String key : List.of("patches", "patchesJson6902")) {
            for (Branch p : maps(k, key)) {
                Manifests.string(p, "path").ifPresent(path -> reference(dir, path));
            }
        }
        for (String key : List.of("secretGenerator", "configMapGenerator")) {
            for (Branch g : maps(k, key)) {
                for (String f : strings(g, "files")) {
                    int eq = f.indexOf('=');
                    reference(dir, eq >= 0 ? f.substring(eq + 1) : f);
                }
                for (String f : strings(g, "envs")) {
                    reference(dir, f);
                }
                Manifests.string(g, "env").ifPresent(f -> reference(dir, f));
            }
        }
    }

    /** A Flux Kustomization: its {@code spec.path} is built from the source root. */
    void addFluxKustomization(Branch doc, Set<String> kustomizationDirs) {
        Manifests.map(doc, "spec").flatMap(s -> Manifests.string(s, "path")).ifPresent(p -> {
            String dir = normalize(p.startsWith("/") ? p.substring(1) : p);
            if (!kustomizationDirs.contains(dir)) {
                generatedRoots.add(dir);
            }
        });
    }

    static boolean isFluxKustomization(Branch doc) {
        return Manifests.string(doc, "kind").map("Kustomization"::equals).orElse(false)
                && Manifests.string(doc, "apiVersion").map(a -> a.startsWith("kustomize.toolkit.fluxcd.io/")).orElse(false);
    }

    boolean reaches(String rel) {
        if (referencedFiles.contains(rel)) {
            return true;
        }
        for (String root : generatedRoots) {
            if (root.isEmpty() || rel.startsWith(root + "/")) {
                return true;
            }
        }
        return false;
    }

    private void reference(String dir, String ref) {
        if (ref.contains("://") || ref.startsWith("github.com/") || ref.startsWith("git@")) {
            return;
        }
        referencedFiles.add(normalize(dir.isEmpty() ? ref : dir + "/" + ref));
    }

    static String parent(String rel) {
        int slash = rel.lastIndexOf('/');
        return slash < 0 ? "" : rel.substring(0, slash);
    }

    /** Resolves {@code .} and {@code ..} in a relative path (clamped at the root). */
    static String normalize(String p) {
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
        for (String s : p.split("/")) {
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!parts.isEmpty()) {
                    parts.removeLast();
                }
                continue;
            }
            parts.addLast(s);
        }
        return String.join("/", parts);
    }

    private static List<String> strings(Branch b, String key) {
        List<String> out = new java.util.ArrayList<>();
        b.get(key).ifPresent(v -> {
            if (v instanceof Seq s) {
                for (Node n : s.items()) {
                    if (n instanceof Value.Str str) {
                        out.add(str.value());
                    }
                }
            }
        });
        return out;
    }

    private static List<Branch> maps(Branch b, String key) {
        List<Branch> out = new java.util.ArrayList<>();
        b.get(key).ifPresent(v -> {
            if (v instanceof Seq s) {
                for (Node n : s.items()) {
                    if (n instanceof Branch m) {
                        out.add(m);
                    }
                }
            }
        });
        return out;
    }
}
