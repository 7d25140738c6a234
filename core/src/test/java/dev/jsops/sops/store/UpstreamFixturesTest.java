package dev.jsops.sops.store;

import static dev.jsops.sops.store.StoreCorpusTest.assertBytes;
import static dev.jsops.sops.store.StoreCorpusTest.roundTripEncrypted;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jsops.sops.Branch;
import dev.jsops.sops.Seq;
import dev.jsops.sops.Tree;
import dev.jsops.sops.Value;
import dev.jsops.testing.UpstreamCorpus;
import org.junit.jupiter.api.Test;

/** sops's own fixtures (read from {@code ../shared/upstream}, never copied here). */
class UpstreamFixturesTest {
    private static final String RES = "sops/functional-tests/res/";

    @Test
    void formatEncJsonRoundTrips() throws Exception {
        byte[] in = UpstreamCorpus.read(RES + "format.enc.json");
        assertBytes(in, roundTripEncrypted(new JsonStore(), in));
    }

    @Test
    void formatEncEnvRoundTrips() throws Exception {
        byte[] in = UpstreamCorpus.read(RES + "format.enc.env");
        assertBytes(in, roundTripEncrypted(new DotenvStore(), in));
        Tree t = MetadataCodec.extract(new DotenvStore().loadEncrypted(in), Format.DOTENV).tree();
        // The data key is "foo " (trailing space kept), as in sops's functional test.
        assertEquals("foo ", t.branches().get(0).entries().get(0).key());
    }

    @Test
    void formatEncIniRoundTrips() throws Exception {
        byte[] in = UpstreamCorpus.read(RES + "format.enc.ini");
        assertBytes(in, roundTripEncrypted(new IniStore(), in));
    }

    /** 3.13.1 wrote multi-line metadata with {@code """}; it reads to the same metadata as 3.13.2's {@code \n}. */
    @Test
    void format2EncIniReadsMultilineMetadata() throws Exception {
        IniStore store = new IniStore();
        Branch md = MetadataCodec.extract(store.loadEncrypted(UpstreamCorpus.read(RES + "format-2.enc.ini")),
                Format.INI).metadata();
        Branch pgp = (Branch) ((Seq) md.get("pgp").orElseThrow()).items().get(0);
        String enc = ((Value.Str) pgp.get("enc").orElseThrow()).value();
        assertTrue(enc.startsWith("-----BEGIN PGP MESSAGE-----\n\n"));
        assertTrue(enc.endsWith("\n-----END PGP MESSAGE-----"));
        Branch md2 = MetadataCodec.extract(store.loadEncrypted(UpstreamCorpus.read(RES + "format.enc.ini")),
                Format.INI).metadata();
        assertEquals(md2.entries().stream().map(Branch.Entry::key).toList(),
                md.entries().stream().map(Branch.Entry::key).toList());
        // Re-emitted by this release: newlines escaped on one line.
        byte[] out = store.emitEncrypted(MetadataCodec.insert(
                MetadataCodec.extract(store.loadEncrypted(UpstreamCorpus.read(RES + "format-2.enc.ini")), Format.INI)
                        .tree(), md, MetadataLayout.FLATTENED_BELOW_TOP));
        String s = new String(out, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(s.contains("pgp__list_0__map_enc        = -----BEGIN PGP MESSAGE-----\\n\\n"), s);
    }

    @Test
    void olderExamplesLoadAndExtract() throws Exception {
        for (String f : new String[] {"sops/example.json", "sops/example.ini", "sops/example.txt"}) {
            Store store = f.endsWith(".json") ? new JsonStore() : f.endsWith(".ini") ? new IniStore() : new BinaryStore();
            MetadataCodec.Extracted x = MetadataCodec.extract(store.loadEncrypted(UpstreamCorpus.read(f)),
                    store.format());
            assertTrue(x.metadata().get("mac").isPresent(), f);
            assertTrue(x.metadata().get("pgp").orElseThrow() instanceof Seq, f);
            // Re-emitting gives a well-formed file of the same format that extracts to the same metadata keys.
            byte[] again = store.emitEncrypted(MetadataCodec.insert(x.tree(), x.metadata(), store.metadataLayout()));
            MetadataCodec.Extracted y = MetadataCodec.extract(store.loadEncrypted(again), store.format());
            assertEquals(x.tree(), y.tree(), f);
            assertEquals(MetadataCodec.sorted(x.metadata()), y.metadata(), f);
        }
    }

    @Test
    void exampleTxtIsBinaryEnvelope() throws Exception {
        Tree t = MetadataCodec.extract(new BinaryStore().loadEncrypted(UpstreamCorpus.read("sops/example.txt")),
                Format.BINARY).tree();
        assertEquals(java.util.List.of("data"),
                t.branches().get(0).entries().stream().map(Branch.Entry::key).toList());
    }
}
