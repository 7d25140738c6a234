package dev.jsops.testvectors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jsops.age.Age;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.Identity;
import dev.jsops.age.Recipient;

/**
 * age interoperability in both directions against the reference Go age (v1.3.1), typage and rage: payloads
 * around the chunk boundaries, binary and armored, X25519, post-quantum, ssh and passphrase recipients, keys
 * made by each tool used by the others, several recipients per file, and tampered files rejected by all.
 */
@Tag("interop")
class AgeInteropTest {
    private static final int[] SIZES = {0, 1, 65535, 65536, 65537, (1 << 20) + 7};

    @TempDir
    Path dir;

    private static byte[] payload(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    /** A key pair made by a tool: its identity file and recipient. */
    private record Key(Path identityFile, String recipient) {
    }

    private Key goKey(String name, boolean pq) throws Exception {
        Path f = dir.resolve(name);
        Peers.Result r = pq ? Peers.run(dir, null, Peers.require("age-keygen").toString(), "-pq", "-o", f.toString())
                : Peers.run(dir, null, Peers.require("age-keygen").toString(), "-o", f.toString());
        assertEquals(0, r.exit(), r.stderr());
        return new Key(f, Peers.run(dir, null, Peers.require("age-keygen").toString(), "-y", f.toString()).out().trim());
    }

    private Key jsopsKey(String name, boolean pq) throws Exception {
        Path f = dir.resolve(name);
        List<String> cmd = pq ? Peers.jsops("keygen", "--pq", "-o", f.toString()) : Peers.jsops("keygen", "-o", f.toString());
        Peers.Result r = Peers.run(dir, null, Map.of(), cmd);
        assertEquals(0, r.exit(), r.stderr());
        return new Key(f, Peers.run(dir, null, Map.of(), Peers.jsops("keygen", "-y", f.toString())).out().trim());
    }

    private Key typageKey(String name, boolean pq) throws Exception {
        Path typage = Peers.require("typage");
        Peers.Result r = pq ? Peers.run(dir, null, typage.toString(), "keygen", "--pq") : Peers.run(dir, null, typage.toString(), "keygen");
        assertEquals(0, r.exit(), r.stderr());
        Path f = dir.resolve(name);
        Files.write(f, r.stdout());
        String identity = r.out().lines().filter(l -> l.startsWith("AGE-SECRET-KEY")).findFirst().orElseThrow();
        Peers.Result rec = Peers.run(dir, identity.getBytes(StandardCharsets.US_ASCII), typage.toString(), "to-recipient");
        assertEquals(0, rec.exit(), rec.stderr());
        return new Key(f, rec.out().trim());
    }

    private static List<Identity> identities(Key k) throws Exception {
        return AgeKeys.parseIdentities(Files.readAllBytes(k.identityFile()));
    }

    /** Encrypt with jsops (library), decrypt with the peer's command, for every size and both encodings. */
    private void jsopsToPeer(Key key, List<String> peerDecrypt) throws Exception {
        Recipient r = AgeKeys.parseRecipient(key.recipient());
        for (int size : SIZES) {
            byte[] plain = payload(size);
            for (boolean armor : new boolean[] {false, true}) {
                byte[] enc = Age.encrypt(plain, List.of(r), armor);
                Peers.Result d = Peers.run(dir, enc, Map.of(), peerDecrypt);
                assertEquals(0, d.exit(), "peer failed on size " + size + " armor " + armor + ": " + d.stderr());
                assertArrayEquals(plain, d.stdout(), "size " + size + " armor " + armor);
            }
        }
    }

    /** Encrypt with the peer's command (given armored or not), decrypt with jsops. */
    private void peerToJsops(Key key, List<String> peerEncryptBinary, List<String> peerEncryptArmored) throws Exception {
        List<Identity> ids = identities(key);
        for (int size : SIZES) {
            byte[] plain = payload(size);
            for (List<String> cmd : List.of(peerEncryptBinary, peerEncryptArmored)) {
                Peers.Result e = Peers.run(dir, plain, Map.of(), cmd);
                assertEquals(0, e.exit(), e.stderr());
                assertArrayEquals(plain, Age.decrypt(e.stdout(), ids), "size " + size + " via " + cmd.get(cmd.size() - 1));
            }
        }
    }

    @Test
    void goReferenceX25519AndPostQuantum() throws Exception {
        String age = Peers.require("age").toString();
        for (boolean pq : new boolean[] {false, true}) {
            Key go = goKey("go-" + pq + ".txt", pq);
            Key js = jsopsKey("js-" + pq + ".txt", pq);
            for (Key k : List.of(go, js)) {
                jsopsToPeer(k, List.of(age, "-d", "-i", k.identityFile().toString()));
                peerToJsops(k, List.of(age, "-e", "-r", k.recipient()), List.of(age, "-e", "-a", "-r", k.recipient()));
            }
        }
    }

    @Test
    void keygenRecipientsAgreeAcrossTools() throws Exception {
        for (boolean pq : new boolean[] {false, true}) {
            for (Key k : List.of(goKey("g" + pq, pq), jsopsKey("j" + pq, pq))) {
                Peers.Result go = Peers.run(dir, null, Peers.require("age-keygen").toString(), "-y", k.identityFile().toString());
                Peers.Result js = Peers.run(dir, null, Map.of(), Peers.jsops("keygen", "-y", k.identityFile().toString()));
                assertEquals(0, js.exit(), js.stderr());
                assertEquals(go.out(), js.out());
            }
        }
    }

    @Test
    void severalRecipientsOfEveryType() throws Exception {
        String age = Peers.require("age").toString();
        Key go = goKey("go.txt", false);
        Key js = jsopsKey("js.txt", false);
        Path sshDir = sshKeys();
        List<Recipient> recipients = new ArrayList<>();
        recipients.add(AgeKeys.parseRecipient(go.recipient()));
        recipients.add(AgeKeys.parseRecipient(js.recipient()));
        for (String k : new String[] {"id_ed25519", "id_rsa"}) {
            recipients.add(AgeKeys.parseRecipient(Files.readString(sshDir.resolve(k + ".pub")).trim()));
        }
        byte[] plain = payload(70_000);
        byte[] enc = Age.encrypt(plain, recipients, true);
        for (Path id : List.of(go.identityFile(), js.identityFile(), sshDir.resolve("id_ed25519"), sshDir.resolve("id_rsa"))) {
            Peers.Result d = Peers.run(dir, enc, age, "-d", "-i", id.toString());
            assertEquals(0, d.exit(), d.stderr());
            assertArrayEquals(plain, d.stdout());
        }
        // And the reverse: the reference encrypts to all four, jsops decrypts with each identity.
        Path recFile = dir.resolve("recipients.txt");
        StringBuilder sb = new StringBuilder(go.recipient() + "\n" + js.recipient() + "\n");
        for (String k : new String[] {"id_ed25519", "id_rsa"}) {
            sb.append(Files.readString(sshDir.resolve(k + ".pub")).trim()).append('\n');
        }
        Files.writeString(recFile, sb);
        Peers.Result e = Peers.run(dir, plain, age, "-e", "-R", recFile.toString());
        assertEquals(0, e.exit(), e.stderr());
        for (Path id : List.of(go.identityFile(), js.identityFile(), sshDir.resolve("id_ed25519"), sshDir.resolve("id_rsa"))) {
            List<Identity> ids = AgeKeys.parseIdentityFile(id.toString(), Files.readAllBytes(id), null);
            assertArrayEquals(plain, Age.decrypt(e.stdout(), ids));
        }
    }

    /** Fresh OpenSSH keys from ssh-keygen. */
    private Path sshKeys() throws Exception {
        Path ssh = Files.createDirectories(dir.resolve("ssh"));
        Path keygen = Peers.require("ssh-keygen");
        for (String[] k : new String[][] {{"ed25519", "id_ed25519"}, {"rsa", "id_rsa"}}) {
            Peers.Result r = Peers.run(ssh, null, keygen.toString(), "-q", "-t", k[0], "-N", "", "-C", "interop", "-f", ssh.resolve(k[1]).toString());
            assertEquals(0, r.exit(), r.stderr());
        }
        return ssh;
    }

    @Test
    void sshRecipientsBothWays() throws Exception {
        String age = Peers.require("age").toString();
        Path ssh = sshKeys();
        for (String k : new String[] {"id_ed25519", "id_rsa"}) {
            Key key = new Key(ssh.resolve(k), Files.readString(ssh.resolve(k + ".pub")).trim());
            jsopsToPeer(key, List.of(age, "-d", "-i", key.identityFile().toString()));
            List<Identity> ids = AgeKeys.parseIdentityFile(k, Files.readAllBytes(key.identityFile()), null);
            for (int size : SIZES) {
                byte[] plain = payload(size);
                Peers.Result e = Peers.run(dir, plain, age, "-e", "-R", ssh.resolve(k + ".pub").toString());
                assertEquals(0, e.exit(), e.stderr());
                assertArrayEquals(plain, Age.decrypt(e.stdout(), ids));
            }
        }
    }

    @Test
    void passphrasesBothWays() throws Exception {
        String age = Peers.require("age").toString();
        Peers.require("age-plugin-batchpass");
        Map<String, String> env = Map.of("AGE_PASSPHRASE", "correct horse battery staple", "AGE_PASSPHRASE_WORK_FACTOR", "12",
                "PATH", Peers.peersBin() + java.io.File.pathSeparator + System.getenv("PATH"));
        byte[] plain = payload(100_000);
        Peers.Result e = Peers.run(dir, plain, env, List.of(age, "-e", "-a", "-j", "batchpass"));
        assertEquals(0, e.exit(), e.stderr());
        Peers.Result d = Peers.run(dir, e.stdout(), env, Peers.jsops("age", "-d"));
        assertEquals(0, d.exit(), d.stderr());
        assertArrayEquals(plain, d.stdout());
        Peers.Result e2 = Peers.run(dir, plain, env, Peers.jsops("age", "-p", "-a"));
        assertEquals(0, e2.exit(), e2.stderr());
        Peers.Result d2 = Peers.run(dir, e2.stdout(), env, List.of(age, "-d", "-j", "batchpass"));
        assertEquals(0, d2.exit(), d2.stderr());
        assertArrayEquals(plain, d2.stdout());
    }

    @Test
    void typage() throws Exception {
        String typage = Peers.require("typage").toString();
        for (boolean pq : new boolean[] {false, true}) {
            Key ty = typageKey("ty-" + pq + ".txt", pq);
            Key js = jsopsKey("js-" + pq + ".txt", pq);
            for (Key k : List.of(ty, js)) {
                jsopsToPeer(k, List.of(typage, "decrypt", "-i", k.identityFile().toString()));
                peerToJsops(k, List.of(typage, "encrypt", "-r", k.recipient()), List.of(typage, "encrypt", "-a", "-r", k.recipient()));
            }
        }
        Map<String, String> env = Map.of("TYPAGE_PASSPHRASE", "hunter2hunter2", "AGE_PASSPHRASE", "hunter2hunter2",
                "AGE_PASSPHRASE_WORK_FACTOR", "12");
        byte[] plain = payload(1000);
        Peers.Result e = Peers.run(dir, plain, env, List.of(typage, "encrypt", "-a", "-p"));
        assertEquals(0, e.exit(), e.stderr());
        assertArrayEquals(plain, Peers.run(dir, e.stdout(), env, Peers.jsops("age", "-d")).stdout());
        Peers.Result e2 = Peers.run(dir, plain, env, Peers.jsops("age", "-p"));
        Peers.Result d2 = Peers.run(dir, e2.stdout(), env, List.of(typage, "decrypt", "-p"));
        assertEquals(0, d2.exit(), d2.stderr());
        assertArrayEquals(plain, d2.stdout());
    }

    @Test
    void rage() throws Exception {
        String rage = Peers.optional("rage").toString();
        Key js = jsopsKey("js.txt", false);
        jsopsToPeer(js, List.of(rage, "-d", "-i", js.identityFile().toString()));
        peerToJsops(js, List.of(rage, "-e", "-r", js.recipient()), List.of(rage, "-e", "-a", "-r", js.recipient()));
        Peers.Result k = Peers.run(dir, null, Peers.require("rage-keygen").toString());
        assertEquals(0, k.exit(), k.stderr());
        Path f = dir.resolve("rage.txt");
        Files.write(f, k.stdout());
        String recipient = Peers.run(dir, null, Map.of(), Peers.jsops("keygen", "-y", f.toString())).out().trim();
        Key rk = new Key(f, recipient);
        jsopsToPeer(rk, List.of(rage, "-d", "-i", f.toString()));
        Path ssh = sshKeys();
        Key ed = new Key(ssh.resolve("id_ed25519"), Files.readString(ssh.resolve("id_ed25519.pub")).trim());
        jsopsToPeer(ed, List.of(rage, "-d", "-i", ed.identityFile().toString()));
    }

    @Test
    void tamperedFilesAreRejectedByAll() throws Exception {
        String age = Peers.require("age").toString();
        Key js = jsopsKey("js.txt", false);
        byte[] plain = payload(100_000);
        byte[] enc = Age.encrypt(plain, List.of(AgeKeys.parseRecipient(js.recipient())), false);
        int headerEnd = new String(enc, StandardCharsets.ISO_8859_1).indexOf("\n---") + 50;
        for (int pos : new int[] {30, headerEnd - 10, headerEnd + 20, enc.length / 2, enc.length - 1}) {
            byte[] t = enc.clone();
            t[pos] ^= 0x01;
            Peers.Result ref = Peers.run(dir, t, age, "-d", "-i", js.identityFile().toString());
            assertNotEquals(0, ref.exit(), "age accepted a file tampered at " + pos);
            Peers.Result ours = Peers.run(dir, t, Map.of(), Peers.jsops("age", "-d", "-i", js.identityFile().toString()));
            assertNotEquals(0, ours.exit(), "jsops accepted a file tampered at " + pos);
            assertTrue(ours.stderr().lines().count() == 1, ours.stderr());
            var typage = Peers.find("typage");
            if (typage.isPresent()) {
                assertNotEquals(0, Peers.run(dir, t, typage.get().toString(), "decrypt", "-i", js.identityFile().toString()).exit());
            }
        }
    }
}
