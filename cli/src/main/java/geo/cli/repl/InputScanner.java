package geo.cli.repl;

import geo.grammar.GeoLexer;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Reads REPL input with the language's own lexer, so that brackets inside comments and the
 * transpose quote {@code L'} are never mistaken for unbalanced input: whether an input needs
 * more lines, what kind of input it is, and where a forgotten {@code ;} goes.
 */
final class InputScanner {

    /** What an input is, decided by its first token. */
    enum Kind {
        /** Nothing but white space and comments. */
        BLANK,
        /** A {@code :command}. */
        COMMAND,
        /** A declaration as written inside a manifold: coords, param, let, def, metric, lagrangian, loss. */
        MEMBER,
        /** A whole top-level declaration: manifold or import. */
        TOP_LEVEL,
        /** Anything else: an expression for the evaluator. */
        EXPRESSION
    }

    private InputScanner() {
    }

    /** True for a {@code :command} line (commands are one line and never continue). */
    static boolean isCommand(String input) {
        return input.stripLeading().startsWith(":");
    }

    /**
     * True when {@code input} cannot be complete yet: a bracket or brace is still open, a block
     * comment is unterminated, or the last token is an operator, a comma, {@code =} or {@code ~}
     * that needs a right-hand side. Commands are always complete. More closing than opening
     * brackets is complete: the parser reports it.
     */
    static boolean incomplete(String input) {
        if (isCommand(input)) {
            return false;
        }
        int depth = 0;
        Token last = null;
        for (Token t : tokens(input)) {
            if (t.getType() == GeoLexer.UNTERMINATED_COMMENT) {
                return true;
            }
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            switch (t.getType()) {
                case GeoLexer.LPAREN, GeoLexer.LBRACK, GeoLexer.LBRACE -> depth++;
                case GeoLexer.RPAREN, GeoLexer.RBRACK, GeoLexer.RBRACE -> depth--;
                default -> {
                }
            }
            last = t;
        }
        return depth > 0 || (last != null && needsOperand(last.getType()));
    }

    private static boolean needsOperand(int type) {
        return switch (type) {
            case GeoLexer.PLUS, GeoLexer.MINUS, GeoLexer.STAR, GeoLexer.SLASH, GeoLexer.CARET, GeoLexer.ASSIGN,
                 GeoLexer.COMMA, GeoLexer.TILDE, GeoLexer.IN -> true;
            default -> false;
        };
    }

    /** The kind of {@code input}, by its first token. */
    static Kind classify(String input) {
        if (isCommand(input)) {
            return Kind.COMMAND;
        }
        Token first = firstToken(input);
        if (first == null) {
            return Kind.BLANK;
        }
        return switch (first.getType()) {
            case GeoLexer.COORDS, GeoLexer.PARAM, GeoLexer.LET, GeoLexer.DEF, GeoLexer.METRIC, GeoLexer.LAGRANGIAN,
                 GeoLexer.LOSS, GeoLexer.FN -> Kind.MEMBER;
            case GeoLexer.MANIFOLD, GeoLexer.IMPORT -> Kind.TOP_LEVEL;
            default -> Kind.EXPRESSION;
        };
    }

    /**
     * {@code input} with a {@code ;} after its last token when that token is not already a
     * {@code ;} or a closing brace: people leave it out at a prompt, and the declaration is
     * still unambiguous. Inserted right after the token, so that it never lands in a trailing
     * comment and columns before it do not move. An input that is {@link #incomplete} is left as it
     * is, so that its syntax error speaks of what is missing, not of a semicolon nobody typed.
     */
    static String withSemicolon(String input) {
        if (incomplete(input)) {
            return input;
        }
        Token last = null;
        for (Token t : tokens(input)) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                last = t;
            }
        }
        if (last == null || last.getType() == GeoLexer.SEMI || last.getType() == GeoLexer.RBRACE) {
            return input;
        }
        int at = input.offsetByCodePoints(0, last.getStopIndex() + 1);
        return input.substring(0, at) + ";" + input.substring(at);
    }

    /**
     * {@code input} without a final {@code ;} (and what follows it on the line), for expressions
     * typed with a habitual semicolon.
     */
    static String withoutSemicolon(String input) {
        Token last = null;
        for (Token t : tokens(input)) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                last = t;
            }
        }
        if (last == null || last.getType() != GeoLexer.SEMI) {
            return input;
        }
        return input.substring(0, input.offsetByCodePoints(0, last.getStartIndex()));
    }

    /**
     * The first brace in {@code input}, or null. Manifold members never contain braces, so one in a member input is a mistake that is
     * clearer to report directly than through the parser.
     */
    static Brace firstBrace(String input) {
        for (Token t : tokens(input)) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL
                    && (t.getType() == GeoLexer.LBRACE || t.getType() == GeoLexer.RBRACE)) {
                return new Brace(t.getText(), t.getLine(), t.getCharPositionInLine() + 1);
            }
        }
        return null;
    }

    /**
     * A brace and where it is in an input.
     *
     * @param text   "{" or "}"
     * @param line   1-based line within the input
     * @param column 1-based column, in code points
     */
    record Brace(String text, int line, int column) {
    }

    private static Token firstToken(String input) {
        for (Token t : tokens(input)) {
            if (t.getChannel() == Token.DEFAULT_CHANNEL) {
                return t;
            }
        }
        return null;
    }

    private static List<Token> tokens(String input) {
        GeoLexer lexer = new GeoLexer(CharStreams.fromString(input));
        lexer.removeErrorListeners();
        return new ArrayList<>(lexer.getAllTokens());
    }
}
