package geo.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import geo.grammar.GeoLexer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * Names are lexed as {@code [\p{L}_] [\p{L}\p{N}_]*} with the JVM's Unicode tables, although the
 * lexer spells them with ASCII sets and a check of each non-ASCII character (issue 23: the
 * Unicode class tables cost 8–16 ms of every command's start). The oracle is
 * {@link java.util.regex.Pattern}'s {@code \p{L}} and {@code \p{N}}, applied by a tokenizer
 * written here for strings of ASCII letters, digits, spaces and one other character.
 */
class LexerNamesTest {

    private static final Pattern START = Pattern.compile("[\\p{L}_]");
    private static final Pattern PART = Pattern.compile("[\\p{L}\\p{N}_]");

    /** The lexer's tokens of {@code text}: type and text, hidden ones included. */
    private static List<String> lexed(String text) {
        GeoLexer lexer = new GeoLexer(CharStreams.fromString(text));
        lexer.removeErrorListeners();
        List<String> out = new ArrayList<>();
        for (Token t = lexer.nextToken(); t.getType() != Token.EOF; t = lexer.nextToken()) {
            out.add(GeoLexer.VOCABULARY.getSymbolicName(t.getType()) + ":" + t.getText());
        }
        return out;
    }

    /** The expected tokens: names by the regular expressions, digit runs, spaces, and anything else alone. */
    private static List<String> expected(String text) {
        List<String> out = new ArrayList<>();
        int[] cps = text.codePoints().toArray();
        int i = 0;
        while (i < cps.length) {
            int start = i;
            String kind;
            if (cps[i] == ' ') {
                while (i < cps.length && cps[i] == ' ') {
                    i++;
                }
                kind = "WS";
            } else if (START.matcher(Character.toString(cps[i])).matches()) {
                i++;
                while (i < cps.length && PART.matcher(Character.toString(cps[i])).matches()) {
                    i++;
                }
                kind = "ID";
            } else if (cps[i] >= '0' && cps[i] <= '9') {
                while (i < cps.length && cps[i] >= '0' && cps[i] <= '9') {
                    i++;
                }
                kind = "NUMBER";
            } else {
                i++;
                kind = "ERROR_CHAR";
            }
            out.add(kind + ":" + new String(cps, start, i - start));
        }
        return out;
    }

    @Test
    void namesAreUnicodeLettersDigitsAndUnderscores() {
        List<Integer> samples = new ArrayList<>(List.of(0x3B8, 0x3C6, 0x3B1, 0xB2, 0xB7, 0xA0, 0x1F600, 0x301, 0x2160,
                0x660, 0xBD, 0xAA, 0x2070, 0x4E2D, 0x16A0, 0x2028, 0xFF, 0x80, 0xFEFF, 0x10FFFF));
        // Every 61st code point up to U+2FFFF, about 3,000 (every 7th took 40 s on a loaded
        // machine), surrogates excluded (a string cannot hold one alone).
        for (int c = 0x80; c < 0x30000; c += 61) {
            if (c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE) {
                samples.add(c);
            }
        }
        for (int c : samples) {
            String ch = Character.toString(c);
            for (String text : List.of("x" + ch + "1 " + ch + "y", ch + "_a " + "9" + ch, "_" + ch + ch)) {
                assertEquals(expected(text), lexed(text), () -> String.format("U+%04X in \"%s\"", c, text));
            }
        }
    }
}
