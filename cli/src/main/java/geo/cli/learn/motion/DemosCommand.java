package geo.cli.learn.motion;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.runtime.learn.motion.Demonstrations;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code geo motion demos}: the synthetic demonstrations ({@link Demonstrations}) as CSV. */
@Command(name = "demos", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write synthetic demonstrations of the skill as CSV (demo,point,p0,p1,q0,q1,q2): a letter J "
                + "in the position plane and a letter C of orientations on S², each with its own scale, rotation, "
                + "translation, time warp and noise."},
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:written", "64:usage error"})
public final class DemosCommand implements Callable<Integer> {

    @Option(names = {"-o", "--output"}, paramLabel = "FILE.csv", description = "Where to write (default: standard output).")
    Path output;

    @Option(names = "--seed", description = "The random seed (default: ${DEFAULT-VALUE}).")
    long seed = 0;

    @Option(names = "--count", description = "Demonstrations (default: ${DEFAULT-VALUE}).")
    int count = Demonstrations.COUNT;

    @Option(names = "--points", description = "Points per demonstration (default: ${DEFAULT-VALUE}).")
    int points = Demonstrations.POINTS;

    private final Io io;

    public DemosCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            if (count < 2 || points < 2) {
                throw new UsageException("--count and --points must be at least 2, got " + count + " and " + points);
            }
            MotionCommand.write(io, output, SkillFiles.demosCsv(Demonstrations.synthetic(seed, count, points)));
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo motion demos: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }
}
