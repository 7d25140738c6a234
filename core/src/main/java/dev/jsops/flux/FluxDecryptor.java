package dev.jsops.flux;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.jsops.sops.Branch;
import dev.jsops.sops.DataKeys;
import dev.jsops.sops.ExitCode;
import dev.jsops.sops.KeyService;
import dev.jsops.sops.Metadata;
import dev.jsops.sops.Sops;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.sops.ValueDecryptionException;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.MetadataCodec;
import dev.jsops.sops.store.Store;
import dev.jsops.sops.store.StoreException;
import dev.jsops.sops.store.Stores;
import dev.jsops.sops.store.YamlStore;

/**
 * kustomize-controller's SOPS decryptor: decrypts what Flux decrypts, the way Flux does, with Flux's error texts.
 *
 * <ul>
 *   <li>{@link #decryptSources}: before the build, the files reached through {@code secretGenerator} {@code files}
 *       and {@code envs} and {@code patches[].path}, in place, inside a {@link WorkingCopy} (never in the user's
 *       tree).</li>
 *   <li>{@link #decryptResources}: after the build, every resource with a SOPS {@code mac} (any kind, as a whole)
 *       and every Secret {@code data} value holding a whole SOPS file.</li>
 *   <li>{@link #decrypt}: one SOPS file, from one format to another ({@code SopsDecryptWithFormat}).</li>
 * </ul>
 *
 * The MAC is not checked (Flux's policy) unless {@link MacPolicy#SOPS} is chosen. Immutable and thread-safe.
 */
public final class FluxDecryptor {
    /** Flux's limit on files decrypted before the build: 5 MiB. */
    public static final long MAX_FILE_SIZE = 5L << 20;
    /** The indentation of resources jsops re-emits; kustomize's output style. */
    private static final int OUTPUT_INDENT = 2;

    private final DecryptionKeys keys;
    private final MacPolicy macPolicy;
    private final long maxFileSize;
    private final KeyService keyService;

    private FluxDecryptor(DecryptionKeys keys, MacPolicy macPolicy, long maxFileSize) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.macPolicy = Objects.requireNonNull(macPolicy, "macPolicy");
        this.maxFileSize = maxFileSize;
        this.keyService = keys.keyService();
    }

    public static FluxDecryptor of(DecryptionKeys keys) {
        return new FluxDecryptor(keys, MacPolicy.FLUX, MAX_FILE_SIZE);
    }

    public FluxDecryptor withMacPolicy(MacPolicy policy) {
        return new FluxDecryptor(keys, policy, maxFileSize);
    }

    /** The size limit for pre-build file decryption; 0 or less disables it (Flux's {@code maxFileSize}). */
    public FluxDecryptor withMaxFileSize(long bytes) {
        return new FluxDecryptor(keys, macPolicy, bytes);
    }

    public DecryptionKeys keys() {
        return keys;
    }

    public MacPolicy macPolicy() {
        return macPolicy;
    }

    // ---- SopsDecryptWithFormat --------------------------------------------------------------------------------

    /**
     * Decrypts a SOPS file read with the store of {@code in} and re-emits it with the store of {@code out}.
     * Failures read like Flux's: {@code failed to load encrypted YAML data: …}, {@code cannot get sops data key: …},
     * {@code error decrypting sops tree: …}, {@code failed to emit encrypted JSON file as decrypted binary: …}.
     */
    public byte[] decrypt(byte[] data, Format in, Format out) throws FluxException {
        try {
            return emit(decryptTree(data, in), in, out);
        } catch (GoError e) {
            throw e.toFlux();
        }
    }

    Tree decryptTree(byte[] data, Format in) throws GoError {
        Sops.EncryptedDocument doc;
        try {
            Store store = Stores.of(in);
            MetadataCodec.Extracted x = MetadataCodec.extract(store.loadEncrypted(data), in);
            doc = new Sops.EncryptedDocument(x.tree(), Metadata.fromBranch(x.metadata()));
        } catch (SopsException e) {
            throw GoError.plain("failed to load encrypted " + SopsFormats.name(in) + " data: " + e.getMessage());
        }
        byte[] dataKey;
        try {
            dataKey = DataKeys.recover(doc.metadata(), keyService, DataKeys.DEFAULT_DECRYPTION_ORDER);
        } catch (SopsException e) {
            throw GoError.plain("cannot get sops data key: " + e.getMessage());
        }
        try {
            return Sops.decryptWithKey(doc, dataKey, macPolicy == MacPolicy.FLUX).tree();
        } catch (SopsException e) {
            throw GoError.plain(treeError(e));
        } finally {
            Arrays.fill(dataKey, (byte) 0);
        }
    }

    /** sops's wording of a failed walk or MAC check, as Flux wraps it, with Flux's redaction. */
    private static String treeError(SopsException e) {
        if (e.exitCode() == ExitCode.MAC_MISMATCH) {
            String m = e.getMessage();
            return "failed to verify sops data integrity: " + (m.startsWith("Cannot decrypt MAC: ") ? m.substring(20) : m);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ValueDecryptionException v) {
                return "error decrypting sops tree: " + redacted("Error walking tree: " + v.sopsReason());
            }
        }
        String m = e.getMessage();
        return "error decrypting sops tree: " + (m.startsWith("Error decrypting tree: ") ? m.substring(23) : m);
    }

    /**
     * Flux's {@code safeDecrypt}: where sops would print the offending string between {@code Input string } and
     * {@code  does not match sops' data format}, Flux prints {@code <redacted>} and drops what follows. (jsops's
     * own text never contains the string; the marker is added so the wording matches Flux's.)
     */
    static String redacted(String message) {
        String prefix = "Input string ";
        String suffix = " does not match sops' data format";
        String m = message.replace("Input string does not match sops' data format", prefix + "<redacted>" + suffix);
        int p = m.indexOf(prefix);
        int s = m.indexOf(suffix);
        if (p < 0 || s < 0) {
            return m;
        }
        return m.substring(0, p) + prefix + "<redacted>" + suffix;
    }

    byte[] emit(Tree tree, Format in, Format out) throws GoError {
        String what = "failed to emit encrypted " + SopsFormats.name(in) + " file as decrypted " + SopsFormats.name(out);
        try {
            return Stores.of(out).emitPlain(tree);
        } catch (StoreException e) {
            throw GoError.plain(what + ": " + e.getMessage());
        } catch (RuntimeException e) {
            // Flux recovers sops's panics into this message; jsops names only the kind of failure.
            throw GoError.plain(what + ": " + e.getClass().getSimpleName());
        }
    }

    // ---- DecryptSources ----------------------------------------------------------------------------------------

    /**
     * Flux's pre-build decryption ({@code DecryptSources}): walks the kustomization in {@code buildDir} (inside the
     * working copy) through {@code resources} and {@code components} and decrypts, in place, every SOPS file that a
     * {@code secretGenerator} ({@code files}, {@code envs}) or {@code patches[].path} refers to. Returns the
     * decrypted files, relative to the copy's root. Failures read {@code error decrypting sources: …}.
     */
    public List<String> decryptSources(WorkingCopy copy, Path buildDir) throws FluxException {
        return decryptSourcesDetailed(copy, buildDir).decrypted();
    }

    SourceDecryption.Result decryptSourcesDetailed(WorkingCopy copy, Path buildDir) throws FluxException {
        Path dir = buildDir.toAbsolutePath().normalize();
        if (!dir.startsWith(copy.root())) {
            throw new FluxException("error decrypting sources: " + buildDir + " is not inside the working copy");
        }
        // Walked from a root-relative path, as Flux's own decryptor tests do: a reference that climbs out of the
        // root is clamped at it. (The controller passes an absolute path, so there such a reference lands below a
        // copy of the temp dir's parent path, e.g. "lstat tmp/data.env", depending on where its temp dir lives.)
        String rel = copy.root().relativize(dir).toString();
        try {
            return SourceDecryption.run(this, copy.root().toString(), rel.isEmpty() ? "." : rel, maxFileSize);
        } catch (GoError e) {
            throw new FluxException("error decrypting sources: " + e.getMessage());
        }
    }

    // ---- DecryptResource ---------------------------------------------------------------------------------------

    /**
     * Decrypts built resources (a multi-document YAML stream, as {@code kustomize build} prints it) as Flux does
     * before applying them, and returns the stream Flux would apply.
     *
     * <p>Output: documents separated by {@code ---} lines, in build order. A resource jsops does not change is
     * copied byte for byte. A decrypted whole-object resource is written from the decrypted tree in Go's sorted key
     * order (the order Flux's JSON round trip leaves it in; document order under {@link MacPolicy#SOPS}), with
     * 2-space indentation; integers stay integers (Flux's own round trip through {@code float64} would turn
     * {@code 1000000} into {@code 1e+06}). A Secret whose {@code data} values were decrypted keeps its layout, with
     * the new base64 values in place (Flux moves {@code data} to the end and sorts it; the API server sees the same
     * object). {@code stringData} is left as decrypted: folding it into {@code data} happens at apply time.
     *
     * <p>Failures read like Flux's, e.g. {@code decryption failed for 'Secret.v1.[noGrp]/name': failed to decrypt and
     * format 'ns/name' Secret data: …}; a {@code v1} Secret that still carries a {@code sops} field fails as Flux's
     * apply step fails ({@code Secret/ns/name is SOPS encrypted, configuring decryption is required for this secret
     * to be reconciled}).
     */
    public byte[] decryptResources(byte[] yamlStream) throws FluxException {
        String stream = new String(yamlStream, StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(yamlStream.length + 1024);
        int index = 0;
        boolean first = true;
        for (YamlDocuments.Chunk chunk : YamlDocuments.split(stream)) {
            if (!chunk.hasContent()) {
                continue;
            }
            Tree tree;
            try {
                tree = new YamlStore().loadPlain(chunk.bytes());
            } catch (StoreException e) {
                throw new FluxException("cannot read built resources (document " + (index + 1) + "): " + e.getMessage());
            }
            boolean single = tree.branches().size() == 1;
            for (Branch resource : tree.branches()) {
                index++;
                Branch result = decryptResource(resource, index);
                if (Resources.encryptedSecret(result) && !Resources.decryptionDisabled(result)) {
                    throw new FluxException(Resources.describe(result)
                            + " is SOPS encrypted, configuring decryption is required for this secret to be reconciled");
                }
                String text;
                if (result == resource && single) {
                    text = chunk.body();
                } else {
                    text = emitYaml(result);
                }
                if (!first) {
                    out.writeBytes("---\n".getBytes(StandardCharsets.UTF_8));
                }
                first = false;
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
                if (!text.isEmpty() && !text.endsWith("\n")) {
                    out.write('\n');
                }
            }
        }
        return out.toByteArray();
    }

    /** One resource: the same object when Flux would leave it alone, else the decrypted one. */
    private Branch decryptResource(Branch r, int index) throws FluxException {
        if (Resources.name(r).isEmpty() || Resources.kind(r).isEmpty() || Resources.apiVersion(r).isEmpty()) {
            // Flux prints the whole resource here; jsops names its position so that no value is ever printed.
            throw new FluxException("failed to decode Kubernetes apiVersion, kind and name from: document " + index
                    + " of the build output");
        }
        if (Resources.decryptionDisabled(r)) {
            return r;
        }
        try {
            if (Resources.sopsEncrypted(r)) {
                return decryptWholeObject(r);
            }
            if (Resources.kind(r).equals("Secret")) {
                return decryptSecretData(r);
            }
            return r;
        } catch (GoError e) {
            throw new FluxException("decryption failed for '" + Resources.gvk(r) + "/" + Resources.name(r) + "': "
                    + e.getMessage());
        }
    }

    /** Any kind with {@code sops.mac}: serialised to JSON as Go would, loaded with the JSON store, decrypted. */
    private Branch decryptWholeObject(Branch r) throws GoError {
        byte[] json = GoJson.marshal(r, macPolicy == MacPolicy.FLUX);
        Tree t;
        try {
            t = decryptTree(json, Format.JSON);
        } catch (GoError e) {
            throw e.wrap("failed to decrypt and format '" + Resources.namespace(r) + "/" + Resources.name(r) + "' "
                    + Resources.kind(r) + " data");
        }
        return t.branches().get(0);
    }

    /**
     * Secret {@code data} values that hold a whole SOPS file (found by Flux's marker bytes after base64 decoding),
     * decrypted to the format the data key names and base64-encoded again. Values that are not base64 or carry no
     * marker are left alone; {@code stringData} and {@code binaryData} are not looked at.
     */
    private Branch decryptSecretData(Branch r) throws GoError {
        if (!(r.get("data").orElse(null) instanceof Branch data)) {
            return r;
        }
        List<Branch.Item> items = new ArrayList<>(data.items().size());
        boolean changed = false;
        for (Branch.Item item : data.items()) {
            if (!(item instanceof Branch.Entry e)) {
                items.add(item);
                continue;
            }
            byte[] raw = GoBase64.decode(Resources.text(e.value()));
            Optional<Format> in = raw == null ? Optional.empty() : SopsFormats.detect(raw);
            if (in.isEmpty()) {
                items.add(e);
                continue;
            }
            Format out = SopsFormats.forPath(e.key());
            byte[] plain;
            try {
                plain = emit(decryptTree(raw, in.get()), in.get(), out);
            } catch (GoError x) {
                throw x.wrap("failed to decrypt and format '" + Resources.namespace(r) + "/" + Resources.name(r)
                        + "' Secret field '" + e.key() + "'");
            }
            items.add(new Branch.Entry(e.key(), new Value.Str(GoBase64.encode(plain))));
            Arrays.fill(plain, (byte) 0);
            changed = true;
        }
        if (!changed) {
            return r;
        }
        List<Branch.Item> top = new ArrayList<>(r.items().size());
        for (Branch.Item item : r.items()) {
            top.add(item instanceof Branch.Entry e && e.key().equals("data") ? new Branch.Entry("data", new Branch(items)) : item);
        }
        return new Branch(top);
    }

    private static String emitYaml(Branch resource) throws FluxException {
        try {
            return new String(new YamlStore(OUTPUT_INDENT).emitPlain(Tree.of(resource)), StandardCharsets.UTF_8);
        } catch (StoreException e) {
            throw new FluxException("cannot write decrypted resource '" + Resources.name(resource) + "': " + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return "FluxDecryptor[" + keys + ", mac " + macPolicy + "]";
    }
}
