package geo.compiler.parse;

import geo.grammar.GeoLexer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/**
 * Names tokens, and sets of expected tokens, in a user's words: "a name", "an expression",
 * "';'", "a declaration (coords, param, let, def, metric, lagrangian, loss) or '}'".
 */
final class TokenWords {

    private static final int[] EXPRESSION_START = {
        GeoLexer.ID, GeoLexer.NUMBER, GeoLexer.LPAREN, GeoLexer.LBRACK, GeoLexer.MINUS
    };
    private static final int[] OPERATORS = {
        GeoLexer.PLUS, GeoLexer.MINUS, GeoLexer.STAR, GeoLexer.SLASH, GeoLexer.CARET,
        GeoLexer.TRANSPOSE, GeoLexer.LBRACK, GeoLexer.LPAREN
    };
    private static final int[] MEMBER_START = {
        GeoLexer.COORDS, GeoLexer.PARAM, GeoLexer.LET, GeoLexer.DEF, GeoLexer.METRIC,
        GeoLexer.LAGRANGIAN, GeoLexer.LOSS, GeoLexer.FN
    };
    private static final int[] TOP_START = {
        GeoLexer.IMPORT, GeoLexer.MANIFOLD, GeoLexer.PARAM, GeoLexer.LET, GeoLexer.DEF, GeoLexer.LOSS,
        GeoLexer.FN
    };

    private TokenWords() {
    }

    /** How a single token kind is called, e.g. {@code ';'}, {@code a name}, {@code end of file}. */
    static String kind(int type) {
        switch (type) {
            case Token.EOF: return "end of file";
            case GeoLexer.ID: return "a name";
            case GeoLexer.NUMBER: return "a number";
            case GeoLexer.STRING: return "a file name in double quotes";
            default:
                String literal = GeoLexer.VOCABULARY.getLiteralName(type);
                return literal != null ? literal : GeoLexer.VOCABULARY.getSymbolicName(type);
        }
    }

    /** How a token that was found is called: {@code name 'foo'}, {@code number 3}, {@code 'metric'}, {@code end of file}. */
    static String found(Token t) {
        switch (t.getType()) {
            case Token.EOF: return "end of file";
            case GeoLexer.ID: return "name '" + t.getText() + "'";
            case GeoLexer.NUMBER: return "number " + t.getText();
            case GeoLexer.STRING: return "string " + t.getText();
            default: return "'" + t.getText() + "'";
        }
    }

    /**
     * Describes what the parser expected. Expression starters collapse to "an expression";
     * operators that could continue an expression are left out when a terminator such as ';'
     * or ')' is also possible (the user almost always meant the terminator); member and
     * top-level keywords collapse to "a declaration (...)".
     */
    static String expected(IntervalSet set) {
        Set<Integer> types = new LinkedHashSet<>(set.toList());
        List<String> words = new ArrayList<>();
        if (types.containsAll(List.of(boxed(MEMBER_START)))) {
            types.removeAll(List.of(boxed(MEMBER_START)));
            words.add("a declaration (coords, param, let, def, metric, lagrangian, loss)");
        } else if (types.containsAll(List.of(boxed(TOP_START)))) {
            types.removeAll(List.of(boxed(TOP_START)));
            words.add("a declaration (import, manifold, param, let, def, loss)");
        }
        boolean terminator = types.contains(GeoLexer.SEMI) || types.contains(GeoLexer.RPAREN)
                || types.contains(GeoLexer.RBRACK) || types.contains(GeoLexer.COMMA);
        if (types.containsAll(List.of(boxed(EXPRESSION_START)))) {
            types.removeAll(List.of(boxed(EXPRESSION_START)));
            words.add("an expression");
        } else if (terminator) {
            types.removeAll(List.of(boxed(OPERATORS)));
        }
        for (int type : types) {
            words.add(kind(type));
        }
        return join(words);
    }

    private static Integer[] boxed(int[] types) {
        Integer[] out = new Integer[types.length];
        for (int i = 0; i < types.length; i++) {
            out[i] = types[i];
        }
        return out;
    }

    private static String join(List<String> words) {
        if (words.isEmpty()) {
            return "something else";
        }
        StringBuilder out = new StringBuilder(words.get(0));
        for (int i = 1; i < words.size(); i++) {
            out.append(i == words.size() - 1 ? " or " : ", ").append(words.get(i));
        }
        return out.toString();
    }
}
