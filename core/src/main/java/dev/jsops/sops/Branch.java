package dev.jsops.sops;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An ordered mapping (sops {@code TreeBranch}): entries and comment lines in document order.
 * Duplicate keys are possible (JSON keeps them) and are kept in order.
 */
public record Branch(List<Item> items) implements Value {

    /** An item of a branch: a key/value entry or a comment line. */
    public sealed interface Item permits Entry, Comment {
    }

    /**
     * A key/value pair. {@code nonStringKeyType} is non-null when the source document used a non-string
     * key (YAML {@code 1:} or {@code true:}); it holds the Go type name sops reports when it refuses the tree,
     * and {@code key} then holds the key's text.
     */
    public record Entry(String key, Value value, String nonStringKeyType) implements Item {
        public Entry {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }

        public Entry(String key, Value value) {
            this(key, value, null);
        }

        @Override
        public String toString() {
            return "Entry[" + key + "]";
        }
    }

    public static final Branch EMPTY = new Branch(List.of());

    public Branch {
        items = List.copyOf(items);
    }

    /** The value of the first entry with this key. */
    public Optional<Value> get(String key) {
        for (Item item : items) {
            if (item instanceof Entry e && e.key().equals(key)) {
                return Optional.of(e.value());
            }
        }
        return Optional.empty();
    }

    /** The entries only, comments skipped. */
    public List<Entry> entries() {
        List<Entry> out = new ArrayList<>(items.size());
        for (Item item : items) {
            if (item instanceof Entry e) {
                out.add(e);
            }
        }
        return out;
    }

    /** A copy without any entry named {@code key}. */
    public Branch without(String key) {
        List<Item> out = new ArrayList<>(items.size());
        for (Item item : items) {
            if (!(item instanceof Entry e && e.key().equals(key))) {
                out.add(item);
            }
        }
        return new Branch(out);
    }

    /** A copy with {@code entry} appended. */
    public Branch with(Entry entry) {
        List<Item> out = new ArrayList<>(items);
        out.add(entry);
        return new Branch(out);
    }

    @Override
    public String toString() {
        return "Branch[" + items.size() + " items]";
    }

    /** Small builder for code that assembles a branch item by item. */
    public static final class Builder {
        private final List<Item> items = new ArrayList<>();

        public Builder put(String key, Value value) {
            items.add(new Entry(key, value));
            return this;
        }

        public Builder add(Item item) {
            items.add(item);
            return this;
        }

        public Branch build() {
            return new Branch(items);
        }
    }

    public static Builder builder() {
        return new Builder();
    }
}
