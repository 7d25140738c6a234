package dev.jsops.sops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.jsops.testing.UpstreamCorpus;

class ValueCipherTest {
    private static final byte[] KEY = "ffffffffffffffffffffffffffffffff".getBytes(StandardCharsets.US_ASCII);

    @Test
    void upstreamVector() throws Exception {
        Path f = UpstreamCorpus.require("sops/aes/test-vectors.txt");
        Map<String, String> v = new HashMap<>();
        for (String line : Files.readAllLines(f)) {
            int eq = line.indexOf('=');
            if (!line.startsWith("#") && eq > 0) {
                v.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        ValueCipher c = new ValueCipher(v.get("data_key_ascii").getBytes(StandardCharsets.US_ASCII));
        assertEquals(new Value.Str(v.get("plaintext")), c.decrypt(v.get("ciphertext"), v.get("aad")));
        assertThrows(ValueCipher.DecryptionException.class, () -> new ValueCipher(KEY).decrypt(v.get("ciphertext"), ""));
    }

    @Test
    void everyTypeRoundTripsWithGoSpelling() throws Exception {
        ValueCipher c = new ValueCipher(KEY);
        Node[] values = {new Value.Str("héllo"), new Value.Int(-42), new Value.Int(Long.MAX_VALUE), new Value.Float(1.5),
            new Value.Float(1234568000.0), new Value.Bool(true), new Value.Bool(false),
            new Value.Time(OffsetDateTime.parse("2006-01-02T15:04:05.120+07:06")), new Comment(" a comment")};
        String[] types = {"str", "int", "int", "float", "float", "bool", "bool", "time", "comment"};
        for (int i = 0; i < values.length; i++) {
            String enc = c.encrypt(values[i], "k:");
            assertTrue(enc.endsWith(",type:" + types[i] + "]"), enc);
            assertTrue(enc.matches("ENC\\[AES256_GCM,data:[A-Za-z0-9+/=]+,iv:[A-Za-z0-9+/=]{44},tag:[A-Za-z0-9+/=]{24},type:[a-z]+]"), enc);
            assertEquals(values[i], new ValueCipher(KEY).decrypt(enc, "k:"));
        }
    }

    @Test
    void emptyValuesAreNotEncrypted() throws Exception {
        ValueCipher c = new ValueCipher(KEY);
        assertEquals("", c.encrypt(new Value.Str(""), "a:"));
        assertEquals("", c.encrypt(new Comment(""), "a:"));
        assertEquals(new Value.Str(""), c.decrypt("", "a:"));
    }

    @Test
    void decryptedValuesReuseTheirIvAtTheSamePath() throws Exception {
        ValueCipher writer = new ValueCipher(KEY);
        String enc = writer.encrypt(new Value.Str("same"), "a:");
        ValueCipher c = new ValueCipher(KEY);
        c.decrypt(enc, "a:");
        assertEquals(enc, c.encrypt(new Value.Str("same"), "a:"), "unchanged value, unchanged ciphertext");
        assertNotEquals(enc, c.encrypt(new Value.Str("same"), "b:"), "another path gets a fresh IV");
        assertNotEquals(enc, c.encrypt(new Value.Str("changed"), "a:").substring(0, 30));
    }

    @Test
    void oneInstanceServesManyValuesAndTheSameReusedIvTwiceInARow() throws Exception {
        ValueCipher writer = new ValueCipher(KEY);
        String enc = writer.encrypt(new Value.Str("same"), "a:");
        ValueCipher c = new ValueCipher(KEY);
        assertEquals(new Value.Str("same"), c.decrypt(enc, "a:"));
        // Re-encrypting an unchanged file twice with one cipher: the IV repeats back to back, as sops intends.
        assertEquals(enc, c.encrypt(new Value.Str("same"), "a:"));
        assertEquals(enc, c.encrypt(new Value.Str("same"), "a:"));
        java.util.List<String> encrypted = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            encrypted.add(c.encrypt(new Value.Int(i), "k" + i + ":"));
        }
        ValueCipher reader = new ValueCipher(KEY);
        for (int i = 0; i < 50; i++) {
            assertEquals(new Value.Int(i), reader.decrypt(encrypted.get(i), "k" + i + ":"));
        }
        // A failed authentication leaves the instance usable.
        assertThrows(ValueCipher.DecryptionException.class, () -> reader.decrypt(encrypted.get(0), "wrong:"));
        assertEquals(new Value.Int(1), reader.decrypt(encrypted.get(1), "k1:"));
    }

    @Test
    void errorsCarryNoSecret() {
        ValueCipher c = new ValueCipher(KEY);
        var e = assertThrows(ValueCipher.DecryptionException.class, () -> c.decrypt("plaintext-password", "a:"));
        assertFalse(e.getMessage().contains("plaintext-password"));
        assertEquals("Input string does not match sops' data format", e.getMessage());
    }
}
