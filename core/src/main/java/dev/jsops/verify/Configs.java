package dev.jsops.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.jsops.config.CreationRule;
import dev.jsops.config.SopsConfig;
import dev.jsops.sops.Branch;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.Tree;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.Stores;

/**
 * The {@code .sops.yaml} that governs each file: {@code --config} when given, else the nearest one in the
 * file's directory or above (sops itself looks from the working directory; a repository scan has no single
 * one, and the nearest is what {@code sops} run next to the file would use). Broken configs are remembered
 * and reported once.
 */
final class Configs {
    private final Optional<Path> explicit;
    private final Path scanRoot;
    private final Map<Path, Optional<SopsConfig>> byDir = new ConcurrentHashMap<>();
    private final Map<Path, String> broken = new ConcurrentHashMap<>();

    Configs(Optional<Path> explicit, Path scanRoot) {
        this.explicit = explicit;
        this.scanRoot = scanRoot.toAbsolutePath().normalize();
    }

    Optional<CreationRule> ruleFor(Path file) {
        Optional<SopsConfig> c = configFor(file);
        if (c.isEmpty() || !c.get().hasCreationRules()) {
            return Optional.empty();
        }
        try {
            return c.get().ruleFor(file);
        } catch (SopsException e) {
            broken.putIfAbsent(c.get().path(), e.getMessage());
            return Optional.empty();
        }
    }

    Optional<SopsConfig> configFor(Path file) {
        if (explicit.isPresent()) {
            return load(explicit.get());
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        for (int i = 0; i < 100 && dir != null; i++) {
            Path candidate = dir.resolve(SopsConfig.FILE_NAME);
            Optional<SopsConfig> found = byDir.computeIfAbsent(dir, d -> Files.isRegularFile(candidate) ? load(candidate) : Optional.empty());
            if (found.isPresent() || Files.isRegularFile(candidate)) {
                return found;
            }
            dir = dir.getParent();
        }
        return Optional.empty();
    }

    private Optional<SopsConfig> load(Path p) {
        try {
            Tree t = Stores.of(Format.YAML).loadPlain(Files.readAllBytes(p));
            Branch root = t.branches().isEmpty() ? Branch.EMPTY : t.branches().get(0);
            return Optional.of(SopsConfig.parse(p, root));
        } catch (IOException | SopsException e) {
            broken.putIfAbsent(p.toAbsolutePath().normalize(), e.getMessage());
            return Optional.empty();
        }
    }

    /** The config a file answers to, as a path relative to the scan root when it lies below it. */
    String describe(Path file) {
        return configFor(file).map(c -> display(c.path())).orElse(".sops.yaml");
    }

    String display(Path p) {
        Path a = p.toAbsolutePath().normalize();
        return a.startsWith(scanRoot) ? scanRoot.relativize(a).toString().replace(java.io.File.separatorChar, '/') : a.toString();
    }

    /** Configs that could not be read, by path, with why. */
    List<Map.Entry<String, String>> problems() {
        return broken.entrySet().stream().map(e -> Map.entry(display(e.getKey()), e.getValue())).sorted(Map.Entry.comparingByKey()).toList();
    }
}
