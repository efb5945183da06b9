package geo.cli;

import geo.cli.common.DebugFlag;
import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.language.CheckCommand;
import geo.cli.language.CompileCommand;
import geo.cli.language.ShowCommand;
import geo.cli.learn.embed.EmbedCommand;
import geo.cli.plot.PlotCommand;
import geo.cli.repl.ReplCommand;
import geo.cli.solve.GeodesicCommand;
import geo.cli.solve.SolverCommands;
import geo.cli.transport.OtCommand;
import geo.compiler.source.CompileException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code geo} command: parses the command line and runs a subcommand. */
@Command(name = "geo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Geo: a compiled language for differential geometry.",
        subcommands = {CheckCommand.class, ShowCommand.class, CompileCommand.class, SolverCommands.Exp.class, SolverCommands.Log.class,
            SolverCommands.Dist.class, GeodesicCommand.class, PlotCommand.class, EmbedCommand.class, OtCommand.class, ReplCommand.class,
            CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "64:usage error (bad option, missing or unreadable file)",
            "65:the model has compile errors",
            "70:numerical or internal failure"})
public final class Main implements Callable<Integer>, DebugFlag {

    @Option(names = "--debug", scope = CommandLine.ScopeType.INHERIT,
            description = "Show Java stack traces of internal failures.")
    boolean debug;

    @Override
    public boolean debug() {
        return debug;
    }

    private final Io io;

    Main(Io io) {
        this.io = io;
    }

    /** {@code geo} without a command: the usage, as a usage error. */
    @Override
    public Integer call() {
        new CommandLine(this, new Factory(io)).usage(io.err());
        return ExitCodes.USAGE;
    }

    Io io() {
        return io;
    }

    /** Runs {@code geo args...} with the given streams and returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Io io = new Io(in, out, err);
        Main main = new Main(io);
        CommandLine cl = new CommandLine(main, new Factory(io));
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof CompileException c) {
                // A model that passed its checks but is too large to derive: a compile error.
                err.print(c.diagnostic().render());
                return ExitCodes.COMPILE_ERROR;
            }
            err.println("geo: internal error: " + e);
            if (main.debug) {
                e.printStackTrace(err);
            } else {
                err.println("(run with --debug for the stack trace, and please report it)");
            }
            return ExitCodes.RUNTIME_FAILURE;
        });
        cl.setParameterExceptionHandler((e, params) -> {
            CommandLine c = e.getCommandLine();
            err.println("geo: " + e.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr())) {
                err.println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for more information.");
            }
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err));
    }

    /** Gives every command the streams of this run. */
    private static final class Factory implements CommandLine.IFactory {
        private final Io io;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        Factory(Io io) {
            this.io = io;
        }

        /** Commands with a constructor taking {@link Io} get this run's streams; everything else is made by picocli. */
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                var constructor = cls.getDeclaredConstructor(Io.class);
                return constructor.newInstance(io);
            } catch (NoSuchMethodException e) {
                return fallback.create(cls);
            }
        }
    }
}
