package dev.jsops.verify;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import dev.jsops.sops.Branch;
import dev.jsops.sops.KeyService;

/**
 * {@code jsops verify}: walks repositories and checks every SOPS-relevant file. Without keys it checks what
 * can be seen from the outside (safe on forks: nothing is decrypted); with keys it also opens every file.
 * Files are checked in parallel. No finding carries a secret value or ciphertext.
 */
public final class Verifier {
    /**
     * @param paths roots to scan (directories or files)
     * @param config {@code --config}: one {@code .sops.yaml} for every file instead of the nearest one
     * @param keys the keys to open files with, or null for key-less checks only
     * @param enforceMac sops's MAC policy (a mismatch is an error) rather than Flux's (a warning)
     * @param allow extra gitignore-style patterns of paths allowed to hold plaintext keys (test fixtures)
     * @param parallelism threads; 0 for the number of processors
     */
    public record Options(List<Path> paths, Optional<Path> config, KeyService keys, boolean enforceMac, List<String> allow,
            int parallelism) {
        public Options {
            paths = List.copyOf(paths);
            allow = List.copyOf(allow);
        }
    }

    private final Options options;

    public Verifier(Options options) {
        this.options = options;
    }

    public Report run() throws IOException {
        List<Finding> findings = new ArrayList<>();
        List<String> scanned = new ArrayList<>();
        int sops = 0;
        int decrypted = 0;
        List<String> undecryptable = new ArrayList<>();
        int threads = options.parallelism() > 0 ? options.parallelism() : Runtime.getRuntime().availableProcessors();
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, threads));
        try {
            for (Path root : options.paths()) {
                if (!Files.exists(root)) {
                    throw new java.nio.file.NoSuchFileException(root.toString());
                }
                String prefix = display(root);
                Path base = Files.isDirectory(root) ? root : root.toAbsolutePath().getParent();
                Configs configs = new Configs(options.config(), base);
                FileCheck check = new FileCheck(configs, options.keys(), options.enforceMac(),
                        Allowlist.of(root, options.allow()));
                List<RepoWalk.Entry> files = RepoWalk.files(root);
                List<FileCheck.Outcome> outcomes;
                try {
                    outcomes = pool.submit(() -> files.parallelStream().map(check::check).toList()).get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                } catch (java.util.concurrent.ExecutionException e) {
                    throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
                }
                Kustomizations ks = new Kustomizations();
                Set<String> kustomizationDirs = new HashSet<>();
                boolean kustomizeRepo = false;
                for (int i = 0; i < files.size(); i++) {
                    String rel = files.get(i).rel();
                    if (Kustomizations.isKustomizationFile(rel)) {
                        kustomizationDirs.add(Kustomizations.parent(rel));
                        kustomizeRepo = true;
                        for (Branch d : outcomes.get(i).documents()) {
                            ks.addKustomization(rel, d);
                        }
                    }
                }
                for (FileCheck.Outcome o : outcomes) {
                    for (Branch d : o.documents()) {
                        if (Kustomizations.isFluxKustomization(d)) {
                            ks.addFluxKustomization(d, kustomizationDirs);
                            kustomizeRepo = true;
                        }
                    }
                }
                for (int i = 0; i < files.size(); i++) {
                    FileCheck.Outcome o = outcomes.get(i);
                    String rel = files.get(i).rel();
                    scanned.add(join(prefix, rel));
                    for (Finding f : o.findings()) {
                        findings.add(new Finding(f.rule(), f.severity(), join(prefix, f.file()), f.line(), f.message()));
                    }
                    if (o.sops()) {
                        sops++;
                        boolean manifest = o.documents().stream().anyMatch(Manifests::isManifest);
                        if (manifest && kustomizeRepo && !ks.reaches(rel)) {
                            findings.add(Finding.of(Rule.UNREFERENCED, join(prefix, rel), 0,
                                    "no kustomization.yaml lists this encrypted manifest, so Flux never applies it"));
                        }
                    }
                    if (o.decrypted()) {
                        decrypted++;
                    }
                    if (o.undecryptable()) {
                        undecryptable.add(join(prefix, rel));
                    }
                }
                for (var p : configs.problems()) {
                    findings.add(Finding.of(Rule.UNREADABLE, join(prefix, p.getKey()), 0, "cannot use this .sops.yaml: "
                            + firstLine(p.getValue())));
                }
            }
        } finally {
            pool.shutdown();
        }
        findings.sort(Finding.ORDER);
        return new Report(findings, scanned, sops, decrypted, undecryptable, options.keys() != null);
    }

    /** How a root is shown in findings: as given, normalised, {@code .} as nothing. */
    private static String display(Path root) {
        String s = root.normalize().toString().replace(java.io.File.separatorChar, '/');
        if (Files.isRegularFile(root)) {
            Path parent = root.normalize().getParent();
            return parent == null ? "" : parent.toString().replace(java.io.File.separatorChar, '/');
        }
        return s.equals(".") || s.isEmpty() ? "" : s;
    }

    private static String join(String prefix, String rel) {
        return prefix.isEmpty() ? rel : prefix + "/" + rel;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
