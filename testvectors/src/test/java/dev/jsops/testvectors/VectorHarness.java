package dev.jsops.testvectors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.jsops.Jsops;
import dev.jsops.age.AgeKeys;
import dev.jsops.age.Identity;
import dev.jsops.config.SopsConfig;
import dev.jsops.sops.store.Format;
import dev.jsops.sops.store.Stores;

/**
 * Runs jsops (library or CLI process) and upstream sops on a vector the way the generator ran sops, and
 * compares outputs: byte for byte, or with the random parts masked ({@link #mask}) and a unified diff on
 * mismatch. Meant for reuse by later commands (updatekeys, rotate): prepare a {@link Work} from a vector,
 * run {@link #jsops}/{@link #sops} with sops-style argv, compare with {@link #assertSameMasked}.
 */
final class VectorHarness {
    private VectorHarness() {
    }

    /** A sealed work directory: the vector's files, its config as .sops.yaml, an empty HOME/XDG_CONFIG_HOME. */
    record Work(Path dir, Path home, Path xdg) {
        Path file(String name) {
            return dir.resolve(name);
        }

        byte[] read(String name) {
            try {
                return Files.readAllBytes(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** Copies the vector's input, encrypted file, negatives and config into {@code parent/<case>}. */
    static Work work(Vectors.Vector v, Path parent) throws IOException {
        Path root = Files.createDirectories(parent.resolve(v.release() + "-" + v.caseName()));
        Path dir = Files.createDirectories(root.resolve("work"));
        Path home = Files.createDirectories(root.resolve("home"));
        Path xdg = Files.createDirectories(root.resolve("xdg"));
        Files.copy(v.dir().resolve(v.input()), dir.resolve(v.input()));
        Files.copy(v.encrypted(), dir.resolve(v.encrypted().getFileName()));
        if (v.config() != null) {
            Files.copy(v.dir().resolve(v.config()), dir.resolve(".sops.yaml"));
        }
        Path neg = v.dir().resolve("negative");
        if (Files.isDirectory(neg)) {
            Files.createDirectories(dir.resolve("negative"));
            try (Stream<Path> s = Files.list(neg)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    Files.copy(p, dir.resolve("negative").resolve(p.getFileName()));
                }
            }
        }
        return new Work(dir, home, xdg);
    }

    /** The environment the generator gave sops: identities via SOPS_AGE_KEY_FILE / SOPS_AGE_SSH_PRIVATE_KEY_FILE. */
    static Map<String, String> env(Work w, List<String> identityFiles) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", w.home().toString());
        env.put("XDG_CONFIG_HOME", w.xdg().toString());
        env.put("SOPS_DISABLE_VERSION_CHECK", "1");
        env.put("TZ", "UTC");
        List<String> age = identityFiles.stream().filter(f -> f.startsWith("age-")).toList();
        List<String> ssh = identityFiles.stream().filter(f -> f.startsWith("ssh_")).toList();
        if (!age.isEmpty()) {
            Path f = w.dir().getParent().resolve("keys-" + String.join("-", age) + ".txt");
            var out = new java.io.ByteArrayOutputStream();
            for (String a : age) {
                out.write(Files.readAllBytes(Vectors.keysDir().resolve(a)));
            }
            Files.write(f, out.toByteArray());
            env.put("SOPS_AGE_KEY_FILE", f.toString());
        }
        if (!ssh.isEmpty()) {
            env.put("SOPS_AGE_SSH_PRIVATE_KEY_FILE", Vectors.keysDir().resolve(ssh.get(0)).toString());
        }
        return env;
    }

    /** The identities of the named key files, parsed by jsops. */
    static List<Identity> identities(List<String> identityFiles) throws Exception {
        List<Identity> ids = new ArrayList<>();
        for (String f : identityFiles) {
            ids.addAll(AgeKeys.parseIdentityFile(f, Files.readAllBytes(Vectors.keysDir().resolve(f)), null));
        }
        return ids;
    }

    /** jsops as a library with the vector's identities, store settings (.sops.yaml stores) and --indent. */
    static Jsops library(Vectors.Vector v, List<String> identityFiles) throws Exception {
        SopsConfig.StoreSettings stores = SopsConfig.StoreSettings.DEFAULT;
        if (v.config() != null) {
            Path cfg = v.dir().resolve(v.config());
            var tree = Stores.of(Format.YAML).loadPlain(Files.readAllBytes(cfg));
            stores = SopsConfig.parse(cfg, tree.branches().get(0)).stores();
        }
        return Jsops.withIdentities(identities(identityFiles)).withStoreSettings(stores, v.indent());
    }

    /**
     * A sops argv in jsops's form: argv[0] {@code sops} becomes the jsops command, and the legacy
     * {@code --encrypt}/{@code --decrypt} of sops < 3.9 becomes the subcommand.
     */
    static List<String> jsopsArgv(List<String> sopsArgv) {
        List<String> rest = new ArrayList<>(sopsArgv.subList(1, sopsArgv.size()));
        for (int i = 0; i < rest.size(); i++) {
            if (rest.get(i).equals("--encrypt") || rest.get(i).equals("--decrypt")) {
                rest.set(i, rest.get(i).substring(2));
            }
        }
        return Peers.jsops(rest.toArray(String[]::new));
    }

    static Peers.Result jsops(Work w, List<String> sopsArgv, Map<String, String> env) throws Exception {
        return Peers.run(w.dir(), null, env, jsopsArgv(sopsArgv));
    }

    static Peers.Result sops(Path sopsBinary, Work w, List<String> sopsArgv, Map<String, String> env) throws Exception {
        List<String> cmd = new ArrayList<>(sopsArgv);
        cmd.set(0, sopsBinary.toString());
        return Peers.run(w.dir(), null, env, cmd);
    }

    /** The pinned sops binary of a release ({@code sops-<version>}), or skip (fail under CI=true). */
    static Path sopsBinary(String release) {
        return Peers.require("sops-" + release);
    }

    // --------------------------------------------------------------------------------------------------------
    // Masking and diffs

    private static final Pattern ENC = Pattern.compile("ENC\\[AES256_GCM,data:([^,]*),iv:([^,]*),tag:([^,]*),type:");
    private static final Pattern TIME = Pattern.compile("(lastmodified|created_at)(\\W+)\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(Z|[+-]\\d\\d:\\d\\d)");
    private static final String BEGIN = "-----BEGIN AGE ENCRYPTED FILE-----";
    private static final String END = "-----END AGE ENCRYPTED FILE-----";
    private static final Pattern B64_CHAR = Pattern.compile("(?<!\\\\)[A-Za-z0-9+/=]");

    /**
     * The encrypted file with its random parts masked: each ENC's data (its length kept: it follows from the
     * plaintext), iv and tag; the base64 inside each age armor (line lengths kept); lastmodified; created_at.
     * The MAC is an ENC and is masked with them.
     */
    static String mask(String text) {
        Matcher m = ENC.matcher(text);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(
                    "ENC[AES256_GCM,data:<" + m.group(1).length() + ">,iv:<iv>,tag:<tag>,type:"));
        }
        m.appendTail(b);
        String s = TIME.matcher(b.toString()).replaceAll("$1$2<time>");
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (true) {
            int i = s.indexOf(BEGIN, at);
            if (i < 0) {
                break;
            }
            int j = s.indexOf(END, i);
            if (j < 0) {
                break;
            }
            out.append(s, at, i + BEGIN.length());
            out.append(B64_CHAR.matcher(s.substring(i + BEGIN.length(), j)).replaceAll("x"));
            at = j;
        }
        out.append(s.substring(at));
        return out.toString();
    }

    /** Fails with a unified diff when the masked texts differ. */
    static void assertSameMasked(byte[] expected, String expectedName, byte[] actual, String actualName) {
        String a = mask(new String(expected, StandardCharsets.UTF_8));
        String b = mask(new String(actual, StandardCharsets.UTF_8));
        if (!a.equals(b)) {
            throw new AssertionError("masked outputs differ:\n" + unifiedDiff(a, b, expectedName, actualName));
        }
    }

    /** A unified diff (3 lines of context) of two texts, by lines; line ends shown when they are the only change. */
    static String unifiedDiff(String a, String b, String nameA, String nameB) {
        List<String> x = lines(a);
        List<String> y = lines(b);
        int n = x.size();
        int m = y.size();
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = x.get(i).equals(y.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        record Op(char kind, String line, int ai, int bi) {
        }
        List<Op> ops = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && x.get(i).equals(y.get(j))) {
                ops.add(new Op(' ', x.get(i), i++, j++));
            } else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j])) {
                ops.add(new Op('+', y.get(j), i, j++));
            } else {
                ops.add(new Op('-', x.get(i), i++, j));
            }
        }
        StringBuilder out = new StringBuilder("--- " + nameA + "\n+++ " + nameB + "\n");
        int k = 0;
        while (k < ops.size()) {
            if (ops.get(k).kind() == ' ') {
                k++;
                continue;
            }
            int start = Math.max(0, k - 3);
            int end = k;
            int lastChange = k;
            while (end < ops.size() && (ops.get(end).kind() != ' ' || end - lastChange <= 6)) {
                if (ops.get(end).kind() != ' ') {
                    lastChange = end;
                }
                end++;
            }
            end = Math.min(ops.size(), lastChange + 4);
            int aStart = ops.get(start).ai() + 1;
            int bStart = ops.get(start).bi() + 1;
            int aLen = 0;
            int bLen = 0;
            StringBuilder h = new StringBuilder();
            for (int t = start; t < end; t++) {
                Op o = ops.get(t);
                if (o.kind() != '+') {
                    aLen++;
                }
                if (o.kind() != '-') {
                    bLen++;
                }
                h.append(o.kind()).append(o.line().replace("\r", "\\r")).append('\n');
            }
            out.append("@@ -").append(aStart).append(',').append(aLen).append(" +").append(bStart).append(',').append(bLen)
                    .append(" @@\n").append(h);
            k = end;
        }
        if (!a.endsWith("\n") || !b.endsWith("\n")) {
            out.append("(end of ").append(nameA).append(a.endsWith("\n") ? " has" : " lacks").append(" a final newline; ")
                    .append(nameB).append(b.endsWith("\n") ? " has" : " lacks").append(" one)\n");
        }
        return out.toString();
    }

    private static List<String> lines(String s) {
        List<String> r = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!r.isEmpty() && r.get(r.size() - 1).isEmpty()) {
            r.remove(r.size() - 1);
        }
        return r;
    }

    /** A short readable rendering of bytes for failure messages. */
    static String show(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }
}
