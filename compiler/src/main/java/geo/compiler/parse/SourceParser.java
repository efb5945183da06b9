package geo.compiler.parse;

import geo.compiler.ast.GeoFile;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import geo.grammar.GeoLexer;
import geo.grammar.GeoParser;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CommonToken;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.ListTokenSource;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Parses one file: lexes ({@link SourceLexer}), reports bad characters and unterminated comments or strings, refuses
 * absurdly deep bracket nesting with a diagnostic, parses (fast SLL first, full LL with error
 * reporting if that fails) and builds the AST.
 */
public final class SourceParser {

    /** Deepest bracket nesting accepted; deeper input is reported instead of risking the stack. */
    public static final int MAX_NESTING = 10_000;

    /** Most brackets left open at a bracket error for which the parser's own recovery is used. */
    public static final int MAX_OPEN_FOR_RECOVERY = 100;

    private SourceParser() {
    }

    /**
     * Parses {@code file}, reporting every syntax error into {@code diagnostics}.
     * Deep input needs a deep stack: callers run this on a thread with a large stack, as
     * {@code geo.compiler.driver.Frontend} does.
     *
     * @return the AST, or {@code null} when the file has syntax errors
     */
    public static GeoFile parse(SourceFile file, Diagnostics diagnostics) {
        Spans spans = new Spans(file);
        List<Token> tokens = SourceLexer.tokens(file.text(), file.displayName());
        int before = diagnostics.errorCount();
        Set<Integer> badLines = reportBadTokens(tokens, spans, diagnostics);
        if (!checkBrackets(tokens, spans, diagnostics)) {
            return null;
        }
        GeoParser.FileContext tree = parseTokens(tokens, file, spans, diagnostics, badLines);
        if (tree == null && diagnostics.errorCount() == before) {
            diagnostics.error(SourceSpan.point(file, 1, 1), "syntax error");
        }
        if (diagnostics.errorCount() > before) {
            return null;
        }
        return new AstBuilder(spans, diagnostics).file(tree, file);
    }

    private static GeoParser.FileContext parseTokens(List<Token> tokens, SourceFile file, Spans spans,
                                                     Diagnostics diagnostics, Set<Integer> quietLines) {
        GeoParser parser = new GeoParser(new CommonTokenStream(new ListTokenSource(tokens, file.displayName())));
        parser.removeErrorListeners();
        CheapPrediction.install(parser);
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.file();
        } catch (ParseCancellationException slLFailed) {
            parser = new GeoParser(new CommonTokenStream(new ListTokenSource(tokens, file.displayName())));
            parser.removeErrorListeners();
            CheapPrediction.install(parser);
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new GeoErrorStrategy(diagnostics, spans, quietLines));
            try {
                return parser.file();
            } catch (ParseCancellationException deepError) {
                // GeoErrorStrategy stops after an error deep in nested rules; it reported the error.
                return null;
            }
        }
    }

    /**
     * Reports tokens the lexer could only classify as errors and hides them from the parser
     * (an unterminated string is passed on as a string). A run of adjacent bad characters is one
     * error, so that a line of 16,000 '@' (or a binary file) gives one message, not thousands.
     *
     * @return the lines that had such a token
     */
    private static Set<Integer> reportBadTokens(List<Token> tokens, Spans spans, Diagnostics diagnostics) {
        Set<Integer> lines = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            String message;
            SourceSpan where = spans.of(t);
            switch (t.getType()) {
                case GeoLexer.ERROR_CHAR:
                    int last = i;
                    while (last + 1 < tokens.size() && tokens.get(last + 1).getType() == GeoLexer.ERROR_CHAR
                            && tokens.get(last + 1).getStartIndex() == tokens.get(last).getStopIndex() + 1) {
                        last++;
                        ((CommonToken) tokens.get(last)).setChannel(Token.HIDDEN_CHANNEL);
                        lines.add(tokens.get(last).getLine());
                    }
                    int run = last - i + 1;
                    message = run == 1 ? "unexpected character " + describeChar(t.getText())
                            : run + " unexpected characters, starting with " + describeChar(t.getText());
                    where = where.to(spans.of(tokens.get(last)));
                    i = last;
                    break;
                case GeoLexer.UNTERMINATED_COMMENT:
                    message = "unterminated block comment: missing '*/'";
                    where = new SourceSpan(where.file(), where.line(), where.column(), where.line(), where.column() + 2);
                    break;
                case GeoLexer.UNTERMINATED_STRING:
                    message = "unterminated string: missing closing '\"'";
                    break;
                default:
                    continue;
            }
            diagnostics.error(where, message);
            lines.add(where.line());
            if (t.getType() == GeoLexer.UNTERMINATED_STRING) {
                ((CommonToken) t).setType(GeoLexer.STRING);
            } else {
                ((CommonToken) t).setChannel(Token.HIDDEN_CHANNEL);
            }
        }
        return lines;
    }

    private static String describeChar(String text) {
        int cp = text.codePointAt(0);
        if (Character.isISOControl(cp) || Character.isWhitespace(cp)) {
            return String.format("U+%04X", cp);
        }
        return "'" + text + "'";
    }

    /**
     * Matches brackets before parsing. False (with a diagnostic) when brackets nest deeper than
     * {@link #MAX_NESTING}, or when a closing bracket does not match, or the file ends, while more
     * than {@link #MAX_OPEN_FOR_RECOVERY} brackets are open: ANTLR's recovery then costs time
     * quadratic in the number of open brackets (minutes for a few thousand), so such a file gets
     * one clear message instead. With fewer open brackets the parser reports the error itself,
     * with its usual "expected" message.
     */
    private static boolean checkBrackets(List<Token> tokens, Spans spans, Diagnostics diagnostics) {
        ArrayDeque<Token> open = new ArrayDeque<>();
        Token last = null;
        for (Token t : tokens) {
            if (t.getChannel() != Token.DEFAULT_CHANNEL) {
                continue;
            }
            last = t;
            int type = t.getType();
            if (type == GeoLexer.LPAREN || type == GeoLexer.LBRACK || type == GeoLexer.LBRACE) {
                open.push(t);
                if (open.size() > MAX_NESTING) {
                    diagnostics.error(spans.of(t), "expression nested too deeply (more than "
                            + MAX_NESTING + " levels of brackets)");
                    return false;
                }
            } else if (type == GeoLexer.RPAREN || type == GeoLexer.RBRACK || type == GeoLexer.RBRACE) {
                if (open.isEmpty()) {
                    continue;
                }
                Token opener = open.peek();
                if (closer(opener.getType()) == type) {
                    open.pop();
                } else if (open.size() > MAX_OPEN_FOR_RECOVERY) {
                    diagnostics.error(spans.of(t), "'" + t.getText() + "' does not close the innermost open bracket: "
                            + "expected '" + closerText(opener.getType()) + "' (" + open.size() + " brackets are open)",
                            List.of(Diagnostics.note(spans.of(opener), "the innermost open bracket")));
                    return false;
                }
            }
        }
        if (open.size() > MAX_OPEN_FOR_RECOVERY) {
            Token opener = open.peek();
            diagnostics.error(spans.after(last), "expected '" + closerText(opener.getType())
                            + "' before the end of the file (" + open.size() + " brackets are still open)",
                    List.of(Diagnostics.note(spans.of(opener), "the innermost open bracket")));
            return false;
        }
        return true;
    }

    private static int closer(int opener) {
        return opener == GeoLexer.LPAREN ? GeoLexer.RPAREN : opener == GeoLexer.LBRACK ? GeoLexer.RBRACK
                : GeoLexer.RBRACE;
    }

    private static String closerText(int opener) {
        return opener == GeoLexer.LPAREN ? ")" : opener == GeoLexer.LBRACK ? "]" : "}";
    }
}
