package dev.jsops.age;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.jsops.testing.UpstreamCorpus;

/**
 * The C2SP age conformance vectors (143) and the ssh vectors made with the reference CLI (26): the outcome
 * class and the SHA-256 of every plaintext byte released, partial payloads included.
 */
class ConformanceTest {

    /** The outcome and the hash of what was released. */
    record Result(String outcome, String payloadHash) {
    }

    static Result run(VectorFile v, List<Identity> identities) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        boolean armored = "yes".equals(v.get("armored"));
        InputStream src = new ByteArrayInputStream(v.body());
        if (armored) {
            src = Armor.decoder(src);
        }
        String outcome = "success";
        try (InputStream in = Age.decrypt(src, identities)) {
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                sha.update(buf, 0, n);
            }
        } catch (AgeException e) {
            outcome = e.outcome();
        }
        return new Result(outcome, HexFormat.of().formatHex(sha.digest()));
    }

    static List<Identity> identitiesOf(VectorFile v, Path keyDir) throws Exception {
        List<Identity> ids = new ArrayList<>();
        for (String s : v.all("identity")) {
            ids.add(AgeKeys.parseIdentity(s));
        }
        for (String p : v.all("passphrase")) {
            ids.add(new ScryptIdentity(p));
        }
        String sshFile = v.get("ssh identity file");
        if (sshFile != null) {
            String pass = v.get("ssh key passphrase");
            ids.add(SshKeys.parseIdentity(Files.readAllBytes(keyDir.resolve(sshFile)), prompt -> pass));
        }
        if (ids.isEmpty()) {
            // Two vectors must fail before any identity is consulted; the API needs one to be given.
            ids.add(X25519Identity.generate());
        }
        return ids;
    }

    static Stream<DynamicTest> vectors(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        return files.stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            VectorFile v = VectorFile.read(p);
            Result r = run(v, identitiesOf(v, dir));
            String expect = v.get("expect");
            assertEquals(expect, r.outcome(), "outcome of " + v.name());
            if (expect.equals("success") || expect.equals("payload failure")) {
                assertEquals(v.get("payload"), r.payloadHash(), "released plaintext of " + v.name());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> cctv() throws IOException {
        Path dir = UpstreamCorpus.require("age-cctv/testdata");
        return vectors(dir);
    }

    @TestFactory
    Stream<DynamicTest> ageExtraSsh() throws IOException {
        Path dir = UpstreamCorpus.require("age-extra/testdata");
        return vectors(dir);
    }

    @Test
    void corpusCounts() throws IOException {
        try (Stream<Path> s = Files.list(UpstreamCorpus.require("age-cctv/testdata"))) {
            assertEquals(143, s.filter(Files::isRegularFile).count());
        }
        try (Stream<Path> s = Files.list(UpstreamCorpus.require("age-extra/testdata"))) {
            assertEquals(26, s.filter(Files::isRegularFile).count());
        }
    }

    @Test
    void goExampleDecrypts() throws Exception {
        Path dir = UpstreamCorpus.require("age-extra/go-example");
        List<Identity> ids = AgeKeys.parseIdentities(Files.readAllBytes(dir.resolve("example_keys.txt")));
        try (InputStream in = Age.decryptDetectingArmor(Files.newInputStream(dir.resolve("example.age")), ids)) {
            assertEquals("Black lives matter.", new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        try (InputStream in = Age.decryptDetectingArmor(Files.newInputStream(dir.resolve("example.zip.age")), ids)) {
            byte[] zip = in.readAllBytes();
            assertEquals(191, zip.length);
            try (var z = new java.util.zip.ZipInputStream(new ByteArrayInputStream(zip))) {
                var entry = z.getNextEntry();
                if (entry == null) {
                    fail("empty zip");
                }
                assertEquals("example.txt", entry.getName());
                assertEquals("Black lives matter.", new String(z.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim());
            }
        }
    }
}
