package geo.cli;

import geo.cli.common.DebugFlag;
import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.language.CheckCommand;
import geo.cli.language.CompileCommand;
import geo.cli.language.ShowCommand;
import geo.cli.learn.embed.EmbedCommand;
import geo.cli.learn.embed.EmbedRowCommand;
import geo.cli.learn.fit.EvalCommand;
import geo.cli.learn.fit.FitCommand;
import geo.cli.learn.lagrangian.LotCommand;
import geo.cli.learn.motion.MotionCommand;
import geo.cli.learn.taskmet.TaskMetCommand;
import geo.cli.learn.population.AlignCommand;
import geo.cli.learn.population.LearnMetricCommand;
import geo.cli.learn.population.SnapshotsCommand;
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
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code geo} command: parses the command line and runs a subcommand. */
@Command(name = "geo", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Geo: a compiled language for differential geometry.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "64:usage error (bad option, missing or unreadable file)",
            "65:the model has compile errors",
            "70:numerical or internal failure"})
public final class Main implements Callable<Integer>, DebugFlag {

    /**
     * The subcommands, by name, in the order {@code geo --help} lists them. Not in the
     * {@code @Command} annotation: picocli builds the model of every registered command (reflection
     * over all options and mixins, some hundred classes) before it parses anything, which was most
     * of the start-up of a short command such as {@code geo check}; {@link #commandLine} registers
     * only the command a run names. MainTest checks that each name is its class's {@code @Command} name.
     */
    static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> m = new LinkedHashMap<>();
        m.put("check", CheckCommand.class);
        m.put("show", ShowCommand.class);
        m.put("compile", CompileCommand.class);
        m.put("exp", SolverCommands.Exp.class);
        m.put("log", SolverCommands.Log.class);
        m.put("dist", SolverCommands.Dist.class);
        m.put("geodesic", GeodesicCommand.class);
        m.put("plot", PlotCommand.class);
        m.put("embed", EmbedCommand.class);
        m.put("embed-row", EmbedRowCommand.class);
        m.put("fit", FitCommand.class);
        m.put("eval", EvalCommand.class);
        m.put("ot", OtCommand.class);
        m.put("lot", LotCommand.class);
        m.put("motion", MotionCommand.class);
        m.put("taskmet", TaskMetCommand.class);
        m.put("snapshots", SnapshotsCommand.class);
        m.put("learn-metric", LearnMetricCommand.class);
        m.put("align", AlignCommand.class);
        m.put("repl", ReplCommand.class);
        m.put("help", CommandLine.HelpCommand.class);
        return Collections.unmodifiableMap(m);
    }

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
        commandLine(this, new Factory(io), new String[0]).usage(io.err());
        return ExitCodes.USAGE;
    }

    Io io() {
        return io;
    }

    /** Runs {@code geo args...} with the given streams and returns the exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Io io = new Io(in, out, err);
        List<Path> files = Entry.plainCheck(args);
        if (files != null) {
            return Entry.check(io, files);
        }
        Main main = new Main(io);
        CommandLine cl = commandLine(main, new Factory(io), args);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> internalError(e, main.debug, err));
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

    /**
     * A command's exception: a {@link CompileException} (a model that passed its checks but is too
     * large to derive) as its diagnostic and exit 65, anything else as an internal error, exit 70.
     */
    static int internalError(Exception e, boolean debug, PrintStream err) {
        if (e instanceof CompileException c) {
            err.print(c.diagnostic().render());
            return ExitCodes.COMPILE_ERROR;
        }
        err.println("geo: internal error: " + e);
        if (debug) {
            e.printStackTrace(err);
        } else {
            err.println("(run with --debug for the stack trace, and please report it)");
        }
        return ExitCodes.RUNTIME_FAILURE;
    }

    /**
     * The command line for {@code args}: when the first argument that is not an option names a
     * command other than {@code help}, only that command is registered (the only one picocli would
     * run); otherwise, for {@code geo}, {@code geo --help}, {@code geo help ...} and unknown
     * commands (whose error suggests the near names), all of them. {@code geo}'s own options
     * ({@code --debug}, {@code -h}, {@code -V}) take no value, so the first non-option is the command.
     */
    static CommandLine commandLine(Main main, CommandLine.IFactory factory, String[] args) {
        CommandLine cl = new CommandLine(main, factory);
        String named = null;
        for (String a : args) {
            if (!a.startsWith("-")) {
                named = a;
                break;
            }
        }
        if (named != null && !named.equals("help") && COMMANDS.containsKey(named)) {
            cl.addSubcommand(named, COMMANDS.get(named));
        } else {
            COMMANDS.forEach(cl::addSubcommand);
        }
        return cl;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.in, out, err));
    }

    /** Gives every command the streams of this run. */
    static final class Factory implements CommandLine.IFactory {
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
