package dev.jsops.testvectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.jsops.sops.store.Format;

/**
 * The cross-tested vector corpus ({@code testvectors/vectors/MANIFEST.json}), written by
 * {@code testvectors/generate/generate.py}. Everything it names lives in the repository.
 */
final class Vectors {
    private Vectors() {
    }

    /** One encrypted file written by one sops release, with that release's outcomes. */
    record Vector(String id, Path dir, String release, String caseName, Format format, List<String> features,
            String input, String config, List<String> encryptArgv, List<String> decryptArgv, int decryptExit,
            String decryptStderr, Integer indent, String expectedPlaintext, String expectedFrom,
            List<List<String>> identitySets, List<Extra> extras, List<Negative> negatives, Outcome ignoreMac,
            List<Outcome> crossDecrypts) {
        Path encrypted() {
            return dir.resolve("encrypted." + ext(format));
        }

        byte[] bytes(String name) {
            try {
                return Files.readAllBytes(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * What jsops must print for this file: the reference release's (3.13.2's) decryption of it; where 3.13.2
         * cannot decrypt it (getsops/sops#2243), the newest release's that can.
         */
        String referencePlaintext() {
            if (release.equals(REFERENCE) && decryptExit == 0) {
                return expectedPlaintext;
            }
            for (Outcome c : crossDecrypts) {
                if (c.release().equals(REFERENCE) && c.exit() == 0) {
                    return c.stdout();
                }
            }
            return expectedPlaintext;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** The release jsops matches byte for byte (Flux's pin). */
    static final String REFERENCE = "3.13.2";

    /** A decryption to another output type ({@code --output-type}). */
    record Extra(List<String> argv, Format outputType, int exit, String stdout, String stderr, Outcome reference) {
        /** The reference release's rendering when the vector is another release's, else this release's. */
        Outcome expected(String release) {
            return reference != null ? reference : new Outcome(release, argv, exit, stderr, stdout);
        }
    }

    /** A tampered copy (or a decryption with too few identities) and what sops did with it. */
    record Negative(String name, String tamper, String file, List<String> argv, List<String> identities, int exit,
            String stderr, String stdout) {
    }

    /** What a release did: exit code, stderr, stdout file (if it succeeded). */
    record Outcome(String release, List<String> argv, int exit, String stderr, String stdout) {
    }

    /** A case a release could not do (encrypt failed, or the feature was silently ignored). */
    record Unsupported(String release, String caseName, Format format, List<String> features, String reason, int exit,
            String stderr) {
    }

    record Manifest(List<String> releases, List<Vector> vectors, List<Unsupported> unsupported) {
    }

    private static Manifest cached;

    static Path repoRoot() {
        String env = System.getenv("JSOPS_REPO_ROOT");
        if (env != null && Files.isDirectory(Path.of(env, "testvectors", "vectors"))) {
            return Path.of(env);
        }
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            if (Files.isRegularFile(p.resolve("testvectors/vectors/MANIFEST.json"))) {
                return p;
            }
            p = p.getParent();
        }
        throw new IllegalStateException("testvectors/vectors/MANIFEST.json not found above " + Path.of("").toAbsolutePath());
    }

    static Path vectorsDir() {
        return repoRoot().resolve("testvectors/vectors");
    }

    static Path keysDir() {
        return repoRoot().resolve("testvectors/src/test/resources/keys");
    }

    static String ext(Format f) {
        return switch (f) {
            case YAML -> "yaml";
            case JSON -> "json";
            case DOTENV -> "env";
            case INI -> "ini";
            case BINARY -> "bin";
        };
    }

    static synchronized Manifest manifest() {
        if (cached != null) {
            return cached;
        }
        try {
            Path vdir = vectorsDir();
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) MiniJson.parse(Files.readString(vdir.resolve("MANIFEST.json"), StandardCharsets.UTF_8));
            List<String> releases = new ArrayList<>(map(m.get("releases")).keySet());
            List<Vector> vectors = new ArrayList<>();
            for (Object o : list(m.get("vectors"))) {
                Map<String, Object> v = map(o);
                Map<String, Object> dec = map(v.get("decrypt"));
                List<Extra> extras = new ArrayList<>();
                for (Object x : list(v.get("extra_decrypts"))) {
                    Map<String, Object> e = map(x);
                    Outcome ref = null;
                    if (e.get("reference") != null) {
                        Map<String, Object> r = map(e.get("reference"));
                        ref = new Outcome(str(r.get("sops_version")), strings(r.get("argv")), num(r.get("exit")), str(r.get("stderr")),
                                str(r.get("stdout")));
                    }
                    extras.add(new Extra(strings(e.get("argv")), Format.fromName(str(e.get("output_type"))).orElseThrow(),
                            num(e.get("exit")), str(e.get("stdout")), str(e.get("stderr")), ref));
                }
                List<Negative> negs = new ArrayList<>();
                for (Object x : list(v.get("negatives"))) {
                    Map<String, Object> n = map(x);
                    Map<String, Object> exp = map(n.get("expected"));
                    negs.add(new Negative(str(n.get("name")), str(n.get("tamper")), str(n.get("file")), strings(n.get("argv")),
                            strings(n.get("identities")), num(exp.get("exit")), str(exp.get("stderr")), str(exp.get("stdout"))));
                }
                List<List<String>> sets = new ArrayList<>();
                for (Object s : list(v.get("identity_sets"))) {
                    sets.add(strings(s));
                }
                Outcome ignoreMac = null;
                if (v.get("ignore_mac_decrypt") != null) {
                    Map<String, Object> im = map(v.get("ignore_mac_decrypt"));
                    ignoreMac = new Outcome(str(v.get("sops_version")), strings(im.get("argv")), num(im.get("exit")),
                            str(im.get("stderr")), str(im.get("stdout")));
                }
                List<Outcome> cross = new ArrayList<>();
                for (Object x : list(v.get("cross_decrypts"))) {
                    Map<String, Object> c = map(x);
                    cross.add(new Outcome(str(c.get("sops_version")), strings(c.get("argv")), num(c.get("exit")),
                            str(c.get("stderr")), str(c.get("stdout"))));
                }
                vectors.add(new Vector(str(v.get("id")), vdir.resolve(str(v.get("dir"))), str(v.get("sops_version")),
                        str(v.get("case")), Format.fromName(str(v.get("format"))).orElseThrow(), strings(v.get("features")),
                        str(v.get("input")), str(v.get("config")), strings(map(v.get("encrypt")).get("argv")),
                        strings(dec.get("argv")), num(dec.get("exit")), str(dec.get("stderr")),
                        dec.get("indent") == null ? null : num(dec.get("indent")), str(v.get("expected_plaintext")),
                        str(v.get("expected_plaintext_from")), sets, extras, negs, ignoreMac, cross));
            }
            List<Unsupported> uns = new ArrayList<>();
            for (Object o : list(m.get("unsupported"))) {
                Map<String, Object> u = map(o);
                uns.add(new Unsupported(str(u.get("sops_version")), str(u.get("case")), Format.fromName(str(u.get("format"))).orElseThrow(),
                        strings(u.get("features")), str(u.get("reason")), num(u.get("exit")), str(u.get("stderr"))));
            }
            cached = new Manifest(releases, List.copyOf(vectors), List.copyOf(uns));
            return cached;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) Objects.requireNonNull(o);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    private static List<String> strings(Object o) {
        List<String> r = new ArrayList<>();
        for (Object x : list(o)) {
            r.add((String) x);
        }
        return List.copyOf(r);
    }

    private static String str(Object o) {
        return (String) o;
    }

    private static int num(Object o) {
        return ((Number) o).intValue();
    }
}
