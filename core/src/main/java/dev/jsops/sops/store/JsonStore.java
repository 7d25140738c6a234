package dev.jsops.sops.store;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;

/** The JSON format (sops {@code stores/json} {@code Store}). */
public final class JsonStore implements Store {
    private final int indent;

    /** With the default indentation: one tab per level. */
    public JsonStore() {
        this(-1);
    }

    /**
     * @param indent {@code stores.json.indent} / {@code --indent}: -1 for a tab, N ≥ 0 for N spaces; below -1 fails
     *               when emitting, as in sops
     */
    public JsonStore(int indent) {
        this.indent = indent;
    }

    @Override
    public Format format() {
        return Format.JSON;
    }

    @Override
    public MetadataLayout metadataLayout() {
        return MetadataLayout.NESTED;
    }

    @Override
    public Tree loadPlain(byte[] in) throws StoreException {
        return Tree.of(JsonReader.read(in));
    }

    /** Only the first document is written: JSON holds one object per file. */
    @Override
    public byte[] emitPlain(Tree tree) throws StoreException {
        if (tree.branches().isEmpty()) {
            throw new StoreException("Error marshaling to json: no document to write");
        }
        Branch doc = tree.branches().get(0);
        ByteSink out = new ByteSink(4096);
        try {
            JsonWriter.checkIndent(indent);
            new JsonWriter(indent).value(doc, 0, out);
        } catch (JsonWriter.EncodeException e) {
            throw new StoreException("Error marshaling to json: " + e.getMessage());
        }
        out.write('\n');
        return out.toByteArray();
    }

    /** As {@code --extract} prints a non-string value: indented JSON without a trailing newline. */
    @Override
    public byte[] emitValue(Value value) throws StoreException {
        ByteSink out = new ByteSink(256);
        try {
            // sops encodes first and only then looks at the indentation setting.
            JsonWriter w = new JsonWriter(indent);
            w.value(value, 0, out);
            JsonWriter.checkIndent(indent);
        } catch (JsonWriter.EncodeException e) {
            throw new StoreException(e.getMessage());
        }
        return out.toByteArray();
    }
}
