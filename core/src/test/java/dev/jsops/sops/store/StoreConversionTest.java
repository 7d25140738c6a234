package dev.jsops.sops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/**
 * Typed trees (as the YAML store produces them) written by the other stores; expected bytes are what
 * sops 3.13.2 printed for {@code sops decrypt --output-type T} of the same YAML document.
 */
class StoreConversionTest {
    private static final Value TS = new Value.Time(OffsetDateTime.of(2006, 1, 2, 15, 4, 5, 123_000_000,
            ZoneOffset.ofHoursMinutes(7, 6)));
    private static final Value DATE = new Value.Time(OffsetDateTime.of(2025, 1, 2, 0, 0, 0, 0, ZoneOffset.UTC));

    private static Branch section() {
        return Branch.builder()
                .put("int", new Value.Int(123))
                .put("neg", new Value.Int(-7))
                .put("float", new Value.Float(5.0))
                .put("big", new Value.Float(1e21))
                .put("half", new Value.Float(1.5))
                .put("tenth", new Value.Float(0.1))
                .put("small", new Value.Float(1e-7))
                .put("million", new Value.Float(1e6))
                .put("bool", new Value.Bool(true))
                .put("date", DATE)
                .put("ts", TS)
                .put("nul", Value.Null.INSTANCE)
                .put("str", Value.str("x # y"))
                .put("nested", Branch.builder().put("a", new Value.Int(1))
                        .put("b", Value.seq(List.of(Value.str("x"), new Value.Float(2.5)))).build())
                .put("list", Value.seq(List.of(new Value.Int(1), Value.str("two"))))
                .build();
    }

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void iniValToString() throws Exception {
        Tree t = Tree.of(Branch.builder().put("sec", section()).build());
        assertEquals("""
                [sec]
                int     = 123
                neg     = -7
                float   = 5.0
                big     = 1E+21
                half    = 1.5
                tenth   = 0.1
                small   = 1E-07
                million = 1E+06
                bool    = true
                date    = 2025-01-02T00:00:00Z
                ts      = 2006-01-02T15:04:05+07:06
                nul     = <nil>
                str     = `x # y`
                nested  = [{a 1} {b [x 2.5]}]
                list    = [1 two]
                """, s(new IniStore().emitPlain(t)));
    }

    @Test
    void jsonTypes() throws Exception {
        Tree t = Tree.of(Branch.builder().put("sec", section()).build());
        assertEquals("""
                {
                	"sec": {
                		"int": 123,
                		"neg": -7,
                		"float": 5,
                		"big": 1e+21,
                		"half": 1.5,
                		"tenth": 0.1,
                		"small": 1e-7,
                		"million": 1000000,
                		"bool": true,
                		"date": "2025-01-02T00:00:00Z",
                		"ts": "2006-01-02T15:04:05.123+07:06",
                		"nul": null,
                		"str": "x # y",
                		"nested": {
                			"a": 1,
                			"b": [
                				"x",
                				2.5
                			]
                		},
                		"list": [
                			1,
                			"two"
                		]
                	}
                }
                """, s(new JsonStore().emitPlain(t)));
    }

    @Test
    void dotenvValToString() throws Exception {
        Tree t = Tree.of(Branch.builder()
                .put("int", new Value.Int(123))
                .put("float", new Value.Float(5.0))
                .put("big", new Value.Float(1e21))
                .put("half", new Value.Float(1.5))
                .put("million", new Value.Float(1e6))
                .put("bool", new Value.Bool(false))
                .put("date", DATE)
                .put("ts", TS)
                .put("nul", Value.Null.INSTANCE)
                .put("multi", Value.str("a\nb"))
                .add(new Comment(" c"))
                .build());
        assertEquals("int=123\nfloat=5.0\nbig=1E+21\nhalf=1.5\nmillion=1E+06\nbool=false\n"
                + "date=2025-01-02T00:00:00Z\nts=2006-01-02T15:04:05+07:06\nnul=<nil>\nmulti=a\\nb\n# c\n",
                s(new DotenvStore().emitPlain(t)));
    }

    @Test
    void emitValue() throws Exception {
        Branch nested = (Branch) section().get("nested").orElseThrow();
        assertEquals("{\n\t\"a\": 1,\n\t\"b\": [\n\t\t\"x\",\n\t\t2.5\n\t]\n}", s(new JsonStore().emitValue(nested)));
        assertEquals("123", s(new JsonStore().emitValue(new Value.Int(123))));
        assertEquals("5", s(new IniStore().emitValue(new Value.Float(5.0))));
        assertEquals("\"a\\u003cb\"", s(new IniStore().emitValue(Value.str("a<b"))));
        assertEquals("[{\"Key\":\"a\",\"Value\":1}]",
                s(new IniStore().emitValue(Branch.builder().put("a", new Value.Int(1)).build())));
        assertEquals("raw\nvalue", s(new DotenvStore().emitValue(Value.str("raw\nvalue"))));
        assertEquals("the dotenv store only supports emitting strings, got int",
                assertThrows(StoreException.class, () -> new DotenvStore().emitValue(new Value.Int(1))).getMessage());
        assertEquals("Binary files are not structured and extracting a single value is not possible",
                assertThrows(StoreException.class, () -> new BinaryStore().emitValue(Value.str("x"))).getMessage());
    }

    @Test
    void iniRefusesNonSectionValues() {
        Tree t = Tree.of(Branch.builder().put("a", new Value.Int(1)).build());
        assertEquals("Error marshaling to INI: Error encoding section: Section values should always be TreeBranches",
                assertThrows(StoreException.class, () -> new IniStore().emitPlain(t)).getMessage());
    }

    @Test
    void jsonErrors() {
        Tree nan = Tree.of(Branch.builder().put("a", Branch.builder().put("b", new Value.Float(Double.NaN)).build())
                .build());
        assertEquals("Error marshaling to json: Error encoding value : Error encoding value : json: unsupported "
                + "value: NaN", assertThrows(StoreException.class, () -> new JsonStore().emitPlain(nan)).getMessage());
        Tree inf = Tree.of(Branch.builder().put("a", Value.seq(List.of(new Value.Float(Double.NEGATIVE_INFINITY))))
                .build());
        assertEquals("Error marshaling to json: Error encoding value : json: unsupported value: -Inf",
                assertThrows(StoreException.class, () -> new JsonStore().emitPlain(inf)).getMessage());
        Tree ok = Tree.of(Branch.builder().put("a", new Value.Int(1)).build());
        assertEquals("Error marshaling to json: JSON Indentation parameter smaller than -1 is not accepted",
                assertThrows(StoreException.class, () -> new JsonStore(-2).emitPlain(ok)).getMessage());
    }

    @Test
    void jsonFirstDocumentOnlyAndCommentsDropped() throws Exception {
        Tree t = new Tree(List.of(
                Branch.builder().add(new Comment(" c")).put("a", Value.seq(List.of(new Comment("x"), Value.str("y"))))
                        .build(),
                Branch.builder().put("b", new Value.Int(2)).build()));
        assertEquals("{\n\t\"a\": [\n\t\t\"y\"\n\t]\n}\n", s(new JsonStore().emitPlain(t)));
        assertEquals("{\n  \"a\": [\n    \"y\"\n  ]\n}\n", s(new JsonStore(2).emitPlain(t)));
        assertEquals("{\n\"a\": [\n\"y\"\n]\n}\n", s(new JsonStore(0).emitPlain(t)));
        assertEquals("{\n\t\"a\": [\n\t\t\"y\"\n\t]\n}\n", s(new JsonStore().emitPlain(t)));
    }

    @Test
    void dotenvErrors() {
        Tree t = Tree.of(Branch.builder().put("k", Branch.EMPTY).build());
        assertEquals("cannot use complex value in dotenv file; offending key k",
                assertThrows(StoreException.class, () -> new DotenvStore().emitPlain(t)).getMessage());
        assertEquals(true, assertThrows(StoreException.class,
                () -> new DotenvStore().loadPlain("A=1\nsecretline\n".getBytes(StandardCharsets.UTF_8)))
                .getMessage().startsWith("invalid dotenv input line"));
        assertEquals(false, assertThrows(StoreException.class,
                () -> new DotenvStore().loadPlain("A=1\nsecretline\n".getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("secretline"));
    }

    @Test
    void binaryErrorsAndBytes() throws Exception {
        BinaryStore b = new BinaryStore();
        assertEquals("error emitting binary store: no binary data found in tree",
                assertThrows(StoreException.class, () -> b.emitPlain(Tree.of(Branch.EMPTY))).getMessage());
        assertEquals("error emitting binary store: there must be exactly one tree branch",
                assertThrows(StoreException.class, () -> b.emitPlain(new Tree(List.of()))).getMessage());
        assertEquals("error emitting binary store: 'data' key in tree does not have a string value",
                assertThrows(StoreException.class, () -> b.emitPlain(
                        Tree.of(Branch.builder().put("data", new Value.Int(1)).build()))).getMessage());
        byte[] raw = {(byte) 0xff, 0, 'a', (byte) 0xc3};
        assertEquals(new Value.Bytes(raw), b.loadPlain(raw).branches().get(0).get("data").orElseThrow());
        assertEquals(List.of((byte) 0xff, (byte) 0, (byte) 'a', (byte) 0xc3),
                toList(b.emitPlain(b.loadPlain(raw))));
        // In the JSON envelope, each invalid byte becomes \ufffd.
        Tree t = b.loadPlain(raw);
        assertEquals("{\n\t\"data\": \"\\ufffd\\u0000a\\ufffd\"\n}\n", s(b.emitEncrypted(t)));
    }

    private static List<Byte> toList(byte[] b) {
        java.util.ArrayList<Byte> l = new java.util.ArrayList<>();
        for (byte x : b) {
            l.add(x);
        }
        return l;
    }

    @Test
    void multiDocumentIniWritesAllDocuments() throws Exception {
        Tree t = new Tree(List.of(
                Branch.builder().put("a", Branch.builder().put("k", Value.str("1")).build()).build(),
                Branch.builder().put("b", Branch.builder().put("k", Value.str("2")).build()).build()));
        assertEquals("[a]\nk = 1\n\n[b]\nk = 2\n", s(new IniStore().emitPlain(t)));
        assertEquals(Seq.class, Value.seq(List.of()).getClass());
    }
}
