package dev.jsops.flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * {@code kustomize build} as Flux's kustomize-controller runs it for a Kustomization with
 * {@code spec.decryption.provider: sops}: the source root is copied to a private {@link WorkingCopy}, the files
 * that generators and patches read are decrypted there ({@link FluxDecryptor#decryptSources}), a real kustomize
 * builds the directory, and the built resources are decrypted ({@link FluxDecryptor#decryptResources}). The
 * result is the multi-document YAML Flux would apply. The copy, with every plaintext it held, is removed before
 * {@link #run()} returns or throws, and by a shutdown hook if the JVM is stopped meanwhile.
 *
 * <p>As in Flux, a build directory without a kustomization file gets a generated one (in the copy) listing its
 * YAML files. The root plays the part of Flux's artifact root: references are confined to it. It is the build directory
 * itself unless {@link #withRoot(Path)} names an enclosing directory (such as the repository's top level, where
 * Flux's source artifact starts). Unlike Flux's in-process kustomize, the kustomize executable reads the copy
 * through the operating system: a symlink or absolute path there may reach outside the copy (never into the
 * user's tree for writing, and nothing outside the copy is ever decrypted).
 */
public final class FluxBuild {
    private final FluxDecryptor decryptor;
    private final Path buildDir;
    private final Path root;
    private final Kustomize kustomize;

    private FluxBuild(FluxDecryptor decryptor, Path buildDir, Path root, Kustomize kustomize) {
        this.decryptor = Objects.requireNonNull(decryptor, "decryptor");
        this.buildDir = Objects.requireNonNull(buildDir, "buildDir");
        this.root = root;
        this.kustomize = kustomize;
    }

    /** A build of {@code buildDir}, rooted there, with kustomize found on {@code PATH} when it runs. */
    public static FluxBuild of(FluxDecryptor decryptor, Path buildDir) {
        return new FluxBuild(decryptor, buildDir, null, null);
    }

    /** The same, confined to {@code root}, which must contain the build directory. */
    public FluxBuild withRoot(Path root) {
        return new FluxBuild(decryptor, buildDir, root, kustomize);
    }

    public FluxBuild withKustomize(Kustomize k) {
        return new FluxBuild(decryptor, buildDir, root, k);
    }

    /** Runs the build; returns the YAML stream Flux would apply. */
    public byte[] run() throws FluxException, IOException {
        if (!Files.isDirectory(buildDir)) {
            throw new FluxException(buildDir + ": " + (Files.exists(buildDir) ? "not a directory" : "no such file or directory"));
        }
        Path realBuild = buildDir.toRealPath();
        Path realRoot = root == null ? realBuild : root.toRealPath();
        if (!realBuild.startsWith(realRoot)) {
            throw new FluxException("the build directory " + buildDir + " is not inside the root " + root);
        }
        Kustomize k = kustomize != null ? kustomize : Kustomize.fromPath(System.getenv());
        try (WorkingCopy copy = WorkingCopy.of(realRoot)) {
            Path dir = copy.map(realBuild);
            KustomizationGenerator.ensure(dir);
            SourceDecryption.Result sources = decryptor.decryptSourcesDetailed(copy, dir);
            byte[] built = k.build(dir, copy.root(), sources.plaintexts());
            return decryptor.decryptResources(built);
        }
    }

    @Override
    public String toString() {
        return "FluxBuild[" + buildDir + (root == null ? "" : ", root " + root) + "]";
    }
}
