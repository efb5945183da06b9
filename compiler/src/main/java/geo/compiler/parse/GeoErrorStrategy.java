package geo.compiler.parse;

import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceSpan;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.InputMismatchException;
import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import java.util.Set;

/**
 * ANTLR's recovery (single-token insertion and deletion, resynchronisation) with Geo's messages,
 * reported straight into {@link Diagnostics}. When the offending token starts a new line (or is
 * the end of the file), the error is placed just after the previous token, because that is where
 * the user forgot something, typically a ';'.
 *
 * <p>Recovery deep inside nested rules stops the parse after the first error: ANTLR recovers
 * once per enclosing rule, and each recovery walks all enclosing rules (an exception with a
 * stack trace as deep as the nesting, the follow sets of every level), so an error after 20,000
 * unary minus signs took seconds to minutes. Errors at ordinary depths are all reported.
 */
final class GeoErrorStrategy extends DefaultErrorStrategy {

    /** Rule nesting (about two levels per bracket) beyond which an error ends the parse. */
    static final int MAX_RECOVERY_DEPTH = 200;

    private final Diagnostics diagnostics;
    private final Spans spans;
    private final Set<Integer> quietLines;

    /**
     * @param quietLines lines that already have a lexical error (bad character, unterminated
     *                   string): syntax errors there are consequences of it and are not reported
     */
    GeoErrorStrategy(Diagnostics diagnostics, Spans spans, Set<Integer> quietLines) {
        this.diagnostics = diagnostics;
        this.spans = spans;
        this.quietLines = quietLines;
    }

    private void report(SourceSpan where, String message) {
        if (!quietLines.contains(where.line())) {
            diagnostics.error(where, message);
        }
    }

    /** Whether the parser is more than {@link #MAX_RECOVERY_DEPTH} rules deep (walks at most that far). */
    private static boolean deep(Parser parser) {
        ParserRuleContext ctx = parser.getContext();
        for (int i = 0; i <= MAX_RECOVERY_DEPTH; i++) {
            if (ctx == null) {
                return false;
            }
            ctx = ctx.getParent();
        }
        return true;
    }

    @Override
    public void recover(Parser parser, RecognitionException e) {
        if (deep(parser)) {
            throw new ParseCancellationException(e);
        }
        super.recover(parser, e);
    }

    @Override
    public void sync(Parser parser) throws RecognitionException {
        if (inErrorRecoveryMode(parser) && deep(parser)) {
            throw new ParseCancellationException("syntax error deep in nested rules");
        }
        super.sync(parser);
    }

    @Override
    protected void reportNoViableAlternative(Parser parser, NoViableAltException e) {
        reportExpected(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportInputMismatch(Parser parser, InputMismatchException e) {
        reportExpected(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    protected void reportFailedPredicate(Parser parser, org.antlr.v4.runtime.FailedPredicateException e) {
        reportExpected(parser, e.getOffendingToken(), e.getExpectedTokens());
    }

    @Override
    public void reportError(Parser parser, RecognitionException e) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        if (e instanceof NoViableAltException nva) {
            reportNoViableAlternative(parser, nva);
        } else if (e instanceof InputMismatchException ime) {
            reportInputMismatch(parser, ime);
        } else {
            reportExpected(parser, e.getOffendingToken(), e.getExpectedTokens());
        }
    }

    @Override
    protected void reportUnwantedToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        Token t = parser.getCurrentToken();
        if (t.getType() == Token.EOF) {
            reportExpected(parser, t, getExpectedTokens(parser));
            return;
        }
        report(spans.of(t), "unexpected " + TokenWords.found(t) + "; expected "
                + TokenWords.expected(getExpectedTokens(parser)));
    }

    @Override
    protected void reportMissingToken(Parser parser) {
        if (inErrorRecoveryMode(parser)) {
            return;
        }
        beginErrorCondition(parser);
        reportExpected(parser, parser.getCurrentToken(), getExpectedTokens(parser));
    }

    private void reportExpected(Parser parser, Token offending, IntervalSet expectedSet) {
        String expected = TokenWords.expected(expectedSet);
        Token previous = previous(parser.getInputStream(), offending);
        boolean atLineEnd = previous != null
                && (offending.getType() == Token.EOF || offending.getLine() > Spans.endLine(previous));
        if (!atLineEnd) {
            report(spans.of(offending), "expected " + expected + ", found " + TokenWords.found(offending));
            return;
        }
        SourceSpan where = spans.after(previous);
        if (offending.getType() == Token.EOF) {
            report(where, "expected " + expected + " before the end of the file");
        } else if (expectedSet.size() == 1) {
            report(where, "missing " + expected + " at the end of the line");
        } else {
            report(where, "expected " + expected + " at the end of the line");
        }
    }

    /** The last on-channel token before {@code t}, or {@code null} at the start of the file. */
    private static Token previous(TokenStream tokens, Token t) {
        for (int i = t.getTokenIndex() - 1; i >= 0; i--) {
            Token candidate = tokens.get(i);
            if (candidate.getChannel() == Token.DEFAULT_CHANNEL) {
                return candidate;
            }
        }
        return null;
    }
}
