package dev.jsops.sops.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * YAML tokenizer following the rules of libyaml's scanner as extended by go-yaml v3 (go.yaml.in/yaml/v3 v3.0.4,
 * {@code scannerc.go}, {@code readerc.go}). Our own Java code; it reproduces go-yaml's behaviour rather than its
 * source, including the parts that decide comment placement, because sops's tree depends on exactly where go-yaml
 * attaches each comment (head, line or foot of which token), and that is decided here, from marks, indentation and
 * blank lines. SnakeYAML's comment events carry a different model (no foot comments, no token association), so they
 * cannot be mapped onto go-yaml's.
 *
 * <p>The input is decoded up front into code points (go-yaml works on UTF-8 bytes; for every ASCII-driven decision
 * the two agree, and columns and indexes count characters in both). Marks count characters; CR LF counts two.
 */
final class YamlScanner {

    record Mark(int index, int line, int column) {
        static final Mark ZERO = new Mark(0, 0, 0);
    }

    enum T {
        STREAM_START, STREAM_END, VERSION_DIRECTIVE, TAG_DIRECTIVE, DOCUMENT_START, DOCUMENT_END,
        BLOCK_SEQUENCE_START, BLOCK_MAPPING_START, BLOCK_END, FLOW_SEQUENCE_START, FLOW_SEQUENCE_END,
        FLOW_MAPPING_START, FLOW_MAPPING_END, BLOCK_ENTRY, FLOW_ENTRY, KEY, VALUE, ALIAS, ANCHOR, TAG, SCALAR
    }

    /** Scalar styles (also used for events and nodes). */
    static final int PLAIN = 1;
    static final int SINGLE_QUOTED = 2;
    static final int DOUBLE_QUOTED = 3;
    static final int LITERAL = 4;
    static final int FOLDED = 5;

    static final class Token {
        final T type;
        final Mark start;
        final Mark end;
        String value;   // scalar text, anchor name, tag handle, directive handle
        String suffix;  // tag suffix
        String prefix;  // tag directive prefix
        int style;
        int major;
        int minor;

        Token(T type, Mark start, Mark end) {
            this.type = type;
            this.start = start;
            this.end = end;
        }
    }

    /** go-yaml's {@code yaml_comment_t}. Consumed comments are blanked, as go-yaml zeroes them. */
    static final class ScanComment {
        Mark scanMark;
        Mark tokenMark;
        Mark startMark;
        Mark endMark;
        String head;
        String line;
        String foot;

        ScanComment(Mark scanMark, Mark tokenMark, Mark startMark, Mark endMark) {
            this.scanMark = scanMark;
            this.tokenMark = tokenMark;
            this.startMark = startMark;
            this.endMark = endMark;
        }

        void clear() {
            scanMark = Mark.ZERO;
            tokenMark = Mark.ZERO;
            startMark = Mark.ZERO;
            endMark = Mark.ZERO;
            head = null;
            line = null;
            foot = null;
        }
    }

    private static final class SimpleKey {
        boolean possible;
        boolean required;
        int tokenNumber;
        Mark mark;

        SimpleKey(boolean possible, boolean required, int tokenNumber, Mark mark) {
            this.possible = possible;
            this.required = required;
            this.tokenNumber = tokenNumber;
            this.mark = mark;
        }
    }

    private static final int MAX_FLOW_LEVEL = 10000;
    private static final int MAX_INDENTS = 10000;

    private final int[] b;
    private int pos;
    private int mIndex;
    private int mLine;
    private int mColumn;

    private boolean streamStartProduced;
    private boolean streamEndProduced;
    private int flowLevel;

    final ArrayList<Token> tokens = new ArrayList<>();
    int tokensHead;
    int tokensParsed;
    boolean tokenAvailable;
    // go-yaml's token queue is a slice that is compacted only when full; which consumed tokens are still visible
    // to "the token before the last one" depends on it, so its capacity is tracked.
    private int tokensCap = 16;

    private int indent;
    private int[] indents = new int[16];
    private int indentsLen;

    private boolean simpleKeyAllowed;
    private final ArrayList<SimpleKey> simpleKeys = new ArrayList<>();
    private final Map<Integer, Integer> simpleKeysByTok = new HashMap<>();

    private int newlines;

    final ArrayList<ScanComment> comments = new ArrayList<>();
    int commentsHead;

    YamlScanner(byte[] input) {
        this.b = YamlReader.decode(input);
    }

    // ---- character classes ------------------------------------------------------------------------------------

    static boolean isBlank(int c) {
        return c == ' ' || c == '\t';
    }

    static boolean isBreak(int c) {
        return c == '\r' || c == '\n' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    static boolean isBreakz(int c) {
        return isBreak(c) || c == 0;
    }

    static boolean isBlankz(int c) {
        return isBlank(c) || isBreakz(c);
    }

    static boolean isAlpha(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c == '_' || c == '-';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(int c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f';
    }

    private static int asHex(int c) {
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return c - '0';
    }

    private Mark mark() {
        return new Mark(mIndex, mLine, mColumn);
    }

    private int at(int k) {
        int p = pos + k;
        return p < b.length ? b[p] : 0;
    }

    // ---- cursor movement --------------------------------------------------------------------------------------

    private void skip() {
        if (!isBlank(b[pos])) {
            newlines = 0;
        }
        mIndex++;
        mColumn++;
        pos++;
    }

    private void skipLine() {
        int c = b[pos];
        if (c == '\r' && at(1) == '\n') {
            mIndex += 2;
            mColumn = 0;
            mLine++;
            pos += 2;
            newlines++;
        } else if (isBreak(c)) {
            mIndex++;
            mColumn = 0;
            mLine++;
            pos++;
            newlines++;
        }
    }

    private void read(StringBuilder s) {
        int c = b[pos];
        if (!isBlank(c)) {
            newlines = 0;
        }
        s.appendCodePoint(c);
        pos++;
        mIndex++;
        mColumn++;
    }

    private void readLine(StringBuilder s) {
        int c = b[pos];
        if (c == '\r' && at(1) == '\n') {
            s.append('\n');
            pos += 2;
            mIndex++;
        } else if (c == '\r' || c == '\n' || c == 0x85) {
            s.append('\n');
            pos++;
        } else if (c == 0x2028 || c == 0x2029) {
            s.appendCodePoint(c);
            pos++;
        } else {
            return;
        }
        mIndex++;
        mColumn = 0;
        mLine++;
        newlines++;
    }

    // ---- errors -----------------------------------------------------------------------------------------------

    private YamlSyntaxError scannerError(String context, Mark contextMark, String problem) {
        return new YamlSyntaxError(YamlSyntaxError.Kind.SCANNER, contextMark, mark(), problem);
    }

    // ---- token queue ------------------------------------------------------------------------------------------

    private void insertToken(int at, Token token) {
        if (tokensHead > 0 && tokens.size() == tokensCap) {
            tokens.subList(0, tokensHead).clear();
            tokensHead = 0;
        }
        if (at < 0) {
            tokens.add(token);
        } else {
            tokens.add(tokensHead + at, token);
        }
        if (tokens.size() > tokensCap) {
            tokensCap *= 2;
        }
    }

    private Token lastToken() {
        return tokens.get(tokens.size() - 1);
    }

    /** Ensures a token is available at {@link #tokensHead} (go-yaml {@code yaml_parser_fetch_more_tokens}). */
    void fetchMoreTokens() {
        for (;;) {
            // go-yaml keeps two tokens of look-ahead so foot comments can be associated before the parser moves on.
            if (tokensHead < tokens.size() - 2) {
                Integer idx = simpleKeysByTok.get(tokensParsed);
                if (idx == null) {
                    break;
                }
                if (!simpleKeyIsValid(simpleKeys.get(idx))) {
                    break;
                }
            }
            fetchNextToken();
        }
        tokenAvailable = true;
    }

    boolean streamEndProduced() {
        return streamEndProduced;
    }

    void markStreamEnd(boolean v) {
        streamEndProduced = v;
    }

    private void fetchNextToken() {
        if (!streamStartProduced) {
            fetchStreamStart();
            return;
        }
        Mark scanMark = mark();
        scanToNextToken();
        unrollIndent(mColumn, scanMark);

        int c = b[pos];
        if (c == 0) {
            fetchStreamEnd();
            return;
        }
        if (mColumn == 0 && c == '%') {
            fetchDirective();
            return;
        }
        if (mColumn == 0 && c == '-' && at(1) == '-' && at(2) == '-' && isBlankz(at(3))) {
            fetchDocumentIndicator(T.DOCUMENT_START);
            return;
        }
        if (mColumn == 0 && c == '.' && at(1) == '.' && at(2) == '.' && isBlankz(at(3))) {
            fetchDocumentIndicator(T.DOCUMENT_END);
            return;
        }

        Mark commentMark = mark();
        if (!tokens.isEmpty() && (flowLevel == 0 && c == ':' || flowLevel > 0 && c == ',')) {
            // Comments after ':' or ',' belong to the token before it.
            commentMark = lastToken().start;
        }

        fetchToken(c);

        if (!tokens.isEmpty() && lastToken().type == T.BLOCK_ENTRY) {
            // A '-' alone has no line comment: it becomes the head comment of whatever follows.
            return;
        }
        scanLineComment(commentMark);
    }

    private void fetchToken(int c) {
        switch (c) {
            case '[' -> fetchFlowCollectionStart(T.FLOW_SEQUENCE_START);
            case '{' -> fetchFlowCollectionStart(T.FLOW_MAPPING_START);
            case ']' -> fetchFlowCollectionEnd(T.FLOW_SEQUENCE_END);
            case '}' -> fetchFlowCollectionEnd(T.FLOW_MAPPING_END);
            case ',' -> fetchFlowEntry();
            default -> {
                if (c == '-' && isBlankz(at(1))) {
                    fetchBlockEntry();
                } else if (c == '?' && (flowLevel > 0 || isBlankz(at(1)))) {
                    fetchKey();
                } else if (c == ':' && (flowLevel > 0 || isBlankz(at(1)))) {
                    fetchValue();
                } else if (c == '*') {
                    fetchAnchor(T.ALIAS);
                } else if (c == '&') {
                    fetchAnchor(T.ANCHOR);
                } else if (c == '!') {
                    fetchTag();
                } else if (c == '|' && flowLevel == 0) {
                    fetchBlockScalar(true);
                } else if (c == '>' && flowLevel == 0) {
                    fetchBlockScalar(false);
                } else if (c == '\'') {
                    fetchFlowScalar(true);
                } else if (c == '"') {
                    fetchFlowScalar(false);
                } else if (!(isBlankz(c) || c == '-' || c == '?' || c == ':' || c == ',' || c == '[' || c == ']'
                        || c == '{' || c == '}' || c == '#' || c == '&' || c == '*' || c == '!' || c == '|'
                        || c == '>' || c == '\'' || c == '"' || c == '%' || c == '@' || c == '`')
                        || (c == '-' && !isBlank(at(1)))
                        || (flowLevel == 0 && (c == '?' || c == ':') && !isBlankz(at(1)))) {
                    fetchPlainScalar();
                } else {
                    throw scannerError("while scanning for the next token", mark(),
                            "found character that cannot start any token");
                }
            }
        }
    }

    // ---- simple keys and indentation --------------------------------------------------------------------------

    private boolean simpleKeyIsValid(SimpleKey key) {
        if (!key.possible) {
            return false;
        }
        if (key.mark.line() < mLine || key.mark.index() + 1024 < mIndex) {
            if (key.required) {
                throw scannerError("while scanning a simple key", key.mark, "could not find expected ':'");
            }
            key.possible = false;
            return false;
        }
        return true;
    }

    private void saveSimpleKey() {
        boolean required = flowLevel == 0 && indent == mColumn;
        if (simpleKeyAllowed) {
            SimpleKey key = new SimpleKey(true, required, tokensParsed + (tokens.size() - tokensHead), mark());
            removeSimpleKey();
            simpleKeys.set(simpleKeys.size() - 1, key);
            simpleKeysByTok.put(key.tokenNumber, simpleKeys.size() - 1);
        }
    }

    private void removeSimpleKey() {
        int i = simpleKeys.size() - 1;
        SimpleKey key = simpleKeys.get(i);
        if (key.possible) {
            if (key.required) {
                throw scannerError("while scanning a simple key", key.mark, "could not find expected ':'");
            }
            key.possible = false;
            simpleKeysByTok.remove(key.tokenNumber);
        }
    }

    private void increaseFlowLevel() {
        simpleKeys.add(new SimpleKey(false, false, tokensParsed + (tokens.size() - tokensHead), mark()));
        flowLevel++;
        if (flowLevel > MAX_FLOW_LEVEL) {
            throw scannerError("while increasing flow level", simpleKeys.get(simpleKeys.size() - 1).mark,
                    "exceeded max depth of " + MAX_FLOW_LEVEL);
        }
    }

    private void decreaseFlowLevel() {
        if (flowLevel > 0) {
            flowLevel--;
            int last = simpleKeys.size() - 1;
            simpleKeysByTok.remove(simpleKeys.get(last).tokenNumber);
            simpleKeys.remove(last);
        }
    }

    private void rollIndent(int column, int number, T type, Mark mark) {
        if (flowLevel > 0) {
            return;
        }
        if (indent < column) {
            if (indentsLen == indents.length) {
                indents = java.util.Arrays.copyOf(indents, indentsLen * 2);
            }
            indents[indentsLen++] = indent;
            indent = column;
            if (indentsLen > MAX_INDENTS) {
                throw scannerError("while increasing indent level", simpleKeys.get(simpleKeys.size() - 1).mark,
                        "exceeded max depth of " + MAX_INDENTS);
            }
            Token token = new Token(type, mark, mark);
            if (number > -1) {
                number -= tokensParsed;
            }
            insertToken(number, token);
        }
    }

    private void unrollIndent(int column, Mark scanMark) {
        if (flowLevel > 0) {
            return;
        }
        Mark blockMark = new Mark(scanMark.index() - 1, scanMark.line(), scanMark.column());
        while (indent > column) {
            // Place the block end before foot comments that belong to parent blocks: search back for recent
            // comments that started at the indentation of the block being closed.
            int stopIndex = blockMark.index();
            for (int i = comments.size() - 1; i >= 0; i--) {
                ScanComment comment = comments.get(i);
                if (comment.endMark.index() < stopIndex) {
                    break;
                }
                if (comment.startMark.column() == indent + 1) {
                    blockMark = comment.startMark;
                }
                stopIndex = comment.scanMark.index();
            }
            insertToken(-1, new Token(T.BLOCK_END, blockMark, blockMark));
            indent = indents[--indentsLen];
        }
    }

    // ---- fetchers ---------------------------------------------------------------------------------------------

    private void fetchStreamStart() {
        indent = -1;
        simpleKeys.add(new SimpleKey(false, false, 0, Mark.ZERO));
        simpleKeyAllowed = true;
        streamStartProduced = true;
        Mark m = mark();
        insertToken(-1, new Token(T.STREAM_START, m, m));
    }

    private void fetchStreamEnd() {
        if (mColumn != 0) {
            mColumn = 0;
            mLine++;
        }
        unrollIndent(-1, mark());
        removeSimpleKey();
        simpleKeyAllowed = false;
        Mark m = mark();
        insertToken(-1, new Token(T.STREAM_END, m, m));
    }

    private void fetchDirective() {
        unrollIndent(-1, mark());
        removeSimpleKey();
        simpleKeyAllowed = false;
        insertToken(-1, scanDirective());
    }

    private void fetchDocumentIndicator(T type) {
        unrollIndent(-1, mark());
        removeSimpleKey();
        simpleKeyAllowed = false;
        Mark start = mark();
        skip();
        skip();
        skip();
        insertToken(-1, new Token(type, start, mark()));
    }

    private void fetchFlowCollectionStart(T type) {
        saveSimpleKey();
        increaseFlowLevel();
        simpleKeyAllowed = true;
        Mark start = mark();
        skip();
        insertToken(-1, new Token(type, start, mark()));
    }

    private void fetchFlowCollectionEnd(T type) {
        removeSimpleKey();
        decreaseFlowLevel();
        simpleKeyAllowed = false;
        Mark start = mark();
        skip();
        insertToken(-1, new Token(type, start, mark()));
    }

    private void fetchFlowEntry() {
        removeSimpleKey();
        simpleKeyAllowed = true;
        Mark start = mark();
        skip();
        insertToken(-1, new Token(T.FLOW_ENTRY, start, mark()));
    }

    private void fetchBlockEntry() {
        if (flowLevel == 0) {
            if (!simpleKeyAllowed) {
                throw scannerError("", mark(), "block sequence entries are not allowed in this context");
            }
            rollIndent(mColumn, -1, T.BLOCK_SEQUENCE_START, mark());
        }
        removeSimpleKey();
        simpleKeyAllowed = true;
        Mark start = mark();
        skip();
        insertToken(-1, new Token(T.BLOCK_ENTRY, start, mark()));
    }

    private void fetchKey() {
        if (flowLevel == 0) {
            if (!simpleKeyAllowed) {
                throw scannerError("", mark(), "mapping keys are not allowed in this context");
            }
            rollIndent(mColumn, -1, T.BLOCK_MAPPING_START, mark());
        }
        removeSimpleKey();
        simpleKeyAllowed = flowLevel == 0;
        Mark start = mark();
        skip();
        insertToken(-1, new Token(T.KEY, start, mark()));
    }

    private void fetchValue() {
        SimpleKey key = simpleKeys.get(simpleKeys.size() - 1);
        if (simpleKeyIsValid(key)) {
            insertToken(key.tokenNumber - tokensParsed, new Token(T.KEY, key.mark, key.mark));
            rollIndent(key.mark.column(), key.tokenNumber, T.BLOCK_MAPPING_START, key.mark);
            key.possible = false;
            simpleKeysByTok.remove(key.tokenNumber);
            simpleKeyAllowed = false;
        } else {
            if (flowLevel == 0) {
                if (!simpleKeyAllowed) {
                    throw scannerError("", mark(), "mapping values are not allowed in this context");
                }
                rollIndent(mColumn, -1, T.BLOCK_MAPPING_START, mark());
            }
            simpleKeyAllowed = flowLevel == 0;
        }
        Mark start = mark();
        skip();
        insertToken(-1, new Token(T.VALUE, start, mark()));
    }

    private void fetchAnchor(T type) {
        saveSimpleKey();
        simpleKeyAllowed = false;
        insertToken(-1, scanAnchor(type));
    }

    private void fetchTag() {
        saveSimpleKey();
        simpleKeyAllowed = false;
        insertToken(-1, scanTag());
    }

    private void fetchBlockScalar(boolean literal) {
        removeSimpleKey();
        simpleKeyAllowed = true;
        insertToken(-1, scanBlockScalar(literal));
    }

    private void fetchFlowScalar(boolean single) {
        saveSimpleKey();
        simpleKeyAllowed = false;
        insertToken(-1, scanFlowScalar(single));
    }

    private void fetchPlainScalar() {
        saveSimpleKey();
        simpleKeyAllowed = false;
        insertToken(-1, scanPlainScalar());
    }

    // ---- whitespace and comments ------------------------------------------------------------------------------

    private void scanToNextToken() {
        Mark scanMark = mark();
        for (;;) {
            // go-yaml's BOM test looks at the start of its read buffer, not at the current character: a BOM
            // further down is kept as content, and after a doubled BOM at the start every line loses its first
            // character (go-yaml compacts its buffer now and then, which this does not model).
            if (mColumn == 0 && b[0] == 0xFEFF) {
                skip();
            }
            while (b[pos] == ' ' || ((flowLevel > 0 || !simpleKeyAllowed) && b[pos] == '\t')) {
                skip();
            }
            // A line comment right after the '-' that opens a sequence ("- # c") becomes a head comment.
            if (!comments.isEmpty() && tokens.size() > 1) {
                Token a = tokens.get(tokens.size() - 2);
                Token bt = tokens.get(tokens.size() - 1);
                ScanComment comment = comments.get(comments.size() - 1);
                if (a.type == T.BLOCK_SEQUENCE_START && bt.type == T.BLOCK_ENTRY && comment.line != null
                        && !isBreak(b[pos])) {
                    comment.head = comment.line;
                    comment.line = null;
                    if (comment.startMark.line() == mLine - 1) {
                        comment.tokenMark = mark();
                    }
                }
            }
            if (b[pos] == '#') {
                scanComments(scanMark);
            }
            if (isBreak(b[pos])) {
                skipLine();
                if (flowLevel == 0) {
                    simpleKeyAllowed = true;
                }
            } else {
                break;
            }
        }
    }

    private void scanLineComment(Mark tokenMark) {
        if (newlines > 0) {
            return;
        }
        Mark start = null;
        StringBuilder text = null;
        for (int peek = 0; peek < 512; peek++) {
            int c = at(peek);
            if (isBlank(c)) {
                continue;
            }
            if (c == '#') {
                int seen = mIndex + peek;
                for (;;) {
                    if (isBreakz(b[pos])) {
                        if (mIndex >= seen) {
                            break;
                        }
                        skipLine();
                    } else if (mIndex >= seen) {
                        if (text == null) {
                            text = new StringBuilder();
                            start = mark();
                        }
                        read(text);
                    } else {
                        skip();
                    }
                }
            }
            break;
        }
        if (text != null && text.length() > 0) {
            ScanComment comment = new ScanComment(Mark.ZERO, tokenMark, start, Mark.ZERO);
            comment.line = text.toString();
            comments.add(comment);
        }
    }

    private void scanComments(Mark scanMark) {
        Token token = lastToken();
        if (token.type == T.FLOW_ENTRY && tokens.size() > 1) {
            token = tokens.get(tokens.size() - 2);
        }
        Mark tokenMark = token.start;
        Mark start = Mark.ZERO;
        int nextIndent = Math.max(indent, 0);

        boolean recentEmpty = false;
        boolean firstEmpty = newlines <= 1;

        int line = mLine;
        int column = mColumn;

        StringBuilder text = new StringBuilder();

        // The foot line is where a comment must start to be a foot comment of the prior token.
        int footLine = -1;
        if (scanMark.line() > 0) {
            footLine = mLine - newlines + 1;
            if (newlines == 0 && mColumn > 1) {
                footLine++;
            }
        }

        int peek = 0;
        // go-yaml peeks bytes here: after a multi-byte line break (NEL, LS, PS) it lands on a UTF-8 continuation
        // byte, which is neither blank, break nor '#', and stops looking.
        boolean continuation = false;
        for (; peek < 512; peek++) {
            column++;
            int c = continuation ? 0x80 : at(peek);
            continuation = false;
            if (isBlank(c)) {
                continue;
            }
            boolean closeFlow = flowLevel > 0 && (c == ']' || c == '}');
            if (closeFlow || isBreakz(c)) {
                if (closeFlow || !recentEmpty) {
                    if (closeFlow || firstEmpty && (start.line() == footLine && token.type != T.VALUE
                            || start.column() - 1 < nextIndent)) {
                        // This is the foot of whatever came before.
                        if (text.length() > 0) {
                            if (start.column() - 1 < nextIndent) {
                                // If we dedented it's unrelated to the prior token.
                                tokenMark = start;
                            }
                            Mark end = new Mark(mIndex + peek, line, column);
                            ScanComment comment = new ScanComment(scanMark, tokenMark, start, end);
                            comment.foot = text.toString();
                            comments.add(comment);
                            scanMark = end;
                            tokenMark = scanMark;
                            text.setLength(0);
                        }
                    } else if (text.length() > 0 && c != 0) {
                        text.append('\n');
                    }
                }
                if (!isBreak(c)) {
                    break;
                }
                continuation = c == 0x85 || c == 0x2028 || c == 0x2029;
                firstEmpty = false;
                recentEmpty = true;
                column = 0;
                line++;
                continue;
            }

            if (text.length() > 0 && (closeFlow || column - 1 < nextIndent && column != start.column())) {
                // The comment at the different indentation is a foot of the preceding data rather than a head
                // of the upcoming one.
                Mark end = new Mark(mIndex + peek, line, column);
                ScanComment comment = new ScanComment(scanMark, tokenMark, start, end);
                comment.foot = text.toString();
                comments.add(comment);
                scanMark = end;
                tokenMark = scanMark;
                text.setLength(0);
            }

            if (c != '#') {
                break;
            }

            if (text.length() == 0) {
                start = new Mark(mIndex + peek, line, column);
            } else {
                text.append('\n');
            }

            recentEmpty = false;

            // Consume until after the consumed comment line.
            int seen = mIndex + peek;
            for (;;) {
                if (isBreakz(b[pos])) {
                    if (mIndex >= seen) {
                        break;
                    }
                    skipLine();
                } else if (mIndex >= seen) {
                    read(text);
                } else {
                    skip();
                }
            }

            peek = 0;
            column = 0;
            line = mLine;
            nextIndent = Math.max(indent, 0);
            // The next peek is one byte past the break that ended the comment.
            continuation = b[pos] == 0x85 || b[pos] == 0x2028 || b[pos] == 0x2029;
        }

        if (text.length() > 0) {
            Mark end = new Mark(mIndex + peek - 1, line, column);
            ScanComment comment = new ScanComment(scanMark, start, start, end);
            comment.head = text.toString();
            comments.add(comment);
        }
    }

    // ---- directives, anchors, tags ----------------------------------------------------------------------------

    private Token scanDirective() {
        Mark start = mark();
        skip();
        String name = scanDirectiveName(start);
        Token token;
        if (name.equals("YAML")) {
            while (isBlank(b[pos])) {
                skip();
            }
            int major = scanVersionDirectiveNumber(start);
            if (b[pos] != '.') {
                throw scannerError("while scanning a %YAML directive", start,
                        "did not find expected digit or '.' character");
            }
            skip();
            int minor = scanVersionDirectiveNumber(start);
            token = new Token(T.VERSION_DIRECTIVE, start, mark());
            token.major = major;
            token.minor = minor;
        } else if (name.equals("TAG")) {
            while (isBlank(b[pos])) {
                skip();
            }
            String handle = scanTagHandle(true, start);
            if (!isBlank(b[pos])) {
                throw scannerError("while scanning a %TAG directive", start, "did not find expected whitespace");
            }
            while (isBlank(b[pos])) {
                skip();
            }
            String prefix = scanTagUri(true, null, start);
            if (!isBlankz(b[pos])) {
                throw scannerError("while scanning a %TAG directive", start,
                        "did not find expected whitespace or line break");
            }
            token = new Token(T.TAG_DIRECTIVE, start, mark());
            token.value = handle;
            token.prefix = prefix;
        } else {
            throw scannerError("while scanning a directive", start, "found unknown directive name");
        }
        while (isBlank(b[pos])) {
            skip();
        }
        if (b[pos] == '#') {
            // go-yaml discards comments on directive lines.
            while (!isBreakz(b[pos])) {
                skip();
            }
        }
        if (!isBreakz(b[pos])) {
            throw scannerError("while scanning a directive", start, "did not find expected comment or line break");
        }
        if (isBreak(b[pos])) {
            skipLine();
        }
        return token;
    }

    private String scanDirectiveName(Mark start) {
        StringBuilder s = new StringBuilder();
        while (isAlpha(b[pos])) {
            read(s);
        }
        if (s.length() == 0) {
            throw scannerError("while scanning a directive", start, "could not find expected directive name");
        }
        if (!isBlankz(b[pos])) {
            throw scannerError("while scanning a directive", start, "found unexpected non-alphabetical character");
        }
        return s.toString();
    }

    private int scanVersionDirectiveNumber(Mark start) {
        int value = 0;
        int length = 0;
        while (isDigit(b[pos])) {
            length++;
            if (length > 2) {
                throw scannerError("while scanning a %YAML directive", start, "found extremely long version number");
            }
            value = value * 10 + (b[pos] - '0');
            skip();
        }
        if (length == 0) {
            throw scannerError("while scanning a %YAML directive", start, "did not find expected version number");
        }
        return value;
    }

    private Token scanAnchor(T type) {
        StringBuilder s = new StringBuilder();
        Mark start = mark();
        skip();
        while (isAlpha(b[pos])) {
            read(s);
        }
        Mark end = mark();
        int c = b[pos];
        if (s.length() == 0 || !(isBlankz(c) || c == '?' || c == ':' || c == ',' || c == ']' || c == '}'
                || c == '%' || c == '@' || c == '`')) {
            throw scannerError(type == T.ANCHOR ? "while scanning an anchor" : "while scanning an alias", start,
                    "did not find expected alphabetic or numeric character");
        }
        Token token = new Token(type, start, end);
        token.value = s.toString();
        return token;
    }

    private Token scanTag() {
        Mark start = mark();
        String handle;
        String suffix;
        if (at(1) == '<') {
            skip();
            skip();
            handle = "";
            suffix = scanTagUri(false, null, start);
            if (b[pos] != '>') {
                throw scannerError("while scanning a tag", start, "did not find the expected '>'");
            }
            skip();
        } else {
            handle = scanTagHandle(false, start);
            if (handle.length() > 1 && handle.charAt(0) == '!' && handle.charAt(handle.length() - 1) == '!') {
                suffix = scanTagUri(false, null, start);
            } else {
                suffix = scanTagUri(false, handle, start);
                handle = "!";
                if (suffix.isEmpty()) {
                    // "!" alone: the non-specific tag, kept as a suffix with an empty handle.
                    suffix = handle;
                    handle = "";
                }
            }
        }
        if (!isBlankz(b[pos])) {
            throw scannerError("while scanning a tag", start, "did not find expected whitespace or line break");
        }
        Token token = new Token(T.TAG, start, mark());
        token.value = handle;
        token.suffix = suffix;
        return token;
    }

    private String scanTagHandle(boolean directive, Mark start) {
        String context = directive ? "while parsing a %TAG directive" : "while parsing a tag";
        if (b[pos] != '!') {
            throw scannerError(context, start, "did not find expected '!'");
        }
        StringBuilder s = new StringBuilder();
        read(s);
        while (isAlpha(b[pos])) {
            read(s);
        }
        if (b[pos] == '!') {
            read(s);
        } else if (directive && !s.toString().equals("!")) {
            throw scannerError(context, start, "did not find expected '!'");
        }
        return s.toString();
    }

    private String scanTagUri(boolean directive, String head, Mark start) {
        StringBuilder s = new StringBuilder();
        boolean hasTag = head != null && !head.isEmpty();
        if (head != null && head.length() > 1) {
            s.append(head, 1, head.length());
        }
        for (;;) {
            int c = b[pos];
            if (!(isAlpha(c) || c == ';' || c == '/' || c == '?' || c == ':' || c == '@' || c == '&' || c == '='
                    || c == '+' || c == '$' || c == ',' || c == '.' || c == '!' || c == '~' || c == '*'
                    || c == '\'' || c == '(' || c == ')' || c == '[' || c == ']' || c == '%')) {
                break;
            }
            if (c == '%') {
                scanUriEscapes(directive, start, s);
            } else {
                read(s);
            }
            hasTag = true;
        }
        if (!hasTag) {
            throw scannerError(directive ? "while parsing a %TAG directive" : "while parsing a tag", start,
                    "did not find expected tag URI");
        }
        return s.toString();
    }

    private void scanUriEscapes(boolean directive, Mark start, StringBuilder s) {
        String context = directive ? "while parsing a %TAG directive" : "while parsing a tag";
        byte[] octets = new byte[4];
        int n = 0;
        int w = 1024;
        while (w > 0) {
            if (!(b[pos] == '%' && isHex(at(1)) && isHex(at(2)))) {
                throw scannerError(context, start, "did not find URI escaped octet");
            }
            int octet = (asHex(at(1)) << 4) + asHex(at(2));
            if (w == 1024) {
                w = (octet & 0x80) == 0 ? 1 : (octet & 0xE0) == 0xC0 ? 2 : (octet & 0xF0) == 0xE0 ? 3
                        : (octet & 0xF8) == 0xF0 ? 4 : 0;
                if (w == 0) {
                    throw scannerError(context, start, "found an incorrect leading UTF-8 octet");
                }
            } else if ((octet & 0xC0) != 0x80) {
                throw scannerError(context, start, "found an incorrect trailing UTF-8 octet");
            }
            octets[n++] = (byte) octet;
            skip();
            skip();
            skip();
            w--;
        }
        s.append(new String(octets, 0, n, java.nio.charset.StandardCharsets.UTF_8));
    }

    // ---- scalars ----------------------------------------------------------------------------------------------

    private Token scanBlockScalar(boolean literal) {
        Mark start = mark();
        skip();
        int chomping = 0;
        int increment = 0;
        if (b[pos] == '+' || b[pos] == '-') {
            chomping = b[pos] == '+' ? 1 : -1;
            skip();
            if (isDigit(b[pos])) {
                if (b[pos] == '0') {
                    throw scannerError("while scanning a block scalar", start,
                            "found an indentation indicator equal to 0");
                }
                increment = b[pos] - '0';
                skip();
            }
        } else if (isDigit(b[pos])) {
            if (b[pos] == '0') {
                throw scannerError("while scanning a block scalar", start, "found an indentation indicator equal to 0");
            }
            increment = b[pos] - '0';
            skip();
            if (b[pos] == '+' || b[pos] == '-') {
                chomping = b[pos] == '+' ? 1 : -1;
                skip();
            }
        }
        while (isBlank(b[pos])) {
            skip();
        }
        if (b[pos] == '#') {
            scanLineComment(start);
            while (!isBreakz(b[pos])) {
                skip();
            }
        }
        if (!isBreakz(b[pos])) {
            throw scannerError("while scanning a block scalar", start, "did not find expected comment or line break");
        }
        if (isBreak(b[pos])) {
            skipLine();
        }
        Mark[] end = {mark()};

        int[] indentRef = {0};
        if (increment > 0) {
            indentRef[0] = indent >= 0 ? indent + increment : increment;
        }
        StringBuilder s = new StringBuilder();
        StringBuilder leadingBreak = new StringBuilder();
        StringBuilder trailingBreaks = new StringBuilder();
        scanBlockScalarBreaks(indentRef, trailingBreaks, start, end);

        boolean leadingBlank = false;
        boolean trailingBlank;
        while (mColumn == indentRef[0] && b[pos] != 0) {
            trailingBlank = isBlank(b[pos]);
            if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length() > 0
                    && leadingBreak.charAt(0) == '\n') {
                if (trailingBreaks.length() == 0) {
                    s.append(' ');
                }
            } else {
                s.append(leadingBreak);
            }
            leadingBreak.setLength(0);
            s.append(trailingBreaks);
            trailingBreaks.setLength(0);
            leadingBlank = isBlank(b[pos]);
            while (!isBreakz(b[pos])) {
                read(s);
            }
            readLine(leadingBreak);
            scanBlockScalarBreaks(indentRef, trailingBreaks, start, end);
        }
        if (chomping != -1) {
            s.append(leadingBreak);
        }
        if (chomping == 1) {
            s.append(trailingBreaks);
        }
        Token token = new Token(T.SCALAR, start, end[0]);
        token.value = s.toString();
        token.style = literal ? LITERAL : FOLDED;
        return token;
    }

    private void scanBlockScalarBreaks(int[] indentRef, StringBuilder breaks, Mark start, Mark[] end) {
        end[0] = mark();
        int maxIndent = 0;
        for (;;) {
            while ((indentRef[0] == 0 || mColumn < indentRef[0]) && b[pos] == ' ') {
                skip();
            }
            if (mColumn > maxIndent) {
                maxIndent = mColumn;
            }
            if ((indentRef[0] == 0 || mColumn < indentRef[0]) && b[pos] == '\t') {
                throw scannerError("while scanning a block scalar", start,
                        "found a tab character where an indentation space is expected");
            }
            if (!isBreak(b[pos])) {
                break;
            }
            readLine(breaks);
            end[0] = mark();
        }
        if (indentRef[0] == 0) {
            indentRef[0] = maxIndent;
            if (indentRef[0] < indent + 1) {
                indentRef[0] = indent + 1;
            }
            if (indentRef[0] < 1) {
                indentRef[0] = 1;
            }
        }
    }

    private Token scanFlowScalar(boolean single) {
        Mark start = mark();
        skip();
        StringBuilder s = new StringBuilder(64);
        StringBuilder leadingBreak = new StringBuilder();
        StringBuilder trailingBreaks = new StringBuilder();
        StringBuilder whitespaces = new StringBuilder();
        for (;;) {
            if (mColumn == 0 && ((b[pos] == '-' && at(1) == '-' && at(2) == '-')
                    || (b[pos] == '.' && at(1) == '.' && at(2) == '.')) && isBlankz(at(3))) {
                throw scannerError("while scanning a quoted scalar", start, "found unexpected document indicator");
            }
            if (b[pos] == 0) {
                throw scannerError("while scanning a quoted scalar", start, "found unexpected end of stream");
            }
            boolean leadingBlanks = false;
            while (!isBlankz(b[pos])) {
                int c = b[pos];
                if (single && c == '\'' && at(1) == '\'') {
                    s.append('\'');
                    skip();
                    skip();
                } else if (single && c == '\'') {
                    break;
                } else if (!single && c == '"') {
                    break;
                } else if (!single && c == '\\' && isBreak(at(1))) {
                    skip();
                    skipLine();
                    leadingBlanks = true;
                    break;
                } else if (!single && c == '\\') {
                    int codeLength = 0;
                    switch (at(1)) {
                        case '0' -> s.append('\0');
                        case 'a' -> s.append('\u0007');
                        case 'b' -> s.append('\b');
                        case 't', '\t' -> s.append('\t');
                        case 'n' -> s.append('\n');
                        case 'v' -> s.append('\u000B');
                        case 'f' -> s.append('\f');
                        case 'r' -> s.append('\r');
                        case 'e' -> s.append('\u001B');
                        case ' ' -> s.append(' ');
                        case '"' -> s.append('"');
                        case '\'' -> s.append('\'');
                        case '\\' -> s.append('\\');
                        case 'N' -> s.append('\u0085');
                        case '_' -> s.append('\u00A0');
                        case 'L' -> s.append('\u2028');
                        case 'P' -> s.append('\u2029');
                        case 'x' -> codeLength = 2;
                        case 'u' -> codeLength = 4;
                        case 'U' -> codeLength = 8;
                        default -> throw scannerError("while parsing a quoted scalar", start,
                                "found unknown escape character");
                    }
                    skip();
                    skip();
                    if (codeLength > 0) {
                        int value = 0;
                        for (int k = 0; k < codeLength; k++) {
                            if (!isHex(at(k))) {
                                throw scannerError("while parsing a quoted scalar", start,
                                        "did not find expected hexdecimal number");
                            }
                            value = (value << 4) + asHex(at(k));
                        }
                        if ((value >= 0xD800 && value <= 0xDFFF) || value > 0x10FFFF || value < 0) {
                            throw scannerError("while parsing a quoted scalar", start,
                                    "found invalid Unicode character escape code");
                        }
                        s.appendCodePoint(value);
                        for (int k = 0; k < codeLength; k++) {
                            skip();
                        }
                    }
                } else {
                    read(s);
                }
            }
            if (single ? b[pos] == '\'' : b[pos] == '"') {
                break;
            }
            while (isBlank(b[pos]) || isBreak(b[pos])) {
                if (isBlank(b[pos])) {
                    if (!leadingBlanks) {
                        read(whitespaces);
                    } else {
                        skip();
                    }
                } else {
                    if (!leadingBlanks) {
                        whitespaces.setLength(0);
                        readLine(leadingBreak);
                        leadingBlanks = true;
                    } else {
                        readLine(trailingBreaks);
                    }
                }
            }
            if (leadingBlanks) {
                if (leadingBreak.length() > 0 && leadingBreak.charAt(0) == '\n') {
                    if (trailingBreaks.length() == 0) {
                        s.append(' ');
                    } else {
                        s.append(trailingBreaks);
                    }
                } else {
                    s.append(leadingBreak);
                    s.append(trailingBreaks);
                }
                trailingBreaks.setLength(0);
                leadingBreak.setLength(0);
            } else {
                s.append(whitespaces);
                whitespaces.setLength(0);
            }
        }
        skip();
        Token token = new Token(T.SCALAR, start, mark());
        token.value = s.toString();
        token.style = single ? SINGLE_QUOTED : DOUBLE_QUOTED;
        return token;
    }

    private Token scanPlainScalar() {
        StringBuilder s = new StringBuilder(64);
        StringBuilder leadingBreak = new StringBuilder();
        StringBuilder trailingBreaks = new StringBuilder();
        StringBuilder whitespaces = new StringBuilder();
        boolean leadingBlanks = false;
        int ind = indent + 1;
        Mark start = mark();
        Mark end = start;
        for (;;) {
            if (mColumn == 0 && ((b[pos] == '-' && at(1) == '-' && at(2) == '-')
                    || (b[pos] == '.' && at(1) == '.' && at(2) == '.')) && isBlankz(at(3))) {
                break;
            }
            if (b[pos] == '#') {
                break;
            }
            while (!isBlankz(b[pos])) {
                int c = b[pos];
                if ((c == ':' && isBlankz(at(1))) || (flowLevel > 0 && (c == ',' || c == '?' || c == '['
                        || c == ']' || c == '{' || c == '}'))) {
                    break;
                }
                if (leadingBlanks || whitespaces.length() > 0) {
                    if (leadingBlanks) {
                        if (leadingBreak.charAt(0) == '\n') {
                            if (trailingBreaks.length() == 0) {
                                s.append(' ');
                            } else {
                                s.append(trailingBreaks);
                            }
                        } else {
                            s.append(leadingBreak);
                            s.append(trailingBreaks);
                        }
                        trailingBreaks.setLength(0);
                        leadingBreak.setLength(0);
                        leadingBlanks = false;
                    } else {
                        s.append(whitespaces);
                        whitespaces.setLength(0);
                    }
                }
                read(s);
                end = mark();
            }
            if (!(isBlank(b[pos]) || isBreak(b[pos]))) {
                break;
            }
            while (isBlank(b[pos]) || isBreak(b[pos])) {
                if (isBlank(b[pos])) {
                    if (leadingBlanks && mColumn < ind && b[pos] == '\t') {
                        throw scannerError("while scanning a plain scalar", start,
                                "found a tab character that violates indentation");
                    }
                    if (!leadingBlanks) {
                        read(whitespaces);
                    } else {
                        skip();
                    }
                } else {
                    if (!leadingBlanks) {
                        whitespaces.setLength(0);
                        readLine(leadingBreak);
                        leadingBlanks = true;
                    } else {
                        readLine(trailingBreaks);
                    }
                }
            }
            if (flowLevel == 0 && mColumn < ind) {
                break;
            }
        }
        Token token = new Token(T.SCALAR, start, end);
        token.value = s.toString();
        token.style = PLAIN;
        if (leadingBlanks) {
            simpleKeyAllowed = true;
        }
        return token;
    }
}
