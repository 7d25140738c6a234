package dev.jsops.flux;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.function.Executable;

import dev.jsops.Jsops;
import dev.jsops.age.X25519Identity;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.MasterKey;
import dev.jsops.sops.Sops;
import dev.jsops.sops.store.Format;

/**
 * Shared test material: a key, files encrypted by jsops, kustomize, and the record of every Flux error the suite
 * produced (checked for leaked secrets by {@link ValueLeakTest} and as each error is made).
 */
final class FluxKit {
    /** Every plaintext the suite encrypts contains this marker, so a leak is recognisable in any message. */
    static final String SECRET = "s3cr3t";
    static final X25519Identity ID = X25519Identity.generate();
    static final List<String> ERRORS = Collections.synchronizedList(new ArrayList<>());

    private FluxKit() {
    }

    static FluxDecryptor decryptor() {
        return FluxDecryptor.of(DecryptionKeys.ofIdentities(List.of(ID)));
    }

    /** A plaintext file encrypted by jsops for {@link #ID}, as {@code sops encrypt} would with these rules. */
    static byte[] encrypt(String plain, Format in, Format out, EncryptionRules rules) {
        try {
            Jsops jsops = Jsops.withIdentities(List.of(ID));
            Sops.EncryptOptions o = new Sops.EncryptOptions(List.of(List.of(new MasterKey.Age(ID.recipient().toString(), ""))),
                    0, in == Format.BINARY ? EncryptionRules.NONE : rules, false);
            return jsops.encrypt(plain.getBytes(StandardCharsets.UTF_8), in, out, o);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] encrypt(String plain, Format format) {
        return encrypt(plain, format, format, EncryptionRules.DEFAULT);
    }

    /** A YAML manifest with {@code --encrypted-regex '^(data|stringData)$'}, as Flux's guide encrypts them. */
    static byte[] encryptManifest(String yaml) {
        return encrypt(yaml, Format.YAML, Format.YAML, new EncryptionRules("", "", "", "^(data|stringData)$", "", ""));
    }

    static String str(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    static void write(Path file, String content) throws IOException {
        write(file, content.getBytes(StandardCharsets.UTF_8));
    }

    static void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    /** Runs a Flux operation that must fail; returns its message after checking it for leaks. */
    static String fails(Executable e) {
        FluxException x = assertThrows(FluxException.class, e);
        String m = x.getMessage();
        ERRORS.add(m);
        assertNoLeak(m);
        return m;
    }

    static void assertNoLeak(String message) {
        assertFalse(message.contains(SECRET), () -> "plaintext in message: " + message);
        assertFalse(message.contains("ENC["), () -> "ciphertext in message: " + message);
        assertFalse(message.contains("AGE-SECRET-KEY"), () -> "key material in message: " + message);
    }

    /** kustomize from the pinned peers, PATH or ~/go/bin; the test is skipped without it (failed under CI=true). */
    static Kustomize kustomize() {
        Optional<Path> p = findKustomize();
        if (p.isEmpty()) {
            String msg = "skipped: kustomize absent (run testvectors/peers/install.sh)";
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("kustomize is required on CI");
            }
            Assumptions.abort(msg);
        }
        return Kustomize.at(p.get());
    }

    static Optional<Path> findKustomize() {
        List<Path> candidates = new ArrayList<>();
        String peers = System.getenv("JSOPS_PEERS");
        Path home = Path.of(System.getProperty("user.home"));
        candidates.add((peers != null && !peers.isEmpty() ? Path.of(peers) : home.resolve(".cache/jsops-peers")).resolve("bin/kustomize"));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "kustomize"));
                }
            }
        }
        candidates.add(home.resolve("go/bin/kustomize"));
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }
}
