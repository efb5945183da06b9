package geo.cli.repl;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Input from a real terminal through JLine 3: line editing, history (kept in
 * {@code ~/.geo_history} as well as in memory), tab completion and multi-line input with a
 * continuation prompt. Ctrl-C discards the input being typed; Ctrl-D on an empty line ends the session.
 */
final class TerminalInput implements LineInput {

    /** The history file, under the user's home; only a real terminal session reads and writes it. */
    static final String HISTORY_FILE = ".geo_history";

    private final Terminal terminal;
    private final LineReader reader;

    private TerminalInput(Terminal terminal, LineReader reader) {
        this.terminal = terminal;
        this.reader = reader;
    }

    /**
     * Opens the process's terminal. A terminal JLine cannot drive fully (TERM=dumb, an editor's
     * shell buffer) becomes a dumb one: prompts and plain line input, still better there than the
     * echoing plain mode meant for pipes.
     *
     * @param names the names of the session's model, for completion
     */
    static TerminalInput open(Supplier<Set<String>> names) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).name("geo").build();
        LineReader reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("geo")
                .parser(new ReplParser())
                .completer(new ReplCompleter(names))
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, Repl.CONTINUATION_PROMPT)
                .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), HISTORY_FILE))
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, false)
                .build();
        return new TerminalInput(terminal, reader);
    }

    /** Where output goes: the terminal's writer, so that it interleaves correctly with the line editor. */
    PrintWriter writer() {
        return terminal.writer();
    }

    @Override
    public String read() {
        try {
            return reader.readLine(Repl.PROMPT);
        } catch (UserInterruptException e) {
            return "";
        } catch (EndOfFileException e) {
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            // History is a convenience: an unwritable home directory must not turn leaving into an error.
            terminal.writer().println("note: could not save the history: " + e.getMessage());
        } finally {
            terminal.close();
        }
    }
}
