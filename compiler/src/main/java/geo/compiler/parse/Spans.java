package geo.compiler.parse;

import geo.compiler.source.SourceFile;
import geo.compiler.source.SourceSpan;
import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.Token;

/** Source spans of tokens and parse-tree contexts (1-based columns, counted in code points). */
final class Spans {

    private final SourceFile file;

    Spans(SourceFile file) {
        this.file = file;
    }

    SourceSpan of(Token t) {
        return new SourceSpan(file, t.getLine(), t.getCharPositionInLine() + 1, endLine(t), endColumn(t));
    }

    SourceSpan of(ParserRuleContext ctx) {
        Token start = ctx.getStart();
        Token stop = ctx.getStop() != null && ctx.getStop().getTokenIndex() >= start.getTokenIndex()
                ? ctx.getStop() : start;
        return new SourceSpan(file, start.getLine(), start.getCharPositionInLine() + 1,
                endLine(stop), endColumn(stop));
    }

    SourceSpan of(ParserRuleContext from, ParserRuleContext to) {
        return of(from).to(of(to));
    }

    /** The one-column span just after {@code t}: where a missing token would have gone. */
    SourceSpan after(Token t) {
        return SourceSpan.point(file, endLine(t), endColumn(t));
    }

    static int endLine(Token t) {
        String text = t.getType() == Token.EOF ? "" : t.getText();
        int line = t.getLine();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    static int endColumn(Token t) {
        String text = t.getType() == Token.EOF ? "" : t.getText();
        int lastBreak = text.lastIndexOf('\n');
        if (lastBreak >= 0) {
            return text.codePointCount(lastBreak + 1, text.length()) + 1;
        }
        return t.getCharPositionInLine() + text.codePointCount(0, text.length()) + 1;
    }
}
