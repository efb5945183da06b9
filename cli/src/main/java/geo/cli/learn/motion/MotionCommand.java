package geo.cli.learn.motion;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.NumberList;
import geo.cli.common.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code geo motion}: geodesic motion skills (Beik-Mohammadi et al., RSS 2021), with the
 * subcommands {@code demos}, {@code fit}, {@code generate}, {@code plot} and {@code evaluate}.
 */
@Command(name = "motion", mixinStandardHelpOptions = true,
        description = {"Geodesic motion skills (Beik-Mohammadi et al., RSS 2021): a VAE of robot states (position in R², "
                + "orientation on S²) fitted to demonstrations, and new motions as geodesics of its expected pullback "
                + "metric, avoiding obstacles given at run time."},
        subcommands = {DemosCommand.class, FitSkillCommand.class, GenerateCommand.class, MotionPlotCommand.class,
            EvaluateCommand.class})
public final class MotionCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final Io io;

    public MotionCommand(Io io) {
        this.io = io;
    }

    /** {@code geo motion} alone: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(io.err());
        return ExitCodes.USAGE;
    }

    /** Writes text to a file, or to standard output for null; a failed write is a usage error. */
    static void write(Io io, Path file, String text) throws UsageException {
        if (file == null) {
            io.out().print(text);
            return;
        }
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Disc obstacles from {@code --obstacle x,y,r} options. */
    static List<Skill.Obstacle> obstacles(List<String> specs) throws UsageException {
        List<Skill.Obstacle> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        if (specs.size() > Skill.MAX_OBSTACLES) {
            throw new UsageException("at most " + Skill.MAX_OBSTACLES + " --obstacle options, got " + specs.size());
        }
        for (String s : specs) {
            double[] v = NumberList.vector("--obstacle", s, 3);
            if (!(v[2] > 0)) {
                throw new UsageException("--obstacle " + s + ": the radius must be > 0");
            }
            out.add(new Skill.Obstacle(v[0], v[1], v[2]));
        }
        return out;
    }

    /** A state (p0, p1, q0, q1, q2) with q normalised; q must not be 0. */
    static double[] state(String option, String text) throws UsageException {
        double[] v = NumberList.vector(option, text, 5);
        double n = Math.sqrt(v[2] * v[2] + v[3] * v[3] + v[4] * v[4]);
        if (!(n > 0) || !Double.isFinite(n)) {
            throw new UsageException(option + " " + text + ": the orientation (the last three numbers) must be a non-zero vector");
        }
        for (int k = 2; k < 5; k++) {
            v[k] /= n;
        }
        return v;
    }
}
