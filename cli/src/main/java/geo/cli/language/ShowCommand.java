package geo.cli.language;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.NumberList;
import geo.cli.common.UsageException;
import geo.cli.options.DiagnosticOptions;
import geo.cli.options.ParameterOptions;
import geo.compiler.driver.Frontend;
import geo.compiler.show.JsonRenderer;
import geo.compiler.show.Report;
import geo.compiler.show.ShowBuilder;
import geo.compiler.show.ShowException;
import geo.compiler.show.ShowRequest;
import geo.compiler.show.TextRenderer;
import geo.compiler.show.Topic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo show FILE}: the derived equations of a model as text, LaTeX or JSON, and their
 * values at a point. A thin layer over {@link geo.compiler.show}: it reads the options, checks
 * the file and prints what {@link ShowBuilder} builds.
 */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Print the equations Geo derives from a model: metric, Christoffel symbols, geodesic spray,"
            + " curvature, Euler-Lagrange acceleration; with --at, also their values at a point.",
            "Without a section option: metric and spray for a metric, Euler-Lagrange for a Lagrangian,"
                + " and the file's losses."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (warnings allowed)", "64:usage error: bad option or number, unreadable file,"
            + " unknown manifold, point of the wrong dimension", "65:the file has compile errors",
            "70:a value is NaN or infinite at the point, or a system is singular there"})
public final class ShowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", description = "The .geo file.")
    Path file;

    @Option(names = "--metric", description = "The metric g and, for d <= 4, its inverse.")
    boolean metric;

    @Option(names = "--christoffel", description = "The non-zero Christoffel symbols of the second kind.")
    boolean christoffel;

    @Option(names = "--spray", description = "The geodesic spray a = -Gamma(x)[v, v].")
    boolean spray;

    @Option(names = "--curvature", description = "The Riemann and Ricci tensors and the scalar curvature.")
    boolean curvature;

    @Option(names = "--euler-lagrange",
            description = "The Lagrangian (1/2 v'gv for a metric), d2L/dv2 and the Euler-Lagrange acceleration.")
    boolean eulerLagrange;

    @Option(names = "--manifold", paramLabel = "NAME", description = "Show only this manifold of the file.")
    String manifold;

    @Option(names = "--at", paramLabel = "x1,x2,...",
            description = "Also print every value at this point, with the model's default parameters or those of "
                    + "--params and --param.")
    String at;

    @Option(names = "--velocity", paramLabel = "v1,v2,...",
            description = "The velocity for values that need one (default: all ones). Needs --at.")
    String velocity;

    @Mixin
    ParameterOptions overrides;

    @Mixin
    DiagnosticOptions shown = new DiagnosticOptions();

    @Option(names = "--latex", description = "Print the equations in LaTeX.")
    boolean latex;

    @Option(names = "--json", description = "Print a JSON document for programs.")
    boolean json;

    @Option(names = "--max-nodes", paramLabel = "N", defaultValue = "" + TextRenderer.DEFAULT_MAX_NODES,
            description = "Print sections up to N expression nodes; larger ones are summarised (default: ${DEFAULT-VALUE}).")
    int maxNodes;

    private final Io io;

    public ShowCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        if (latex && json) {
            return usage("--latex and --json cannot be combined (the JSON has the LaTeX of every equation)");
        }
        if (maxNodes < 1) {
            return usage("--max-nodes must be at least 1, got " + maxNodes);
        }
        ShowRequest request;
        int max;
        try {
            max = shown.max();
            request = new ShowRequest(topics(), manifold, at == null ? null : NumberList.parse("--at", at),
                    velocity == null ? null : NumberList.parse("--velocity", velocity), overrides.byName());
        } catch (UsageException e) {
            return usage(e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            return usage("cannot read " + file + ": no such file");
        }
        Frontend.Result result;
        try {
            result = Frontend.checkFile(file);
        } catch (IOException e) {
            return usage("cannot read " + file + ": " + e.getMessage());
        }
        io.err().print(result.diagnostics().shown(max).render());
        if (!result.ok()) {
            int errors = result.diagnostics().errorCount();
            io.err().println(file + ": " + errors + (errors == 1 ? " error" : " errors"));
            return ExitCodes.COMPILE_ERROR;
        }
        Report report;
        try {
            report = ShowBuilder.build(file.toString(), result.program(), request, result.lowered());
        } catch (ShowException e) {
            return usage(e.getMessage());
        }
        io.out().print(json ? JsonRenderer.render(report) : TextRenderer.render(report, latex, maxNodes));
        io.out().flush();
        for (String problem : report.problems()) {
            io.err().println("geo show: " + problem);
        }
        return report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
    }

    private Set<Topic> topics() {
        Set<Topic> t = EnumSet.noneOf(Topic.class);
        if (metric) {
            t.add(Topic.METRIC);
        }
        if (christoffel) {
            t.add(Topic.CHRISTOFFEL);
        }
        if (spray) {
            t.add(Topic.SPRAY);
        }
        if (curvature) {
            t.add(Topic.CURVATURE);
        }
        if (eulerLagrange) {
            t.add(Topic.EULER_LAGRANGE);
        }
        return t;
    }

    private int usage(String message) {
        io.err().println("geo show: " + message);
        return ExitCodes.USAGE;
    }
}
