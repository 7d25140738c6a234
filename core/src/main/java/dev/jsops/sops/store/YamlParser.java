package dev.jsops.sops.store;

import dev.jsops.sops.store.YamlScanner.Mark;
import dev.jsops.sops.store.YamlScanner.T;
import dev.jsops.sops.store.YamlScanner.Token;
import java.util.ArrayList;
import java.util.List;

/**
 * Token stream to events, following libyaml's parser state machine with go-yaml v3's comment handling
 * ({@code parserc.go}): comments queued by the scanner are "unfolded" into head/line/foot comments when the token
 * they are attached to is peeked, and handed to the next event that takes them. Our own code.
 */
final class YamlParser {
    private enum S {
        STREAM_START, IMPLICIT_DOCUMENT_START, DOCUMENT_START, DOCUMENT_CONTENT, DOCUMENT_END, BLOCK_NODE,
        BLOCK_NODE_OR_INDENTLESS_SEQUENCE, FLOW_NODE, BLOCK_SEQUENCE_FIRST_ENTRY, BLOCK_SEQUENCE_ENTRY,
        INDENTLESS_SEQUENCE_ENTRY, BLOCK_MAPPING_FIRST_KEY, BLOCK_MAPPING_KEY, BLOCK_MAPPING_VALUE,
        FLOW_SEQUENCE_FIRST_ENTRY, FLOW_SEQUENCE_ENTRY, FLOW_SEQUENCE_ENTRY_MAPPING_KEY,
        FLOW_SEQUENCE_ENTRY_MAPPING_VALUE, FLOW_SEQUENCE_ENTRY_MAPPING_END, FLOW_MAPPING_FIRST_KEY,
        FLOW_MAPPING_KEY, FLOW_MAPPING_VALUE, FLOW_MAPPING_EMPTY_VALUE, END
    }

    private record TagDirective(String handle, String prefix) {
    }

    private final YamlScanner scanner;
    private S state = S.STREAM_START;
    private final ArrayList<S> states = new ArrayList<>();
    private final ArrayList<Mark> marks = new ArrayList<>();
    private final List<TagDirective> tagDirectives = new ArrayList<>();
    private boolean streamEndProduced;

    private String headComment = "";
    private String lineComment = "";
    private String footComment = "";
    private String stemComment;

    YamlParser(byte[] input) {
        this.scanner = new YamlScanner(input);
    }

    /** The next event, or null once the stream has ended. */
    YamlEvent next() {
        if (streamEndProduced || state == S.END) {
            return null;
        }
        return stateMachine();
    }

    // ---- token access -----------------------------------------------------------------------------------------

    private Token peekToken() {
        if (!scanner.tokenAvailable) {
            scanner.fetchMoreTokens();
        }
        Token token = scanner.tokens.get(scanner.tokensHead);
        unfoldComments(token);
        return token;
    }

    private void unfoldComments(Token token) {
        var comments = scanner.comments;
        while (scanner.commentsHead < comments.size()
                && token.start.index() >= comments.get(scanner.commentsHead).tokenMark.index()) {
            YamlScanner.ScanComment comment = comments.get(scanner.commentsHead);
            if (comment.head != null && !comment.head.isEmpty()) {
                if (token.type == T.BLOCK_END) {
                    // No heads on ends, so keep comment.head for a follow up token.
                    break;
                }
                headComment = join(headComment, comment.head);
            }
            if (comment.foot != null && !comment.foot.isEmpty()) {
                footComment = join(footComment, comment.foot);
            }
            if (comment.line != null && !comment.line.isEmpty()) {
                lineComment = join(lineComment, comment.line);
            }
            comment.clear();
            scanner.commentsHead++;
        }
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "\n" + b;
    }

    private void skipToken() {
        scanner.tokenAvailable = false;
        scanner.tokensParsed++;
        streamEndProduced = scanner.tokens.get(scanner.tokensHead).type == T.STREAM_END;
        scanner.tokensHead++;
    }

    private YamlSyntaxError parserError(String problem, Mark problemMark) {
        return new YamlSyntaxError(YamlSyntaxError.Kind.PARSER, null, problemMark, problem);
    }

    private YamlSyntaxError parserError(String context, Mark contextMark, String problem, Mark problemMark) {
        return new YamlSyntaxError(YamlSyntaxError.Kind.PARSER, contextMark, problemMark, problem);
    }

    private S pop() {
        return states.remove(states.size() - 1);
    }

    private void setEventComments(YamlEvent event) {
        event.head = headComment;
        event.line = lineComment;
        event.foot = footComment;
        headComment = "";
        lineComment = "";
        footComment = "";
        stemComment = null;
    }

    private static YamlEvent event(YamlEvent.E type, Mark start) {
        YamlEvent e = new YamlEvent(type);
        e.start = start;
        return e;
    }

    // ---- state machine ----------------------------------------------------------------------------------------

    private YamlEvent stateMachine() {
        return switch (state) {
            case STREAM_START -> parseStreamStart();
            case IMPLICIT_DOCUMENT_START -> parseDocumentStart(true);
            case DOCUMENT_START -> parseDocumentStart(false);
            case DOCUMENT_CONTENT -> parseDocumentContent();
            case DOCUMENT_END -> parseDocumentEnd();
            case BLOCK_NODE -> parseNode(true, false);
            case BLOCK_NODE_OR_INDENTLESS_SEQUENCE -> parseNode(true, true);
            case FLOW_NODE -> parseNode(false, false);
            case BLOCK_SEQUENCE_FIRST_ENTRY -> parseBlockSequenceEntry(true);
            case BLOCK_SEQUENCE_ENTRY -> parseBlockSequenceEntry(false);
            case INDENTLESS_SEQUENCE_ENTRY -> parseIndentlessSequenceEntry();
            case BLOCK_MAPPING_FIRST_KEY -> parseBlockMappingKey(true);
            case BLOCK_MAPPING_KEY -> parseBlockMappingKey(false);
            case BLOCK_MAPPING_VALUE -> parseBlockMappingValue();
            case FLOW_SEQUENCE_FIRST_ENTRY -> parseFlowSequenceEntry(true);
            case FLOW_SEQUENCE_ENTRY -> parseFlowSequenceEntry(false);
            case FLOW_SEQUENCE_ENTRY_MAPPING_KEY -> parseFlowSequenceEntryMappingKey();
            case FLOW_SEQUENCE_ENTRY_MAPPING_VALUE -> parseFlowSequenceEntryMappingValue();
            case FLOW_SEQUENCE_ENTRY_MAPPING_END -> parseFlowSequenceEntryMappingEnd();
            case FLOW_MAPPING_FIRST_KEY -> parseFlowMappingKey(true);
            case FLOW_MAPPING_KEY -> parseFlowMappingKey(false);
            case FLOW_MAPPING_VALUE -> parseFlowMappingValue(false);
            case FLOW_MAPPING_EMPTY_VALUE -> parseFlowMappingValue(true);
            case END -> null;
        };
    }

    private YamlEvent parseStreamStart() {
        Token token = peekToken();
        if (token.type != T.STREAM_START) {
            throw parserError("did not find expected <stream-start>", token.start);
        }
        state = S.IMPLICIT_DOCUMENT_START;
        YamlEvent e = event(YamlEvent.E.STREAM_START, token.start);
        skipToken();
        return e;
    }

    private YamlEvent parseDocumentStart(boolean implicit) {
        Token token = peekToken();
        if (!implicit) {
            while (token.type == T.DOCUMENT_END) {
                skipToken();
                token = peekToken();
            }
        }
        if (implicit && token.type != T.VERSION_DIRECTIVE && token.type != T.TAG_DIRECTIVE
                && token.type != T.DOCUMENT_START && token.type != T.STREAM_END) {
            processDirectives();
            states.add(S.DOCUMENT_END);
            state = S.BLOCK_NODE;
            // Comments separated from the content by a blank line belong to the document, the rest to the node.
            String docHead = "";
            String hc = headComment;
            if (!hc.isEmpty()) {
                for (int i = hc.length() - 1; i > 0; i--) {
                    if (hc.charAt(i) == '\n') {
                        if (i == hc.length() - 1) {
                            docHead = hc.substring(0, i);
                            headComment = hc.substring(i + 1);
                            break;
                        } else if (hc.charAt(i - 1) == '\n') {
                            docHead = hc.substring(0, i - 1);
                            headComment = hc.substring(i + 1);
                            break;
                        }
                    }
                }
            }
            YamlEvent e = event(YamlEvent.E.DOCUMENT_START, token.start);
            e.head = docHead;
            e.implicit = true;
            return e;
        } else if (token.type != T.STREAM_END) {
            Mark start = token.start;
            processDirectives();
            token = peekToken();
            if (token.type != T.DOCUMENT_START) {
                throw parserError("did not find expected <document start>", token.start);
            }
            states.add(S.DOCUMENT_END);
            state = S.DOCUMENT_CONTENT;
            YamlEvent e = event(YamlEvent.E.DOCUMENT_START, start);
            e.head = "";
            skipToken();
            return e;
        } else {
            state = S.END;
            YamlEvent e = event(YamlEvent.E.STREAM_END, token.start);
            skipToken();
            return e;
        }
    }

    private YamlEvent parseDocumentContent() {
        Token token = peekToken();
        if (token.type == T.VERSION_DIRECTIVE || token.type == T.TAG_DIRECTIVE || token.type == T.DOCUMENT_START
                || token.type == T.DOCUMENT_END || token.type == T.STREAM_END) {
            state = pop();
            return emptyScalar(token.start);
        }
        return parseNode(true, false);
    }

    private YamlEvent parseDocumentEnd() {
        Token token = peekToken();
        Mark start = token.start;
        boolean implicit = true;
        if (token.type == T.DOCUMENT_END) {
            skipToken();
            implicit = false;
        }
        tagDirectives.clear();
        state = S.DOCUMENT_START;
        YamlEvent e = event(YamlEvent.E.DOCUMENT_END, start);
        e.implicit = implicit;
        setEventComments(e);
        if (!e.head.isEmpty() && e.foot.isEmpty()) {
            e.foot = e.head;
            e.head = "";
        }
        return e;
    }

    private YamlEvent parseNode(boolean block, boolean indentlessSequence) {
        Token token = peekToken();
        if (token.type == T.ALIAS) {
            state = pop();
            YamlEvent e = event(YamlEvent.E.ALIAS, token.start);
            e.anchor = token.value;
            setEventComments(e);
            skipToken();
            return e;
        }
        Mark start = token.start;
        boolean tagToken = false;
        String tagHandle = null;
        String tagSuffix = null;
        String anchor = null;
        Mark tagMark = null;
        if (token.type == T.ANCHOR) {
            anchor = token.value;
            skipToken();
            token = peekToken();
            if (token.type == T.TAG) {
                tagToken = true;
                tagHandle = token.value;
                tagSuffix = token.suffix;
                tagMark = token.start;
                skipToken();
                token = peekToken();
            }
        } else if (token.type == T.TAG) {
            tagToken = true;
            tagHandle = token.value;
            tagSuffix = token.suffix;
            tagMark = token.start;
            skipToken();
            token = peekToken();
            if (token.type == T.ANCHOR) {
                anchor = token.value;
                skipToken();
                token = peekToken();
            }
        }
        String tag = "";
        if (tagToken) {
            if (tagHandle.isEmpty()) {
                tag = tagSuffix;
            } else {
                for (TagDirective d : tagDirectives) {
                    if (d.handle().equals(tagHandle)) {
                        tag = d.prefix() + tagSuffix;
                        break;
                    }
                }
                if (tag.isEmpty()) {
                    throw parserError("while parsing a node", start, "found undefined tag handle", tagMark);
                }
            }
        }
        boolean implicit = tag.isEmpty();
        if (indentlessSequence && token.type == T.BLOCK_ENTRY) {
            state = S.INDENTLESS_SEQUENCE_ENTRY;
            YamlEvent e = event(YamlEvent.E.SEQUENCE_START, start);
            e.anchor = anchor;
            e.tag = tag;
            e.implicit = implicit;
            e.style = YamlEvent.BLOCK;
            e.head = "";
            e.line = "";
            e.foot = "";
            return e;
        }
        if (token.type == T.SCALAR) {
            boolean plainImplicit = false;
            boolean quotedImplicit = false;
            if (tag.isEmpty() && token.style == YamlScanner.PLAIN || tag.equals("!")) {
                plainImplicit = true;
            } else if (tag.isEmpty()) {
                quotedImplicit = true;
            }
            state = pop();
            YamlEvent e = event(YamlEvent.E.SCALAR, start);
            e.anchor = anchor;
            e.tag = tag;
            e.value = token.value;
            e.implicit = plainImplicit;
            e.quotedImplicit = quotedImplicit;
            e.style = token.style;
            setEventComments(e);
            skipToken();
            return e;
        }
        if (token.type == T.FLOW_SEQUENCE_START) {
            state = S.FLOW_SEQUENCE_FIRST_ENTRY;
            YamlEvent e = event(YamlEvent.E.SEQUENCE_START, start);
            e.anchor = anchor;
            e.tag = tag;
            e.implicit = implicit;
            e.style = YamlEvent.FLOW;
            setEventComments(e);
            return e;
        }
        if (token.type == T.FLOW_MAPPING_START) {
            state = S.FLOW_MAPPING_FIRST_KEY;
            YamlEvent e = event(YamlEvent.E.MAPPING_START, start);
            e.anchor = anchor;
            e.tag = tag;
            e.implicit = implicit;
            e.style = YamlEvent.FLOW;
            setEventComments(e);
            return e;
        }
        if (block && token.type == T.BLOCK_SEQUENCE_START) {
            state = S.BLOCK_SEQUENCE_FIRST_ENTRY;
            YamlEvent e = event(YamlEvent.E.SEQUENCE_START, start);
            e.anchor = anchor;
            e.tag = tag;
            e.implicit = implicit;
            e.style = YamlEvent.BLOCK;
            e.head = "";
            e.line = "";
            e.foot = "";
            if (stemComment != null) {
                e.head = stemComment;
                stemComment = null;
            }
            return e;
        }
        if (block && token.type == T.BLOCK_MAPPING_START) {
            state = S.BLOCK_MAPPING_FIRST_KEY;
            YamlEvent e = event(YamlEvent.E.MAPPING_START, start);
            e.anchor = anchor;
            e.tag = tag;
            e.implicit = implicit;
            e.style = YamlEvent.BLOCK;
            e.head = "";
            e.line = "";
            e.foot = "";
            if (stemComment != null) {
                e.head = stemComment;
                stemComment = null;
            }
            return e;
        }
        if (anchor != null || !tag.isEmpty()) {
            state = pop();
            YamlEvent e = event(YamlEvent.E.SCALAR, start);
            e.anchor = anchor;
            e.tag = tag;
            e.value = "";
            e.implicit = implicit;
            e.style = YamlScanner.PLAIN;
            e.head = "";
            e.line = "";
            e.foot = "";
            return e;
        }
        throw parserError(block ? "while parsing a block node" : "while parsing a flow node", start,
                "did not find expected node content", token.start);
    }

    private YamlEvent parseBlockSequenceEntry(boolean first) {
        if (first) {
            Token token = peekToken();
            marks.add(token.start);
            skipToken();
        }
        Token token = peekToken();
        if (token.type == T.BLOCK_ENTRY) {
            Mark mark = token.end;
            int priorHeadLen = headComment.length();
            skipToken();
            splitStemComment(priorHeadLen);
            token = peekToken();
            if (token.type != T.BLOCK_ENTRY && token.type != T.BLOCK_END) {
                states.add(S.BLOCK_SEQUENCE_ENTRY);
                return parseNode(true, false);
            }
            state = S.BLOCK_SEQUENCE_ENTRY;
            return emptyScalar(mark);
        }
        if (token.type == T.BLOCK_END) {
            state = pop();
            marks.remove(marks.size() - 1);
            YamlEvent e = event(YamlEvent.E.SEQUENCE_END, token.start);
            e.head = "";
            e.line = "";
            e.foot = "";
            skipToken();
            return e;
        }
        Mark contextMark = marks.remove(marks.size() - 1);
        throw parserError("while parsing a block collection", contextMark, "did not find expected '-' indicator",
                token.start);
    }

    private YamlEvent parseIndentlessSequenceEntry() {
        Token token = peekToken();
        if (token.type == T.BLOCK_ENTRY) {
            Mark mark = token.end;
            int priorHeadLen = headComment.length();
            skipToken();
            splitStemComment(priorHeadLen);
            token = peekToken();
            if (token.type != T.BLOCK_ENTRY && token.type != T.KEY && token.type != T.VALUE
                    && token.type != T.BLOCK_END) {
                states.add(S.INDENTLESS_SEQUENCE_ENTRY);
                return parseNode(true, false);
            }
            state = S.INDENTLESS_SEQUENCE_ENTRY;
            return emptyScalar(mark);
        }
        state = pop();
        YamlEvent e = event(YamlEvent.E.SEQUENCE_END, token.start);
        e.head = "";
        e.line = "";
        e.foot = "";
        return e;
    }

    /** A comment before a '-' whose item is itself a collection goes to that collection ("stem"). */
    private void splitStemComment(int stemLen) {
        if (stemLen == 0) {
            return;
        }
        Token token = peekToken();
        if (token.type != T.BLOCK_SEQUENCE_START && token.type != T.BLOCK_MAPPING_START) {
            return;
        }
        stemComment = headComment.substring(0, stemLen);
        if (headComment.length() == stemLen) {
            headComment = "";
        } else {
            headComment = headComment.substring(stemLen + 1);
        }
    }

    private YamlEvent parseBlockMappingKey(boolean first) {
        if (first) {
            Token token = peekToken();
            marks.add(token.start);
            skipToken();
        }
        Token token = peekToken();
        if (token.type == T.KEY) {
            Mark mark = token.end;
            skipToken();
            token = peekToken();
            if (token.type != T.KEY && token.type != T.VALUE && token.type != T.BLOCK_END) {
                states.add(S.BLOCK_MAPPING_VALUE);
                return parseNode(true, true);
            }
            state = S.BLOCK_MAPPING_VALUE;
            return emptyScalar(mark);
        } else if (token.type == T.BLOCK_END) {
            state = pop();
            marks.remove(marks.size() - 1);
            YamlEvent e = event(YamlEvent.E.MAPPING_END, token.start);
            setEventComments(e);
            skipToken();
            return e;
        }
        Mark contextMark = marks.remove(marks.size() - 1);
        throw parserError("while parsing a block mapping", contextMark, "did not find expected key", token.start);
    }

    private YamlEvent parseBlockMappingValue() {
        Token token = peekToken();
        if (token.type == T.VALUE) {
            Mark mark = token.end;
            skipToken();
            token = peekToken();
            if (token.type != T.KEY && token.type != T.VALUE && token.type != T.BLOCK_END) {
                states.add(S.BLOCK_MAPPING_KEY);
                return parseNode(true, true);
            }
            state = S.BLOCK_MAPPING_KEY;
            return emptyScalar(mark);
        }
        state = S.BLOCK_MAPPING_KEY;
        return emptyScalar(token.start);
    }

    private YamlEvent parseFlowSequenceEntry(boolean first) {
        if (first) {
            Token token = peekToken();
            marks.add(token.start);
            skipToken();
        }
        Token token = peekToken();
        if (token.type != T.FLOW_SEQUENCE_END) {
            if (!first) {
                if (token.type == T.FLOW_ENTRY) {
                    skipToken();
                    token = peekToken();
                } else {
                    Mark contextMark = marks.remove(marks.size() - 1);
                    throw parserError("while parsing a flow sequence", contextMark,
                            "did not find expected ',' or ']'", token.start);
                }
            }
            if (token.type == T.KEY) {
                state = S.FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
                YamlEvent e = event(YamlEvent.E.MAPPING_START, token.start);
                e.implicit = true;
                e.style = YamlEvent.FLOW;
                e.tag = "";
                e.head = "";
                e.line = "";
                e.foot = "";
                skipToken();
                return e;
            } else if (token.type != T.FLOW_SEQUENCE_END) {
                states.add(S.FLOW_SEQUENCE_ENTRY);
                return parseNode(false, false);
            }
        }
        state = pop();
        marks.remove(marks.size() - 1);
        YamlEvent e = event(YamlEvent.E.SEQUENCE_END, token.start);
        setEventComments(e);
        skipToken();
        return e;
    }

    private YamlEvent parseFlowSequenceEntryMappingKey() {
        Token token = peekToken();
        if (token.type != T.VALUE && token.type != T.FLOW_ENTRY && token.type != T.FLOW_SEQUENCE_END) {
            states.add(S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
            return parseNode(false, false);
        }
        Mark mark = token.end;
        skipToken();
        state = S.FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
        return emptyScalar(mark);
    }

    private YamlEvent parseFlowSequenceEntryMappingValue() {
        Token token = peekToken();
        if (token.type == T.VALUE) {
            skipToken();
            token = peekToken();
            if (token.type != T.FLOW_ENTRY && token.type != T.FLOW_SEQUENCE_END) {
                states.add(S.FLOW_SEQUENCE_ENTRY_MAPPING_END);
                return parseNode(false, false);
            }
        }
        state = S.FLOW_SEQUENCE_ENTRY_MAPPING_END;
        return emptyScalar(token.start);
    }

    private YamlEvent parseFlowSequenceEntryMappingEnd() {
        Token token = peekToken();
        state = S.FLOW_SEQUENCE_ENTRY;
        YamlEvent e = event(YamlEvent.E.MAPPING_END, token.start);
        e.head = "";
        e.line = "";
        e.foot = "";
        return e;
    }

    private YamlEvent parseFlowMappingKey(boolean first) {
        if (first) {
            Token token = peekToken();
            marks.add(token.start);
            skipToken();
        }
        Token token = peekToken();
        if (token.type != T.FLOW_MAPPING_END) {
            if (!first) {
                if (token.type == T.FLOW_ENTRY) {
                    skipToken();
                    token = peekToken();
                } else {
                    Mark contextMark = marks.remove(marks.size() - 1);
                    throw parserError("while parsing a flow mapping", contextMark,
                            "did not find expected ',' or '}'", token.start);
                }
            }
            if (token.type == T.KEY) {
                skipToken();
                token = peekToken();
                if (token.type != T.VALUE && token.type != T.FLOW_ENTRY && token.type != T.FLOW_MAPPING_END) {
                    states.add(S.FLOW_MAPPING_VALUE);
                    return parseNode(false, false);
                }
                state = S.FLOW_MAPPING_VALUE;
                return emptyScalar(token.start);
            } else if (token.type != T.FLOW_MAPPING_END) {
                states.add(S.FLOW_MAPPING_EMPTY_VALUE);
                return parseNode(false, false);
            }
        }
        state = pop();
        marks.remove(marks.size() - 1);
        YamlEvent e = event(YamlEvent.E.MAPPING_END, token.start);
        setEventComments(e);
        skipToken();
        return e;
    }

    private YamlEvent parseFlowMappingValue(boolean empty) {
        Token token = peekToken();
        if (empty) {
            state = S.FLOW_MAPPING_KEY;
            return emptyScalar(token.start);
        }
        if (token.type == T.VALUE) {
            skipToken();
            token = peekToken();
            if (token.type != T.FLOW_ENTRY && token.type != T.FLOW_MAPPING_END) {
                states.add(S.FLOW_MAPPING_KEY);
                return parseNode(false, false);
            }
        }
        state = S.FLOW_MAPPING_KEY;
        return emptyScalar(token.start);
    }

    private static YamlEvent emptyScalar(Mark mark) {
        YamlEvent e = event(YamlEvent.E.SCALAR, mark);
        e.value = "";
        e.tag = "";
        e.implicit = true;
        e.style = YamlScanner.PLAIN;
        e.head = "";
        e.line = "";
        e.foot = "";
        return e;
    }

    private void processDirectives() {
        boolean versionSeen = false;
        Token token = peekToken();
        List<TagDirective> declared = new ArrayList<>();
        while (token.type == T.VERSION_DIRECTIVE || token.type == T.TAG_DIRECTIVE) {
            if (token.type == T.VERSION_DIRECTIVE) {
                if (versionSeen) {
                    throw parserError("found duplicate %YAML directive", token.start);
                }
                if (token.major != 1 || token.minor != 1) {
                    throw parserError("found incompatible YAML document", token.start);
                }
                versionSeen = true;
            } else {
                TagDirective value = new TagDirective(token.value, token.prefix);
                appendTagDirective(value, false, token.start);
                declared.add(value);
            }
            skipToken();
            token = peekToken();
        }
        appendTagDirective(new TagDirective("!", "!"), true, token.start);
        appendTagDirective(new TagDirective("!!", GoYamlScalars.LONG_PREFIX), true, token.start);
    }

    private void appendTagDirective(TagDirective value, boolean allowDuplicates, Mark mark) {
        for (TagDirective d : tagDirectives) {
            if (d.handle().equals(value.handle())) {
                if (allowDuplicates) {
                    return;
                }
                throw parserError("found duplicate %TAG directive", mark);
            }
        }
        tagDirectives.add(value);
    }
}
