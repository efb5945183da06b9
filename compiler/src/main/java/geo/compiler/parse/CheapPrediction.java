package geo.compiler.parse;

import org.antlr.v4.runtime.NoViableAltException;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.TokenStream;
import org.antlr.v4.runtime.atn.ATNConfigSet;
import org.antlr.v4.runtime.atn.ParserATNSimulator;

/**
 * ANTLR's prediction with exceptions that carry no Java stack trace. The simulator creates a
 * {@link NoViableAltException} whenever a prediction meets a token that cannot follow, even
 * when it then picks the alternative that leaves the rule (a loop's exit at a token that ends
 * the enclosing declaration), and filling in its stack trace walks the whole parser stack: once
 * per enclosing rule, that made a syntax error after 20,000 unary minus signs take seconds. The
 * exceptions are used for their tokens and contexts only, never printed with a trace.
 */
final class CheapPrediction extends ParserATNSimulator {

    private CheapPrediction(Parser parser, ParserATNSimulator original) {
        super(parser, parser.getATN(), original.decisionToDFA, original.getSharedContextCache());
    }

    /** Gives {@code parser} this prediction, sharing the generated parser's DFA cache. */
    static void install(Parser parser) {
        ParserATNSimulator original = parser.getInterpreter();
        CheapPrediction cheap = new CheapPrediction(parser, original);
        cheap.setPredictionMode(original.getPredictionMode());
        parser.setInterpreter(cheap);
    }

    @Override
    protected NoViableAltException noViableAlt(TokenStream input, ParserRuleContext outerContext, ATNConfigSet configs,
                                               int startIndex) {
        return new NoTrace(parser, input, input.get(startIndex), input.LT(1), configs, outerContext);
    }

    /** A {@link NoViableAltException} without a stack trace. */
    private static final class NoTrace extends NoViableAltException {
        private static final long serialVersionUID = 1L;

        NoTrace(Parser parser, TokenStream input, org.antlr.v4.runtime.Token start, org.antlr.v4.runtime.Token offending,
                ATNConfigSet configs, ParserRuleContext context) {
            super(parser, input, start, offending, configs, context);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }
}
