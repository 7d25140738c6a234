package dev.jsops.sops.store;

import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;

/**
 * One file format (sops {@code stores/*}). A store only turns bytes into a {@link Tree} and back; the
 * {@code sops} metadata travels inside the tree as an ordinary entry (nested for YAML and JSON, a {@code [sops]}
 * section for INI, {@code sops_*} keys for dotenv), and {@link MetadataCodec} extracts and inserts it.
 * Implementations are immutable and thread-safe.
 */
public interface Store {

    Format format();

    /** Parses a plaintext file (sops {@code LoadPlainFile}). */
    Tree loadPlain(byte[] in) throws StoreException;

    /** Parses an encrypted file; the metadata is still in the returned tree. */
    default Tree loadEncrypted(byte[] in) throws StoreException {
        return loadPlain(in);
    }

    /** Renders documents as a plaintext file (sops {@code EmitPlainFile}). */
    byte[] emitPlain(Tree tree) throws StoreException;

    /** Renders an encrypted file whose tree already carries its serialized metadata. */
    default byte[] emitEncrypted(Tree tree) throws StoreException {
        return emitPlain(tree);
    }

    /** Renders a single value, as {@code sops decrypt --extract} prints a non-string leaf (sops {@code EmitValue}). */
    byte[] emitValue(Value value) throws StoreException;

    /** How this format carries the metadata. */
    MetadataLayout metadataLayout();
}
