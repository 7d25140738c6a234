package dev.jsops.sops.store;

import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;

/**
 * The YAML format, byte-compatible with sops 3.13.2's YAML store (which uses go.yaml.in/yaml/v3 v3.0.4): parsing,
 * scalar typing and comment attachment as sops's {@code LoadPlainFile} sees them, and output identical to
 * {@code EmitPlainFile}/{@code EmitValue}. Parsing and emitting are our own ports of go-yaml's rules
 * ({@link YamlScanner}, {@link YamlParser}, {@link YamlComposer}, {@link YamlEmitter}); see those classes for why
 * no existing Java YAML library is used for either direction.
 *
 * <p>Known differences from sops (all in error paths or pathological input):
 * <ul>
 *   <li>go-yaml quotes the start of an offending scalar in "cannot unmarshal !!str `...` into ..."; we leave the
 *       quoted value out, so that no message carries file content.</li>
 *   <li>Invalid UTF-8 or control characters are reported before anything is parsed; go-yaml decodes lazily, so for
 *       such bytes far into a multi-document file sops may prefix the message with "Error unmarshaling input YAML:".</li>
 *   <li>go-yaml tests for a BOM at the start of its internal read buffer, whose position depends on its buffering;
 *       we model the unbuffered case (a second BOM at the very start of a file).</li>
 *   <li>Timestamps whose offset exceeds ±18:00 (Go accepts up to ±24:60) stay strings: java.time cannot hold them.</li>
 *   <li>Where sops would crash or loop (recursive anchors outside the first document, alias bombs), we fail with an
 *       error.</li>
 * </ul>
 */
public final class YamlStore implements Store {
    /** sops's default indentation ({@code IndentDefault}). */
    public static final int DEFAULT_INDENT = 4;

    private final int indent;

    /**
     * @param indent the {@code --indent}/{@code stores.yaml.indent} setting: 0 means the default (4); negative is
     *     rejected when emitting, as sops does. Values outside 2..9 are silently turned into 2 by go-yaml.
     */
    public YamlStore(int indent) {
        this.indent = indent;
    }

    public YamlStore() {
        this(0);
    }

    @Override
    public Format format() {
        return Format.YAML;
    }

    @Override
    public Tree loadPlain(byte[] in) throws StoreException {
        return YamlTreeReader.load(in);
    }

    @Override
    public byte[] emitPlain(Tree tree) throws StoreException {
        return YamlTreeWriter.emitPlain(tree, effectiveIndent());
    }

    @Override
    public byte[] emitValue(Value value) throws StoreException {
        return YamlTreeWriter.emitValue(value);
    }

    /**
     * The line (1-based) of every key path of every document, for tools that point at places in a file. Paths
     * are map keys from the document root; list items share their list's path, as in sops.
     */
    public static java.util.List<java.util.Map<java.util.List<String>, Integer>> keyLines(byte[] in) throws StoreException {
        return YamlLines.of(in);
    }

    @Override
    public MetadataLayout metadataLayout() {
        return MetadataLayout.NESTED;
    }

    private int effectiveIndent() throws StoreException {
        if (indent > 0) {
            return indent;
        }
        if (indent < 0) {
            throw new StoreException("YAML Negative indentation not accepted");
        }
        return DEFAULT_INDENT;
    }
}
