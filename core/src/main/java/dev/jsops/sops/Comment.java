package dev.jsops.sops;

import java.util.Objects;

/**
 * A comment line kept in the tree, as sops keeps it: {@code text} is the line without its leading
 * {@code #} (or {@code ;} in INI), including any space after it. {@code inline} marks a YAML line comment
 * ({@code key: value # text}); it only affects where the YAML emitter puts the comment.
 */
public record Comment(String text, boolean inline) implements Node, Branch.Item {
    public Comment {
        Objects.requireNonNull(text, "text");
    }

    public Comment(String text) {
        this(text, false);
    }

    @Override
    public String toString() {
        return "Comment[" + text.length() + " chars" + (inline ? ", inline" : "") + "]";
    }
}
