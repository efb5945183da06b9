package geo.cli.repl;

import geo.cli.common.ExitCodes;
import geo.compiler.source.CompileException;
import geo.compiler.source.Diagnostic;
import geo.compiler.source.Diagnostics;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.file.Path;

/**
 * The read–eval–print loop of {@code geo repl}. Each input is a {@code :command}, one or more
 * declarations (which change the session's model, or are refused with their diagnostics), or an
 * expression (which goes to the {@link Evaluator}). Everything the REPL says, errors included,
 * goes to one output stream in order, so a session's transcript is a single readable text;
 * standard error only gets failures to start, stack traces under {@code --debug} and progress
 * lines of long work when not on a terminal.
 */
public final class Repl implements Closeable {

    /** The prompt. */
    public static final String PROMPT = "geo> ";
    /** The prompt of a continuation line, as wide as {@link #PROMPT}. */
    public static final String CONTINUATION_PROMPT = "...> ";

    private static final String BANNER = "Geo REPL: type declarations to build a model; :help lists the commands,"
            + " :quit or Ctrl-D leaves.";

    private final LineInput input;
    private final PrintWriter out;
    private final PrintStream err;
    private final boolean terminal;
    private final Evaluator evaluator;
    private final Session session;
    private final Commands commands;
    private boolean debug;
    private boolean greeted;

    private Repl(Session session, LineInput input, PrintWriter out, PrintStream err, boolean terminal,
                 Evaluator evaluator) {
        this.session = session;
        this.input = input;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.evaluator = evaluator;
        this.commands = new Commands(session, out, terminal ? out : null, err);
    }

    /**
     * A REPL that reads lines from a stream that is not a terminal (a pipe, a file, a test).
     *
     * @param echo whether to print each input line after a plain prompt, so that the output reads
     *             like the session typed at a terminal; false prints only the answers
     */
    public static Repl overStreams(InputStream in, PrintStream out, PrintStream err, boolean echo,
                                   Evaluator evaluator) {
        PrintWriter writer = writer(out);
        return new Repl(new Session(), new PlainInput(in, echo ? writer : null), writer, err, false, evaluator);
    }

    /**
     * A REPL on the process's terminal, with JLine's line editing, history and completion.
     * Call it only when standard input and output are a terminal.
     */
    public static Repl onTerminal(PrintStream err, Evaluator evaluator) throws IOException {
        Session session = new Session();
        TerminalInput input = TerminalInput.open(() -> session.model().names());
        return new Repl(session, input, input.writer(), err, true, evaluator);
    }

    /** Whether internal errors also print their stack trace on standard error. */
    public Repl debug(boolean on) {
        this.debug = on;
        return this;
    }

    /**
     * Starts from a file, as {@code :load FILE} would, but a file that cannot be read or has
     * errors is a failure to start, reported on standard error.
     *
     * @return 0, or the exit code to end with: 64 for an unreadable file, 65 for compile errors
     */
    public int preload(Path file) {
        Session.Outcome outcome = session.load(file);
        if (outcome.accepted()) {
            greet();
            Commands.print(out, outcome);
            out.flush();
            return ExitCodes.OK;
        }
        err.print(Diagnostics.shown(outcome.diagnostics(), Diagnostics.DEFAULT_MAX_SHOWN).render());
        outcome.notes().forEach(n -> err.println("geo repl: " + n.replaceFirst("^error: ", "")));
        return outcome.diagnostics().isEmpty() ? ExitCodes.USAGE : ExitCodes.COMPILE_ERROR;
    }

    /**
     * Runs the loop until {@code :quit} or the end of the input.
     *
     * @return the exit code: 0, or 70 when the input could not be read
     */
    public int run() {
        greet();
        while (true) {
            String text;
            try {
                text = input.read();
            } catch (IOException e) {
                err.println("geo repl: cannot read the input: " + e.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            }
            if (text == null) {
                if (terminal) {
                    out.println();
                }
                out.flush();
                return ExitCodes.OK;
            }
            boolean more;
            try {
                more = handle(text);
            } catch (CompileException e) {
                err.print(e.diagnostic().render());
                more = true;
            } catch (RuntimeException | StackOverflowError e) {
                internal(e);
                more = true;
            }
            out.flush();
            if (!more) {
                return ExitCodes.OK;
            }
        }
    }

    /** On a terminal, says once what this is and how to leave; a script's transcript has no banner. */
    private void greet() {
        if (terminal && !greeted) {
            out.println(BANNER);
            out.flush();
        }
        greeted = true;
    }

    /**
     * Handles one input.
     *
     * @return false when the session should end
     */
    boolean handle(String text) {
        int line = session.record(text);
        switch (InputScanner.classify(text)) {
            case BLANK -> {
            }
            case COMMAND -> {
                return commands.run(text);
            }
            case MEMBER -> Commands.print(out, session.declare(text, line, true));
            case TOP_LEVEL -> Commands.print(out, session.declare(text, line, false));
            case EXPRESSION -> evaluate(text, line);
            default -> throw new IllegalStateException("unhandled input kind");
        }
        return true;
    }

    private void evaluate(String text, int line) {
        Session.Parsed parsed = session.parseExpression(text, line);
        if (parsed.expression() == null) {
            parsed.diagnostics().forEach(d -> out.print(d.render()));
            if (parsed.diagnostics().isEmpty()) {
                out.println("error: not a declaration, a command or an expression");
            }
            return;
        }
        try {
            String result = evaluator.evaluate(parsed.expression(), session.model());
            if (result != null && !result.isEmpty()) {
                out.println(result);
            }
        } catch (EvaluationException e) {
            out.println("error: " + e.getMessage());
        }
    }

    private void internal(Throwable e) {
        out.println("error: internal error: " + e + (debug ? "" : " (run with --debug for the stack trace)")
                + "; the session goes on with the model as it was");
        if (debug) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                err.println((t == e ? "" : "Caused by: ") + t);
                for (StackTraceElement frame : t.getStackTrace()) {
                    err.println("\tat " + frame);
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        out.flush();
        input.close();
    }

    /** A writer onto a print stream that keeps the stream's own encoding. */
    private static PrintWriter writer(PrintStream stream) {
        return new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) {
                stream.append(CharBuffer.wrap(chars, offset, length));
            }

            @Override
            public void flush() {
                stream.flush();
            }

            @Override
            public void close() {
                stream.flush();
            }
        });
    }
}
