package io.terndb.server.config.internal;

import io.terndb.server.config.ConfigException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The syntax pass: turns the text of an Aerospike-format file into a tree of {@link Entry entries}.
 *
 * <pre>
 * file     = entry*
 * entry    = setting | stanza
 * setting  = NAME VALUE*                      (ends at the end of its line, or at '{' or '}')
 * stanza   = NAME ARGUMENT* '{' entry* '}'     ('{' may also start the next line)
 * </pre>
 *
 * Tokens are separated by spaces, tabs, carriage returns, form feeds or vertical tabs, as in the original; lines end
 * at '\n'; '#' starts a comment that runs to the end of its line. Braces count only as tokens of their own, so a
 * path such as {@code /data/{a}.dat} stays one value; a brace glued to either end of a word is refused. The pass is
 * iterative: no input nests the Java stack.
 */
public final class SyntaxParser {

    private final ParseContext context;
    private final Deque<OpenStanza> open = new ArrayDeque<>();
    private Statement pending;

    private SyntaxParser(ParseContext context) {
        this.context = context;
        open.push(new OpenStanza("", List.of(), 0));
    }

    /** Returns the whole file as a stanza with an empty name. */
    public static Entry.Stanza parse(String text, ParseContext context) throws ConfigException {
        SyntaxParser parser = new SyntaxParser(context);
        int lineNumber = 0;
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            lineNumber++;
            parser.readLine(text, lineStart, lineEnd, lineNumber);
            lineStart = lineEnd + 1;
        }
        return parser.finish();
    }

    private void readLine(String text, int start, int end, int lineNumber) throws ConfigException {
        int contentEnd = start;
        while (contentEnd < end && text.charAt(contentEnd) != '#') {
            contentEnd++;
        }
        int position = start;
        while (position < contentEnd) {
            while (position < contentEnd && isWhitespace(text.charAt(position))) {
                position++;
            }
            int tokenStart = position;
            while (position < contentEnd && !isWhitespace(text.charAt(position))) {
                position++;
            }
            if (position > tokenStart) {
                readToken(text.substring(tokenStart, position), lineNumber);
            }
        }
    }

    private void readToken(String token, int lineNumber) throws ConfigException {
        switch (token) {
            case "{" -> openStanza(lineNumber);
            case "}" -> closeStanza(lineNumber);
            default -> {
                if (isGluedBrace(token)) {
                    throw context.error(lineNumber, "put spaces around braces: " + ValueSyntax.quote(token));
                }
                if (pending != null && pending.line != lineNumber) {
                    flushSetting();
                }
                if (pending == null) {
                    pending = new Statement(lineNumber);
                }
                pending.tokens.add(token);
            }
        }
    }

    private void openStanza(int lineNumber) throws ConfigException {
        if (pending == null) {
            throw context.error(lineNumber, "'{' without a stanza name before it");
        }
        List<String> tokens = pending.tokens;
        open.push(new OpenStanza(tokens.getFirst(), tokens.subList(1, tokens.size()), pending.line));
        pending = null;
    }

    private void closeStanza(int lineNumber) throws ConfigException {
        flushSetting();
        if (open.size() == 1) {
            throw context.error(lineNumber, "unexpected '}': no stanza is open here");
        }
        OpenStanza closed = open.pop();
        open.peek().entries.add(closed.toStanza());
    }

    private void flushSetting() {
        if (pending != null) {
            List<String> tokens = pending.tokens;
            open.peek().entries.add(new Entry.Setting(tokens.getFirst(), tokens.subList(1, tokens.size()),
                    pending.line));
            pending = null;
        }
    }

    private Entry.Stanza finish() throws ConfigException {
        flushSetting();
        if (open.size() > 1) {
            // Report the innermost open stanza. When an inner '}' is the one missing, the parent's '}' closed the
            // inner stanza, so the parent is reported: the nearest opening line either way.
            OpenStanza unclosed = open.peek();
            throw context.error(unclosed.line, "'" + unclosed.header() + "' is never closed: missing '}'");
        }
        return open.pop().toStanza();
    }

    /**
     * A brace at either end of a longer word, as in <code>service{</code>: the original would read it as a name and
     * fail later with a confusing message. Braces inside a word ({@code /data/{a}.dat}) are left alone.
     */
    private static boolean isGluedBrace(String token) {
        char first = token.charAt(0);
        char last = token.charAt(token.length() - 1);
        return first == '{' || first == '}' || last == '{' || last == '}';
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B';
    }

    /** The tokens of a line not yet known to be a setting or the head of a stanza. */
    private static final class Statement {
        final int line;
        final List<String> tokens = new ArrayList<>();

        Statement(int line) {
            this.line = line;
        }
    }

    private static final class OpenStanza {
        final String name;
        final List<String> arguments;
        final int line;
        final List<Entry> entries = new ArrayList<>();

        OpenStanza(String name, List<String> arguments, int line) {
            this.name = name;
            this.arguments = List.copyOf(arguments);
            this.line = line;
        }

        String header() {
            return arguments.isEmpty() ? name : name + " " + String.join(" ", arguments);
        }

        Entry.Stanza toStanza() {
            return new Entry.Stanza(name, arguments, line, entries);
        }
    }
}
