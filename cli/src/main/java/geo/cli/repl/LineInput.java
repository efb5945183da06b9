package geo.cli.repl;

import java.io.Closeable;
import java.io.IOException;

/** Where the REPL's input comes from: a terminal (JLine) or a plain stream. */
interface LineInput extends Closeable {

    /**
     * Reads one input: a line, or several when the first leaves a bracket open or ends in an
     * operator. Lines are joined with {@code \n}.
     *
     * @return the input, "" when the user cancelled it (Ctrl-C), or null at the end of input
     */
    String read() throws IOException;
}
