package dev.jsops.sops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Which leaves are encrypted: at most one of sops's six rules (suffixes, key regexes, comment regexes).
 * With none set, sops applies {@code unencrypted_suffix: _unencrypted}.
 */
public record EncryptionRules(String unencryptedSuffix, String encryptedSuffix, String unencryptedRegex,
        String encryptedRegex, String unencryptedCommentRegex, String encryptedCommentRegex) {

    public static final String DEFAULT_UNENCRYPTED_SUFFIX = "_unencrypted";
    public static final EncryptionRules DEFAULT = new EncryptionRules(DEFAULT_UNENCRYPTED_SUFFIX, "", "", "", "", "");
    /** No rule at all: what sops writes for binary files. */
    public static final EncryptionRules NONE = new EncryptionRules("", "", "", "", "", "");
    static final String CONFLICT = "Cannot use more than one of encrypted_suffix, unencrypted_suffix, encrypted_regex, "
            + "unencrypted_regex, encrypted_comment_regex, or unencrypted_comment_regex in the same file";

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();
    private static final Pattern NEVER = Pattern.compile("(?!)");

    public EncryptionRules {
        unencryptedSuffix = nz(unencryptedSuffix);
        encryptedSuffix = nz(encryptedSuffix);
        unencryptedRegex = nz(unencryptedRegex);
        encryptedRegex = nz(encryptedRegex);
        unencryptedCommentRegex = nz(unencryptedCommentRegex);
        encryptedCommentRegex = nz(encryptedCommentRegex);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    public int count() {
        int n = 0;
        for (String s : List.of(unencryptedSuffix, encryptedSuffix, unencryptedRegex, encryptedRegex,
                unencryptedCommentRegex, encryptedCommentRegex)) {
            if (!s.isEmpty()) {
                n++;
            }
        }
        return n;
    }

    /** The rules as sops applies them when reading a file: the default suffix if none is set. */
    public EncryptionRules withDefault() {
        return count() == 0 ? DEFAULT : this;
    }

    /** Throws sops's error when more than one rule is set. */
    public EncryptionRules validated() throws SopsException {
        if (count() > 1) {
            throw new SopsException(ExitCode.ERROR_CONFLICTING_PARAMETERS, CONFLICT);
        }
        return this;
    }

    /**
     * sops's {@code shouldBeEncrypted}: the rules test key names (path components) and the comment lines in
     * effect at each nesting level; later rules override earlier ones as in sops.
     */
    boolean shouldBeEncrypted(List<String> path, List<List<String>> commentsStack, boolean isComment) {
        boolean encrypted = true;
        if (!unencryptedSuffix.isEmpty()) {
            for (String p : path) {
                if (p.endsWith(unencryptedSuffix)) {
                    encrypted = false;
                    break;
                }
            }
        }
        if (!encryptedSuffix.isEmpty()) {
            encrypted = false;
            for (String p : path) {
                if (p.endsWith(encryptedSuffix)) {
                    encrypted = true;
                    break;
                }
            }
        }
        if (!unencryptedRegex.isEmpty()) {
            Pattern re = pattern(unencryptedRegex);
            for (String p : path) {
                if (re.matcher(p).find()) {
                    encrypted = false;
                    break;
                }
            }
        }
        if (!encryptedRegex.isEmpty()) {
            encrypted = false;
            Pattern re = pattern(encryptedRegex);
            for (String p : path) {
                if (re.matcher(p).find()) {
                    encrypted = true;
                    break;
                }
            }
        }
        if (!unencryptedCommentRegex.isEmpty()) {
            Pattern re = pattern(unencryptedCommentRegex);
            outer:
            for (List<String> level : commentsStack) {
                for (String c : level) {
                    if (re.matcher(c).find()) {
                        encrypted = false;
                        break outer;
                    }
                }
            }
        }
        if (!encryptedCommentRegex.isEmpty()) {
            encrypted = false;
            Pattern re = pattern(encryptedCommentRegex);
            int last = commentsStack.size() - 1;
            int lastLen = last < 0 ? 0 : commentsStack.get(last).size();
            outer:
            for (int i = 0; i < commentsStack.size(); i++) {
                List<String> level = commentsStack.get(i);
                for (int j = 0; j < level.size(); j++) {
                    // The comment line that triggers encryption stays readable itself.
                    if (isComment && i == last && j == lastLen - 1) {
                        continue;
                    }
                    if (re.matcher(level.get(j)).find()) {
                        encrypted = true;
                        break outer;
                    }
                }
            }
        }
        return encrypted;
    }

    boolean unencryptedCommentRegexMatches(String s) {
        return !unencryptedCommentRegex.isEmpty() && pattern(unencryptedCommentRegex).matcher(s).find();
    }

    /**
     * Compiles a Go RE2 pattern with {@code java.util.regex} (a superset for practical patterns; Go's
     * {@code (?P<name>…)} is translated). sops ignores compile errors, so an invalid pattern never matches.
     */
    static Pattern pattern(String re) {
        return PATTERNS.computeIfAbsent(re, r -> {
            try {
                return Pattern.compile(r.replace("(?P<", "(?<"));
            } catch (PatternSyntaxException e) {
                return NEVER;
            }
        });
    }

    /** The rules that are set, as metadata key → value, in sops's key names. */
    public List<Map.Entry<String, String>> asMetadata() {
        List<Map.Entry<String, String>> out = new ArrayList<>();
        add(out, "encrypted_comment_regex", encryptedCommentRegex);
        add(out, "encrypted_regex", encryptedRegex);
        add(out, "encrypted_suffix", encryptedSuffix);
        add(out, "unencrypted_comment_regex", unencryptedCommentRegex);
        add(out, "unencrypted_regex", unencryptedRegex);
        add(out, "unencrypted_suffix", unencryptedSuffix);
        return out;
    }

    private static void add(List<Map.Entry<String, String>> out, String k, String v) {
        if (!v.isEmpty()) {
            out.add(Map.entry(k, v));
        }
    }
}
