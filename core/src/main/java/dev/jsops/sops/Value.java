package dev.jsops.sops;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A value in a SOPS tree. The variants mirror the dynamic types Go sops puts in its tree
 * ({@code string}, {@code int}, {@code float64}, {@code bool}, {@code time.Time}, {@code nil}, a branch,
 * a slice), so that every rule that depends on the Go type (value encoding, MAC bytes, emitter styles) has a
 * Java type to hang on.
 */
public sealed interface Value extends Node
        permits Value.Str, Value.Bytes, Value.Int, Value.Float, Value.Bool, Value.Time, Value.Null,
                Value.Unsupported, Branch, Seq {

    /** A string that is valid UTF-8 (Go {@code string}). */
    record Str(String value) implements Value {
        public Str {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Str[" + value.length() + " chars]";
        }
    }

    /**
     * A Go {@code string} whose bytes are not valid UTF-8 (binary files, decrypted legacy {@code bytes}).
     * Kept as bytes so that a binary file round-trips exactly.
     */
    record Bytes(byte[] value) implements Value {
        public Bytes {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "Bytes[" + value.length + " bytes]";
        }
    }

    /** A Go {@code int} (64-bit). */
    record Int(long value) implements Value {
        @Override
        public String toString() {
            return "Int";
        }
    }

    /** A Go {@code float64}. Equality is bitwise, so {@code -0} and {@code NaN} behave like Go map keys would. */
    record Float(double value) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Float f && Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(f.value);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(Double.doubleToRawLongBits(value));
        }

        @Override
        public String toString() {
            return "Float";
        }
    }

    /** A Go {@code bool}. */
    record Bool(boolean value) implements Value {
        @Override
        public String toString() {
            return "Bool";
        }
    }

    /** A Go {@code time.Time}, as YAML timestamps decode. The offset is kept; Go prints {@code Z} for offset 0. */
    record Time(OffsetDateTime value) implements Value {
        public Time {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Time";
        }
    }

    /** A null / absent value; never encrypted and never part of the MAC. */
    record Null() implements Value {
        public static final Null INSTANCE = new Null();
    }

    /**
     * A scalar Go sops cannot walk (go-yaml decodes integers above {@code 2^63-1} as {@code uint64}).
     * Stores keep it so that encryption fails exactly where sops fails; {@code goType} is the type name
     * sops prints and {@code text} the scalar as written.
     */
    record Unsupported(String goType, String text) implements Value {
        @Override
        public String toString() {
            return "Unsupported[" + goType + "]";
        }
    }

    static Str str(String s) {
        return new Str(s);
    }

    /** A string value from raw bytes: {@link Str} when they are valid UTF-8, {@link Bytes} otherwise. */
    static Value ofBytes(byte[] raw) {
        var decoder = StandardCharsets.UTF_8.newDecoder();
        try {
            return new Str(decoder.decode(java.nio.ByteBuffer.wrap(raw)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return new Bytes(raw);
        }
    }

    /** The elements of a list: values and comments. */
    static Seq seq(List<? extends Node> items) {
        return new Seq(List.copyOf(items));
    }
}
