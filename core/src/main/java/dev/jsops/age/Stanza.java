package dev.jsops.age;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One recipient stanza of an age header: a type, its arguments and a binary body. Unknown types are kept
 * as they are and ignored by identities that do not recognise them.
 */
public record Stanza(String type, List<String> args, byte[] body) {
    public Stanza {
        Objects.requireNonNull(type, "type");
        args = List.copyOf(args);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** The body without a defensive copy, for code in this package that only reads it. */
    byte[] bodyUnsafe() {
        return body;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Stanza s && type.equals(s.type) && args.equals(s.args) && Arrays.equals(body, s.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, args, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return "Stanza[" + type + ", " + args.size() + " args, " + body.length + " bytes]";
    }
}
