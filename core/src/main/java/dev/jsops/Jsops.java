package dev.jsops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.jsops.age.Identity;
import dev.jsops.age.PassphraseSource;
import dev.jsops.config.SopsConfig;
import dev.jsops.keys.Environment;
import dev.jsops.keys.LocalKeyService;
import dev.jsops.sops.Branch;
import dev.jsops.sops.ExitCode;
import dev.jsops.sops.KeyService;
import dev.jsops.sops.Metadata;
import dev.jsops.sops.Node;
import dev.jsops.sops.Sops;
import dev.jsops.sops.SopsException;
import dev.jsops.sops.Tree;
import dev.jsops.sops.TreePath;
import dev.jsops.sops.Value;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.MetadataCodec;
import dev.jsops.sops.store.Store;
import dev.jsops.sops.store.StoreException;
import dev.jsops.sops.store.Stores;

/**
 * The embedding API: decrypt and encrypt SOPS files as bytes, files or trees, with explicit age identities,
 * with the keys sops would discover, or with a {@link KeyService} of your own. Instances are immutable and
 * thread-safe; nothing global is touched and no subprocess runs (except a {@code SOPS_AGE_KEY_CMD} the
 * discovered environment names).
 *
 * <pre>{@code
 * Jsops sops = Jsops.withIdentities(AgeKeys.parseIdentities(Files.readAllBytes(keyFile)));
 * byte[] plain = sops.decrypt(Files.readAllBytes(secret), Format.YAML);
 * }</pre>
 */
public final class Jsops {
    private final KeyService keys;
    private final Sops.DecryptOptions options;
    private final SopsConfig.StoreSettings stores;
    private final Integer indent;

    private Jsops(KeyService keys, Sops.DecryptOptions options, SopsConfig.StoreSettings stores, Integer indent) {
        this.keys = keys;
        this.options = options;
        this.stores = stores;
        this.indent = indent;
    }

    /** Decrypts with exactly these identities. */
    public static Jsops withIdentities(List<Identity> identities) {
        return withKeyService(LocalKeyService.withIdentities(identities));
    }

    /** Decrypts with the identities sops would find in this process's environment. */
    public static Jsops discoveringKeys() {
        return discoveringKeys(Environment.system(), null);
    }

    /** Decrypts with the identities sops would find in {@code env}; {@code passphrase} may be null. */
    public static Jsops discoveringKeys(Environment env, PassphraseSource passphrase) {
        return withKeyService(LocalKeyService.discovering(env, passphrase));
    }

    public static Jsops withKeyService(KeyService keys) {
        return new Jsops(keys, Sops.DecryptOptions.DEFAULT, SopsConfig.StoreSettings.DEFAULT, null);
    }

    /** The same, with other decryption options (skip the MAC check, decryption order). */
    public Jsops withOptions(Sops.DecryptOptions o) {
        return new Jsops(keys, o, stores, indent);
    }

    /** The same, with the {@code stores} settings of a {@code .sops.yaml} and an optional {@code --indent}. */
    public Jsops withStoreSettings(SopsConfig.StoreSettings s, Integer indentOverride) {
        return new Jsops(keys, options, s, indentOverride);
    }

    public KeyService keyService() {
        return keys;
    }

    public Store store(Format format) {
        return Stores.of(format, stores, indent);
    }

    /** Reads an encrypted file into its documents and metadata. */
    public Sops.EncryptedDocument load(byte[] encrypted, Format format) throws SopsException {
        Store store = store(format);
        Tree tree = store.loadEncrypted(encrypted);
        MetadataCodec.Extracted x = MetadataCodec.extract(tree, format);
        return new Sops.EncryptedDocument(x.tree(), Metadata.fromBranch(x.metadata()));
    }

    /** Decrypts to a tree (MAC verified unless the options say otherwise). */
    public Sops.Decrypted decryptTree(byte[] encrypted, Format format) throws SopsException {
        return Sops.decrypt(load(encrypted, format), keys, options);
    }

    /** Decrypts a file, rendered in the same format. */
    public byte[] decrypt(byte[] encrypted, Format format) throws SopsException {
        return decrypt(encrypted, format, format);
    }

    /** Decrypts a file and renders it in another format (as {@code --output-type}). */
    public byte[] decrypt(byte[] encrypted, Format in, Format out) throws SopsException {
        return emitPlain(decryptTree(encrypted, in).tree(), out);
    }

    /** Decrypts a file on disk, its format taken from its name as sops does. */
    public byte[] decrypt(Path file) throws SopsException, IOException {
        Format f = Format.fromPath(file.getFileName().toString());
        return decrypt(Files.readAllBytes(file), f);
    }

    /** One value of a decrypted file, as {@code sops decrypt --extract} prints it. */
    public byte[] extract(Tree tree, TreePath path, Format out) throws SopsException {
        if (tree.branches().isEmpty()) {
            throw new SopsException(ExitCode.ERROR_GENERIC, "error truncating tree: the file has no document");
        }
        Node v = path.lookup(tree.branches().get(0));
        if (v instanceof Branch b) {
            List<Branch> docs = new java.util.ArrayList<>(tree.branches());
            docs.set(0, b);
            return emitPlain(new Tree(docs), out);
        }
        if (v instanceof Value.Str s) {
            return s.value().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        if (v instanceof Value.Bytes b) {
            return b.value();
        }
        if (!(v instanceof Value value)) {
            throw new SopsException(ExitCode.ERROR_DUMPING_TREE, "Error dumping tree: a comment cannot be extracted");
        }
        try {
            return store(out).emitValue(value);
        } catch (StoreException e) {
            throw new SopsException(ExitCode.ERROR_DUMPING_TREE, "Error dumping tree: " + e.getMessage());
        }
    }

    public byte[] emitPlain(Tree tree, Format out) throws SopsException {
        try {
            return store(out).emitPlain(tree);
        } catch (StoreException e) {
            String hint = out == Format.BINARY ? "\n\nThis is likely not an encrypted binary file? If not, use --output-type "
                    + "to select the correct output type." : "";
            throw new SopsException(ExitCode.ERROR_DUMPING_TREE, "Error dumping file: " + e.getMessage() + hint);
        }
    }

    /**
     * Encrypts a plaintext file for new keys. Refuses an empty file (92) and a file that already carries
     * metadata (203), as sops does. Binary input is encrypted whole, with no encryption rule.
     */
    public byte[] encrypt(byte[] plain, Format in, Format out, Sops.EncryptOptions encryptOptions) throws SopsException {
        Tree tree;
        try {
            tree = store(in).loadPlain(plain);
        } catch (StoreException e) {
            throw new SopsException(ExitCode.COULD_NOT_READ_INPUT_FILE, "Error unmarshalling file: " + e.getMessage());
        }
        return emitEncrypted(Sops.encrypt(validated(tree, out), encryptOptions, keys), out);
    }

    public byte[] encrypt(byte[] plain, Format format, Sops.EncryptOptions encryptOptions) throws SopsException {
        return encrypt(plain, format, format, encryptOptions);
    }

    /** sops's checks before encrypting: at least one document, and no {@code sops} entry in the first. */
    public Tree validated(Tree tree, Format out) throws SopsException {
        if (tree.branches().isEmpty()) {
            throw new SopsException(ExitCode.NEED_AT_LEAST_ONE_DOCUMENT,
                    "File cannot be completely empty, it must contain at least one document");
        }
        if (MetadataCodec.hasSopsTopLevelKey(tree.branches().get(0), out)) {
            throw new SopsException(ExitCode.FILE_ALREADY_ENCRYPTED, ALREADY_ENCRYPTED);
        }
        return tree;
    }

    /** sops's explanation, word-wrapped at 75 columns as sops wraps it. */
    static final String ALREADY_ENCRYPTED = dev.jsops.sops.WordWrap.wrap("The file you have provided contains a top-level "
            + "entry called 'sops', or for flat file formats top-level entries starting with 'sops_'. This is generally due "
            + "to the file already being encrypted. SOPS uses a top-level entry called 'sops' to store the metadata required "
            + "to decrypt the file. For this reason, SOPS can not encrypt files that already contain such an entry.\n\n"
            + "If this is an unencrypted file, rename the 'sops' entry.\n\n"
            + "If this is an encrypted file and you want to edit it, use the editor mode, for example: "
            + "`sops edit my_file.yaml`", 75);


    /** Renders an encrypted document in a format, metadata included. */
    public byte[] emitEncrypted(Sops.EncryptedDocument doc, Format out) throws SopsException {
        Store store = store(out);
        try {
            Tree withMetadata = MetadataCodec.insert(doc.tree(), doc.metadata().toBranch(), store.metadataLayout());
            return store.emitEncrypted(withMetadata);
        } catch (StoreException e) {
            throw new SopsException(ExitCode.ERROR_DUMPING_TREE, "Could not marshal tree: " + e.getMessage());
        }
    }
}
