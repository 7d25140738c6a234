package dev.jsops.sops;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.SHA512Digest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The cipher walk of sops ({@code sops.go}): every leaf of every document in order, with its key path and the
 * comment lines in effect, encrypted or decrypted per the rules while the MAC is computed over the plaintext.
 * Ported rule for rule, quirks included, because the MAC and the file bytes depend on them: list indices do
 * not enter the path; comments accumulate per nesting level until the next non-comment item; a comment inside
 * a list comes back from encryption as a plain string element, as in sops.
 */
final class TreeWalk {
    /** {@code SHA-256("sops")}, fed first when only encrypted values are MACed, so the two MACs differ. */
    static final byte[] MAC_ONLY_ENCRYPTED_INIT = HexFormat.of()
            .parseHex("8a3fd2ad54ce66527b1034f3d147be0b0b975b3bf44f72c6fdadec8176f27d69");

    @FunctionalInterface
    interface Leaf {
        Node apply(Node in, List<String> path, List<List<String>> comments) throws SopsException;
    }

    /** A walked tree and the MAC (upper-case hex SHA-512) of its plaintext. */
    record Result(Tree tree, String mac) {
    }

    private TreeWalk() {
    }

    static Result encrypt(Tree tree, EncryptionRules rules, boolean macOnlyEncrypted, ValueCipher cipher) throws SopsException {
        SHA512Digest mac = sha512(macOnlyEncrypted);
        Leaf leaf = (in, path, comments) -> {
            boolean isComment = in instanceof Comment;
            boolean encrypted = rules.shouldBeEncrypted(path, comments, isComment);
            if ((!macOnlyEncrypted || encrypted) && !isComment) {
                update(mac, toBytes(in));
            }
            if (!encrypted) {
                return in;
            }
            String enc;
            try {
                enc = cipher.encrypt(in, aad(path));
            } catch (SopsException e) {
                throw walkError("Could not encrypt value: " + e.getMessage());
            }
            if (isComment && rules.unencryptedCommentRegexMatches(enc)) {
                throw walkError("Encrypted comment matches UnencryptedCommentRegex! Make sure that "
                        + "UnencryptedCommentRegex cannot match an encrypted comment.");
            }
            return new Value.Str(enc);
        };
        return new Result(walkAll(tree, leaf), hex(mac));
    }

    static Result decrypt(Tree tree, EncryptionRules rules, boolean macOnlyEncrypted, ValueCipher cipher) throws SopsException {
        SHA512Digest mac = sha512(macOnlyEncrypted);
        Leaf leaf = (in, path, comments) -> {
            boolean isComment = in instanceof Comment;
            boolean encrypted = rules.shouldBeEncrypted(path, comments, isComment);
            Node v;
            if (encrypted) {
                if (in instanceof Comment c) {
                    try {
                        v = cipher.decrypt(c.text(), aad(path));
                    } catch (ValueCipher.DecryptionException e) {
                        // A clear-text comment, as older sops versions wrote them: kept as it is.
                        v = c;
                    }
                } else if (in instanceof Value.Str s) {
                    try {
                        v = cipher.decrypt(s.value(), aad(path));
                    } catch (ValueCipher.DecryptionException e) {
                        throw valueError("Could not decrypt value", e.getMessage(), path);
                    }
                } else if (in instanceof Value.Bytes) {
                    throw valueError("Could not decrypt value", "Input string does not match sops' data format", path);
                } else {
                    throw new ValueDecryptionException("Error walking tree: Expected encrypted value as string, but got " + GoTypes.name(in)
                            + " at " + pathText(path), "Expected encrypted value as string, but got " + GoTypes.name(in), path);
                }
            } else {
                v = in;
            }
            // A comment inside a sequence is stored as an ENC[...,type:comment] element and read back as a string; it
            // decrypts to a comment, which (like every comment) is not in the MAC: sops's encrypt leaves it out, and so
            // do sops <= 3.13.1 and >= 3.13.3 when decrypting (3.13.2 hashed it and rejected such files: getsops/sops#2243).
            if ((!macOnlyEncrypted || encrypted) && !isComment && !(v instanceof Comment)) {
                update(mac, toBytes(v));
            }
            return v;
        };
        return new Result(walkAll(tree, leaf), hex(mac));
    }

    /** Visits every leaf (read-only callers return the node unchanged). */
    static Tree visit(Tree tree, Leaf leaf) throws SopsException {
        return walkAll(tree, leaf);
    }

    private static Tree walkAll(Tree tree, Leaf leaf) throws SopsException {
        List<Branch> out = new ArrayList<>(tree.branches().size());
        for (Branch b : tree.branches()) {
            out.add(walkBranch(b, new ArrayList<>(), new ArrayList<>(), leaf));
        }
        return new Tree(out);
    }

    private static Node walkValue(Node in, List<String> path, List<List<String>> comments, Leaf leaf) throws SopsException {
        if (in instanceof Branch b) {
            return walkBranch(b, path, comments, leaf);
        }
        if (in instanceof Seq s) {
            return walkSeq(s, path, comments, leaf);
        }
        if (in instanceof Value.Null) {
            return in;
        }
        if (in instanceof Value.Unsupported u) {
            throw walkError("Cannot walk value, unknown type: " + u.goType());
        }
        return leaf.apply(in, path, comments);
    }

    private static Seq walkSeq(Seq in, List<String> path, List<List<String>> comments, Leaf leaf) throws SopsException {
        List<List<String>> stack = push(comments);
        List<Node> out = new ArrayList<>(in.items().size());
        for (Node v : in.items()) {
            if (v instanceof Comment c) {
                stack.get(stack.size() - 1).add(c.text());
            }
            out.add(walkValue(v, path, stack, leaf));
            if (!(v instanceof Comment)) {
                stack.set(stack.size() - 1, new ArrayList<>());
            }
        }
        return new Seq(out);
    }

    private static Branch walkBranch(Branch in, List<String> path, List<List<String>> comments, Leaf leaf) throws SopsException {
        List<List<String>> stack = push(comments);
        List<Branch.Item> out = new ArrayList<>(in.items().size());
        for (Branch.Item item : in.items()) {
            if (item instanceof Comment c) {
                stack.get(stack.size() - 1).add(c.text());
                Node r = walkValue(c, path, stack, leaf);
                if (r instanceof Comment rc) {
                    out.add(rc);
                } else if (r instanceof Value.Str s) {
                    out.add(new Comment(s.value(), c.inline()));
                } else {
                    throw walkError("walkValue of Comment should be either Comment or string");
                }
                continue;
            }
            Branch.Entry e = (Branch.Entry) item;
            if (e.nonStringKeyType() != null) {
                throw walkError("Tree contains a non-string key (type " + e.nonStringKeyType() + "): " + e.key()
                        + ". Only string keys are supported");
            }
            List<String> childPath = new ArrayList<>(path.size() + 1);
            childPath.addAll(path);
            childPath.add(e.key());
            Node v = walkValue(e.value(), childPath, stack, leaf);
            out.add(new Branch.Entry(e.key(), asValue(v), null));
            stack.set(stack.size() - 1, new ArrayList<>());
        }
        return new Branch(out);
    }

    /** A map value that decrypted to a comment stays a comment string, as the Go tree would hold it. */
    private static Value asValue(Node n) {
        return n instanceof Comment c ? new Value.Str(c.text()) : (Value) n;
    }

    private static List<List<String>> push(List<List<String>> comments) {
        List<List<String>> stack = new ArrayList<>(comments.size() + 1);
        stack.addAll(comments);
        stack.add(new ArrayList<>());
        return stack;
    }

    /** The associated data of a leaf: path components joined by {@code :} with a trailing {@code :}. */
    static String aad(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String p : path) {
            sb.append(p).append(':');
        }
        return path.isEmpty() ? ":" : sb.toString();
    }

    static String pathText(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String p : path) {
            sb.append("[\"").append(p).append("\"]");
        }
        return sb.length() == 0 ? "the document root" : sb.toString();
    }

    /** sops's {@code ToBytes}: the plaintext bytes of a leaf, as encryption writes them. */
    static byte[] toBytes(Node n) throws SopsException {
        if (n instanceof Value.Str s) {
            return s.value().getBytes(StandardCharsets.UTF_8);
        }
        if (n instanceof Value.Bytes b) {
            return b.value();
        }
        if (n instanceof Value.Int i) {
            return Long.toString(i.value()).getBytes(StandardCharsets.US_ASCII);
        }
        if (n instanceof Value.Float f) {
            return GoFloat.format(f.value(), 'f').getBytes(StandardCharsets.US_ASCII);
        }
        if (n instanceof Value.Bool b) {
            return (b.value() ? "True" : "False").getBytes(StandardCharsets.US_ASCII);
        }
        if (n instanceof Value.Time t) {
            return GoTime.formatRfc3339Nano(t.value()).getBytes(StandardCharsets.US_ASCII);
        }
        if (n instanceof Comment c) {
            return c.text().getBytes(StandardCharsets.UTF_8);
        }
        throw walkError("Could not convert unknown type " + GoTypes.name(n) + " to bytes");
    }

    /** BouncyCastle's digest rather than JCA's: no provider start-up for a short CLI run. */
    private static SHA512Digest sha512(boolean macOnlyEncrypted) {
        SHA512Digest md = new SHA512Digest();
        if (macOnlyEncrypted) {
            update(md, MAC_ONLY_ENCRYPTED_INIT);
        }
        return md;
    }

    private static void update(SHA512Digest md, byte[] b) {
        md.update(b, 0, b.length);
    }

    private static String hex(SHA512Digest md) {
        byte[] out = new byte[md.getDigestSize()];
        md.doFinal(out, 0);
        return HexFormat.of().withUpperCase().formatHex(out);
    }

    /** "Could not decrypt value at PATH: CAUSE", remembering sops's path-less wording too. */
    private static ValueDecryptionException valueError(String what, String cause, List<String> path) {
        return new ValueDecryptionException("Error walking tree: " + what + " at " + pathText(path) + ": " + cause,
                what + ": " + cause, path);
    }

    private static SopsException walkError(String message) {
        return new SopsException(ExitCode.ERROR_GENERIC, "Error walking tree: " + message);
    }
}
