package dev.jsops.flux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.jsops.sops.Branch;
import dev.jsops.sops.store.YamlStore;

/** Built resources as Go's {@code encoding/json} writes the map go-yaml decodes them into. */
class GoJsonTest {
    private static String json(String yaml, boolean sorted) throws Exception {
        Branch b = new YamlStore().loadPlain(yaml.getBytes(StandardCharsets.UTF_8)).branches().get(0);
        return new String(GoJson.marshal(b, sorted), StandardCharsets.UTF_8);
    }

    @Test
    void keysSortBytewiseAndCommentsVanish() throws Exception {
        assertEquals("{\"B\":1,\"a\":{\"y\":[1,\"x\",null],\"z\":true},\"é\":\"\\n\",\"𝔸\":\"\"}",
                json("# c\n𝔸: \"\"\né: \"\\n\"\na:\n  z: true # c\n  y: [1, x, null]\nB: 1\n", true));
        assertEquals("{\"b\":1,\"a\":2}", json("b: 1\na: 2\n", false));
        // U+FFFF sorts before U+10000 in UTF-8 (not in UTF-16).
        assertEquals(-1, Integer.signum(GoJson.KEY_ORDER.compare("\uFFFF", "\uD835\uDD38")));
    }

    @Test
    void numbersTimesAndTheUnencodable() throws Exception {
        assertEquals("{\"f\":1e+21,\"g\":0.000001,\"h\":1e-7,\"i\":1000000,\"j\":1,\"t\":\"2024-01-02T03:04:05Z\",\"u\":18446744073709551615}",
                json("f: 1e21\ng: 0.000001\nh: 0.0000001\ni: 1000000\nj: 1.0\nt: 2024-01-02T03:04:05Z\nu: 0xFFFFFFFFFFFFFFFF\n", true));
        assertEquals("json: unsupported value: NaN", assertThrows(GoError.class, () -> json("a: .nan\n", true)).getMessage());
        assertEquals("json: unsupported value: +Inf", assertThrows(GoError.class, () -> json("a: .inf\n", true)).getMessage());
        assertEquals("json: unsupported type: map[interface {}]interface {}",
                assertThrows(GoError.class, () -> json("a:\n  1: x\n", true)).getMessage());
        assertEquals("{\"1\":\"x\"}", json("1: x\n", true));
    }

    @Test
    void kustomizationFieldsAreTypedLikeKustomizesStruct() throws Exception {
        KustomizationFile k = KustomizationFile.parse(("resources:\n- a\n- 1\n- true\n- null\ncomponents: null\n"
                + "secretGenerator:\n- files: [k=v]\n  envs: [e]\n- null\npatches:\n- path: p.yaml\n- patch: x\n").getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("a", "1", "true", ""), k.resources());
        assertEquals(List.of(), k.components());
        assertEquals(List.of(new KustomizationFile.SecretGenerator(List.of("k=v"), List.of("e")),
                new KustomizationFile.SecretGenerator(List.of(), List.of())), k.secretGenerators());
        assertEquals(List.of("p.yaml", ""), k.patchPaths());
        assertEquals("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal object into Go struct field "
                + "SecretArgs.secretGenerator.files of type string", assertThrows(GoError.class,
                        () -> KustomizationFile.parse("secretGenerator:\n- files:\n  - {a: b}\n".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type "
                + "types.Kustomization", assertThrows(GoError.class, () -> KustomizationFile.parse("- a\n".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals(List.of(), KustomizationFile.parse(new byte[0]).resources());
    }
}
