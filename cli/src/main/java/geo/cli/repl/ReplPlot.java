package geo.cli.repl;

import geo.cli.common.figure.PlotException;
import geo.cli.common.figure.PlotRequest;
import geo.cli.plot.PlotOptions;
import geo.runtime.load.Model;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code :plot FILE.png|FILE.svg [options]}: {@code geo plot} on the session's model at its default
 * parameters, with the same options (parsed by the same picocli mixin) and {@code --manifold}.
 */
@Command(name = ":plot")
final class ReplPlot {

    @Parameters(index = "0", paramLabel = "FILE.png|FILE.svg")
    Path out;

    @Option(names = "--manifold", paramLabel = "NAME")
    String manifold;

    @Mixin
    PlotOptions plot;

    private ReplPlot() {
    }

    /** Draws the model as {@code args} say; returns the lines to print. */
    static List<String> run(List<String> args, ModelContext context) throws Commands.CommandException {
        ReplPlot command = new ReplPlot();
        try {
            new CommandLine(command).parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new Commands.CommandException(":plot: " + e.getMessage()
                    + (args.isEmpty() ? "; e.g. :plot fig.png --geodesics-from 0.1,0.2" : ""));
        }
        return command.draw(context);
    }

    private List<String> draw(ModelContext context) throws Commands.CommandException {
        try {
            PlotRequest request = plot.check(out);
            if (!context.ready()) {
                throw new Commands.CommandException(context.status());
            }
            Model model = context.models().models().stream()
                    .filter(m -> m.dimension() > 0 && (manifold == null || m.name().equals(manifold))).findFirst()
                    .orElseThrow(() -> new Commands.CommandException(manifold == null
                            ? ":plot needs a manifold; the model has only losses"
                            : ":plot: no manifold '" + manifold + "' in the model"));
            return plot.draw(model, model.defaultParameters(), request, out);
        } catch (PlotException | EvaluationException e) {
            throw new Commands.CommandException(":plot: " + e.getMessage());
        }
    }
}
