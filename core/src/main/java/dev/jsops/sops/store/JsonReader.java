package dev.jsops.sops.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.io.JsonEOFException;
import dev.jsops.sops.Branch;
import dev.jsops.sops.GoFloat;
import dev.jsops.sops.GoStrconv;
import dev.jsops.sops.GoUtf8;
import dev.jsops.sops.Node;
import dev.jsops.sops.Value;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a JSON document the way sops's token loop over Go's {@code json.Decoder} does: key order and duplicates kept,
 * numbers typed by {@code ParseInt}, invalid UTF-8 replaced, nothing after the top-level object looked at, and
 * the same tolerance of truncated input (a value cut off by end of input silently ends the object holding it).
 * Iterative, so nesting depth is bounded by Go's limit rather than the Java stack.
 */
final class JsonReader {
    /** Go's {@code encoding/json} scanner refuses deeper nesting. */
    private static final int MAX_DEPTH = 10000;

    // Key names are not interned: files may hold any number of distinct keys, and Jackson's symbol table would
    // refuse pathological hash collisions that Go accepts.
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNumberLength(Integer.MAX_VALUE)
                    .maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(MAX_DEPTH + 1)
                    .maxNameLength(Integer.MAX_VALUE)
                    .maxDocumentLength(-1)
                    .build())
            .build();

    /** End of input between tokens: Go's decoder reports {@code io.EOF}, which sops treats specially. */
    private static final class CleanEof extends Exception {
        /** Whether this is where the input ran out (later reads keep failing, with nothing more to learn). */
        final boolean first;

        CleanEof(boolean first) {
            super(null, null, false, false);
            this.first = first;
        }
    }

    private final String text;
    private final JsonParser parser;
    private boolean eof;
    private long lastTokenEnd;

    private JsonReader(String text) throws IOException {
        this.text = text;
        this.parser = FACTORY.createParser(text);
    }

    /** Parses {@code in}; the result is the top-level object. Messages carry no content of the file. */
    static Branch read(byte[] in) throws StoreException {
        String text = GoUtf8.decodeReplacing(in, 0, in.length);
        JsonReader r = null;
        try {
            r = new JsonReader(text);
            return r.document();
        } catch (IOException e) {
            throw new StoreException("Could not unmarshal input data: " + describe(e));
        } finally {
            if (r != null) {
                try {
                    r.parser.close();
                } catch (IOException ignored) {
                    // reading from a string: nothing to release
                }
            }
        }
    }

    private static final class Frame {
        final boolean object;
        final List<Branch.Item> entries;
        final List<Node> elements;
        final String key; // the key in the parent object this frame is the value of

        Frame(boolean object, String key) {
            this.object = object;
            this.key = key;
            this.entries = object ? new ArrayList<>() : null;
            this.elements = object ? null : new ArrayList<>();
        }

        Value build() {
            return object ? new Branch(entries) : new dev.jsops.sops.Seq(elements);
        }
    }

    private Branch document() throws IOException, StoreException {
        JsonToken first;
        // Go rejects a byte order mark as an invalid character; Jackson would skip it.
        int start = 0;
        while (start < text.length() && isSpace(text.charAt(start))) {
            start++;
        }
        if (start < text.length() && text.charAt(start) == '\uFEFF') {
            throw new StoreException("Could not unmarshal input data: invalid character looking for beginning of value");
        }
        try {
            first = next();
        } catch (CleanEof e) {
            throw new StoreException("Could not unmarshal input data: EOF");
        }
        if (first == null) {
            throw new StoreException("Could not unmarshal input data: EOF");
        }
        if (first == JsonToken.START_ARRAY) {
            throw new StoreException("Could not unmarshal input data: SOPS only supports JSON files with a top-level "
                    + "object (starting with '{'), not arrays or other types. Got delimiter [ instead. To encrypt "
                    + "this file, wrap it in an object, e.g., {\"data\": [...]}");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new StoreException("Could not unmarshal input data: SOPS only supports JSON files with a top-level "
                    + "object (starting with '{'), not other JSON types. Got " + topLevelDescription(first)
                    + " instead");
        }
        ArrayDeque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(true, null));
        while (true) {
            Frame top = stack.peek();
            Value done = null;
            if (top.object) {
                JsonToken t;
                boolean afterKey = false;
                try {
                    t = next();
                } catch (CleanEof e) {
                    afterKey = e.first && keyWasComplete();
                    if (!afterKey) {
                        throw new StoreException("Could not unmarshal input data: Expected JSON object key, got "
                                + "%!s(<nil>) of type <nil> instead");
                    }
                    t = null;
                }
                if (afterKey || t == JsonToken.END_OBJECT) {
                    // End of the object, or end of input after a key: sops ends the object either way.
                    done = top.build();
                } else {
                    String key = cleanString(parser.currentName());
                    JsonToken vt;
                    try {
                        vt = next();
                    } catch (CleanEof e) {
                        vt = null;
                    }
                    if (vt == null) {
                        done = top.build();
                    } else if (vt == JsonToken.START_OBJECT || vt == JsonToken.START_ARRAY) {
                        push(stack, new Frame(vt == JsonToken.START_OBJECT, key));
                        continue;
                    } else {
                        top.entries.add(new Branch.Entry(key, scalar(vt)));
                        continue;
                    }
                }
            } else {
                JsonToken t;
                try {
                    t = next();
                } catch (CleanEof e) {
                    // io.EOF inside a list travels up to the nearest object, which then ends without that entry.
                    stack.pop();
                    while (!stack.peek().object) {
                        stack.pop();
                    }
                    done = stack.peek().build();
                    top = stack.peek();
                    t = null;
                }
                if (done == null) {
                    if (t == JsonToken.END_ARRAY) {
                        done = top.build();
                    } else if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                        push(stack, new Frame(t == JsonToken.START_OBJECT, null));
                        continue;
                    } else {
                        top.elements.add(scalar(t));
                        continue;
                    }
                }
            }
            // `top` is finished: hand its value to the parent.
            stack.pop();
            Frame parent = stack.peek();
            if (parent == null) {
                return (Branch) done;
            }
            if (parent.object) {
                parent.entries.add(new Branch.Entry(top.key, done));
            } else {
                parent.elements.add(done);
            }
        }
    }

    private static void push(ArrayDeque<Frame> stack, Frame f) throws StoreException {
        if (stack.size() >= MAX_DEPTH) {
            throw new StoreException("Could not unmarshal input data: exceeded max depth");
        }
        stack.push(f);
    }

    private JsonToken next() throws IOException, CleanEof {
        if (eof) {
            throw new CleanEof(false);
        }
        JsonToken t;
        try {
            t = parser.nextToken();
        } catch (JsonProcessingException e) {
            if (onlyBoundaryLeft()) {
                eof = true;
                throw new CleanEof(true);
            }
            throw e;
        }
        if (t == JsonToken.VALUE_STRING) {
            // Completes the token so the location below is past it; a string cut off by the end is an error.
            parser.getText();
        }
        lastTokenEnd = parser.currentLocation().getCharOffset();
        return t;
    }

    /**
     * Whether all that follows the last complete token is white space, a comma and at most a complete key with its
     * colon: then the failure is the input ending between tokens, which Go's decoder reports as {@code io.EOF}.
     */
    private boolean onlyBoundaryLeft() {
        int i = skipSpace((int) Math.min(lastTokenEnd, text.length()));
        if (i < text.length() && text.charAt(i) == ',') {
            i = skipSpace(i + 1);
        }
        if (i < text.length() && text.charAt(i) == '"') {
            i++;
            while (i < text.length() && text.charAt(i) != '"') {
                i += text.charAt(i) == '\\' ? 2 : 1;
            }
            if (i >= text.length()) {
                return false;
            }
            i = skipSpace(i + 1);
            if (i < text.length() && text.charAt(i) == ':') {
                i = skipSpace(i + 1);
            }
        }
        return i >= text.length();
    }

    /** After an end of input met while reading a key: was a whole key string there (so only its value is missing)? */
    private boolean keyWasComplete() {
        int i = (int) Math.min(lastTokenEnd, text.length());
        i = skipSpace(i);
        if (i < text.length() && text.charAt(i) == ',') {
            i = skipSpace(i + 1);
        }
        return i < text.length() && text.charAt(i) == '"';
    }

    private int skipSpace(int i) {
        while (i < text.length() && isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private Value scalar(JsonToken t) throws IOException, StoreException {
        return switch (t) {
            case VALUE_STRING -> new Value.Str(cleanString(parser.getText()));
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> number(parser.getText());
            case VALUE_TRUE -> new Value.Bool(true);
            case VALUE_FALSE -> new Value.Bool(false);
            case VALUE_NULL -> Value.Null.INSTANCE;
            default -> throw new StoreException("Could not unmarshal input data: unexpected JSON token");
        };
    }

    /** sops {@code normalizeJSONNumber}: int when the literal is a base-10 int64, otherwise float64. */
    static Value number(String literal) throws StoreException {
        try {
            return new Value.Int(GoStrconv.parseInt(literal, 10));
        } catch (GoStrconv.NumError e) {
            // not an int64: fall through to float
        }
        try {
            return new Value.Float(GoFloat.parseFloat(literal));
        } catch (GoStrconv.NumError e) {
            throw new StoreException("Could not unmarshal input data: strconv.ParseFloat: parsing number: "
                    + (e.kind() == GoStrconv.NumError.Kind.RANGE ? "value out of range" : "invalid syntax"));
        }
    }

    private String topLevelDescription(JsonToken t) throws IOException {
        // Go prints the value with %#v; only the tokens that carry no data are spelled out here.
        return switch (t) {
            case VALUE_NULL -> "<nil> of type <nil>";
            case VALUE_TRUE -> "true of type bool";
            case VALUE_FALSE -> "false of type bool";
            case VALUE_STRING -> "a value of type string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                String lit = parser.getText();
                String type;
                try {
                    Value v = number(lit);
                    type = v instanceof Value.Int ? "int" : "float64";
                } catch (StoreException e) {
                    type = "json.Number";
                }
                yield "a value of type " + type;
            }
            default -> "a value of type " + t;
        };
    }

    /** Go decodes an unpaired surrogate escape to U+FFFD. */
    private static String cleanString(String s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                StringBuilder sb = new StringBuilder(n);
                for (int j = 0; j < n; j++) {
                    char c = s.charAt(j);
                    if (Character.isHighSurrogate(c) && j + 1 < n && Character.isLowSurrogate(s.charAt(j + 1))) {
                        sb.append(c).append(s.charAt(++j));
                    } else if (Character.isSurrogate(c)) {
                        sb.append('\uFFFD');
                    } else {
                        sb.append(c);
                    }
                }
                return sb.toString();
            }
        }
        return s;
    }

    private static String describe(IOException e) {
        if (e instanceof JsonEOFException) {
            return "unexpected EOF";
        }
        if (e instanceof JsonProcessingException p) {
            JsonLocation loc = p.getLocation();
            if (loc != null) {
                return "invalid JSON syntax at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            }
            return "invalid JSON syntax";
        }
        return "I/O error";
    }
}
