package dev.jsops.age;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.jsops.testing.UpstreamCorpus;

/**
 * Encoder obligations proven against the CCTV corpus (header, STREAM and armor re-encoding give the same
 * bytes), and encrypt/decrypt round trips over sizes and recipient mixes.
 */
class RoundTripTest {

    private static List<VectorFile> cctv(String... expects) throws Exception {
        Path dir = UpstreamCorpus.require("age-cctv/testdata");
        List<VectorFile> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted().toList()) {
                VectorFile v = VectorFile.read(p);
                if (Arrays.asList(expects).contains(v.get("expect"))) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    private static byte[] binary(VectorFile v) throws Exception {
        if ("yes".equals(v.get("armored"))) {
            return Armor.decoder(new ByteArrayInputStream(v.body())).readAllBytes();
        }
        return v.body();
    }

    @TestFactory
    Stream<DynamicTest> headerReencodesIdentically() throws Exception {
        return cctv("success", "no match", "HMAC failure", "payload failure").stream()
                .map(v -> DynamicTest.dynamicTest(v.name(), () -> {
                    byte[] file = binary(v);
                    Header.LineSource in = new Header.LineSource(new ByteArrayInputStream(file));
                    Header h = Header.parse(in);
                    byte[] encoded = h.encode();
                    assertArrayEquals(Arrays.copyOf(file, encoded.length), encoded);
                }));
    }

    @TestFactory
    Stream<DynamicTest> streamReencryptsIdentically() throws Exception {
        return cctv("success").stream().map(v -> DynamicTest.dynamicTest(v.name(), () -> {
            byte[] file = binary(v);
            Header.LineSource in = new Header.LineSource(new ByteArrayInputStream(file));
            Header h = Header.parse(in);
            int headerLength = h.encode().length;
            byte[] nonce = Arrays.copyOfRange(file, headerLength, headerLength + PayloadStream.NONCE_SIZE);
            byte[] payload = Arrays.copyOfRange(file, headerLength + PayloadStream.NONCE_SIZE, file.length);
            byte[] key = PayloadStream.payloadKey(HexFormat.of().parseHex(v.get("file key")), nonce);
            byte[] plain = new PayloadStream.DecryptingInputStream(key, new ByteArrayInputStream(payload)).readAllBytes();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (OutputStream w = new PayloadStream.EncryptingOutputStream(key, out)) {
                w.write(plain);
            }
            assertArrayEquals(payload, out.toByteArray());
        }));
    }

    @TestFactory
    Stream<DynamicTest> armorReencodesIdentically() throws Exception {
        return cctv("success", "no match", "HMAC failure", "payload failure", "header failure").stream()
                .filter(v -> "yes".equals(v.get("armored")))
                .map(v -> DynamicTest.dynamicTest(v.name(), () -> {
                    byte[] file = binary(v);
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (OutputStream w = Armor.encoder(out)) {
                        w.write(file);
                    }
                    String expected = new String(v.body(), StandardCharsets.ISO_8859_1).replace("\r\n", "\n").strip() + "\n";
                    assertEquals(expected, out.toString(StandardCharsets.ISO_8859_1));
                }));
    }

    private static byte[] roundTrip(byte[] plain, List<Recipient> recipients, List<Identity> identities, boolean armor)
            throws Exception {
        byte[] enc = Age.encrypt(plain, recipients, armor);
        return Age.decrypt(enc, identities);
    }

    @Test
    void sizesAroundChunkBoundaries() throws Exception {
        X25519Identity id = X25519Identity.generate();
        Random rnd = new Random(1);
        for (int size : new int[] {0, 1, 65535, 65536, 65537, 2 * 65536, (1 << 20) + 7}) {
            byte[] plain = new byte[size];
            rnd.nextBytes(plain);
            for (boolean armor : new boolean[] {false, true}) {
                byte[] enc = Age.encrypt(plain, List.of(id.recipient()), armor);
                if (!armor) {
                    int chunks = Math.max(1, (size + 65535) / 65536);
                    int header = enc.length - 16 - size - 16 * chunks;
                    assertEquals(true, header > 0 && header < 300, "encrypted size formula for " + size);
                }
                assertArrayEquals(plain, Age.decrypt(enc, List.of(id)), "size " + size + " armor " + armor);
            }
        }
    }

    @Test
    void randomSizesAndRecipientMixes() throws Exception {
        Random rnd = new Random(42);
        X25519Identity x1 = X25519Identity.generate();
        X25519Identity x2 = X25519Identity.generate();
        HybridIdentity pq1 = HybridIdentity.generate();
        HybridIdentity pq2 = HybridIdentity.generate();
        Path keys = UpstreamCorpus.locate().map(r -> r.resolve("age-extra/testdata/keys")).orElse(null);
        List<Identity> ssh = new ArrayList<>();
        List<Recipient> sshRecipients = new ArrayList<>();
        if (keys != null && Files.isDirectory(keys)) {
            for (String k : new String[] {"ed25519_a", "rsa_2048"}) {
                ssh.add(SshKeys.parseIdentity(Files.readAllBytes(keys.resolve(k)), null));
                sshRecipients.add(SshKeys.parseRecipient(Files.readString(keys.resolve(k + ".pub"))));
            }
        }
        for (int i = 0; i < 40; i++) {
            int size = rnd.nextInt(4) == 0 ? rnd.nextInt(300_000) : rnd.nextInt(200);
            byte[] plain = new byte[size];
            rnd.nextBytes(plain);
            boolean armor = rnd.nextBoolean();
            if (rnd.nextBoolean()) {
                List<Recipient> recipients = new ArrayList<>(List.of(x1.recipient(), x2.recipient()));
                recipients.addAll(sshRecipients);
                java.util.Collections.shuffle(recipients, rnd);
                List<Identity> candidates = new ArrayList<>(List.of(x1, x2));
                candidates.addAll(ssh);
                Identity pick = candidates.get(rnd.nextInt(candidates.size()));
                assertArrayEquals(plain, roundTrip(plain, recipients, List.of(pick), armor));
            } else {
                List<Recipient> recipients = List.of(pq1.recipient(), pq2.recipient());
                Identity pick = rnd.nextBoolean() ? pq1 : pq2;
                assertArrayEquals(plain, roundTrip(plain, recipients, List.of(pick), armor));
            }
        }
    }

    @Test
    void scryptRoundTripAndMixingRules() throws Exception {
        byte[] plain = "secret".getBytes(StandardCharsets.UTF_8);
        byte[] enc = Age.encrypt(plain, List.of(new ScryptRecipient("correct horse", 10)), false);
        assertArrayEquals(plain, Age.decrypt(enc, List.of(new ScryptIdentity("correct horse"))));
        assertThrows(AgeException.NoIdentityMatched.class, () -> Age.decrypt(enc, List.of(new ScryptIdentity("wrong"))));
        X25519Identity x = X25519Identity.generate();
        assertThrows(IllegalArgumentException.class,
                () -> Age.encrypt(plain, List.of(new ScryptRecipient("a", 10), x.recipient()), false));
        assertThrows(IllegalArgumentException.class,
                () -> Age.encrypt(plain, List.of(HybridIdentity.generate().recipient(), x.recipient()), false));
    }

    @Test
    void wrongIdentityIsNoMatchAndTamperingIsDetected() throws Exception {
        X25519Identity id = X25519Identity.generate();
        byte[] plain = new byte[100_000];
        new Random(3).nextBytes(plain);
        byte[] enc = Age.encrypt(plain, List.of(id.recipient()), false);
        assertThrows(AgeException.NoIdentityMatched.class, () -> Age.decrypt(enc, List.of(X25519Identity.generate())));
        byte[] macTampered = enc.clone();
        int macPos = new String(enc, StandardCharsets.ISO_8859_1).indexOf("--- ") + 5;
        macTampered[macPos] ^= 1;
        // Flipping a base64 character keeps the encoding valid but breaks the MAC (or, rarely, canonicality).
        AgeException e = assertThrows(AgeException.class, () -> Age.decrypt(macTampered, List.of(id)));
        assertEquals(true, e instanceof AgeException.HeaderMacInvalid || e instanceof AgeException.HeaderInvalid);
        byte[] payloadTampered = enc.clone();
        payloadTampered[enc.length - 20] ^= 1;
        try (InputStream in = Age.decrypt(new ByteArrayInputStream(payloadTampered), List.of(id))) {
            byte[] buf = new byte[65536];
            int total = 0;
            AgeException pe = null;
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    total += n;
                }
            } catch (AgeException.PayloadInvalid ex) {
                pe = ex;
            }
            assertEquals(true, pe != null, "payload tampering must be detected");
            assertEquals(65536, total, "the first, intact chunk is released");
        }
    }
}
