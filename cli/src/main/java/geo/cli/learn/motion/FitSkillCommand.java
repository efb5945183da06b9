package geo.cli.learn.motion;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.cli.options.ThreadsOption;
import geo.runtime.learn.motion.Demonstrations;
import geo.runtime.learn.motion.Demonstrations.Demonstration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code geo motion fit}: fits a skill to demonstrations ({@link SkillFit}) and saves its parameters. */
@Command(name = "fit", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fit a skill to demonstrations: the VAE by Adam on the negative ELBO, then the k-means centres of "
                + "the encoded data and the RBF variance network. Saves the parameters as JSON."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:fitted", "64:usage error or bad data (the file and line are named)",
            "70:the ELBO or its gradient became NaN or infinite"})
public final class FitSkillCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "DEMOS.csv", description = "Demonstrations (from 'geo motion demos').")
    Path demos;

    @Option(names = {"-o", "--output"}, paramLabel = "SKILL.json", required = true, description = "Where to save the skill.")
    Path output;

    @Option(names = "--held-out", paramLabel = "DEMO", description = "The demonstration left out of training (default: ${DEFAULT-VALUE}; -1: none).")
    int heldOut = Demonstrations.HELD_OUT;

    @Option(names = "--epochs", description = "VAE epochs (default: ${DEFAULT-VALUE}).")
    int epochs = SkillFit.Options.EPOCHS;

    @Option(names = "--seed", description = "The random seed (default: ${DEFAULT-VALUE}).")
    long seed = SkillFit.Options.SEED;

    @Mixin
    ThreadsOption threads;

    private final Io io;

    public FitSkillCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        try {
            if (epochs < 1) {
                throw new UsageException("--epochs must be at least 1, got " + epochs);
            }
            List<Demonstration> ds = SkillFiles.readDemos(demos);
            Skill skill = Skill.compile();
            SkillFit.Options o = new SkillFit.Options(epochs, SkillFit.Options.BATCH, SkillFit.Options.LEARNING_RATE, seed,
                    threads.given() ? threads.workers() : 1);
            SkillFit.Result r = SkillFit.fit(skill, SkillFit.states(ds, heldOut), o);
            if (r.failed()) {
                io.err().println("geo motion fit: " + r.vae().message());
                return ExitCodes.RUNTIME_FAILURE;
            }
            SkillFiles.writeSkill(output, skill, r.theta());
            io.out().printf(Locale.ROOT, "VAE: %s after %d epochs, negative ELBO %s per state (%d states, %.1f s)%n",
                    r.vae().status(), r.vae().epochs().size(), r.vae().keptEpoch()
                            .map(e -> String.format(Locale.ROOT, "%.4f", e.loss().getAsDouble())).orElse("none"),
                    r.vae().trainRows(), r.vae().seconds());
            io.out().printf(Locale.ROOT, "k-means: %d centres, %s after %d iterations%n", r.centres().centres().length,
                    r.centres().status(), r.centres().iterations());
            io.out().printf(Locale.ROOT, "variance network: %s, negative log-likelihood %.4f per state%n",
                    r.variance().status(), r.variance().value());
            io.out().println("wrote " + output);
            return ExitCodes.OK;
        } catch (UsageException e) {
            io.err().println("geo motion fit: " + e.getMessage());
            return ExitCodes.USAGE;
        } catch (IOException e) {
            io.err().println("geo motion fit: cannot write " + output + ": " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
    }
}
