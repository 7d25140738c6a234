package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.GoUtf8;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import java.nio.charset.StandardCharsets;

/**
 * Arbitrary bytes (sops {@code stores/json} {@code BinaryStore}): the plaintext is the whole file as one string
 * entry {@code data}; the encrypted form is a JSON document.
 */
public final class BinaryStore implements Store {
    private static final String KEY = "data";
    private static final String EMIT_ERROR = "error emitting binary store";

    private final JsonStore json;

    public BinaryStore() {
        this(-1);
    }

    /** @param indent {@code stores.json_binary.indent} for the encrypted JSON envelope */
    public BinaryStore(int indent) {
        this.json = new JsonStore(indent);
    }

    @Override
    public Format format() {
        return Format.BINARY;
    }

    @Override
    public MetadataLayout metadataLayout() {
        return MetadataLayout.NESTED;
    }

    @Override
    public Tree loadPlain(byte[] in) {
        return Tree.of(new Branch.Builder().put(KEY, GoUtf8.stringValue(in, 0, in.length)).build());
    }

    @Override
    public Tree loadEncrypted(byte[] in) throws StoreException {
        return json.loadPlain(in);
    }

    @Override
    public byte[] emitPlain(Tree tree) throws StoreException {
        if (tree.branches().size() != 1) {
            throw new StoreException(EMIT_ERROR + ": there must be exactly one tree branch");
        }
        for (Branch.Item item : tree.branches().get(0).items()) {
            if (item instanceof Branch.Entry e && e.key().equals(KEY) && e.nonStringKeyType() == null) {
                if (e.value() instanceof Value.Str s) {
                    return s.value().getBytes(StandardCharsets.UTF_8);
                }
                if (e.value() instanceof Value.Bytes b) {
                    return b.value();
                }
                throw new StoreException(EMIT_ERROR + ": 'data' key in tree does not have a string value");
            }
        }
        throw new StoreException(EMIT_ERROR + ": no binary data found in tree");
    }

    @Override
    public byte[] emitEncrypted(Tree tree) throws StoreException {
        return json.emitPlain(tree);
    }

    @Override
    public byte[] emitValue(Value value) throws StoreException {
        throw new StoreException("Binary files are not structured and extracting a single value is not possible");
    }
}
