package dev.jsops.flux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Flux's kustomization generator (fluxcd/pkg/kustomize {@code findOrGenerateKustomization}): a build directory
 * without a kustomization file gets a {@code kustomization.yaml} listing every {@code .yaml}/{@code .yml} file below
 * it, in lexical walk order, with sub-directories that have their own kustomization file listed as directories
 * and not descended into. With nothing to list, a placeholder namespace keeps kustomize from failing on an empty
 * kustomization. (Flux also checks that each listed file parses as Kubernetes YAML; here kustomize reports
 * such a file when it reads it.)
 */
final class KustomizationGenerator {
    private KustomizationGenerator() {
    }

    /** Writes {@code kustomization.yaml} into {@code dir} when none exists; returns whether it did. */
    static boolean ensure(Path dir) throws IOException {
        if (hasKustomization(dir)) {
            return false;
        }
        List<String> resources = new ArrayList<>();
        scan(dir, dir, resources);
        StringBuilder sb = new StringBuilder("apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n");
        if (resources.isEmpty()) {
            sb.append("namespace: _placeholder\n");
        } else {
            sb.append("resources:\n");
            for (String r : resources) {
                sb.append("- ").append(AgeSecretManifest.scalar(r)).append('\n');
            }
        }
        Path file = dir.resolve("kustomization.yaml");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, sb.toString().getBytes(StandardCharsets.UTF_8), StandardOpenOption.WRITE);
        return true;
    }

    private static boolean hasKustomization(Path dir) {
        for (String name : KustomizationFile.FILE_NAMES) {
            Path p = dir.resolve(name);
            if (Files.exists(p) && !Files.isDirectory(p)) {
                return true;
            }
        }
        return false;
    }

    /** Go's {@code filepath.Walk}: entries in lexical order, symlinks not followed. */
    private static void scan(Path base, Path dir, List<String> out) throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(dir)) {
            entries = s.sorted((a, b) -> GoJson.KEY_ORDER.compare(a.getFileName().toString(), b.getFileName().toString())).toList();
        }
        for (Path p : entries) {
            String rel = "./" + base.relativize(p).toString();
            if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                if (hasKustomization(p)) {
                    out.add(rel);
                } else {
                    scan(base, p, out);
                }
                continue;
            }
            String ext = GoPaths.ext(p.getFileName().toString());
            if (ext.equals(".yaml") || ext.equals(".yml")) {
                out.add(rel);
            }
        }
    }
}
