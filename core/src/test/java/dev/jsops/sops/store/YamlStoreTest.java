package dev.jsops.sops.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Comment;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected bytes below were produced by sops 3.13.2's YAML store ({@code EmitValue}, {@code EmitPlainFile}). */
class YamlStoreTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static Tree load(String yaml) throws StoreException {
        return new YamlStore(0).loadPlain(b(yaml));
    }

    @Test
    void basics() {
        YamlStore store = new YamlStore(0);
        assertEquals(Format.YAML, store.format());
        assertEquals(MetadataLayout.NESTED, store.metadataLayout());
    }

    @Test
    void negativeIndentIsRejectedWhenEmitting() {
        StoreException e = assertThrows(StoreException.class, () -> new YamlStore(-1).emitPlain(Tree.of(Branch.EMPTY)));
        assertEquals("YAML Negative indentation not accepted", e.getMessage());
    }

    @Test
    void indentZeroIsFourAndOutOfRangeIsTwo() throws StoreException {
        Tree t = load("a:\n  b: c\n");
        assertEquals("a:\n    b: c\n", s(new YamlStore(0).emitPlain(t)));
        assertEquals("a:\n  b: c\n", s(new YamlStore(2).emitPlain(t)));
        assertEquals("a:\n   b: c\n", s(new YamlStore(3).emitPlain(t)));
        assertEquals("a:\n  b: c\n", s(new YamlStore(1).emitPlain(t)));
        assertEquals("a:\n  b: c\n", s(new YamlStore(10).emitPlain(t)));
    }

    @Test
    void emptyTreeAndEmptyInput() throws StoreException {
        assertArrayEquals(new byte[0], new YamlStore(0).emitPlain(new Tree(List.of())));
        assertEquals(0, new YamlStore(0).loadPlain(new byte[0]).branches().size());
        assertEquals("{}\n", s(new YamlStore(0).emitPlain(Tree.of(Branch.EMPTY))));
    }

    @Test
    void emitValueLikeSops() throws StoreException {
        YamlStore store = new YamlStore(2); // EmitValue ignores the store's indentation
        assertEquals("hello\n", s(store.emitValue(Value.str("hello"))));
        assertEquals("|\n    multi\n    line\n", s(store.emitValue(Value.str("multi\nline\n"))));
        assertEquals("\"yes\"\n", s(store.emitValue(Value.str("yes"))));
        assertEquals("\"\"\n", s(store.emitValue(Value.str(""))));
        assertEquals("42\n", s(store.emitValue(new Value.Int(42))));
        assertEquals("1\n", s(store.emitValue(new Value.Float(1.0))));
        assertEquals("1e+21\n", s(store.emitValue(new Value.Float(1e21))));
        assertEquals("true\n", s(store.emitValue(new Value.Bool(true))));
        assertEquals("null\n", s(store.emitValue(Value.Null.INSTANCE)));
        assertEquals("2024-01-02T03:04:05.0000006Z\n", s(store.emitValue(
                new Value.Time(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 600, ZoneOffset.UTC)))));
        Branch nested = new Branch(List.of(
                new Branch.Entry("a", Value.str("b")),
                new Comment(" c"),
                new Branch.Entry("n", new Branch(List.of(new Branch.Entry("x", new Seq(List.of(
                        new Value.Int(1), Value.str("two"), new Comment(" c2", true)))))))));
        assertEquals("a: b\n# c\n\"n\":\n    x:\n        - 1\n        - two\n        # c2\n", s(store.emitValue(nested)));
        Seq list = new Seq(List.of(Value.str("a"), new Branch(List.of(
                new Branch.Entry("k", Value.str("v")), new Branch.Entry("k2", Value.str("v2"))))));
        assertEquals("- a\n- k: v\n  k2: v2\n", s(store.emitValue(list)));
        assertEquals("!!binary //5h\n", s(store.emitValue(new Value.Bytes(new byte[] {(byte) 0xff, (byte) 0xfe, 'a'}))));
    }

    private static Tree metadataTree() {
        Branch age = new Branch(List.of(
                new Branch.Entry("enc", Value.str(
                        "-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n")),
                new Branch.Entry("recipient", Value.str("age1abc"))));
        Branch sops = new Branch(List.of(
                new Branch.Entry("age", new Seq(List.of(age))),
                new Branch.Entry("lastmodified", Value.str("2024-01-01T00:00:00Z")),
                new Branch.Entry("mac", Value.str("ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]")),
                new Branch.Entry("unencrypted_suffix", Value.str("_unencrypted")),
                new Branch.Entry("version", Value.str("3.13.2"))));
        return Tree.of(new Branch(List.of(
                new Branch.Entry("foo", Value.str("ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]")),
                new Branch.Entry("sops", sops))));
    }

    @Test
    void sopsMetadataLayout() throws StoreException {
        assertEquals("foo: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\nsops:\n    age:\n        - enc: |\n"
                + "            -----BEGIN AGE ENCRYPTED FILE-----\n            YWdl\n"
                + "            -----END AGE ENCRYPTED FILE-----\n          recipient: age1abc\n"
                + "    lastmodified: \"2024-01-01T00:00:00Z\"\n    mac: ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]\n"
                + "    unencrypted_suffix: _unencrypted\n    version: 3.13.2\n",
                s(new YamlStore(0).emitPlain(metadataTree())));
        assertEquals("foo: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\nsops:\n  age:\n    - enc: |\n"
                + "        -----BEGIN AGE ENCRYPTED FILE-----\n        YWdl\n        -----END AGE ENCRYPTED FILE-----\n"
                + "      recipient: age1abc\n  lastmodified: \"2024-01-01T00:00:00Z\"\n"
                + "  mac: ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]\n  unencrypted_suffix: _unencrypted\n"
                + "  version: 3.13.2\n", s(new YamlStore(2).emitPlain(metadataTree())));
        assertEquals("foo: ENC[AES256_GCM,data:x,iv:y,tag:z,type:str]\nsops:\n   age:\n      - enc: |\n"
                + "         -----BEGIN AGE ENCRYPTED FILE-----\n         YWdl\n         -----END AGE ENCRYPTED FILE-----\n"
                + "        recipient: age1abc\n   lastmodified: \"2024-01-01T00:00:00Z\"\n"
                + "   mac: ENC[AES256_GCM,data:m,iv:i,tag:t,type:str]\n   unencrypted_suffix: _unencrypted\n"
                + "   version: 3.13.2\n", s(new YamlStore(3).emitPlain(metadataTree())));
    }

    @Test
    void typesAndComments() throws StoreException {
        Tree t = load("# head\na: 017 # line\nb: !!binary /w==\nc: 18446744073709551615\n1: x\nd: \"017\"\n");
        List<Branch.Item> items = t.branches().get(0).items();
        assertEquals(new Comment(" head"), items.get(0));
        assertEquals(new Comment(" line", true), items.get(1));
        assertEquals(new Branch.Entry("a", new Value.Int(15)), items.get(2));
        assertEquals(new Branch.Entry("b", new Value.Bytes(new byte[] {(byte) 0xff})), items.get(3));
        assertEquals(new Branch.Entry("c", new Value.Unsupported("uint64", "18446744073709551615")), items.get(4));
        Branch.Entry nonString = (Branch.Entry) items.get(5);
        assertEquals("int", nonString.nonStringKeyType());
        assertEquals("1", nonString.key());
        assertEquals(Value.str("017"), ((Branch.Entry) items.get(6)).value());
        assertNull(((Branch.Entry) items.get(6)).nonStringKeyType());
    }

    @Test
    void aliasesAreExpandedAndMergeKeysKept() throws StoreException {
        Branch b = load("x: &x {k: v}\ny: *x\nz:\n  <<: *x\n").branches().get(0);
        assertEquals(b.get("x"), b.get("y"));
        Branch z = (Branch) b.get("z").orElseThrow();
        assertEquals("<<", z.entries().get(0).key());
        assertInstanceOf(Branch.class, z.entries().get(0).value());
    }

    @Test
    void errorsUseSopsWording() {
        assertEquals("yaml: unmarshal errors:\n  line 3: mapping key \"hello\" already defined at line 2",
                assertThrows(StoreException.class, () -> load("a: 1\nhello: x\nhello: y\n")).getMessage());
        assertEquals("Error unmarshaling input YAML: YAML documents that are sequences are not supported",
                assertThrows(StoreException.class, () -> load("a: 1\n---\n- x\n")).getMessage());
        assertEquals("yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into map[string]interface {}",
                assertThrows(StoreException.class, () -> load("- x\n")).getMessage());
        assertEquals("EOF", assertThrows(StoreException.class, () -> load("# only a comment\n")).getMessage());
        assertEquals("yaml: line 2: did not find expected key",
                assertThrows(StoreException.class, () -> load("a:\n  - b\n c: d\n")).getMessage());
    }

    @Test
    void errorMessagesNeverCarryValues() {
        String secret = "hunter2-secret";
        for (String yaml : new String[] {secret + "\n", "a: !!int " + secret + "\n", "a: !!binary " + secret + "\n",
                "a: \"" + secret + "\n", "a: " + secret + ": x\n", "[" + secret + "\n", "a: \"\\q" + secret + "\"\n"}) {
            StoreException e = assertThrows(StoreException.class, () -> load(yaml));
            assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        }
    }

    @Test
    void nonStringKeysEmitWithTheirGoType() throws StoreException {
        Tree t = load("017: a\ntrue: b\n1.0: c\n~: d\n");
        assertEquals("15: a\ntrue: b\n1: c\nnull: d\n", s(new YamlStore(0).emitPlain(t)));
        assertTrue(t.branches().get(0).entries().stream().allMatch(e -> e.nonStringKeyType() != null));
    }

    private static Branch br(Branch.Item... items) {
        return new Branch(List.of(items));
    }

    private static Branch.Entry e(String k, Value v) {
        return new Branch.Entry(k, v);
    }

    private static Comment c(String t) {
        return new Comment(t);
    }

    private static Comment ci(String t) {
        return new Comment(t, true);
    }

    private static Seq seq(dev.jsops.sops.Node... items) {
        return new Seq(List.of(items));
    }

    private static String emit(Branch... docs) throws StoreException {
        return s(new YamlStore(0).emitPlain(new Tree(List.of(docs))));
    }

    /** Trees no YAML file produces (other stores, edits); expected bytes from sops 3.13.2's EmitPlainFile. */
    @Test
    void commentPlacementForBuiltTrees() throws StoreException {
        assertEquals("# only\n{}\n", emit(br(c(" only"))));
        assertEquals("a: {\n    # only nested\n}\nb: 1\n", emit(br(e("a", br(c(" only nested"))), e("b", new Value.Int(1)))));
        assertEquals("a: []\n# only in list\nb: 1\n", emit(br(e("a", seq(c(" only in list"))), e("b", new Value.Int(1)))));
        assertEquals("a:\n    x: 1\nb: 2 # inline first\n", emit(br(ci(" inline first"),
                e("a", br(e("x", new Value.Int(1)))), e("b", new Value.Int(2)))));
        assertEquals("a:\n    - 1\n    - 2\nb: 2 # inline first\n", emit(br(ci(" inline first"),
                e("a", seq(new Value.Int(1), new Value.Int(2))), e("b", new Value.Int(2)))));
        assertEquals("a: 1\n# trailing inline\n", emit(br(e("a", new Value.Int(1)), ci(" trailing inline"))));
        assertEquals("a:\n    - k: v\n\n# after\n", emit(br(e("a", seq(ci(" il"), br(e("k", Value.str("v"))), c(" after"))))));
        assertEquals("a: {}\n# between\nb: []\n# end\n", emit(br(e("a", Branch.EMPTY), c(" between"),
                e("b", seq()), c(" end"))));
        assertEquals("#multi\n# line\na: x\n", emit(br(c("multi\nline"), e("a", Value.str("x")))));
        assertEquals("a: x\n---\n{}\n---\n# doc3\n{}\n", emit(br(e("a", Value.str("x"))), Branch.EMPTY, br(c(" doc3"))));
        assertEquals("a:\n    - []\n    - {}\n    - null\n    - \"\"\n", emit(br(e("a", seq(seq(), Branch.EMPTY,
                Value.Null.INSTANCE, Value.str(""))))));
        assertEquals("a:\n    # x\n    - - 1\n    - - k:\n            j: 1\n", emit(br(e("a", seq(seq(c(" x"),
                new Value.Int(1)), seq(br(e("k", br(e("j", new Value.Int(1)))))))))));
    }
}
