package geo.cli.repl;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.EOFError;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;

/**
 * Tells JLine when an input goes on over more lines (an open bracket, an operator at the end: it
 * then shows the continuation prompt) and what the word under the cursor is for completion:
 * in a {@code :command} line words are separated by spaces (file names), elsewhere a word is a
 * run of identifier characters, so that {@code dot(x} completes {@code x}.
 */
final class ReplParser implements Parser {

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        if (context == ParseContext.ACCEPT_LINE && InputScanner.incomplete(line)) {
            throw new EOFError(-1, -1, "incomplete input", "more input");
        }
        return words(line, cursor);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    /** The words of {@code line} and the one the cursor is in (an empty word if it is between words). */
    static Words words(String line, int cursor) {
        boolean command = InputScanner.isCommand(line);
        List<String> words = new ArrayList<>();
        int wordIndex = -1;
        int wordStart = cursor;
        int before = 0;
        int i = 0;
        while (i < line.length()) {
            if (!inWord(line.charAt(i), command)) {
                i++;
                continue;
            }
            int start = i;
            while (i < line.length() && inWord(line.charAt(i), command)) {
                i++;
            }
            if (wordIndex < 0 && cursor >= start && cursor <= i) {
                wordIndex = words.size();
                wordStart = start;
            } else if (i < cursor) {
                before++;
            }
            words.add(line.substring(start, i));
        }
        if (wordIndex < 0) {
            wordIndex = before;
            words.add(before, "");
        }
        return new Words(line, cursor, words, wordIndex, cursor - wordStart);
    }

    private static boolean inWord(char c, boolean command) {
        return command ? !Character.isWhitespace(c) : Character.isLetterOrDigit(c) || c == '_';
    }

    /** A parsed line: the words and the one under the cursor, without quoting or escapes. */
    record Words(String line, int cursor, List<String> words, int wordIndex, int wordCursor)
            implements CompletingParsedLine {

        @Override
        public String word() {
            return words.get(wordIndex);
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor;
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }
}
