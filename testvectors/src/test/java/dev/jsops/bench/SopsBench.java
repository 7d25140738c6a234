package dev.jsops.bench;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.jsops.Jsops;
import dev.jsops.age.X25519Identity;
import dev.jsops.sops.MasterKey;
import dev.jsops.sops.EncryptionRules;
import dev.jsops.sops.Metadata;
import dev.jsops.sops.Sops;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.sops.ValueCipher;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.Stores;

/**
 * The SOPS layer over 10,000 values, with the data key already recovered (the age unwrap is {@link AgeBench}):
 * the value cipher alone, the whole tree walk with the MAC (encrypt and decrypt + verify), and the library's
 * whole file decrypt. Run: see docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SopsBench {
    private static final int VALUES = 10_000;

    private final byte[] dataKey = new byte[32];
    private Jsops facade;
    private byte[] plainYaml;
    private byte[] encryptedYaml;
    private Tree plain;
    private Sops.EncryptedDocument encrypted;
    private Metadata metadata;
    private String[] ciphertexts;

    @Setup
    public void setup() throws Exception {
        new java.util.Random(7).nextBytes(dataKey);
        StringBuilder sb = new StringBuilder(VALUES * 40);
        for (int i = 0; i < VALUES; i++) {
            sb.append("key").append(i).append(": value-").append(i).append("-abcdefghijklmnopqrstuvwxyz\n");
        }
        plainYaml = sb.toString().getBytes(StandardCharsets.UTF_8);
        plain = Stores.of(Format.YAML).loadPlain(plainYaml);
        metadata = new Metadata(List.of(), 0, EncryptionRules.DEFAULT, false,
                OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), "", Sops.VERSION);
        encrypted = Sops.encryptWithKey(plain, metadata, dataKey, new ValueCipher(dataKey));
        X25519Identity id = X25519Identity.generate();
        facade = Jsops.withIdentities(List.of(id));
        encryptedYaml = facade.encrypt(plainYaml, Format.YAML, new Sops.EncryptOptions(
                List.of(List.of(new MasterKey.Age(id.recipient().toString(), ""))), 0, EncryptionRules.DEFAULT, false));
        ValueCipher cipher = new ValueCipher(dataKey);
        ciphertexts = new String[VALUES];
        for (int i = 0; i < VALUES; i++) {
            ciphertexts[i] = cipher.encrypt(new Value.Str("value-" + i + "-abcdefghijklmnopqrstuvwxyz"), "key" + i + ":");
        }
    }

    /** AES-256-GCM on 10,000 short strings, each with its own IV and path AAD. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int valueCipherEncrypt10k() throws Exception {
        ValueCipher cipher = new ValueCipher(dataKey);
        int n = 0;
        for (int i = 0; i < VALUES; i++) {
            n += cipher.encrypt(new Value.Str("value-" + i + "-abcdefghijklmnopqrstuvwxyz"), "key" + i + ":").length();
        }
        return n;
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int valueCipherDecrypt10k() throws Exception {
        ValueCipher cipher = new ValueCipher(dataKey);
        int n = 0;
        for (int i = 0; i < VALUES; i++) {
            n += cipher.decrypt(ciphertexts[i], "key" + i + ":").hashCode();
        }
        return n;
    }

    /** The tree walk: every value encrypted, the MAC computed over all of them and encrypted. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object encryptTree10k() throws Exception {
        return Sops.encryptWithKey(plain, metadata, dataKey, new ValueCipher(dataKey));
    }

    /** Every value decrypted and the MAC recomputed and verified. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object decryptTree10k() throws Exception {
        return Sops.decryptWithKey(encrypted, dataKey, false);
    }

    /**
     * The library's whole decrypt of a ~1 MiB YAML file: parse, age unwrap of the data key, every value, the
     * MAC, and the plaintext emitted.
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public byte[] decryptYamlFile10k() throws Exception {
        return facade.decrypt(encryptedYaml, Format.YAML);
    }
}
