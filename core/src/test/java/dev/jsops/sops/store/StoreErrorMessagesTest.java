package dev.jsops.sops.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Our load errors against sops's ({@code store-corpus/X.err}, minus the CLI's "Error unmarshalling file: " prefix).
 * Where sops quotes file content (a line, a literal, a value) we keep its wording up to that point and leave the
 * content out.
 */
class StoreErrorMessagesTest {
    private static final String CLI_PREFIX = "Error unmarshalling file: ";

    private static String ours(String dir, String file) throws Exception {
        Path p = StoreCorpusTest.corpusDir().resolve(dir).resolve(file);
        Store store = StoreCorpusTest.storeFor(dir);
        return assertThrows(StoreException.class, () -> store.loadPlain(Files.readAllBytes(p))).getMessage();
    }

    private static String sops(String dir, String file) throws Exception {
        Path p = StoreCorpusTest.corpusDir().resolve(dir).resolve(file + ".err");
        String s = Files.readString(p, StandardCharsets.UTF_8).strip();
        assertTrue(s.startsWith(CLI_PREFIX), s);
        return s.substring(CLI_PREFIX.length());
    }

    @Test
    void identicalWhereNoContentIsQuoted() throws Exception {
        for (String f : new String[] {"empty_file.json", "nested_truncated.json", "top_array.json", "top_null.json",
                "truncated_key.json", "unterminated_string.json"}) {
            assertEquals(sops("json", f), ours("json", f), f);
        }
    }

    @Test
    void sameWordingWithContentLeftOut() throws Exception {
        String[][] cases = {
            {"json", "top_string.json", "Could not unmarshal input data: SOPS only supports JSON files with a "
                    + "top-level object (starting with '{'), not other JSON types. Got ", "hello"},
            {"json", "overflow_float.json", "Could not unmarshal input data: strconv.ParseFloat: parsing ", "1e400"},
            {"dotenv", "bad_line.env", "invalid dotenv input line: ", "NOEQUALS"},
            {"ini", "bad_delim.ini", "Could not unmarshal input data: key-value delimiter not found", "nodelimiter"},
            {"ini", "unclosed.ini", "Could not unmarshal input data: unclosed section", "[s"},
        };
        for (String[] c : cases) {
            String theirs = sops(c[0], c[1]);
            String ours = ours(c[0], c[1]);
            assertTrue(theirs.startsWith(c[2]) && theirs.contains(c[3]), theirs);
            assertTrue(ours.startsWith(c[2]), ours);
            assertFalse(ours.contains(c[3]), ours);
        }
    }

    @Test
    void syntaxErrorsKeepThePrefix() throws Exception {
        for (String f : new String[] {"bom.json", "syntax_error.json"}) {
            assertTrue(sops("json", f).startsWith("Could not unmarshal input data: invalid character"));
            assertTrue(ours("json", f).startsWith("Could not unmarshal input data: invalid"), ours("json", f));
        }
    }
}
