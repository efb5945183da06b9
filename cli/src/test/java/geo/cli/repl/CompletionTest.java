package geo.cli.repl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jline.reader.Candidate;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.junit.jupiter.api.Test;

/** JLine glue without a terminal: words under the cursor, continuation and completion candidates. */
class CompletionTest {

    private final ReplParser parser = new ReplParser();
    private final ReplCompleter completer = new ReplCompleter(() -> Set.of("theta", "phi", "g", "radius"));

    private List<String> candidates(String line) {
        List<Candidate> out = new ArrayList<>();
        completer.complete(null, parser.parse(line, line.length(), Parser.ParseContext.COMPLETE), out);
        return out.stream().map(Candidate::value).toList();
    }

    @Test
    void wordsAreIdentifiersInSourceAndSpaceSeparatedInCommands() {
        ReplParser.Words w = ReplParser.words("let a = dot(rad", 15);
        assertEquals("rad", w.word());
        assertEquals(3, w.wordCursor());
        ReplParser.Words c = ReplParser.words(":load dir/my-file.geo", 21);
        assertEquals("dir/my-file.geo", c.word());
        assertEquals(1, c.wordIndex());
        ReplParser.Words after = ReplParser.words(":show ", 6);
        assertEquals("", after.word());
        assertEquals(1, after.wordIndex());
    }

    @Test
    void unfinishedInputAsksJLineForMoreLines() {
        assertThrows(EOFError.class, () -> parser.parse("metric g = [[1, 0],", 19, Parser.ParseContext.ACCEPT_LINE));
        assertEquals("g", parser.parse("metric g", 8, Parser.ParseContext.ACCEPT_LINE).word());
    }

    @Test
    void commandsThenTheirSections() {
        List<String> first = candidates(":");
        for (Commands.Spec s : Commands.SPECS) {
            assertTrue(first.contains(s.name()), s.name());
        }
        List<String> show = candidates(":show ");
        assertTrue(show.containsAll(Commands.SECTIONS), show.toString());
        assertTrue(show.contains("--latex"));
        assertFalse(show.contains("--velocity"));
        assertTrue(candidates(":at 0.1,0.2 ").contains("--velocity"));
        assertEquals(List.of(), candidates(":quit "));
    }

    @Test
    void keywordsOnlyFirstThenNamesAndBuiltins() {
        List<String> first = candidates("me");
        assertTrue(first.containsAll(ReplCompleter.KEYWORDS));
        assertTrue(first.contains("theta"));
        List<String> inside = candidates("let r = 2 * ra");
        assertFalse(inside.contains("metric"));
        assertTrue(inside.containsAll(List.of("radius", "sin", "dot", "pullback", "pi")), inside.toString());
    }
}
