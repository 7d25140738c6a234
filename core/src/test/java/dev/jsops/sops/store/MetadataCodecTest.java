package dev.jsops.sops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataCodecTest {

    private static Branch meta() {
        return Branch.builder()
                .put("version", Value.str("3.13.2"))
                .put("age", Value.seq(List.of(Branch.builder()
                        .put("recipient", Value.str("age1xyz"))
                        .put("enc", Value.str("-----BEGIN AGE ENCRYPTED FILE-----\nAAA\n-----END AGE ENCRYPTED FILE-----\n"))
                        .build())))
                .put("lastmodified", Value.str("2026-05-22T20:16:23Z"))
                .put("mac", Value.str("ENC[x]"))
                .put("key_groups", Value.seq(List.of(
                        Branch.builder().put("hc_vault", Value.seq(List.of())).put("age", Value.seq(List.of(
                                Branch.builder().put("recipient", Value.str("age1g")).build()))).build(),
                        Branch.builder().put("pgp", Value.seq(List.of(Branch.builder().put("fp", Value.str("F"))
                                .build()))).build())))
                .put("shamir_threshold", new Value.Int(2))
                .build();
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void nestedInsertSortsAndAppendsToEveryDocument() throws Exception {
        Tree t = new Tree(List.of(Branch.builder().put("a", Value.str("1")).build(),
                Branch.builder().put("b", Value.str("2")).build()));
        Tree out = MetadataCodec.insert(t, meta(), MetadataLayout.NESTED);
        for (Branch b : out.branches()) {
            List<Branch.Entry> es = b.entries();
            assertEquals("sops", es.get(es.size() - 1).key());
            Branch md = (Branch) es.get(es.size() - 1).value();
            assertEquals(List.of("age", "key_groups", "lastmodified", "mac", "shamir_threshold", "version"),
                    md.entries().stream().map(Branch.Entry::key).toList());
            Branch age0 = (Branch) ((Seq) md.get("age").orElseThrow()).items().get(0);
            assertEquals(List.of("enc", "recipient"), age0.entries().stream().map(Branch.Entry::key).toList());
        }
        MetadataCodec.Extracted x = MetadataCodec.extract(out, MetadataLayout.NESTED);
        assertEquals(t, x.tree());
        assertEquals(MetadataCodec.sorted(meta()), x.metadata());
    }

    @Test
    void dotenvFlattening() throws Exception {
        Tree t = Tree.of(Branch.builder().put("A", Value.str("1")).build());
        byte[] out = new DotenvStore().emitEncrypted(MetadataCodec.insert(t, meta(), MetadataLayout.FLATTENED_PREFIXED));
        assertEquals("""
                A=1
                sops_age__list_0__map_enc=-----BEGIN AGE ENCRYPTED FILE-----\\nAAA\\n-----END AGE ENCRYPTED FILE-----\\n
                sops_age__list_0__map_recipient=age1xyz
                sops_key_groups__list_0__map_age__list_0__map_recipient=age1g
                sops_key_groups__list_1__map_pgp__list_0__map_fp=F
                sops_lastmodified=2026-05-22T20:16:23Z
                sops_mac=ENC[x]
                sops_shamir_threshold=2
                sops_version=3.13.2
                """, s(out));
        MetadataCodec.Extracted x = MetadataCodec.extract(new DotenvStore().loadEncrypted(out), Format.DOTENV);
        assertEquals(t, x.tree());
        // Empty lists vanish when flattened; ints come back as strings (the typed layer converts them).
        Branch md = x.metadata();
        assertEquals(Value.str("2"), md.get("shamir_threshold").orElseThrow());
        Branch g0 = (Branch) ((Seq) md.get("key_groups").orElseThrow()).items().get(0);
        assertEquals(List.of("age"), g0.entries().stream().map(Branch.Entry::key).toList());
        // As in Go, a group that flattens to nothing leaves a hole that cannot be read back.
        Branch holes = Branch.builder().put("key_groups", Value.seq(List.of(
                Branch.builder().put("age", Value.seq(List.of())).build(),
                Branch.builder().put("pgp", Value.seq(List.of(Branch.builder().put("fp", Value.str("F")).build())))
                        .build()))).build();
        byte[] bad = new DotenvStore().emitEncrypted(MetadataCodec.insert(t, holes, MetadataLayout.FLATTENED_PREFIXED));
        assertEquals("Error while unflattening: Incomplete list", assertThrows(StoreException.class,
                () -> MetadataCodec.extract(new DotenvStore().loadEncrypted(bad), Format.DOTENV)).getMessage());
    }

    @Test
    void iniFlatteningEscapesNewlines() throws Exception {
        Tree t = Tree.of(Branch.builder().put("s", Branch.builder().put("k", Value.str("v")).build()).build());
        byte[] out = new IniStore().emitEncrypted(MetadataCodec.insert(t, meta(), MetadataLayout.FLATTENED_BELOW_TOP));
        String text = s(out);
        assertTrue(text.startsWith("[s]\nk = v\n\n[sops]\nage__list_0__map_enc"), text);
        assertTrue(text.contains("= -----BEGIN AGE ENCRYPTED FILE-----\\nAAA\\n-----END AGE ENCRYPTED FILE-----\\n\n"),
                text);
        MetadataCodec.Extracted x = MetadataCodec.extract(new IniStore().loadEncrypted(out), Format.INI);
        Branch age0 = (Branch) ((Seq) x.metadata().get("age").orElseThrow()).items().get(0);
        assertEquals(Value.str("-----BEGIN AGE ENCRYPTED FILE-----\nAAA\n-----END AGE ENCRYPTED FILE-----\n"),
                age0.get("enc").orElseThrow());
    }

    @Test
    void extractErrors() {
        Tree none = Tree.of(Branch.builder().put("a", Value.str("1")).build());
        assertEquals("sops metadata not found",
                assertThrows(StoreException.class, () -> MetadataCodec.extract(none, Format.JSON)).getMessage());
        assertEquals("sops metadata not found",
                assertThrows(StoreException.class, () -> MetadataCodec.extract(none, Format.DOTENV)).getMessage());
        Tree scalar = Tree.of(Branch.builder().put("sops", Value.str("x")).build());
        assertEquals("Found sops entry that is not a mapping",
                assertThrows(StoreException.class, () -> MetadataCodec.extract(scalar, Format.YAML)).getMessage());
        Tree dup = Tree.of(Branch.builder().put("sops", meta()).put("sops", meta()).build());
        assertEquals("Found duplicate sops entry",
                assertThrows(StoreException.class, () -> MetadataCodec.extract(dup, Format.JSON)).getMessage());
        Tree empty = Tree.of(Branch.builder().put("sops", Branch.EMPTY).build());
        assertThrows(StoreException.class, () -> MetadataCodec.extract(empty, Format.JSON));
        assertEquals(Branch.EMPTY, assertDoesNotThrow(() -> MetadataCodec.extract(empty, Format.YAML)).metadata());
    }

    private static <T> T assertDoesNotThrow(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }

    @Test
    void metadataOnlyFromFirstDocumentButRemovedFromAll() throws Exception {
        Tree t = new Tree(List.of(
                Branch.builder().put("a", Value.str("1")).put("sops", meta()).build(),
                Branch.builder().put("sops", Value.str("ignored")).put("b", Value.str("2")).build()));
        MetadataCodec.Extracted x = MetadataCodec.extract(t, Format.YAML);
        assertEquals(List.of(Branch.builder().put("a", Value.str("1")).build(),
                Branch.builder().put("b", Value.str("2")).build()), x.tree().branches());
    }

    private static Tree dotenv(String... lines) {
        Branch.Builder b = Branch.builder();
        for (int i = 0; i < lines.length; i += 2) {
            b.put(lines[i], Value.str(lines[i + 1]));
        }
        return Tree.of(b.build());
    }

    @Test
    void unflattenErrors() {
        assertEquals("Error while unflattening: Incomplete list", assertThrows(StoreException.class,
                () -> MetadataCodec.extract(dotenv("sops_a__list_1", "x"), Format.DOTENV)).getMessage());
        assertEquals("Error while unflattening: Type mismatch", assertThrows(StoreException.class,
                () -> MetadataCodec.extract(dotenv("sops_a", "x", "sops_a__map_b", "y"), Format.DOTENV)).getMessage());
        assertEquals("Error while unflattening \"a\": Duplicate value", assertThrows(StoreException.class,
                () -> MetadataCodec.extract(dotenv("sops_a", "x", "sops_a", "y"), Format.DOTENV)).getMessage());
        // A malformed index reads as 0 (Go ignores Atoi's error).
        assertDoesNotThrow(() -> MetadataCodec.extract(dotenv("sops_a__list_x", "v"), Format.DOTENV));
    }

    @Test
    void insertErrors() {
        Tree reserved = Tree.of(Branch.builder().put("sops", Value.str("x")).build());
        assertEquals("Error marshaling metadata: Found key \"sops\" in encrypted data, which is a reserved key used "
                + "for SOPS metadata", assertThrows(StoreException.class,
                () -> MetadataCodec.insert(reserved, meta(), MetadataLayout.NESTED)).getMessage());
        Tree prefixed = Tree.of(Branch.builder().put("sops_x", Value.str("x")).build());
        assertEquals("Error marshaling metadata: Found key \"sops_x\" in encrypted data, which starts with the "
                + "reserved key prefix \"sops_\" for SOPS metadata", assertThrows(StoreException.class,
                () -> MetadataCodec.insert(prefixed, meta(), MetadataLayout.FLATTENED_PREFIXED)).getMessage());
        Branch colliding = Branch.builder().put("a__map_b", Value.str("1"))
                .put("a", Branch.builder().put("b", Value.str("2")).build()).build();
        assertEquals("Error marshaling metadata: Error while flattening metadata: Found key collision \"a__map_b\" "
                + "while flattening", assertThrows(StoreException.class,
                () -> MetadataCodec.insert(Tree.of(Branch.EMPTY), colliding, MetadataLayout.FLATTENED_BELOW_TOP))
                .getMessage());
    }

    @Test
    void alreadyEncryptedDetection() {
        Branch withSops = Branch.builder().put("sops", Branch.EMPTY).build();
        Branch withPrefix = Branch.builder().put("sops_version", Value.str("1")).add(new Comment("c")).build();
        assertTrue(MetadataCodec.hasSopsTopLevelKey(withSops, Format.JSON));
        assertTrue(MetadataCodec.hasSopsTopLevelKey(withSops, Format.INI));
        assertFalse(MetadataCodec.hasSopsTopLevelKey(withSops, Format.DOTENV));
        assertTrue(MetadataCodec.hasSopsTopLevelKey(withPrefix, Format.DOTENV));
        assertFalse(MetadataCodec.hasSopsTopLevelKey(withPrefix, Format.YAML));
        assertFalse(MetadataCodec.hasSopsTopLevelKey(
                Branch.builder().put("data", Value.str("sops")).build(), Format.BINARY));
    }

    @Test
    void goByteOrder() {
        List<String> keys = new java.util.ArrayList<>(List.of("\uffff", "😀", "b", "a", "B", "é"));
        keys.sort(MetadataCodec.GO_ORDER);
        assertEquals(List.of("B", "a", "b", "é", "\uffff", "😀"), keys);
    }
}
