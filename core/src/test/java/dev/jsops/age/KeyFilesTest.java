package dev.jsops.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Identity and recipient files as the reference parses them. */
class KeyFilesTest {
    private static final String ID = "AGE-SECRET-KEY-1GFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPYYSJZGFPQ4EGAEX";
    private static final String RECIPIENT = "age1zvkyg2lqzraa2lnjvqej32nkuu0ues2s82hzrye869xeexvn73equnujwj";

    private static List<Identity> ids(String s) throws AgeException.MalformedKey {
        return AgeKeys.parseIdentities(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commentsBlankLinesAndCrlf() throws Exception {
        assertEquals(1, ids("# created: 2026-01-01T00:00:00Z\n# public key: " + RECIPIENT + "\n" + ID + "\n").size());
        assertEquals(2, ids("\r\n" + ID + "\r\n\r\n#x\r\n" + ID).size());
    }

    @Test
    void nothingIsTrimmed() {
        AgeException e = assertThrows(AgeException.MalformedKey.class, () -> ids(" " + ID + "\n"));
        assertTrue(e.getMessage().startsWith("error at line 1"));
        assertThrows(AgeException.MalformedKey.class, () -> ids(ID + " # mine\n"));
        assertThrows(AgeException.MalformedKey.class, () -> ids("   \n" + ID));
    }

    @Test
    void errorsNeverEchoTheKey() {
        AgeException e = assertThrows(AgeException.MalformedKey.class, () -> ids(ID.toLowerCase()));
        assertFalse(e.getMessage().toLowerCase().contains(ID.toLowerCase().substring(20)), e.getMessage());
        e = assertThrows(AgeException.MalformedKey.class, () -> ids(ID.substring(0, 60) + "\n"));
        assertFalse(e.getMessage().contains(ID.substring(16, 40)), e.getMessage());
    }

    @Test
    void emptyAndMisplacedKeys() {
        AgeException e = assertThrows(AgeException.MalformedKey.class, () -> ids("# nothing\n\n"));
        assertEquals("no identities found", e.getMessage());
        e = assertThrows(AgeException.MalformedKey.class, () -> ids(RECIPIENT + "\n"));
        assertTrue(e.getMessage().contains("apparent recipient"));
        e = assertThrows(AgeException.MalformedKey.class,
                () -> AgeKeys.parseRecipients((ID + "\n").getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("apparent identity"));
        assertFalse(e.getMessage().contains(ID.substring(16)));
        assertThrows(AgeException.MalformedKey.class, () -> AgeKeys.parseIdentities(new byte[] {(byte) 0xff, '\n'}));
    }

    @Test
    void recipientDispatch() throws Exception {
        assertTrue(AgeKeys.parseRecipient(RECIPIENT) instanceof X25519Recipient);
        HybridIdentity pq = HybridIdentity.generate();
        String pqr = pq.recipient().toString();
        assertTrue(pqr.startsWith("age1pq1"));
        assertEquals(pq.recipient(), AgeKeys.parseRecipient(pqr));
        assertThrows(AgeException.MalformedKey.class, () -> AgeKeys.parseRecipient("age1yubikey1qwerty"));
        assertThrows(AgeException.MalformedKey.class, () -> AgeKeys.parseRecipient("github:someone"));
        assertThrows(AgeException.MalformedKey.class, () -> AgeKeys.parseRecipient("foo"));
        assertEquals(pq.encode(), HybridIdentity.parse(pq.encode()).encode());
        assertTrue(pq.encode().startsWith("AGE-SECRET-KEY-PQ-1"));
    }

    @Test
    void toStringNeverShowsSecrets() throws Exception {
        X25519Identity id = X25519Identity.parse(ID);
        assertFalse(id.toString().contains("AGE-SECRET"));
        HybridIdentity pq = HybridIdentity.generate();
        assertFalse(pq.toString().contains("AGE-SECRET"));
    }
}
