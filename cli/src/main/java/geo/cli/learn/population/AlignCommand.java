package geo.cli.learn.population;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.cli.options.ModelOptions;
import geo.cli.options.ParameterOptions;
import geo.runtime.api.Json;
import geo.runtime.learn.population.Alignment;
import geo.runtime.learn.population.Box;
import geo.runtime.load.Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geo align}: the alignment score of a metric (with saved parameters) against a true metric. */
@Command(name = "align", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The alignment score of Scarvelis & Solomon / Pooladian et al.: the mean over a 100 x 100 grid "
                + "on the box of |cos| of the angle between the cheapest directions (minor eigenvectors) of the "
                + "model's metric and the true metric. 1 is perfect; a random orientation gives 2/pi."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:scored", "64:usage error (also: a model that is not a planar metric, models of different "
                + "dimensions)", "65:a model has compile errors", "70:a metric is not finite on the grid"})
public final class AlignCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "M.geo", description = "The learned metric (.geo or jar).")
    Path modelPath;

    @Mixin
    ParameterOptions params;

    @Option(names = "--truth", required = true, paramLabel = "T.geo", description = "The true metric.")
    Path truthPath;

    @Option(names = "--box", required = true, paramLabel = "xmin,xmax,ymin,ymax", description = "Where to score.")
    String box;

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
            description = "Draw the model's cheap directions over the true ones, on the data of --data (the picture "
                    + "'geo learn-metric --plot' draws, from saved parameters).")
    Path plot;

    @Option(names = "--data", paramLabel = "SNAPSHOTS.csv", description = "The snapshots drawn under --plot.")
    Path data;

    @Option(names = "--json", description = "Print a JSON report instead of text.")
    boolean json;

    private final Io io;

    public AlignCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            Box b = PopulationModels.box(box);
            if ((plot == null) != (data == null)) {
                throw new UsageException(plot == null ? "--data is drawn only with --plot" : "--plot needs --data SNAPSHOTS.csv");
            }
            if (plot != null) {
                DirectionPlot.check(plot);
            }
            Model model = ModelOptions.load(io, modelPath, null);
            if (model == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            Model truth = ModelOptions.load(io, truthPath, null);
            if (truth == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            PopulationModels.sameDimension(model, truth, truthPath);
            PopulationModels.requirePlanarMetric(model, modelPath, "the model");
            PopulationModels.requirePlanarMetric(truth, truthPath, "the true model");
            double[] theta = params.apply(model.descriptor(), model.defaultParameters());
            Alignment.Result r = Alignment.score(model.metric(), theta, truth.metric(), truth.defaultParameters(), b);
            if (!r.ok()) {
                io.err().println("geo align: " + r.detail());
                return ExitCodes.RUNTIME_FAILURE;
            }
            if (plot != null) {
                try {
                    DirectionPlot.write(plot, "geo align: " + data.getFileName(), String.format(java.util.Locale.ROOT,
                            "%s, alignment %.4f", model.name(), r.score()), PopulationModels.read(data), b,
                            model.metric(), theta, truth.metric(), truth.defaultParameters());
                } catch (geo.cli.common.figure.PlotException e) {
                    io.err().println("geo align: --plot: " + e.getMessage());
                    return e.isUsage() ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE;
                }
            }
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("model", model.name());
                out.put("truth", truth.name());
                out.put("box", java.util.List.of(b.xmin(), b.xmax(), b.ymin(), b.ymax()));
                out.put("grid", Alignment.GRID);
                out.put("alignment", r.score());
                io.out().println(Json.writePretty(out));
            } else {
                io.out().printf(java.util.Locale.ROOT, "alignment %.4f (%s against %s on [%s], %d x %d grid)%n",
                        r.score(), model.name(), truth.name(), b, Alignment.GRID, Alignment.GRID);
            }
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo align: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
