package geo.cli.repl;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Input from a stream that is not a terminal (a pipe, a file, a test). Each line is echoed after
 * its prompt ({@code geo> }, or {@code ...> } for a continuation line), so that the output of a
 * scripted session reads exactly like the same session typed at a terminal; without an echo
 * stream, neither prompts nor input are printed and the output holds only the REPL's answers.
 *
 * <p>A script cannot press Ctrl-C, so a line that starts with a command ({@code :help}, a colon
 * and a letter, which no continuation of Geo source does) ends an unfinished input: the
 * unfinished part is handed over as it is (and gets its syntax error), then the command runs.
 */
final class PlainInput implements LineInput {

    private final BufferedReader reader;
    private final PrintWriter echo;
    /** A command line read while continuing an input, to be returned by the next {@link #read()}. */
    private String pending;

    /**
     * @param in   the input, read as UTF-8
     * @param echo where prompts and echoed lines go, or null for none
     */
    PlainInput(InputStream in, PrintWriter echo) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.echo = echo;
    }

    @Override
    public String read() throws IOException {
        String line = pending != null ? pending : reader.readLine();
        pending = null;
        if (line == null) {
            return null;
        }
        show(Repl.PROMPT, line);
        StringBuilder input = new StringBuilder(line);
        while (InputScanner.incomplete(input.toString())) {
            String next = reader.readLine();
            if (next == null) {
                break;
            }
            if (next.stripLeading().matches(":\\p{Alpha}.*")) {
                pending = next;
                break;
            }
            show(Repl.CONTINUATION_PROMPT, next);
            input.append('\n').append(next);
        }
        return input.toString();
    }

    private void show(String prompt, String line) {
        if (echo != null) {
            echo.println(prompt + line);
            echo.flush();
        }
    }

    @Override
    public void close() {
        // The stream belongs to the caller: closing System.in here would break whoever reads it next.
    }
}
