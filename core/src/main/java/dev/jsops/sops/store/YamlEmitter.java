package dev.jsops.sops.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Events to bytes with the layout rules of libyaml's emitter as modified by go-yaml v3 v3.0.4 ({@code emitterc.go}):
 * best indent 2..9, "+2 inside a block sequence item", unlimited width (sops never sets one), scalar analysis and
 * style fallback (plain, single, double, literal), block-scalar indentation and chomping indicators, and go-yaml's
 * comment placement (head, line, foot, tail comments). This is our own Java code porting those rules; nothing else
 * reproduces go-yaml's output byte for byte.
 */
final class YamlEmitter {
    private enum S {
        STREAM_START, FIRST_DOCUMENT_START, DOCUMENT_START, DOCUMENT_CONTENT, DOCUMENT_END,
        FLOW_SEQUENCE_FIRST_ITEM, FLOW_SEQUENCE_TRAIL_ITEM, FLOW_SEQUENCE_ITEM, FLOW_MAPPING_FIRST_KEY,
        FLOW_MAPPING_TRAIL_KEY, FLOW_MAPPING_KEY, FLOW_MAPPING_SIMPLE_VALUE, FLOW_MAPPING_VALUE,
        BLOCK_SEQUENCE_FIRST_ITEM, BLOCK_SEQUENCE_ITEM, BLOCK_MAPPING_FIRST_KEY, BLOCK_MAPPING_KEY,
        BLOCK_MAPPING_SIMPLE_VALUE, BLOCK_MAPPING_VALUE, END
    }

    private static final int[] EMPTY = new int[0];

    private byte[] out = new byte[4096];
    private int outLen;

    private List<YamlEvent> events;
    private int head;

    private int bestIndent;
    private final int bestWidth = Integer.MAX_VALUE;

    private S state = S.STREAM_START;
    private final ArrayList<S> states = new ArrayList<>();
    private int[] indents = new int[16];
    private int indentsLen;
    private int indent;
    private int flowLevel;

    private boolean rootContext;
    private boolean sequenceContext;
    private boolean mappingContext;
    private boolean simpleKeyContext;

    private int line;
    private int column;
    private boolean whitespace;
    private boolean indention;
    private boolean openEnded;
    private boolean spaceAbove;
    private int footIndent;

    // analysis of the current event
    private String anchor;
    private boolean anchorAlias;
    private String tagHandle = "";
    private String tagSuffix = "";
    private int[] scalarValue = EMPTY;
    private boolean multiline;
    private boolean flowPlainAllowed;
    private boolean blockPlainAllowed;
    private boolean singleQuotedAllowed;
    private boolean blockAllowed;
    private int scalarStyle;

    private String headComment = "";
    private String lineComment = "";
    private String footComment = "";
    private String tailComment = "";
    private String keyLineComment = "";

    YamlEmitter(int bestIndent) {
        this.bestIndent = bestIndent;
    }

    /** Emits a complete event stream (STREAM-START ... STREAM-END) and returns the bytes. */
    byte[] emit(List<YamlEvent> stream) {
        this.events = stream;
        for (head = 0; head < events.size(); head++) {
            YamlEvent event = events.get(head);
            analyzeEvent(event);
            stateMachine(event);
        }
        return Arrays.copyOf(out, outLen);
    }

    // ---- output primitives ------------------------------------------------------------------------------------

    private void ensure(int n) {
        if (outLen + n > out.length) {
            out = Arrays.copyOf(out, Math.max(out.length * 2, outLen + n));
        }
    }

    private void put(int c) {
        ensure(1);
        out[outLen++] = (byte) c;
        column++;
    }

    private void putBreak() {
        ensure(1);
        out[outLen++] = '\n';
        if (column == 0) {
            spaceAbove = true;
        }
        column = 0;
        line++;
        indention = true;
    }

    private void writeCp(int c) {
        ensure(4);
        if (c < 0x80) {
            out[outLen++] = (byte) c;
        } else if (c < 0x800) {
            out[outLen++] = (byte) (0xC0 | (c >> 6));
            out[outLen++] = (byte) (0x80 | (c & 0x3F));
        } else if (c < 0x10000) {
            out[outLen++] = (byte) (0xE0 | (c >> 12));
            out[outLen++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            out[outLen++] = (byte) (0x80 | (c & 0x3F));
        } else {
            out[outLen++] = (byte) (0xF0 | (c >> 18));
            out[outLen++] = (byte) (0x80 | ((c >> 12) & 0x3F));
            out[outLen++] = (byte) (0x80 | ((c >> 6) & 0x3F));
            out[outLen++] = (byte) (0x80 | (c & 0x3F));
        }
        column++;
    }

    private void writeAll(String s) {
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            writeCp(c);
        }
    }

    private void writeBreak(int c) {
        if (c == '\n') {
            putBreak();
        } else {
            writeCp(c);
            if (column == 0) {
                spaceAbove = true;
            }
            column = 0;
            line++;
            indention = true;
        }
    }

    private static boolean isBreak(int c) {
        return YamlScanner.isBreak(c);
    }

    private static boolean isSpace(int c) {
        return c == ' ';
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    private static boolean isBlankz(int c) {
        return YamlScanner.isBlankz(c);
    }

    /** libyaml's is_printable on the UTF-8 encoding: 4-byte characters (emoji) are not "printable". */
    private static boolean isPrintable(int c) {
        return c == 0x0A || c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xD7FF
                || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF;
    }

    private static int at(int[] v, int i) {
        return i < v.length ? v[i] : 0;
    }

    private static YamlSyntaxError error(String problem) {
        return new YamlSyntaxError("yaml: " + problem);
    }

    // ---- indentation ------------------------------------------------------------------------------------------

    private void pushIndent() {
        if (indentsLen == indents.length) {
            indents = Arrays.copyOf(indents, indentsLen * 2);
        }
        indents[indentsLen++] = indent;
    }

    private void popIndent() {
        indent = indents[--indentsLen];
    }

    private void increaseIndent(boolean flow, boolean indentless) {
        pushIndent();
        if (indent < 0) {
            indent = flow ? bestIndent : 0;
        } else if (!indentless) {
            if (!states.isEmpty() && states.get(states.size() - 1) == S.BLOCK_SEQUENCE_ITEM) {
                // The first indent inside a sequence item is just past the dash.
                indent += 2;
            } else {
                indent = bestIndent * ((indent + bestIndent) / bestIndent);
            }
        }
    }

    private S popState() {
        return states.remove(states.size() - 1);
    }

    // ---- state machine ----------------------------------------------------------------------------------------

    private void stateMachine(YamlEvent event) {
        switch (state) {
            case STREAM_START -> emitStreamStart(event);
            case FIRST_DOCUMENT_START -> emitDocumentStart(event, true);
            case DOCUMENT_START -> emitDocumentStart(event, false);
            case DOCUMENT_CONTENT -> emitDocumentContent(event);
            case DOCUMENT_END -> emitDocumentEnd(event);
            case FLOW_SEQUENCE_FIRST_ITEM -> emitFlowSequenceItem(event, true, false);
            case FLOW_SEQUENCE_TRAIL_ITEM -> emitFlowSequenceItem(event, false, true);
            case FLOW_SEQUENCE_ITEM -> emitFlowSequenceItem(event, false, false);
            case FLOW_MAPPING_FIRST_KEY -> emitFlowMappingKey(event, true, false);
            case FLOW_MAPPING_TRAIL_KEY -> emitFlowMappingKey(event, false, true);
            case FLOW_MAPPING_KEY -> emitFlowMappingKey(event, false, false);
            case FLOW_MAPPING_SIMPLE_VALUE -> emitFlowMappingValue(event, true);
            case FLOW_MAPPING_VALUE -> emitFlowMappingValue(event, false);
            case BLOCK_SEQUENCE_FIRST_ITEM -> emitBlockSequenceItem(event, true);
            case BLOCK_SEQUENCE_ITEM -> emitBlockSequenceItem(event, false);
            case BLOCK_MAPPING_FIRST_KEY -> emitBlockMappingKey(event, true);
            case BLOCK_MAPPING_KEY -> emitBlockMappingKey(event, false);
            case BLOCK_MAPPING_SIMPLE_VALUE -> emitBlockMappingValue(event, true);
            case BLOCK_MAPPING_VALUE -> emitBlockMappingValue(event, false);
            case END -> throw error("expected nothing after STREAM-END");
        }
    }

    private void emitStreamStart(YamlEvent event) {
        if (event.type != YamlEvent.E.STREAM_START) {
            throw error("expected STREAM-START");
        }
        if (bestIndent < 2 || bestIndent > 9) {
            bestIndent = 2;
        }
        indent = -1;
        line = 0;
        column = 0;
        whitespace = true;
        indention = true;
        spaceAbove = true;
        footIndent = -1;
        state = S.FIRST_DOCUMENT_START;
    }

    private void emitDocumentStart(YamlEvent event, boolean first) {
        if (event.type == YamlEvent.E.DOCUMENT_START) {
            boolean implicit = event.implicit;
            if (!first) {
                implicit = false;
            }
            if (!implicit) {
                writeIndent();
                writeIndicator("---", true, false, false);
                writeIndent();
            }
            if (!headComment.isEmpty()) {
                processHeadComment();
                putBreak();
            }
            state = S.DOCUMENT_CONTENT;
            return;
        }
        if (event.type == YamlEvent.E.STREAM_END) {
            // go-yaml's encoder clears open_ended before it emits STREAM-END, so no "..." is ever written here.
            state = S.END;
            return;
        }
        throw error("expected DOCUMENT-START or STREAM-END");
    }

    private void emitDocumentContent(YamlEvent event) {
        states.add(S.DOCUMENT_END);
        processHeadComment();
        emitNode(event, true, false, false, false);
        processLineComment(false);
        processFootComment();
    }

    private void emitDocumentEnd(YamlEvent event) {
        if (event.type != YamlEvent.E.DOCUMENT_END) {
            throw error("expected DOCUMENT-END");
        }
        footIndent = 0;
        processFootComment();
        footIndent = -1;
        writeIndent();
        if (!event.implicit) {
            writeIndicator("...", true, false, false);
            writeIndent();
        }
        state = S.DOCUMENT_START;
    }

    private boolean pendingTrailingComments() {
        return !lineComment.isEmpty() || !footComment.isEmpty() || !tailComment.isEmpty();
    }

    private void emitFlowSequenceItem(YamlEvent event, boolean first, boolean trail) {
        if (first) {
            writeIndicator("[", true, true, false);
            increaseIndent(true, false);
            flowLevel++;
        }
        if (event.type == YamlEvent.E.SEQUENCE_END) {
            flowLevel--;
            popIndent();
            if (column == 0) {
                writeIndent();
            }
            writeIndicator("]", false, false, false);
            processLineComment(false);
            processFootComment();
            state = popState();
            return;
        }
        if (!first && !trail) {
            writeIndicator(",", false, false, false);
        }
        processHeadComment();
        if (column == 0) {
            writeIndent();
        }
        if (column > bestWidth) {
            writeIndent();
        }
        states.add(pendingTrailingComments() ? S.FLOW_SEQUENCE_TRAIL_ITEM : S.FLOW_SEQUENCE_ITEM);
        emitNode(event, false, true, false, false);
        if (pendingTrailingComments()) {
            writeIndicator(",", false, false, false);
        }
        processLineComment(false);
        processFootComment();
    }

    private void emitFlowMappingKey(YamlEvent event, boolean first, boolean trail) {
        if (first) {
            writeIndicator("{", true, true, false);
            increaseIndent(true, false);
            flowLevel++;
        }
        if (event.type == YamlEvent.E.MAPPING_END) {
            if ((!headComment.isEmpty() || !footComment.isEmpty() || !tailComment.isEmpty()) && !first && !trail) {
                writeIndicator(",", false, false, false);
            }
            processHeadComment();
            flowLevel--;
            popIndent();
            writeIndicator("}", false, false, false);
            processLineComment(false);
            processFootComment();
            state = popState();
            return;
        }
        if (!first && !trail) {
            writeIndicator(",", false, false, false);
        }
        processHeadComment();
        if (column == 0) {
            writeIndent();
        }
        if (column > bestWidth) {
            writeIndent();
        }
        if (checkSimpleKey()) {
            states.add(S.FLOW_MAPPING_SIMPLE_VALUE);
            emitNode(event, false, false, true, true);
            return;
        }
        writeIndicator("?", true, false, false);
        states.add(S.FLOW_MAPPING_VALUE);
        emitNode(event, false, false, true, false);
    }

    private void emitFlowMappingValue(YamlEvent event, boolean simple) {
        if (simple) {
            writeIndicator(":", false, false, false);
        } else {
            if (column > bestWidth) {
                writeIndent();
            }
            writeIndicator(":", true, false, false);
        }
        states.add(pendingTrailingComments() ? S.FLOW_MAPPING_TRAIL_KEY : S.FLOW_MAPPING_KEY);
        emitNode(event, false, false, true, false);
        if (pendingTrailingComments()) {
            writeIndicator(",", false, false, false);
        }
        processLineComment(false);
        processFootComment();
    }

    private void emitBlockSequenceItem(YamlEvent event, boolean first) {
        if (first) {
            increaseIndent(false, false);
        }
        if (event.type == YamlEvent.E.SEQUENCE_END) {
            popIndent();
            state = popState();
            return;
        }
        processHeadComment();
        writeIndent();
        writeIndicator("-", true, false, true);
        states.add(S.BLOCK_SEQUENCE_ITEM);
        emitNode(event, false, true, false, false);
        processLineComment(false);
        processFootComment();
    }

    private void emitBlockMappingKey(YamlEvent event, boolean first) {
        if (first) {
            increaseIndent(false, false);
        }
        processHeadComment();
        if (event.type == YamlEvent.E.MAPPING_END) {
            popIndent();
            state = popState();
            return;
        }
        writeIndent();
        if (!lineComment.isEmpty()) {
            keyLineComment = lineComment;
            lineComment = "";
        }
        if (checkSimpleKey()) {
            states.add(S.BLOCK_MAPPING_SIMPLE_VALUE);
            emitNode(event, false, false, true, true);
            return;
        }
        writeIndicator("?", true, false, true);
        states.add(S.BLOCK_MAPPING_VALUE);
        emitNode(event, false, false, true, false);
    }

    private void emitBlockMappingValue(YamlEvent event, boolean simple) {
        if (simple) {
            writeIndicator(":", false, false, false);
        } else {
            writeIndent();
            writeIndicator(":", true, false, true);
        }
        if (!keyLineComment.isEmpty()) {
            if (event.type == YamlEvent.E.SCALAR) {
                if (lineComment.isEmpty()) {
                    // A scalar line comment was [key: value # comment]; use the key's.
                    lineComment = keyLineComment;
                    keyLineComment = "";
                }
            } else if (event.style != YamlEvent.FLOW
                    && (event.type == YamlEvent.E.MAPPING_START || event.type == YamlEvent.E.SEQUENCE_START)) {
                // The key's line comment goes right after "key:" before the nested block.
                String t = lineComment;
                lineComment = keyLineComment;
                keyLineComment = t;
                processLineComment(false);
                t = lineComment;
                lineComment = keyLineComment;
                keyLineComment = t;
            }
        }
        states.add(S.BLOCK_MAPPING_KEY);
        emitNode(event, false, false, true, false);
        processLineComment(false);
        processFootComment();
    }

    private void emitNode(YamlEvent event, boolean root, boolean sequence, boolean mapping, boolean simpleKey) {
        rootContext = root;
        sequenceContext = sequence;
        mappingContext = mapping;
        simpleKeyContext = simpleKey;
        switch (event.type) {
            case ALIAS -> emitAlias();
            case SCALAR -> emitScalar(event);
            case SEQUENCE_START -> emitSequenceStart(event);
            case MAPPING_START -> emitMappingStart(event);
            default -> throw error("expected SCALAR, SEQUENCE-START, MAPPING-START, or ALIAS, but got " + event.type);
        }
    }

    private void emitAlias() {
        processAnchor();
        state = popState();
    }

    private void emitScalar(YamlEvent event) {
        selectScalarStyle(event);
        processAnchor();
        processTag();
        increaseIndent(true, false);
        processScalar();
        popIndent();
        state = popState();
    }

    private void emitSequenceStart(YamlEvent event) {
        processAnchor();
        processTag();
        if (flowLevel > 0 || event.style == YamlEvent.FLOW || checkEmpty(YamlEvent.E.SEQUENCE_START,
                YamlEvent.E.SEQUENCE_END)) {
            state = S.FLOW_SEQUENCE_FIRST_ITEM;
        } else {
            state = S.BLOCK_SEQUENCE_FIRST_ITEM;
        }
    }

    private void emitMappingStart(YamlEvent event) {
        processAnchor();
        processTag();
        if (flowLevel > 0 || event.style == YamlEvent.FLOW || checkEmpty(YamlEvent.E.MAPPING_START,
                YamlEvent.E.MAPPING_END)) {
            state = S.FLOW_MAPPING_FIRST_KEY;
        } else {
            state = S.BLOCK_MAPPING_FIRST_KEY;
        }
    }

    private boolean checkEmpty(YamlEvent.E start, YamlEvent.E end) {
        if (events.size() - head < 2) {
            return false;
        }
        return events.get(head).type == start && events.get(head + 1).type == end;
    }

    private boolean checkSimpleKey() {
        YamlEvent event = events.get(head);
        int length = 0;
        switch (event.type) {
            case ALIAS -> length += anchor == null ? 0 : anchor.length();
            case SCALAR -> {
                if (multiline) {
                    return false;
                }
                length += (anchor == null ? 0 : anchor.length()) + utf8Length(tagHandle) + utf8Length(tagSuffix)
                        + utf8Length(scalarValue);
            }
            case SEQUENCE_START -> {
                if (!checkEmpty(YamlEvent.E.SEQUENCE_START, YamlEvent.E.SEQUENCE_END)) {
                    return false;
                }
                length += (anchor == null ? 0 : anchor.length()) + utf8Length(tagHandle) + utf8Length(tagSuffix);
            }
            case MAPPING_START -> {
                if (!checkEmpty(YamlEvent.E.MAPPING_START, YamlEvent.E.MAPPING_END)) {
                    return false;
                }
                length += (anchor == null ? 0 : anchor.length()) + utf8Length(tagHandle) + utf8Length(tagSuffix);
            }
            default -> {
                return false;
            }
        }
        return length <= 128;
    }

    /** go-yaml measures key length in bytes, not characters. */
    private static int utf8Length(int[] cps) {
        int n = 0;
        for (int c : cps) {
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        }
        return n;
    }

    private static int utf8Length(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private void selectScalarStyle(YamlEvent event) {
        boolean noTag = tagHandle.isEmpty() && tagSuffix.isEmpty();
        if (noTag && !event.implicit && !event.quotedImplicit) {
            throw error("neither tag nor implicit flags are specified");
        }
        int style = event.style;
        if (style == 0) {
            style = YamlScanner.PLAIN;
        }
        if (simpleKeyContext && multiline) {
            style = YamlScanner.DOUBLE_QUOTED;
        }
        if (style == YamlScanner.PLAIN) {
            if (flowLevel > 0 && !flowPlainAllowed || flowLevel == 0 && !blockPlainAllowed) {
                style = YamlScanner.SINGLE_QUOTED;
            }
            if (scalarValue.length == 0 && (flowLevel > 0 || simpleKeyContext)) {
                style = YamlScanner.SINGLE_QUOTED;
            }
            if (noTag && !event.implicit) {
                style = YamlScanner.SINGLE_QUOTED;
            }
        }
        if (style == YamlScanner.SINGLE_QUOTED && !singleQuotedAllowed) {
            style = YamlScanner.DOUBLE_QUOTED;
        }
        if (style == YamlScanner.LITERAL || style == YamlScanner.FOLDED) {
            if (!blockAllowed || flowLevel > 0 || simpleKeyContext) {
                style = YamlScanner.DOUBLE_QUOTED;
            }
        }
        if (noTag && !event.quotedImplicit && style != YamlScanner.PLAIN) {
            tagHandle = "!";
        }
        scalarStyle = style;
    }

    private void processAnchor() {
        if (anchor == null) {
            return;
        }
        writeIndicator(anchorAlias ? "*" : "&", true, false, false);
        writeAll(anchor);
        whitespace = false;
        indention = false;
    }

    private void processTag() {
        if (tagHandle.isEmpty() && tagSuffix.isEmpty()) {
            return;
        }
        if (!tagHandle.isEmpty()) {
            if (!whitespace) {
                put(' ');
            }
            writeAll(tagHandle);
            whitespace = false;
            indention = false;
            if (!tagSuffix.isEmpty()) {
                writeTagContent(tagSuffix, false);
            }
        } else {
            writeIndicator("!<", true, false, false);
            writeTagContent(tagSuffix, false);
            writeIndicator(">", false, false, false);
        }
    }

    private void writeTagContent(String value, boolean needWhitespace) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        byte[] bytes = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; ) {
            int c = bytes[i] & 0xFF;
            boolean mustWrite = switch (c) {
                case ';', '/', '?', ':', '@', '&', '=', '+', '$', ',', '_', '.', '~', '*', '\'', '(', ')', '[', ']' ->
                        true;
                default -> YamlScanner.isAlpha(c);
            };
            if (mustWrite) {
                put(c);
                i++;
            } else {
                int w = (c & 0x80) == 0 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : 4;
                for (int k = 0; k < w && i < bytes.length; k++) {
                    int octet = bytes[i++] & 0xFF;
                    put('%');
                    put(Character.toUpperCase(Character.forDigit(octet >> 4, 16)));
                    put(Character.toUpperCase(Character.forDigit(octet & 15, 16)));
                }
            }
        }
        whitespace = false;
        indention = false;
    }

    private void processScalar() {
        switch (scalarStyle) {
            case YamlScanner.PLAIN -> writePlainScalar(scalarValue, !simpleKeyContext);
            case YamlScanner.SINGLE_QUOTED -> writeSingleQuotedScalar(scalarValue, !simpleKeyContext);
            case YamlScanner.DOUBLE_QUOTED -> writeDoubleQuotedScalar(scalarValue, !simpleKeyContext);
            case YamlScanner.LITERAL -> writeLiteralScalar(scalarValue);
            case YamlScanner.FOLDED -> writeFoldedScalar(scalarValue);
            default -> throw error("unknown scalar style");
        }
    }

    // ---- comments ---------------------------------------------------------------------------------------------

    private void processHeadComment() {
        if (!tailComment.isEmpty()) {
            writeIndent();
            writeComment(tailComment);
            tailComment = "";
            footIndent = Math.max(indent, 0);
        }
        if (headComment.isEmpty()) {
            return;
        }
        writeIndent();
        writeComment(headComment);
        headComment = "";
    }

    private void processLineComment(boolean linebreak) {
        if (lineComment.isEmpty()) {
            if (linebreak) {
                putBreak();
            }
            return;
        }
        if (!whitespace) {
            put(' ');
        }
        writeComment(lineComment);
        lineComment = "";
    }

    private void processFootComment() {
        if (footComment.isEmpty()) {
            return;
        }
        writeIndent();
        writeComment(footComment);
        footComment = "";
        footIndent = Math.max(indent, 0);
    }

    private void writeComment(String comment) {
        boolean breaks = false;
        boolean pound = false;
        for (int i = 0; i < comment.length(); ) {
            int c = comment.codePointAt(i);
            i += Character.charCount(c);
            if (isBreak(c)) {
                writeBreak(c);
                breaks = true;
                pound = false;
            } else {
                if (breaks) {
                    writeIndent();
                }
                if (!pound) {
                    if (c != '#') {
                        put('#');
                        put(' ');
                    }
                    pound = true;
                }
                writeCp(c);
                indention = false;
                breaks = false;
            }
        }
        if (!breaks) {
            putBreak();
        }
        whitespace = true;
    }

    // ---- analysis ---------------------------------------------------------------------------------------------

    private void analyzeEvent(YamlEvent event) {
        anchor = null;
        tagHandle = "";
        tagSuffix = "";
        scalarValue = EMPTY;
        if (event.head != null && !event.head.isEmpty()) {
            headComment = event.head;
        }
        if (event.line != null && !event.line.isEmpty()) {
            lineComment = event.line;
        }
        if (event.foot != null && !event.foot.isEmpty()) {
            footComment = event.foot;
        }
        if (event.tail != null && !event.tail.isEmpty()) {
            tailComment = event.tail;
        }
        switch (event.type) {
            case ALIAS -> analyzeAnchor(event.anchor, true);
            case SCALAR -> {
                if (event.anchor != null && !event.anchor.isEmpty()) {
                    analyzeAnchor(event.anchor, false);
                }
                if (event.tag != null && !event.tag.isEmpty() && !event.implicit && !event.quotedImplicit) {
                    analyzeTag(event.tag);
                }
                if (event.codePoints != null && event.analysis >= 0) {
                    unpackAnalysis(event.codePoints, event.analysis);
                } else {
                    analyzeScalar(event.codePoints != null ? event.codePoints : event.value.codePoints().toArray());
                }
            }
            case SEQUENCE_START, MAPPING_START -> {
                if (event.anchor != null && !event.anchor.isEmpty()) {
                    analyzeAnchor(event.anchor, false);
                }
                if (event.tag != null && !event.tag.isEmpty() && !event.implicit) {
                    analyzeTag(event.tag);
                }
            }
            default -> {
            }
        }
    }

    private void analyzeAnchor(String a, boolean alias) {
        if (a == null || a.isEmpty()) {
            throw error(alias ? "alias value must not be empty" : "anchor value must not be empty");
        }
        anchor = a;
        anchorAlias = alias;
    }

    private void analyzeTag(String tag) {
        // Default tag directives only ("!" and "!!"), as go-yaml's encoder never declares others.
        if (tag.startsWith("!") && !tag.startsWith(GoYamlScalars.LONG_PREFIX)) {
            tagHandle = "!";
            tagSuffix = tag.substring(1);
            return;
        }
        if (tag.startsWith(GoYamlScalars.LONG_PREFIX)) {
            tagHandle = "!!";
            tagSuffix = tag.substring(GoYamlScalars.LONG_PREFIX.length());
            return;
        }
        tagSuffix = tag;
    }

    private void analyzeScalar(int[] value) {
        scalarValue = value;
        if (value.length == 0) {
            multiline = false;
            flowPlainAllowed = false;
            blockPlainAllowed = true;
            singleQuotedAllowed = true;
            blockAllowed = false;
            return;
        }
        boolean blockIndicators = false;
        boolean flowIndicators = false;
        boolean lineBreaks = false;
        boolean specialCharacters = false;
        boolean tabCharacters = false;
        boolean leadingSpace = false;
        boolean leadingBreak = false;
        boolean trailingSpace = false;
        boolean trailingBreak = false;
        boolean breakSpace = false;
        boolean spaceBreak = false;
        boolean precededByWhitespace;
        boolean followedByWhitespace;
        boolean previousSpace = false;
        boolean previousBreak = false;

        if (value.length >= 3 && ((value[0] == '-' && value[1] == '-' && value[2] == '-')
                || (value[0] == '.' && value[1] == '.' && value[2] == '.'))) {
            blockIndicators = true;
            flowIndicators = true;
        }
        precededByWhitespace = true;
        int n = value.length;
        for (int i = 0; i < n; i++) {
            int c = value[i];
            followedByWhitespace = i + 1 >= n || isBlank(value[i + 1]);
            if (i == 0) {
                switch (c) {
                    case '#', ',', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`' -> {
                        flowIndicators = true;
                        blockIndicators = true;
                    }
                    case '?', ':' -> {
                        flowIndicators = true;
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                    }
                    case '-' -> {
                        if (followedByWhitespace) {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                    }
                    default -> {
                    }
                }
            } else {
                switch (c) {
                    case ',', '?', '[', ']', '{', '}' -> flowIndicators = true;
                    case ':' -> {
                        flowIndicators = true;
                        if (followedByWhitespace) {
                            blockIndicators = true;
                        }
                    }
                    case '#' -> {
                        if (precededByWhitespace) {
                            flowIndicators = true;
                            blockIndicators = true;
                        }
                    }
                    default -> {
                    }
                }
            }
            if (c == '\t') {
                tabCharacters = true;
            } else if (!isPrintable(c)) {
                specialCharacters = true;
            }
            if (isSpace(c)) {
                if (i == 0) {
                    leadingSpace = true;
                }
                if (i + 1 == n) {
                    trailingSpace = true;
                }
                if (previousBreak) {
                    breakSpace = true;
                }
                previousSpace = true;
                previousBreak = false;
            } else if (isBreak(c)) {
                lineBreaks = true;
                if (i == 0) {
                    leadingBreak = true;
                }
                if (i + 1 == n) {
                    trailingBreak = true;
                }
                if (previousSpace) {
                    spaceBreak = true;
                }
                previousSpace = false;
                previousBreak = true;
            } else {
                previousSpace = false;
                previousBreak = false;
            }
            precededByWhitespace = isBlankz(c);
        }
        multiline = lineBreaks;
        flowPlainAllowed = true;
        blockPlainAllowed = true;
        singleQuotedAllowed = true;
        blockAllowed = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
            flowPlainAllowed = false;
            blockPlainAllowed = false;
        }
        if (trailingSpace) {
            blockAllowed = false;
        }
        if (breakSpace) {
            flowPlainAllowed = false;
            blockPlainAllowed = false;
            singleQuotedAllowed = false;
        }
        if (spaceBreak || tabCharacters || specialCharacters) {
            flowPlainAllowed = false;
            blockPlainAllowed = false;
            singleQuotedAllowed = false;
        }
        if (spaceBreak || specialCharacters) {
            blockAllowed = false;
        }
        if (lineBreaks) {
            flowPlainAllowed = false;
            blockPlainAllowed = false;
        }
        if (flowIndicators) {
            flowPlainAllowed = false;
        }
        if (blockIndicators) {
            blockPlainAllowed = false;
        }
    }

    private static final int F_MULTILINE = 1;
    private static final int F_FLOW_PLAIN = 2;
    private static final int F_BLOCK_PLAIN = 4;
    private static final int F_SINGLE = 8;
    private static final int F_BLOCK = 16;

    /** The analysis of the last scalar, packed so that a writer can hand it back with the event. */
    private int packedAnalysis() {
        return (multiline ? F_MULTILINE : 0) | (flowPlainAllowed ? F_FLOW_PLAIN : 0)
                | (blockPlainAllowed ? F_BLOCK_PLAIN : 0) | (singleQuotedAllowed ? F_SINGLE : 0)
                | (blockAllowed ? F_BLOCK : 0);
    }

    private void unpackAnalysis(int[] value, int a) {
        scalarValue = value;
        multiline = (a & F_MULTILINE) != 0;
        flowPlainAllowed = (a & F_FLOW_PLAIN) != 0;
        blockPlainAllowed = (a & F_BLOCK_PLAIN) != 0;
        singleQuotedAllowed = (a & F_SINGLE) != 0;
        blockAllowed = (a & F_BLOCK) != 0;
    }

    /** Scalar analysis of {@code value}, packed (see {@link YamlEvent#analysis}). */
    static int analyze(int[] value) {
        YamlEmitter e = ANALYZER.get();
        e.analyzeScalar(value);
        e.scalarValue = EMPTY;
        return e.packedAnalysis();
    }

    /** The style go-yaml's emitter picks for a scalar in a root, block context (what {@code Node.Encode} sees). */
    static int rootStyle(int[] value, int requested) {
        return rootStyleFromAnalysis(analyze(value), requested);
    }

    static int rootStyleFromAnalysis(int analysis, int requested) {
        YamlEmitter e = ANALYZER.get();
        e.unpackAnalysis(EMPTY, analysis);
        int style = requested;
        if (style == YamlScanner.PLAIN && !e.blockPlainAllowed) {
            style = YamlScanner.SINGLE_QUOTED;
        }
        if (style == YamlScanner.SINGLE_QUOTED && !e.singleQuotedAllowed) {
            style = YamlScanner.DOUBLE_QUOTED;
        }
        if ((style == YamlScanner.LITERAL || style == YamlScanner.FOLDED) && !e.blockAllowed) {
            style = YamlScanner.DOUBLE_QUOTED;
        }
        e.scalarValue = EMPTY;
        return style;
    }

    /** Only its analysis fields are used; one per thread avoids allocating an emitter per scalar. */
    private static final ThreadLocal<YamlEmitter> ANALYZER = ThreadLocal.withInitial(() -> new YamlEmitter(4));

    // ---- writers ----------------------------------------------------------------------------------------------

    private void writeIndent() {
        int ind = Math.max(indent, 0);
        if (!indention || column > ind || (column == ind && !whitespace)) {
            putBreak();
        }
        if (footIndent == ind) {
            putBreak();
        }
        while (column < ind) {
            put(' ');
        }
        whitespace = true;
        spaceAbove = false;
        footIndent = -1;
    }

    private void writeIndicator(String indicator, boolean needWhitespace, boolean isWhitespace,
            boolean isIndention) {
        if (needWhitespace && !whitespace) {
            put(' ');
        }
        writeAll(indicator);
        whitespace = isWhitespace;
        indention = indention && isIndention;
        openEnded = false;
    }

    private void writePlainScalar(int[] value, boolean allowBreaks) {
        if (value.length > 0 && !whitespace) {
            put(' ');
        }
        boolean spaces = false;
        boolean breaks = false;
        for (int i = 0; i < value.length; i++) {
            int c = value[i];
            if (isSpace(c)) {
                if (allowBreaks && !spaces && column > bestWidth && !isSpace(at(value, i + 1))) {
                    writeIndent();
                } else {
                    writeCp(c);
                }
                spaces = true;
            } else if (isBreak(c)) {
                if (!breaks && c == '\n') {
                    putBreak();
                }
                writeBreak(c);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                writeCp(c);
                indention = false;
                spaces = false;
                breaks = false;
            }
        }
        if (value.length > 0) {
            whitespace = false;
        }
        indention = false;
        if (rootContext) {
            openEnded = true;
        }
    }

    private void writeSingleQuotedScalar(int[] value, boolean allowBreaks) {
        writeIndicator("'", true, false, false);
        boolean spaces = false;
        boolean breaks = false;
        for (int i = 0; i < value.length; i++) {
            int c = value[i];
            if (isSpace(c)) {
                if (allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.length - 1
                        && !isSpace(at(value, i + 1))) {
                    writeIndent();
                } else {
                    writeCp(c);
                }
                spaces = true;
            } else if (isBreak(c)) {
                if (!breaks && c == '\n') {
                    putBreak();
                }
                writeBreak(c);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                if (c == '\'') {
                    put('\'');
                }
                writeCp(c);
                indention = false;
                spaces = false;
                breaks = false;
            }
        }
        writeIndicator("'", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void writeDoubleQuotedScalar(int[] value, boolean allowBreaks) {
        boolean spaces = false;
        writeIndicator("\"", true, false, false);
        // libyaml's BOM test here looks at the start of the value: after a leading BOM everything is escaped.
        boolean bomStart = value.length > 0 && value[0] == 0xFEFF;
        for (int i = 0; i < value.length; i++) {
            int v = value[i];
            if (!isPrintable(v) || bomStart || isBreak(v) || v == '"' || v == '\\') {
                put('\\');
                switch (v) {
                    case 0x00 -> put('0');
                    case 0x07 -> put('a');
                    case 0x08 -> put('b');
                    case 0x09 -> put('t');
                    case 0x0A -> put('n');
                    case 0x0B -> put('v');
                    case 0x0C -> put('f');
                    case 0x0D -> put('r');
                    case 0x1B -> put('e');
                    case 0x22 -> put('"');
                    case 0x5C -> put('\\');
                    case 0x85 -> put('N');
                    case 0xA0 -> put('_');
                    case 0x2028 -> put('L');
                    case 0x2029 -> put('P');
                    default -> {
                        int w;
                        if (v <= 0xFF) {
                            put('x');
                            w = 2;
                        } else if (v <= 0xFFFF) {
                            put('u');
                            w = 4;
                        } else {
                            put('U');
                            w = 8;
                        }
                        for (int k = (w - 1) * 4; k >= 0; k -= 4) {
                            int digit = (v >> k) & 0x0F;
                            put(digit < 10 ? digit + '0' : digit + 'A' - 10);
                        }
                    }
                }
                spaces = false;
            } else if (isSpace(v)) {
                if (allowBreaks && !spaces && column > bestWidth && i > 0 && i < value.length - 1) {
                    writeIndent();
                    if (isSpace(at(value, i + 1))) {
                        put('\\');
                    }
                } else {
                    writeCp(v);
                }
                spaces = true;
            } else {
                writeCp(v);
                spaces = false;
            }
        }
        writeIndicator("\"", false, false, false);
        whitespace = false;
        indention = false;
    }

    private void writeBlockScalarHints(int[] value) {
        if (value.length > 0 && (isSpace(value[0]) || isBreak(value[0]))) {
            writeIndicator(String.valueOf((char) ('0' + bestIndent)), false, false, false);
        }
        openEnded = false;
        char chomp = 0;
        if (value.length == 0) {
            chomp = '-';
        } else {
            int i = value.length - 1;
            if (!isBreak(value[i])) {
                chomp = '-';
            } else if (i == 0) {
                chomp = '+';
                openEnded = true;
            } else {
                i--;
                if (isBreak(value[i])) {
                    chomp = '+';
                    openEnded = true;
                }
            }
        }
        if (chomp != 0) {
            writeIndicator(String.valueOf(chomp), false, false, false);
        }
    }

    private void writeLiteralScalar(int[] value) {
        writeIndicator("|", true, false, false);
        writeBlockScalarHints(value);
        processLineComment(true);
        whitespace = true;
        boolean breaks = true;
        for (int c : value) {
            if (isBreak(c)) {
                writeBreak(c);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                }
                writeCp(c);
                indention = false;
                breaks = false;
            }
        }
    }

    private void writeFoldedScalar(int[] value) {
        writeIndicator(">", true, false, false);
        writeBlockScalarHints(value);
        processLineComment(true);
        whitespace = true;
        boolean breaks = true;
        boolean leadingSpaces = true;
        for (int i = 0; i < value.length; i++) {
            int c = value[i];
            if (isBreak(c)) {
                if (!breaks && !leadingSpaces && c == '\n') {
                    int k = 0;
                    while (isBreak(at(value, k))) {
                        k++;
                    }
                    if (!isBlankz(at(value, k))) {
                        putBreak();
                    }
                }
                writeBreak(c);
                breaks = true;
            } else {
                if (breaks) {
                    writeIndent();
                    leadingSpaces = isBlank(c);
                }
                if (!breaks && isSpace(c) && !isSpace(at(value, i + 1)) && column > bestWidth) {
                    writeIndent();
                } else {
                    writeCp(c);
                }
                indention = false;
                breaks = false;
            }
        }
    }
}
