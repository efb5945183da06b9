package geo.cli.learn.motion;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.runtime.data.table.CsvTables;
import geo.runtime.data.table.Table;
import geo.runtime.learn.motion.Demonstrations.Demonstration;
import geo.runtime.learn.motion.LatentGrid;
import geo.runtime.learn.motion.MotionPlanner;
import geo.runtime.load.Model;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geo motion plot}: the latent magnification factor and the decoded motion, as PNG. */
@Command(name = "plot", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Draw a skill: left, the latent magnification factor log √det M(z) with the encoded "
                + "demonstrations and a motion's latent curve; right, the demonstrations, the decoded motion and the "
                + "obstacles in the position plane (PNG)."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "64:usage error or bad data"})
public final class MotionPlotCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SKILL.json", description = "A skill from 'geo motion fit'.")
    Path skillFile;

    @Parameters(index = "1", paramLabel = "DEMOS.csv", description = "The demonstrations.")
    Path demos;

    @Option(names = "--motion", paramLabel = "MOTION.csv", description = "A motion from 'geo motion generate'.")
    Path motion;

    @Option(names = "--obstacle", paramLabel = "x,y,r", description = "A disc obstacle to draw (repeatable).")
    List<String> obstacles;

    @Option(names = "--held-out", paramLabel = "DEMO", description = "The demonstration drawn in black (default: ${DEFAULT-VALUE}).")
    int heldOut = 0;

    @Option(names = "--grid", description = "Heat-map cells per side (default: ${DEFAULT-VALUE}).")
    int grid = 100;

    @Option(names = {"-o", "--output"}, paramLabel = "FIG.png", required = true, description = "Where to write the PNG.")
    Path output;

    private final Io io;

    public MotionPlotCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            if (grid < 2) {
                throw new UsageException("--grid must be at least 2, got " + grid);
            }
            if (!output.toString().endsWith(".png")) {
                throw new UsageException("--output must be a .png file, got " + output);
            }
            List<Demonstration> ds = SkillFiles.readDemos(demos);
            List<Skill.Obstacle> discs = MotionCommand.obstacles(obstacles);
            double[][] path = motion == null ? null : readMotion(motion);
            Skill skill = Skill.compile();
            double[] theta = SkillFiles.readSkill(skillFile, skill);
            draw(skill, theta, ds, heldOut, path, discs, grid, output, "Motion skill: " + skillFile.getFileName());
            io.out().println("wrote " + output);
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo motion plot: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            io.err().println("geo motion plot: cannot write " + output + ": " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    /** Reads a motion CSV: rows of t,z0,z1,p0,p1,q0,q1,q2. */
    static double[][] readMotion(Path file) throws UsageException {
        try {
            Table t = CsvTables.read(file);
            if (!t.header().equals(List.of("t", "z0", "z1", "p0", "p1", "q0", "q1", "q2"))) {
                throw new UsageException(file + ":" + t.headerLine() + ": expected the columns t,z0,z1,p0,p1,q0,q1,q2 of "
                        + "'geo motion generate'");
            }
            double[][] out = new double[t.rows()][];
            for (int r = 0; r < t.rows(); r++) {
                out[r] = new double[] {t.get(r, 1), t.get(r, 2), t.get(r, 3), t.get(r, 4)};
            }
            return out;
        } catch (IOException e) {
            throw new UsageException(Files.exists(file) ? e.getMessage() : "cannot read " + file + ": no such file");
        }
    }

    /**
     * Draws the picture; {@code path} rows are (z0, z1, p0, p1), or null.
     */
    static void draw(Skill skill, double[] theta, List<Demonstration> ds, int heldOut, double[][] path,
                     List<Skill.Obstacle> discs, int grid, Path out, String title) throws IOException {
        List<MotionFigure.Curve> latent = new ArrayList<>();
        List<MotionFigure.Curve> data = new ArrayList<>();
        if (path != null) {
            latent.add(new MotionFigure.Curve("motion", Color.RED, false, column(path, 0)));
            data.add(new MotionFigure.Curve("motion", Color.RED, false, column(path, 2)));
        }
        draw(skill, theta, ds, heldOut, latent, data, discs, grid, out, title);
    }

    static void draw(Skill skill, double[] theta, List<Demonstration> ds, int heldOut, List<MotionFigure.Curve> latent,
                     List<MotionFigure.Curve> data, List<Skill.Obstacle> discs, int grid, Path out, String title) throws IOException {
        MotionPlanner.Options box = skill.plannerOptions(theta);
        Model full = skill.metric(Skill.Metric.FULL);
        LatentGrid g = new LatentGrid(full.metric(), skill.thetaFor(full, theta, List.of(), 0), box.lo(), box.hi(), grid);
        List<double[]> encoded = new ArrayList<>();
        List<double[][]> positions = new ArrayList<>();
        List<MotionFigure.Curve> allData = new ArrayList<>();
        for (Demonstration d : ds) {
            if (d.index() == heldOut) {
                allData.add(new MotionFigure.Curve("held-out demonstration " + heldOut, MotionFigure.HELD_OUT, true,
                        d.position()));
            } else {
                positions.add(d.position());
                for (int i = 0; i < d.size(); i++) {
                    encoded.add(skill.encode(d.state(i), theta));
                }
            }
        }
        allData.addAll(data);
        MotionFigure.write(out, title, g.magnification(), box.lo(), box.hi(), encoded.toArray(double[][]::new), latent,
                positions, allData, discs);
    }

    private static double[][] column(double[][] rows, int at) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[] {rows[i][at], rows[i][at + 1]};
        }
        return out;
    }
}
