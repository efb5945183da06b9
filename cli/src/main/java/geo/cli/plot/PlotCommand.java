package geo.cli.plot;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.cli.common.figure.PlotException;
import geo.cli.common.figure.PlotRequest;
import geo.cli.options.ModelOptions;
import geo.runtime.api.Json;
import geo.runtime.load.Model;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code geo plot}: a figure of a 2-D model (or a 2-D slice of a larger one) — metric ellipses, a fan
 * of geodesics, geodesics between points — written as PNG or SVG. Bad input exits 64 before any
 * work (the output file is checked first), a geodesic that cannot be found 70.
 */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Draw a model's chart: metric ellipses (unit balls of g, scaled to fit a grid), a fan of "
                + "geodesics from a point, geodesics between points. PNG or SVG by the extension of --out.")
public final class PlotCommand implements Callable<Integer> {

    @Mixin
    ModelOptions model;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE",
            description = "The picture: FILE.png or FILE.svg.")
    Path out;

    @Mixin
    PlotOptions plot;

    @Option(names = "--json", description = "Print a JSON object (the file written and what was drawn) instead of text.")
    boolean json;

    private final Io io;

    public PlotCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            PlotRequest request = plot.check(out);
            Model loaded = model.load(io);
            if (loaded == null) {
                return ExitCodes.COMPILE_ERROR;
            }
            List<String> drawn = plot.draw(loaded, model.checkedParameters(loaded, io, "geo plot"), request, out);
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("file", out.toString());
                doc.put("manifold", loaded.name());
                doc.put("drawn", drawn);
                io.out().println(Json.writePretty(doc));
            } else {
                drawn.forEach(io.out()::println);
            }
            return ExitCodes.OK;
        } catch (UsageException e) {
            return fail(e.getMessage(), ExitCodes.USAGE);
        } catch (PlotException e) {
            return fail(e.getMessage(), e.isUsage() ? ExitCodes.USAGE : ExitCodes.RUNTIME_FAILURE);
        }
    }

    private int fail(String message, int code) {
        io.err().println("geo plot: " + message);
        return code;
    }
}
