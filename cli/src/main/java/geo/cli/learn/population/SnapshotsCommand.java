package geo.cli.learn.population;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.cli.options.ThreadsOption;
import geo.runtime.learn.Execution;
import geo.runtime.learn.population.Field;
import geo.runtime.learn.population.SnapshotGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code geo snapshots}: writes one of the three synthetic snapshot sets of Scarvelis &amp; Solomon 2023. */
@Command(name = "snapshots", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate a population-snapshot set of Scarvelis & Solomon (2023, section 5.1): samples around "
                + "the original anchors joined by geodesics of the true metric G = I - (1 - 1e-3) v v' and sampled on "
                + "the original time grid (or, with --paths network, joined as the original code did). Writes CSV with header t,x0,x1[,family]."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written", "64:usage error", "70:a trajectory did not converge, or the file could not be written"})
public final class SnapshotsCommand implements Callable<Integer> {

    @Option(names = "--field", required = true, paramLabel = "circle|mass-splitting|x-paths",
            description = "The set: Circle (25 snapshots of 100), Mass Splitting (10 of 100) or X Paths (2 families, "
                    + "10 of 100 each).")
    String field;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Execution.SEED,
            description = "The seed of the samples (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--paths", paramLabel = "geodesic|network",
            description = "How each pair is joined: 'geodesic', the energy-minimising spline geodesic of the true metric, or "
                    + "'network', the original code's velocity network fitted for 100 AdamW iterations (its snapshots match "
                    + "the published X Paths statistics). Default: the set's own (network for x-paths and "
                    + "mass-splitting, geodesic for circle).")
    String paths;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the snapshots.")
    Path out;

    @Mixin
    ThreadsOption threads;

    private final Io io;

    public SnapshotsCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            Field f = PopulationModels.field(field);
            SnapshotGenerator.Paths how = f.defaultPaths();
            if (paths != null) {
                how = SnapshotGenerator.Paths.of(paths);
                if (how == null) {
                    throw new UsageException("--paths: expected geodesic or network, got '" + paths + "'");
                }
            }
            Path dir = out.toAbsolutePath().getParent();
            if (dir != null && !Files.isDirectory(dir)) {
                throw new UsageException("--out: cannot write " + out + ": no such directory " + dir);
            }
            SnapshotGenerator.Generated g;
            try {
                g = SnapshotGenerator.generate(f, PopulationModels.truth(f), seed, threads.workers(), how);
            } catch (SnapshotGenerator.GenerationException e) {
                io.err().println("geo snapshots: " + e.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            }
            try {
                g.snapshots().write(out);
            } catch (IOException e) {
                io.err().println("geo snapshots: cannot write " + out + ": " + e.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            }
            int times = g.snapshots().families().get(0).size();
            io.out().printf("%s: %d famil%s of %d snapshots, %d points, %s paths, seed %d -> %s%n", f.label(),
                    g.snapshots().families().size(), g.snapshots().families().size() == 1 ? "y" : "ies", times,
                    g.snapshots().pointCount(), how.label(), seed, out);
            if (g.stalled() > 0) {
                io.out().printf("note: %d geodesics cross the jump of the metric, where the energy is not differentiable; "
                        + "their line search stalled there and the best path found was kept%n", g.stalled());
            }
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo snapshots: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
