package geo.cli.learn.motion;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.runtime.learn.motion.Measures;
import geo.runtime.learn.motion.MotionPlanner;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geo motion generate}: a motion between two states under a fitted skill, as CSV. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate a motion between two states (p0,p1,q0,q1,q2; q is normalised): the geodesic of the "
                + "skill's latent metric between the encoded states, decoded, with disc obstacles avoided through the "
                + "ambient position metric (1 + α exp(-|x-o|²/(2r²))) I pulled back through the decoder. Writes "
                + "t,z0,z1,p0,p1,q0,q1,q2 rows."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:written (the summary on standard error says whether the energy minimisation converged)",
            "64:usage error or a bad skill file", "70:the energy minimisation did not converge (the motion is still written)"})
public final class GenerateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SKILL.json", description = "A skill from 'geo motion fit'.")
    Path skillFile;

    @Option(names = "--from", paramLabel = "p0,p1,q0,q1,q2", required = true, description = "The start state.")
    String from;

    @Option(names = "--to", paramLabel = "p0,p1,q0,q1,q2", required = true, description = "The goal state.")
    String to;

    @Option(names = "--obstacle", paramLabel = "x,y,r", description = "A disc obstacle in the position plane (repeatable, at most 4).")
    List<String> obstacles;

    @Option(names = "--alpha", description = "The obstacle metric's strength α (default: ${DEFAULT-VALUE}).")
    double alpha = Evaluation.ALPHA;

    @Option(names = "--method", description = "geodesic (the full metric), mean (J_μᵀJ_μ alone) or straight (the latent "
            + "straight line) (default: ${DEFAULT-VALUE}).")
    String method = "geodesic";

    @Option(names = "--points", description = "Samples of the motion (default: ${DEFAULT-VALUE}).")
    int points = Evaluation.POINTS;

    @Option(names = "--iterations", description = "L-BFGS iterations at most per geodesic (default: ${DEFAULT-VALUE}).")
    int iterations = MotionPlanner.Options.MAX_ITERATIONS;

    @Option(names = {"-o", "--output"}, paramLabel = "MOTION.csv", description = "Where to write (default: standard output).")
    Path output;

    private final Io io;

    public GenerateCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            Motions.Method m = switch (method) {
                case "geodesic" -> Motions.Method.GEODESIC;
                case "mean" -> Motions.Method.MEAN;
                case "straight" -> Motions.Method.STRAIGHT;
                default -> throw new UsageException("unknown --method '" + method + "'; use geodesic, mean or straight");
            };
            if (iterations < 1) {
                throw new UsageException("--iterations must be at least 1, got " + iterations);
            }
            if (points < 2) {
                throw new UsageException("--points must be at least 2, got " + points);
            }
            if (!(alpha >= 0) || !Double.isFinite(alpha)) {
                throw new UsageException("--alpha must be a finite number ≥ 0, got " + alpha);
            }
            List<Skill.Obstacle> discs = MotionCommand.obstacles(obstacles);
            if (!discs.isEmpty() && m != Motions.Method.GEODESIC) {
                throw new UsageException("--obstacle needs --method geodesic");
            }
            double[] a = MotionCommand.state("--from", from);
            double[] b = MotionCommand.state("--to", to);
            Skill skill = Skill.compile();
            double[] theta = SkillFiles.readSkill(skillFile, skill);
            Motions.Motion motion = new Motions(skill, theta, iterations).motion(a, b, m, discs, alpha, points);
            MotionCommand.write(io, output, SkillFiles.motionCsv(motion));
            io.err().printf(Locale.ROOT, "%s: %s, length %.3f in the position plane%s%n", m.label, motion.status(),
                    Measures.length(motion.positions()), clearances(motion, discs));
            if (motion.status() != MotionPlanner.Status.CONVERGED) {
                io.err().println("geo motion generate: the energy minimisation did not converge: " + motion.message());
                return ExitCodes.RUNTIME_FAILURE;
            }
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo motion generate: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private static String clearances(Motions.Motion m, List<Skill.Obstacle> discs) {
        StringBuilder b = new StringBuilder();
        for (Skill.Obstacle o : discs) {
            double c = Measures.clearance(m.positions(), new double[] {o.x(), o.y()});
            b.append(String.format(Locale.ROOT, "; obstacle (%.2f, %.2f) r %.2f: clearance %.3f (%s)", o.x(), o.y(), o.r(), c,
                    c > o.r() ? "clear" : "HIT"));
        }
        return b.toString();
    }
}
