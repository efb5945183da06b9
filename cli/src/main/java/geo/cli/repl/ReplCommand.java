package geo.cli.repl;

import geo.cli.common.DebugFlag;
import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code geo repl [FILE]}: the equation REPL ({@link geo.cli.repl.Repl}). On a terminal it uses
 * JLine (editing, history, completion); otherwise it reads lines from standard input and writes
 * a plain transcript, so sessions can be scripted.
 */
@Command(name = "repl", mixinStandardHelpOptions = true,
        description = {"Build a model one declaration at a time, see its derived equations and their values,"
            + " save and compile it.",
            "Type coords, param, let, def, metric and lagrangian lines as inside a manifold; :help lists the"
                + " commands. When standard input is not a terminal, lines are read from it and each is echoed"
                + " after a plain 'geo> ' prompt."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the session ended (:quit or end of input)", "64:FILE cannot be read",
            "65:FILE has compile errors", "70:the input could not be read"})
public final class ReplCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..1", description = "A .geo file to start from, as with :load FILE.")
    Path file;

    @Option(names = {"-q", "--quiet"},
            description = "When input is not a terminal, print neither prompts nor the input lines: only the answers.")
    boolean quiet;

    // The root command (geo.cli.Main) by its interface, so that this package does not import the root.
    @ParentCommand
    DebugFlag main;

    private final Io io;

    public ReplCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        Evaluator evaluator = Evaluator.standard();
        // System.console() is non-null exactly when standard input and output are both a terminal (Java 17).
        Repl repl = io.in() == System.in && System.console() != null
                ? Repl.onTerminal(io.err(), evaluator)
                : Repl.overStreams(io.in(), io.out(), io.err(), !quiet, evaluator);
        try (Repl r = repl.debug(main != null && main.debug())) {
            if (file != null) {
                int code = r.preload(file);
                if (code != ExitCodes.OK) {
                    return code;
                }
            }
            return r.run();
        }
    }
}
