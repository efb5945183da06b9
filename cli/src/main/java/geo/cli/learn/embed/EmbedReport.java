package geo.cli.learn.embed;

import geo.runtime.learn.embed.EmbeddingMetrics;
import geo.runtime.learn.embed.Evaluation;
import geo.runtime.learn.embed.TrainingResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** What {@code geo embed} prints: a line per seed, the summary over seeds, or one JSON document. */
final class EmbedReport {

    private EmbedReport() {
    }

    /** One seed's outcome: status, epochs, timing and the three metrics. */
    static String seedLine(long seed, TrainingResult r) {
        EmbeddingMetrics m = r.metrics();
        return String.format(Locale.ROOT,
                "seed %d: %s after %d epochs%s (%.2f s, %.3f ms/epoch, %.0f%% in distances): worst-case distortion "
                        + "%.4f, average distortion %.4f, MAP %.4f%s%s%s",
                seed, status(r), r.epochs().size(),
                r.kept() != r.epochs().size() ? ", kept epoch " + r.kept() + " (lowest loss)" : "", r.seconds(),
                1e3 * r.secondsPerEpoch(), 100 * r.distanceShare(), m.worstCaseDistortion(), m.averageDistortion(),
                m.meanAveragePrecision(), r.scale() != 1 ? String.format(Locale.ROOT, ", scale %.4f", r.scale()) : "",
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
        return String.format(Locale.ROOT, "over %d seeds: worst-case distortion %s, average distortion %s, MAP %s, "
                        + "%.3f ms/epoch, %.0f%% in distances", results.size(),
                meanStd(results, r -> r.metrics().worstCaseDistortion()),
                meanStd(results, r -> r.metrics().averageDistortion()),
                meanStd(results, r -> r.metrics().meanAveragePrecision()),
                1e3 * mean(results, TrainingResult::secondsPerEpoch), 100 * mean(results, TrainingResult::distanceShare));
    }

    /**
     * A Markdown table row: graph, d, space, the three metrics as mean ± sd, the failed pairs (left
     * out of the metrics) summed over the seeds out of all pairs of all seeds, ms per epoch, share
     * in distances.
     */
    static String row(GraphSource g, String space, int d, List<TrainingResult> results) {
        int failed = results.stream().mapToInt(r -> r.metrics().failedPairs()).sum();
        long pairs = (long) results.size() * g.paths().pairCount();
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %d / %d | %.3g | %.0f%% |", g.name(), d, space,
                meanStd(results, r -> r.metrics().worstCaseDistortion(), "%.2f"),
                meanStd(results, r -> r.metrics().averageDistortion(), "%.3f"),
                meanStd(results, r -> r.metrics().meanAveragePrecision(), "%.3f"), failed, pairs,
                1e3 * mean(results, TrainingResult::secondsPerEpoch), 100 * mean(results, TrainingResult::distanceShare));
    }

    /** The index of the result with the smallest worst-case distortion (the first on ties). */
    static int best(List<TrainingResult> results) {
        int best = 0;
        for (int k = 1; k < results.size(); k++) {
            if (results.get(k).metrics().worstCaseDistortion() < results.get(best).metrics().worstCaseDistortion()) {
                best = k;
            }
        }
        return best;
    }

    static Map<String, Object> json(GraphSource g, String space, int d, String loss, String scale, String optimiser,
                                    List<Long> seeds, List<TrainingResult> results) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("graph", g.name());
        out.put("nodes", g.paths().nodeCount());
        out.put("edges", g.paths().graph().edgeCount());
        out.put("space", space);
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
            run.put("loss", r.lossHistory().length == 0 ? Double.NaN : r.lossHistory()[r.lossHistory().length - 1]);
            run.put("worstCaseDistortion", r.metrics().worstCaseDistortion());
            run.put("averageDistortion", r.metrics().averageDistortion());
            run.put("meanAveragePrecision", r.metrics().meanAveragePrecision());
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
        summary.put("worstCaseDistortion", stats(results, r -> r.metrics().worstCaseDistortion()));
        summary.put("averageDistortion", stats(results, r -> r.metrics().averageDistortion()));
        summary.put("meanAveragePrecision", stats(results, r -> r.metrics().meanAveragePrecision()));
        summary.put("secondsPerEpoch", mean(results, TrainingResult::secondsPerEpoch));
        summary.put("distanceShare", mean(results, TrainingResult::distanceShare));
        out.put("summary", summary);
        return out;
    }

    private static double[] stats(List<TrainingResult> results, ToDoubleFunction<TrainingResult> f) {
        return new double[] {mean(results, f), std(results, f)};
    }

    private static String meanStd(List<TrainingResult> results, ToDoubleFunction<TrainingResult> f) {
        return meanStd(results, f, "%.4f");
    }

    private static String meanStd(List<TrainingResult> results, ToDoubleFunction<TrainingResult> f, String format) {
        return String.format(Locale.ROOT, format + " ± " + format, mean(results, f), std(results, f));
    }

    private static double mean(List<TrainingResult> results, ToDoubleFunction<TrainingResult> f) {
        return results.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    /** The sample standard deviation (n − 1), 0 for one result. */
    private static double std(List<TrainingResult> results, ToDoubleFunction<TrainingResult> f) {
        int n = results.size();
        if (n < 2) {
            return 0;
        }
        double m = mean(results, f);
        double s = 0;
        for (TrainingResult r : results) {
            double e = f.applyAsDouble(r) - m;
            s += e * e;
        }
        return Math.sqrt(s / (n - 1));
    }
}
