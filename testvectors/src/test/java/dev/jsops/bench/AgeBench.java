package dev.jsops.bench;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
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

import dev.jsops.age.Age;
import dev.jsops.age.HybridIdentity;
import dev.jsops.age.Identity;
import dev.jsops.age.X25519Identity;

/**
 * age: one file-key unwrap (the cost of opening a sops data key) for X25519 and the post-quantum hybrid,
 * and payload throughput. Run: see docs/BENCHMARKS.md.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class AgeBench {
    private byte[] x25519File;
    private byte[] hybridFile;
    private List<Identity> x25519;
    private List<Identity> hybrid;
    private byte[] payload64m;
    private byte[] plain64m;

    @Setup
    public void setup() throws Exception {
        X25519Identity x = X25519Identity.generate();
        HybridIdentity h = HybridIdentity.generate();
        x25519 = List.of(x);
        hybrid = List.of(h);
        x25519File = Age.encrypt(new byte[32], List.of(x.recipient()), true);
        hybridFile = Age.encrypt(new byte[32], List.of(h.recipient()), true);
        plain64m = new byte[64 << 20];
        new java.util.Random(1).nextBytes(plain64m);
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain64m.length + 20_000);
        try (OutputStream w = Age.encrypt(out, List.of(x.recipient()))) {
            w.write(plain64m);
        }
        payload64m = out.toByteArray();
    }

    /** Opening a sops data key wrapped for an X25519 recipient (armored, as sops stores it). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] unwrapX25519() throws Exception {
        return Age.decrypt(x25519File, x25519);
    }

    /** The same with the ML-KEM-768 + X25519 hybrid. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public byte[] unwrapHybrid() throws Exception {
        return Age.decrypt(hybridFile, hybrid);
    }

    /** Decrypting 64 MiB of payload; throughput = 64 MiB / score. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long decrypt64MiB() throws Exception {
        long total = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Age.decrypt(new ByteArrayInputStream(payload64m), x25519)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
            }
        }
        return total;
    }

    /** Encrypting 64 MiB. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int encrypt64MiB() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain64m.length + 20_000);
        try (OutputStream w = Age.encrypt(out, List.of(((X25519Identity) x25519.get(0)).recipient()))) {
            w.write(plain64m);
        }
        return out.size();
    }
}
