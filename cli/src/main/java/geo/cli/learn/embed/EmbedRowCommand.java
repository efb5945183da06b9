package geo.cli.learn.embed;

import geo.cli.common.ExitCodes;
import geo.cli.common.Io;
import geo.cli.common.UsageException;
import geo.runtime.api.Json;
import geo.runtime.api.JsonFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code geo embed-row RUN.json...}: the Markdown row of {@code geo embed --row} from the
 * {@code --json} documents of runs made apart — seeds run one at a time, in parallel, or across
 * sessions (examples/graph-embedding/run.sh keeps one document per seed, so an interrupted table
 * resumes where it stopped). The row is the same as one {@code geo embed --seed S1,S2,... --row}
 * would print: mean ± sample standard deviation over all the documents' runs.
 */
@Command(name = "embed-row", mixinStandardHelpOptions = true,
        description = "Print the Markdown table row of `geo embed --row` from the --json documents of runs made apart "
                + "(the same graph, space and dimension; distinct seeds).")
public final class EmbedRowCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN.json", arity = "1..*", description = "Documents written by `geo embed --json`.")
    List<Path> files;

    private final Io io;

    public EmbedRowCommand(Io io) {
        this.io = io;
    }

    /** What every document of one row must agree on. */
    private record Key(String graph, String rowName, int dimension, int pairs) {
    }

    @Override
    public Integer call() {
        try {
            Key key = null;
            Path first = null;
            Set<Long> seeds = new HashSet<>();
            List<EmbedReport.SeedFigures> figures = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            for (Path file : files) {
                JsonFields doc = read(file);
                Key k;
                List<?> runs;
                try {
                    k = new Key(doc.string("graph"), doc.string("rowName"), doc.integer("dimension", 1, Integer.MAX_VALUE),
                            doc.integer("pairs", 1, Integer.MAX_VALUE));
                    runs = doc.array("runs", Integer.MAX_VALUE);
                    if (runs.isEmpty()) {
                        throw new IllegalArgumentException("runs is empty");
                    }
                    for (int i = 0; i < runs.size(); i++) {
                        JsonFields run = JsonFields.element(runs, "runs", i);
                        double seed = run.number("seed");
                        if (seed != Math.rint(seed)) {
                            throw new IllegalArgumentException(run.path("seed") + " must be an integer, got " + seed);
                        }
                        if (!seeds.add((long) seed)) {
                            throw new IllegalArgumentException("seed " + (long) seed + " appears twice among the documents");
                        }
                        if ("FAILED".equals(run.string("status"))) {
                            failed.add("seed " + (long) seed + " (" + file + "): " + run.string("message"));
                        }
                        figures.add(new EmbedReport.SeedFigures(optional(run, "worstCaseDistortion"),
                                optional(run, "averageDistortion"), optional(run, "meanAveragePrecision"),
                                run.integer("failedPairs", 0, Integer.MAX_VALUE),
                                // a closed form's run has no finalDistances: its distances are exact
                                !run.has("finalDistances") || run.object("finalDistances").bool("settled"),
                                run.number("secondsPerEpoch"),
                                run.number("distanceShare")));
                    }
                } catch (IllegalArgumentException e) {
                    throw new UsageException(file + ": " + e.getMessage());
                }
                if (key == null) {
                    key = k;
                    first = file;
                } else if (!key.equals(k)) {
                    throw new UsageException(file + ": " + describe(k) + ", but " + first + " is " + describe(key)
                            + ": one row takes runs of one graph, space and dimension");
                }
            }
            io.out().println(EmbedReport.row(key.graph(), key.rowName(), key.dimension(), key.pairs(), figures));
            for (String f : failed) {
                io.err().println("geo embed-row: " + f);
            }
            return failed.isEmpty() ? ExitCodes.OK : ExitCodes.RUNTIME_FAILURE;
        } catch (UsageException e) {
            io.err().println("geo embed-row: " + e.getMessage());
            return ExitCodes.USAGE;
        }
    }

    private static JsonFields read(Path file) throws UsageException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UsageException("cannot read " + file + ": " + e.getMessage());
        }
        try {
            return JsonFields.of(Json.parse(text), "");
        } catch (IllegalArgumentException e) {
            throw new UsageException(file + ": " + e.getMessage());
        }
    }

    /** A metric of a run: a number, or null when the run had none. */
    private static OptionalDouble optional(JsonFields run, String key) {
        return run.get(key) == null ? OptionalDouble.empty() : OptionalDouble.of(run.number(key));
    }

    private static String describe(Key k) {
        return String.format(java.util.Locale.ROOT, "graph %s, space %s, d = %d (%d pairs)", k.graph(), k.rowName(),
                k.dimension(), k.pairs());
    }
}
