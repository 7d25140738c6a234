package dev.jsops.cli;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.util.List;

import dev.jsops.age.Age;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.HybridIdentity;
import dev.jsops.age.X25519Identity;

/**
 * Hidden: exercises the common commands' code paths in memory, so the launcher can record an AOT cache of
 * the classes they load. Touches no file and prints nothing.
 */
final class TrainCommand implements Command {
    @Override
    public Spec spec() {
        return new Spec("__train", "Record the classes of common commands for the AOT cache (used by the launcher).");
    }

    @Override
    public int run(Args args) throws Exception {
        X25519Identity id = X25519Identity.generate();
        HybridIdentity pq = HybridIdentity.generate();
        AgeKeys.parseIdentities((id.encode() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Age.decrypt(Age.encrypt(new byte[32], List.of(id.recipient()), true), List.of(id));
        Age.decrypt(Age.encrypt(new byte[32], List.of(pq.recipient()), true), List.of(pq));
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try (OutputStream w = Age.encrypt(sink, List.of(id.recipient()))) {
            w.write(new byte[200_000]);
        }
        Age.decrypt(sink.toByteArray(), List.of(id));
        Args.parse(new AgeCommand().spec(), List.of("-d", "-i", "key.txt", "-o", "out", "in"));
        Args.parse(new KeygenCommand().spec(), List.of("-o", "key.txt"));
        return 0;
    }
}
