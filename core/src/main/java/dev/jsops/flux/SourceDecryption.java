package dev.jsops.flux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Node;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.Format;

/**
 * Flux's {@code DecryptSources}: from the build directory, every kustomization reachable through
 * {@code resources} and {@code components} (directories only; a missing entry, a file or a URL is skipped), and
 * in each the files of {@code secretGenerator[].files} (format from the key before {@code =}),
 * {@code secretGenerator[].envs} (format from the path, dotenv when the suffix says binary) and
 * {@code patches[].path} (remote URLs skipped), decrypted in place. Each directory and each file is handled once
 * (by resolved path); the first reference to a file decides its format. A file without its format's marker is
 * left as it is. Paths are confined to the root as {@link SecurePaths} describes; errors carry root-relative paths.
 */
final class SourceDecryption {
    /** What the walk did: files decrypted (root-relative), and their plaintext strings for redacting tool output. */
    record Result(List<String> decrypted, Set<String> plaintexts) {
    }

    /** A failure that the recursion skips over: the entry is not a directory, or does not exist. */
    private static final class Ignored extends Exception {
        final GoError error;

        Ignored(GoError error) {
            super(null, null, false, false);
            this.error = error;
        }
    }

    private final FluxDecryptor decryptor;
    private final String root;
    private final long maxFileSize;
    private final Set<String> visitedDirs = new HashSet<>();
    private final Set<String> processedFiles = new HashSet<>();
    private final List<String> decrypted = new ArrayList<>();
    private final Set<String> plaintexts = new LinkedHashSet<>();

    private SourceDecryption(FluxDecryptor decryptor, String root, long maxFileSize) {
        this.decryptor = decryptor;
        this.root = root;
        this.maxFileSize = maxFileSize;
    }

    static Result run(FluxDecryptor decryptor, String root, String buildDir, long maxFileSize) throws GoError {
        SourceDecryption s = new SourceDecryption(decryptor, root, maxFileSize);
        try {
            s.recurse(buildDir);
        } catch (Ignored e) {
            // At the top, "not found" and "not a directory" are errors.
            throw e.error;
        }
        return new Result(List.copyOf(s.decrypted), Set.copyOf(s.plaintexts));
    }

    /** {@code recurseKustomizationFiles}. */
    private void recurse(String path) throws GoError, Ignored {
        SecurePaths.Resolved dir = SecurePaths.securePaths(root, path);
        if (!visitedDirs.add(dir.abs())) {
            return;
        }
        BasicFileAttributes attrs;
        try {
            attrs = SecurePaths.lstat(dir.abs());
        } catch (GoError e) {
            GoError rel = e.rootRelative(root);
            if (rel.isNotExist()) {
                throw new Ignored(rel);
            }
            throw rel;
        }
        if (!attrs.isDirectory()) {
            throw new Ignored(GoError.plain("not a directory"));
        }
        KustomizationFile k = KustomizationFile.load(root, dir.rel());
        visit(path, k);
        List<String> next = new ArrayList<>(k.resources());
        next.addAll(k.components());
        for (String res : next) {
            String p = GoPaths.isAbs(res) ? res : GoPaths.join(path, res);
            try {
                recurse(p);
            } catch (Ignored e) {
                // A URL, a file resource, or a reference kustomize will report itself.
            }
        }
    }

    /** {@code decryptKustomizationSources}, for one kustomization in directory {@code path}. */
    private void visit(String path, KustomizationFile k) throws GoError {
        for (KustomizationFile.SecretGenerator gen : k.secretGenerators()) {
            for (String source : gen.files()) {
                int eq = source.indexOf('=');
                String key = eq < 0 ? source : source.substring(0, eq);
                String file = eq < 0 ? key : source.substring(eq + 1);
                visitRef(path, file, SopsFormats.forPath(key));
            }
            for (String env : gen.envs()) {
                Format f = SopsFormats.forPath(env);
                visitRef(path, env, f == Format.BINARY ? Format.DOTENV : f);
            }
        }
        for (String patch : k.patchPaths()) {
            if (patch.isEmpty() || isRemoteUrl(patch)) {
                continue;
            }
            visitRef(path, patch, SopsFormats.forPath(patch));
        }
    }

    private void visitRef(String dir, String source, Format format) throws GoError {
        String p = GoPaths.isAbs(source) ? source : GoPaths.join(dir, source);
        SecurePaths.Resolved ref = SecurePaths.securePaths(root, p);
        if (processedFiles.contains(ref.abs())) {
            return;
        }
        try {
            decryptFile(ref, format);
        } catch (GoError e) {
            throw e.rootRelative(root);
        }
        // Recorded after the attempt, so a file left alone for want of a marker counts as processed too.
        processedFiles.add(ref.abs());
    }

    /** {@code sopsDecryptFile}, input format = output format. */
    private void decryptFile(SecurePaths.Resolved ref, Format format) throws GoError {
        String abs = ref.abs();
        BasicFileAttributes attrs = SecurePaths.lstat(abs);
        if (!attrs.isRegularFile()) {
            throw GoError.plain("cannot decrypt irregular file as it has file mode type bits set");
        }
        if (maxFileSize > 0 && attrs.size() > maxFileSize) {
            throw GoError.plain("cannot decrypt file with size (" + attrs.size() + " bytes) exceeding limit (" + maxFileSize + ")");
        }
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(abs));
        } catch (IOException e) {
            throw GoError.path("open", abs, e);
        }
        if (!SopsFormats.hasMarker(data, format)) {
            return;
        }
        Tree plain = decryptor.decryptTree(data, format);
        byte[] out = decryptor.emit(plain, format, format);
        try {
            // Like os.WriteFile on an existing file: truncated and rewritten, its mode unchanged.
            Files.write(Path.of(abs), out, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw GoError.path("open", abs, e).wrap("error writing sops decrypted " + SopsFormats.name(format) + " data to "
                    + SopsFormats.name(format) + " file");
        } finally {
            Arrays.fill(out, (byte) 0);
        }
        decrypted.add(ref.rel());
        for (Branch b : plain.branches()) {
            collect(b, plaintexts);
        }
    }

    /** String leaves of a decrypted tree (and their lines), long enough to be worth redacting from tool output. */
    private static void collect(Value v, Set<String> out) {
        if (v instanceof Branch b) {
            for (Branch.Entry e : b.entries()) {
                collect(e.value(), out);
            }
        } else if (v instanceof Seq s) {
            for (Node n : s.items()) {
                if (n instanceof Value item) {
                    collect(item, out);
                }
            }
        } else if (v instanceof Value.Str || v instanceof Value.Bytes) {
            String text = Resources.text(v);
            addRedactable(text, out);
            for (String line : text.split("\n")) {
                addRedactable(line.strip(), out);
            }
        }
    }

    private static void addRedactable(String s, Set<String> out) {
        if (s.length() >= Redaction.MIN_LENGTH) {
            out.add(s);
        }
    }

    /**
     * Go's {@code url.Parse(p)} has a scheme and a host: {@code https://host/…}, {@code ssh://git@host/…}. A path
     * Go cannot parse as a URL is not one.
     */
    static boolean isRemoteUrl(String p) {
        int i = 0;
        for (; i < p.length(); i++) {
            char c = p.charAt(i);
            if (Character.isLetter(c) && c < 128) {
                continue;
            }
            if ((c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.') && i > 0) {
                continue;
            }
            break;
        }
        if (i == 0 || i >= p.length() || p.charAt(i) != ':') {
            return false;
        }
        String rest = p.substring(i + 1);
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        int h = rest.indexOf('#');
        if (h >= 0) {
            rest = rest.substring(0, h);
        }
        if (!rest.startsWith("//")) {
            return false;
        }
        String authority = rest.substring(2);
        int slash = authority.indexOf('/');
        if (slash >= 0) {
            authority = authority.substring(0, slash);
        }
        int at = authority.lastIndexOf('@');
        String host = at >= 0 ? authority.substring(at + 1) : authority;
        return !host.isEmpty();
    }
}
