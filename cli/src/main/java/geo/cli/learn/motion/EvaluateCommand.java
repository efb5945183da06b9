package geo.cli.learn.motion;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.NumberList;
import geo.cli.common.UsageException;
import geo.cli.options.ThreadsOption;
import geo.runtime.learn.motion.Demonstrations.Demonstration;
import geo.runtime.learn.motion.MotionPlanner;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code geo motion evaluate}: the results table of {@code examples/motion-skills} — for each seed,
 * a skill fitted without the held-out demonstration, the motions between its first and last
 * states by every method, their measures ({@link Evaluation}), and the obstacle test; mean ± sd over
 * the seeds, as Markdown.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a skill per seed without the held-out demonstration and measure the motions between its "
                + "first and last states (Fréchet and DTW distances in R², mean angle on S², distance to the training "
                + "states, length) for the full metric and the baselines, and the obstacle test; print a Markdown table "
                + "(mean ± sd over the seeds)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "64:usage error or bad data", "70:a fit failed (NaN or infinite loss)"})
public final class EvaluateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEMOS.csv", description = "Demonstrations (from 'geo motion demos').")
    Path demos;

    @Option(names = "--held-out", paramLabel = "DEMO", description = "The held-out demonstration (default: ${DEFAULT-VALUE}).")
    int heldOut = 0;

    @Option(names = "--seeds", paramLabel = "S1,S2,...", description = "Training seeds (default: ${DEFAULT-VALUE}).")
    String seeds = "1,2,3";

    @Option(names = "--obstacles", paramLabel = "N", description = "Obstacle trials per seed (default: ${DEFAULT-VALUE}).")
    int obstacles = 20;

    @Option(names = "--epochs", description = "VAE epochs (default: ${DEFAULT-VALUE}).")
    int epochs = SkillFit.Options.EPOCHS;

    @Option(names = "--figures", paramLabel = "DIR", description = "Write the first seed's pictures here.")
    Path figures;

    @Option(names = "--iterations", description = "L-BFGS iterations at most per geodesic (default: ${DEFAULT-VALUE}).")
    int iterations = MotionPlanner.Options.MAX_ITERATIONS;

    @Option(names = {"-o", "--output"}, paramLabel = "TABLE.md", description = "Where to write the table (default: standard output).")
    Path output;

    @Mixin
    ThreadsOption threads;

    private final Io io;

    public EvaluateCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            double[] seedList = NumberList.parse("--seeds", seeds);
            if (obstacles < 0 || epochs < 1 || iterations < 1) {
                throw new UsageException("--obstacles must be ≥ 0, --epochs and --iterations ≥ 1");
            }
            if (figures != null && !Files.isDirectory(figures)) {
                throw new UsageException("--figures: no such directory " + figures);
            }
            List<Demonstration> ds = SkillFiles.readDemos(demos);
            Demonstration held = ds.stream().filter(d -> d.index() == heldOut).findFirst()
                    .orElseThrow(() -> new UsageException("--held-out " + heldOut + ": " + demos + " has no such demonstration"));
            List<double[]> training = SkillFit.states(ds, heldOut);
            Skill skill = Skill.compile();
            List<Evaluation.Result> results = new ArrayList<>();
            for (double s : seedList) {
                long seed = (long) s;
                long t0 = System.nanoTime();
                SkillFit.Result fit = SkillFit.fit(skill, training, new SkillFit.Options(epochs, SkillFit.Options.BATCH,
                        SkillFit.Options.LEARNING_RATE, seed, threads.given() ? threads.workers() : 1));
                if (fit.failed()) {
                    io.err().println("geo motion evaluate: seed " + seed + ": " + fit.vae().message());
                    return ExitCodes.RUNTIME_FAILURE;
                }
                long t1 = System.nanoTime();
                Evaluation.Result r = Evaluation.run(new Motions(skill, fit.theta(), iterations), held, training, obstacles, seed);
                results.add(r);
                io.err().printf(Locale.ROOT, "seed %d: fit %.1f s (VAE %s, ELBO %s; variance %s), evaluation %.1f s%n", seed,
                        (t1 - t0) * 1e-9, fit.vae().status(), fit.vae().keptEpoch()
                                .map(e -> String.format(Locale.ROOT, "%.3f", e.loss().getAsDouble())).orElse("none"),
                        fit.variance().status(), (System.nanoTime() - t1) * 1e-9);
                if (figures != null && results.size() == 1) {
                    pictures(skill, fit.theta(), ds, r);
                }
            }
            MotionCommand.write(io, output, table(results, seedList.length));
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo motion evaluate: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            io.err().println("geo motion evaluate: cannot write the figures: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
    }

    private static final Color[] COLOURS = {new Color(220, 30, 30), new Color(30, 100, 220), new Color(240, 150, 0),
        new Color(20, 160, 60)};

    private void pictures(Skill skill, double[] theta, List<Demonstration> ds, Evaluation.Result r) throws IOException {
        List<MotionFigure.Curve> latent = new ArrayList<>();
        List<MotionFigure.Curve> data = new ArrayList<>();
        int k = 0;
        for (Map.Entry<Motions.Method, Motions.Motion> e : r.motions().entrySet()) {
            Motions.Motion m = e.getValue();
            boolean dashed = e.getKey() != Motions.Method.GEODESIC;
            if (m.latent() != null) {
                latent.add(new MotionFigure.Curve(e.getKey().label, COLOURS[k], dashed, m.latent()));
            }
            data.add(new MotionFigure.Curve(e.getKey().label, COLOURS[k], dashed, m.positions()));
            k++;
        }
        MotionPlotCommand.draw(skill, theta, ds, heldOut, latent, data, List.of(), 100, figures.resolve("motions.png"),
                "Held-out demonstration " + heldOut + ": the full metric's geodesic and the baselines");
        obstaclePicture(skill, theta, ds, r, r.obstacleExample(), r.trials(), "obstacle.png",
                "An obstacle of radius " + Evaluation.RADIUS + " on the held-out demonstration");
        obstaclePicture(skill, theta, ds, r, r.onPathExample(), r.onPath(), "obstacle-on-path.png",
                "An obstacle of radius " + Evaluation.RADIUS + " on the obstacle-free geodesic");
    }

    /** The first trial whose obstacle the free geodesic would hit, with and without the obstacle. */
    private void obstaclePicture(Skill skill, double[] theta, List<Demonstration> ds, Evaluation.Result r,
                                 Motions.Motion avoid, List<Evaluation.Trial> trials, String name, String title)
            throws IOException {
        if (avoid == null) {
            return;
        }
        Evaluation.Trial t = trials.stream().filter(x -> x.clearanceWithout() <= x.obstacle().r()).findFirst().orElseThrow();
        Motions.Motion free = r.motions().get(Motions.Method.GEODESIC);
        MotionPlotCommand.draw(skill, theta, ds, heldOut,
                List.of(new MotionFigure.Curve("without obstacle", COLOURS[1], true, free.latent()),
                        new MotionFigure.Curve("with obstacle", COLOURS[0], false, avoid.latent())),
                List.of(new MotionFigure.Curve("geodesic without the obstacle", COLOURS[1], true, free.positions()),
                        new MotionFigure.Curve(String.format(Locale.ROOT, "geodesic with the obstacle (clearance %.2f)",
                                t.clearance()), COLOURS[0], false, avoid.positions())),
                List.of(t.obstacle()), 100, figures.resolve(name), title);
    }

    static String table(List<Evaluation.Result> results, int seeds) {
        StringBuilder b = new StringBuilder();
        b.append("| method | Fréchet (R²) | DTW (R², mean per pair) | mean angle on S² (rad) | distance to training states | length (R²) | not converged |\n");
        b.append("|---|---|---|---|---|---|---|\n");
        for (Motions.Method m : Motions.Method.values()) {
            List<Evaluation.Row> rows = results.stream().map(r -> r.rows().get(m)).toList();
            long failed = rows.stream().filter(r -> r.status() != MotionPlanner.Status.CONVERGED).count();
            b.append("| ").append(m.label).append(" | ").append(stat(rows, Evaluation.Row::frechet)).append(" | ")
                    .append(stat(rows, Evaluation.Row::dtw)).append(" | ").append(stat(rows, Evaluation.Row::angle))
                    .append(" | ").append(stat(rows, Evaluation.Row::nearest)).append(" | ")
                    .append(stat(rows, Evaluation.Row::length)).append(" | ").append(failed).append(" of ").append(rows.size())
                    .append(" |\n");
        }
        b.append('\n');
        int trials = results.isEmpty() ? 0 : results.get(0).trials().size();
        if (trials > 0) {
            b.append("| obstacle test (").append(trials).append(" discs of radius ").append(Evaluation.RADIUS)
                    .append(" per seed, α = ").append(String.format(Locale.ROOT, "%.0e", Evaluation.ALPHA))
                    .append(") | centred on the held-out demonstration | centred on the obstacle-free geodesic |\n|---|---|---|\n");
            List<double[]> held = obstacleStats(results, false);
            List<double[]> path = obstacleStats(results, true);
            b.append("| motions keeping clear of the disc | ").append(pct(held, 0)).append(" | ").append(pct(path, 0)).append(" |\n");
            b.append("| obstacle-free geodesics that would hit the disc | ").append(pct(held, 1)).append(" | ")
                    .append(pct(path, 1)).append(" |\n");
            b.append("| length overhead vs the obstacle-free geodesic | ").append(pct(held, 2)).append(" | ")
                    .append(pct(path, 2)).append(" |\n");
            b.append("| energy minimisations not converged (of ").append(trials).append(" per seed) | ")
                    .append(fmt(held, 3, 1)).append(" | ").append(fmt(path, 3, 1)).append(" |\n");
        }
        b.append('\n').append("Mean ± sd over ").append(seeds).append(" seed").append(seeds == 1 ? "" : "s").append(".\n");
        return b.toString();
    }

    /** Per seed: the clear rate, the rate of obstacle-free geodesics that would hit, the mean overhead, non-converged count. */
    private static List<double[]> obstacleStats(List<Evaluation.Result> results, boolean onPath) {
        List<double[]> perSeed = new ArrayList<>();
        for (Evaluation.Result r : results) {
            List<Evaluation.Trial> ts = onPath ? r.onPath() : r.trials();
            double clear = 0;
            double hitWithout = 0;
            double overhead = 0;
            double notConverged = 0;
            for (Evaluation.Trial t : ts) {
                clear += t.clear() ? 1 : 0;
                hitWithout += t.clearanceWithout() <= t.obstacle().r() ? 1 : 0;
                overhead += t.overhead();
                notConverged += t.status() != MotionPlanner.Status.CONVERGED ? 1 : 0;
            }
            perSeed.add(new double[] {clear / ts.size(), hitWithout / ts.size(), overhead / ts.size(), notConverged});
        }
        return perSeed;
    }

    private static String stat(List<Evaluation.Row> rows, ToDoubleFunction<Evaluation.Row> f) {
        double[] v = rows.stream().mapToDouble(f).toArray();
        return meanSd(v, 1, "%.3f");
    }

    private static String pct(List<double[]> perSeed, int k) {
        return meanSd(perSeed.stream().mapToDouble(r -> r[k]).toArray(), 100, "%.1f") + " %";
    }

    private static String fmt(List<double[]> perSeed, int k, double scale) {
        return meanSd(perSeed.stream().mapToDouble(r -> r[k]).toArray(), scale, "%.1f");
    }

    private static String meanSd(double[] v, double scale, String format) {
        double m = 0;
        for (double x : v) {
            m += x;
        }
        m /= v.length;
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        String mean = String.format(Locale.ROOT, format, m * scale);
        if (v.length < 2) {
            return mean;
        }
        return mean + " ± " + String.format(Locale.ROOT, format, Math.sqrt(s / (v.length - 1)) * scale);
    }
}
