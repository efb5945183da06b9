package geo.cli.learn.embed;

import geo.runtime.learn.embed.EmbeddingMetrics;
import geo.runtime.learn.embed.Evaluation;
import geo.runtime.learn.embed.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/** What {@code geo embed} prints: a line per seed, the summary over seeds, or one JSON document. */
final class EmbedReport {

    private EmbedReport() {
    }

    /**
     * The three metrics as the report reads them: a seed whose every pair failed has no distortions,
     * one whose every neighbour pair failed no MAP ({@link EmbeddingMetrics#hasDistortions()}).
     */
    enum Metric {
        WORST_CASE(EmbeddingMetrics::hasDistortions, EmbeddingMetrics::worstCaseDistortion),
        AVERAGE(EmbeddingMetrics::hasDistortions, EmbeddingMetrics::averageDistortion),
        MAP(EmbeddingMetrics::hasMeanAveragePrecision, EmbeddingMetrics::meanAveragePrecision);

        private final Predicate<EmbeddingMetrics> has;
        private final ToDoubleFunction<EmbeddingMetrics> value;

        Metric(Predicate<EmbeddingMetrics> has, ToDoubleFunction<EmbeddingMetrics> value) {
            this.has = has;
            this.value = value;
        }

        boolean of(TrainingResult r) {
            return has.test(r.metrics());
        }

        /** The value (only for a result that has it, {@link #of}). */
        double get(TrainingResult r) {
            return value.applyAsDouble(r.metrics());
        }

        /** The value in {@code format}, or "none". */
        String text(TrainingResult r, String format) {
            return of(r) ? String.format(Locale.ROOT, format, get(r)) : "none";
        }

        /** The value, or empty when the result has none. */
        OptionalDouble optional(TrainingResult r) {
            return of(r) ? OptionalDouble.of(get(r)) : OptionalDouble.empty();
        }

        /** The value for a JSON document, or null. */
        Double json(TrainingResult r) {
            return of(r) ? get(r) : null;
        }

        /** The results that have the metric. */
        List<TrainingResult> having(List<TrainingResult> results) {
            return results.stream().filter(this::of).toList();
        }
    }

    /** One seed's outcome: status, epochs, timing and the three metrics. */
    static String seedLine(long seed, TrainingResult r) {
        EmbeddingMetrics m = r.metrics();
        return String.format(Locale.ROOT,
                "seed %d: %s after %d epochs%s (%.2f s, %.3f ms/epoch, %.0f%% in distances): worst-case distortion "
                        + "%s, average distortion %s, MAP %s%s%s%s",
                seed, status(r), r.epochs().size(),
                r.kept() != r.epochs().size() ? ", kept epoch " + r.kept() + " (lowest loss)" : "", r.seconds(),
                1e3 * r.secondsPerEpoch(), 100 * r.distanceShare(), Metric.WORST_CASE.text(r, "%.4f"),
                Metric.AVERAGE.text(r, "%.4f"), Metric.MAP.text(r, "%.4f"),
                r.scale() != 1 ? String.format(Locale.ROOT, ", scale %.4f", r.scale()) : "",
                m.failedPairs() > 0 ? ", " + m.failedPairs() + " failed pairs" : "", evaluation(r.evaluation()));
    }

    /** Where the final distances came from, for a space whose solver was refined (nothing for a closed form). */
    private static String evaluation(Evaluation e) {
        if (e.exactSpace()) {
            return e.freshShorter() > 0 ? "; " + e.freshShorter() + " pairs shorter solved afresh" : "";
        }
        return String.format(Locale.ROOT, "; final distances %s (trained with %s; errors estimated on %d sampled pairs, "
                        + "largest %.1e; change of the average distortion ≤ %.1e, of the worst case ≤ %.1e, "
                        + "%d orders the MAP depends on undecided, with %d pairs on %s; %s; "
                        + "%d pairs shorter solved afresh; %d failed pairs retried on a finer mesh, %d solved (%d from a path-energy guess); %.1f s, %.1f s CPU)",
                e.reported(), e.training(), e.sampledPairs(), e.sampleError(), e.averageBound(), e.worstCaseBound(),
                e.undecided(), e.refinedPairs(), e.refinedMesh().isEmpty() ? "no finer mesh" : e.refinedMesh(),
                e.settled() ? "settled to the table's digits" : "NOT settled to the table's digits",
                e.freshShorter(), e.retried(), e.recovered(), e.fromPath(), e.seconds(), e.cpuSeconds());
    }

    private static String status(TrainingResult r) {
        return switch (r.status()) {
            case CONVERGED -> "converged";
            case MAX_EPOCHS -> "stopped at the epoch limit";
            case FAILED -> "failed";
        };
    }

    /** Mean ± sample standard deviation of each metric over the seeds. */
    static String summary(List<TrainingResult> results) {
        List<SeedFigures> seeds = figures(results);
        return String.format(Locale.ROOT, "over %d seeds: worst-case distortion %s, average distortion %s, MAP %s, "
                        + "%.3f ms/epoch, %.0f%% in distances", results.size(),
                meanStd(seeds, SeedFigures::worstCase, "%.4f"),
                meanStd(seeds, SeedFigures::average, "%.4f"),
                meanStd(seeds, SeedFigures::map, "%.4f"),
                1e3 * mean(results, TrainingResult::secondsPerEpoch), 100 * mean(results, TrainingResult::distanceShare));
    }

    /**
     * One seed's figures as a table row reads them, from a run just trained ({@link #of}) or from the
     * run object of a {@code --json} document ({@code geo embed-row}): the three metrics (empty when
     * the run has none), the failed pairs, whether its final distances settled to the table's printed
     * digits ({@link Evaluation#settled}; always for a closed form), seconds per epoch, share of time
     * in distances.
     */
    record SeedFigures(OptionalDouble worstCase, OptionalDouble average, OptionalDouble map, int failedPairs,
                       boolean settled, double secondsPerEpoch, double distanceShare) {

        static SeedFigures of(TrainingResult r) {
            return new SeedFigures(Metric.WORST_CASE.optional(r), Metric.AVERAGE.optional(r), Metric.MAP.optional(r),
                    r.metrics().failedPairs(), r.evaluation().settled(), r.secondsPerEpoch(), r.distanceShare());
        }
    }

    /**
     * A Markdown table row: graph, d, space, the three metrics as mean ± sd, the failed pairs (left
     * out of the metrics) summed over the seeds out of all pairs of all seeds, ms per epoch, share
     * in distances.
     */
    static String row(GraphSource g, String space, int d, List<TrainingResult> results) {
        return row(g.name(), space, d, g.paths().pairCount(), figures(results));
    }

    private static List<SeedFigures> figures(List<TrainingResult> results) {
        return results.stream().map(SeedFigures::of).toList();
    }

    /**
     * {@link #row(GraphSource, String, int, List)} from each seed's figures, {@code pairs} pairs a seed.
     * Seeds whose final distances did not settle to the printed digits are named in the space's cell
     * ("Deep5, 2 of 5 seeds not settled"): their metrics may be off in the digits printed.
     */
    static String row(String graph, String space, int d, long pairs, List<SeedFigures> seeds) {
        int failed = seeds.stream().mapToInt(SeedFigures::failedPairs).sum();
        long unsettled = seeds.stream().filter(s -> !s.settled()).count();
        String name = unsettled == 0 ? space
                : space + ", " + unsettled + " of " + seeds.size() + " seeds not settled";
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %d / %d | %.3g | %.0f%% |", graph, d, name,
                meanStd(seeds, SeedFigures::worstCase, "%.2f"),
                meanStd(seeds, SeedFigures::average, "%.3f"),
                meanStd(seeds, SeedFigures::map, "%.3f"), failed, seeds.size() * pairs,
                1e3 * mean(seeds, SeedFigures::secondsPerEpoch), 100 * mean(seeds, SeedFigures::distanceShare));
    }

    /** Mean ± sample standard deviation of the seeds that have the metric ("none" when none has). */
    private static String meanStd(List<SeedFigures> seeds, Function<SeedFigures, OptionalDouble> metric, String format) {
        List<Double> values = seeds.stream().map(metric).filter(OptionalDouble::isPresent)
                .map(OptionalDouble::getAsDouble).toList();
        return values.isEmpty() ? "none" : String.format(Locale.ROOT, format + " ± " + format,
                mean(values, Double::doubleValue), std(values, Double::doubleValue));
    }

    /** The index of the result with the smallest worst-case distortion (the first on ties; one without any loses). */
    static int best(List<TrainingResult> results) {
        int best = 0;
        for (int k = 1; k < results.size(); k++) {
            TrainingResult r = results.get(k);
            TrainingResult b = results.get(best);
            if (Metric.WORST_CASE.of(r) && (!Metric.WORST_CASE.of(b)
                    || Metric.WORST_CASE.get(r) < Metric.WORST_CASE.get(b))) {
                best = k;
            }
        }
        return best;
    }

    /**
     * The {@code --json} document. {@code rowName} is the space as {@code --row} names it; with
     * "pairs" (a seed's) it lets {@code geo embed-row} print the row of runs made apart.
     */
    static Map<String, Object> json(GraphSource g, String space, String rowName, int d, String loss, String scale,
                                    String optimiser, List<Long> seeds, List<TrainingResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("graph", g.name());
        out.put("nodes", g.paths().nodeCount());
        out.put("edges", g.paths().graph().edgeCount());
        out.put("pairs", g.paths().pairCount());
        out.put("space", space);
        out.put("rowName", rowName);
        out.put("dimension", d);
        out.put("loss", loss);
        out.put("scale", scale);
        out.put("optimizer", optimiser);
        List<Object> runs = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            TrainingResult r = results.get(k);
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("seed", seeds.get(k));
            run.put("status", r.status().toString());
            run.put("message", r.message());
            run.put("epochs", r.epochs().size());
            run.put("keptEpoch", r.kept());
            run.put("worstCasePhase", r.worstCasePhase().name().toLowerCase(Locale.ROOT).replace('_', '-'));
            run.put("seconds", r.seconds());
            run.put("secondsPerEpoch", r.secondsPerEpoch());
            run.put("distanceShare", r.distanceShare());
            run.put("scale", r.scale());
            run.put("loss", lastLoss(r));
            run.put("worstCaseDistortion", Metric.WORST_CASE.json(r));
            run.put("averageDistortion", Metric.AVERAGE.json(r));
            run.put("meanAveragePrecision", Metric.MAP.json(r));
            run.put("failedPairs", r.metrics().failedPairs());
            Evaluation e = r.evaluation();
            if (!e.exactSpace()) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("training", e.training());
                ev.put("final", e.reported());
                ev.put("refinements", e.refinements());
                ev.put("settled", e.settled());
                ev.put("sampledPairs", e.sampledPairs());
                ev.put("sampleError", e.sampleError());
                ev.put("averageBound", e.averageBound());
                ev.put("worstCaseBound", e.worstCaseBound());
                ev.put("refinedPairs", e.refinedPairs());
                ev.put("refinedMesh", e.refinedMesh());
                ev.put("undecidedOrders", e.undecided());
                ev.put("freshShorter", e.freshShorter());
                ev.put("retriedPairs", e.retried());
                ev.put("recoveredPairs", e.recovered());
                ev.put("recoveredFromPath", e.fromPath());
                ev.put("seconds", e.seconds());
                ev.put("cpuSeconds", e.cpuSeconds());
                run.put("finalDistances", ev);
            }
            runs.add(run);
        }
        out.put("runs", runs);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("worstCaseDistortion", stats(results, Metric.WORST_CASE));
        summary.put("averageDistortion", stats(results, Metric.AVERAGE));
        summary.put("meanAveragePrecision", stats(results, Metric.MAP));
        summary.put("secondsPerEpoch", mean(results, TrainingResult::secondsPerEpoch));
        summary.put("distanceShare", mean(results, TrainingResult::distanceShare));
        out.put("summary", summary);
        return out;
    }

    /** The last epoch's loss for a JSON document, or null when no epoch ran or the last evaluated no pair. */
    private static Double lastLoss(TrainingResult r) {
        if (r.epochs().isEmpty()) {
            return null;
        }
        OptionalDouble loss = r.epochs().get(r.epochs().size() - 1).loss();
        return loss.isPresent() ? loss.getAsDouble() : null;
    }

    /** Mean and standard deviation of the metric over the results that have it (null when none has). */
    private static double[] stats(List<TrainingResult> results, Metric metric) {
        List<TrainingResult> having = metric.having(results);
        return having.isEmpty() ? null : new double[] {mean(having, metric::get), std(having, metric::get)};
    }

    private static <T> double mean(List<T> results, ToDoubleFunction<T> f) {
        return results.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** The sample standard deviation (n − 1), 0 for one result. */
    private static <T> double std(List<T> results, ToDoubleFunction<T> f) {
        int n = results.size();
        if (n < 2) {
            return 0;
        }
        double m = mean(results, f);
        double s = 0;
        for (T r : results) {
            double e = f.applyAsDouble(r) - m;
            s += e * e;
        }
        return Math.sqrt(s / (n - 1));
    }
}
