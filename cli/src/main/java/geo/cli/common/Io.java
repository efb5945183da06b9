package geo.cli.common;

import java.io.InputStream;
import java.io.PrintStream;

/** The streams a command reads and writes; tests pass their own. */
public record Io(InputStream in, PrintStream out, PrintStream err) {
}
