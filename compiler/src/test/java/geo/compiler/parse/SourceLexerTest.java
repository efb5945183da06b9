package geo.compiler.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import geo.grammar.GeoLexer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;
import org.junit.jupiter.api.Test;

/**
 * {@link SourceLexer}, the hand-written scanner the compiler runs, gives exactly the tokens of the
 * ANTLR-generated {@link GeoLexer} (the reference, generated from GeoLexer.g4): the same type,
 * channel, start and stop index, line, column and text of every token, hidden ones included, on
 * every {@code .geo} file of the repository, on hand-picked edge cases, on random text from an
 * alphabet of the characters the rules care about, and on code points up to U+2FFFF in several
 * positions.
 */
class SourceLexerTest {

    private static String describe(Token t) {
        return GeoLexer.VOCABULARY.getSymbolicName(t.getType()) + " ch" + t.getChannel() + " " + t.getStartIndex() + ".."
                + t.getStopIndex() + " @" + t.getLine() + ":" + t.getCharPositionInLine() + " '" + t.getText() + "'";
    }

    private static List<String> reference(String text) {
        GeoLexer lexer = new GeoLexer(CharStreams.fromString(text, "t.geo"));
        lexer.removeErrorListeners();
        List<String> out = new ArrayList<>();
        for (Token t : lexer.getAllTokens()) {
            out.add(describe(t));
        }
        return out;
    }

    private static List<String> scanned(String text) {
        List<String> out = new ArrayList<>();
        for (Token t : SourceLexer.tokens(text, "t.geo")) {
            out.add(describe(t));
        }
        return out;
    }

    private static void same(String text) {
        assertEquals(reference(text), scanned(text), () -> "tokens of \"" + text.replace("\n", "\\n") + "\"");
    }

    @Test
    void everyGeoFileOfTheRepository() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.toString().endsWith(".geo") && Files.isRegularFile(p))
                    .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/")).toList();
        }
        assertTrue(files.size() > 40, "the examples' models are found: " + files.size());
        for (Path p : files) {
            try {
                same(Files.readString(p, StandardCharsets.UTF_8));
            } catch (java.nio.charset.MalformedInputException e) {
                // a test fixture that is deliberately not UTF-8
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void edgeCases() {
        for (String s : List.of("", " ", "a", "_", "1", ".", "..", ".5", "5.", "5.e3", "1e", "1e+", "1e-5", "1E+05x", "1.5.3",
                "2x", "1..2", ".e5", "0.5e", "import", "imports", "importé", "in", "inx", "fn(", "let\u00e9",
                "lagrangian", "lagrangians", "periodic_", "\"", "\"a", "\"a\"", "\"a\\\"", "\"a\\\"b\"", "\"a\\", "\"a\\\nb\"",
                "\"a\nb\"", "\"a\rb\"", "\"\\\\\"", "\"é𝑥\"", "/", "//", "// a\nb", "//\r\n", "/*", "/*/", "/**/", "/* a */ b",
                "/* a ** / b", "/* a **/", "/* a *", "/***", "/* \n * \n */x", "*/", "'", "a'", "x^2", "\u00a0", "\u000b",
                "\t\r\n\f ", "λ2", "2λ", "Ω_1", "٣", "x٣", "Ⅻ", "xⅫ", "²", "x²", "𝑥", "a𝑥b", "\ud800", "a\ud800b", "\udc00",
                "\u0000", "#@!&|<>?$%`\\", "é", "\u200b", "a\u200bb", "\ufeffmanifold", "🙂", "x🙂",
                "manifold M { coords x[2]; metric g = eye(2); }\n", "a\r\nb\nc\rd")) {
            same(s);
        }
    }

    @Test
    void randomText() {
        String[] pieces = {"a", "e", "E", "z", "Z", "_", "0", "9", ".", "+", "-", "*", "/", "\"", "\\", "\r", "\n", "\t", " ",
            "\f", "'", "(", ")", "[", "]", "{", "}", ",", ";", ":", "=", "~", "^", "#", "@", "é", "λ", "Ω", "٣", "Ⅻ",
            "²", "\u00a0", "\u200b", "𝑥", "\ud800", "\udc00", "\u0000", "🙂", "import", "in", "fn", "let", "def", "loss",
            "/*", "*/", "//", "1e5", "1.", ".5"};
        SplittableRandom random = new SplittableRandom(23);
        for (int n = 0; n < 10_000; n++) {
            StringBuilder s = new StringBuilder();
            int length = random.nextInt(25);
            for (int i = 0; i < length; i++) {
                s.append(pieces[random.nextInt(pieces.length)]);
            }
            same(s.toString());
        }
    }

    @Test
    void codePointsAloneAfterANameAndBeforeADigit() {
        // Every code point below U+0800, then every 7th up to U+2FFFF (all would take seconds; the
        // classification of every code point as a name's start or part is LexerNamesTest's).
        StringBuilder s = new StringBuilder();
        for (int c = 0; c <= 0x2FFFF; c += c < 0x800 ? 1 : 7) {
            s.append(' ').appendCodePoint(c).append(" a").appendCodePoint(c).append(' ').appendCodePoint(c).append('1');
            if (s.length() > 20_000) {
                same(s.toString());
                s.setLength(0);
            }
        }
        same(s.toString());
    }
}
