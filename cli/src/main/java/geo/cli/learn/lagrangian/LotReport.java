package geo.cli.learn.lagrangian;

import geo.cli.common.Io;
import geo.runtime.api.Json;
import geo.runtime.learn.lagrangian.AmortisationBenchmark;
import geo.runtime.learn.lagrangian.AmortiserDistillation;
import geo.runtime.learn.lagrangian.AmortiserFit;
import geo.runtime.learn.lagrangian.Evaluation;
import geo.runtime.learn.lagrangian.LagrangianOt;
import geo.runtime.learn.lagrangian.Task;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code geo lot} prints: the training log and the scores, as text or one JSON object. */
final class LotReport {

    private final Io io;
    private final boolean json;
    private final Map<String, Object> root = new LinkedHashMap<>();
    private final List<Object> log = new ArrayList<>();

    LotReport(Io io, boolean json, Task task, LagrangianOt.Options o, boolean loaded, int subdivisions) {
        this.io = io;
        this.json = json;
        root.put("task", task.id());
        root.put("seed", o.seed());
        root.put("steps", loaded ? 0 : o.steps());
        root.put("anneal_steps", o.annealSteps());
        root.put("batch", o.batch());
        root.put("subdivisions", subdivisions);
        if (!json) {
            io.out().printf(Locale.ROOT, "task %s, seed %d: %s%n", task.id(), o.seed(), loaded ? "loaded parameters"
                    : String.format(Locale.ROOT, "%d steps of %d points, annealing over %d", o.steps(), o.batch(),
                            o.annealSteps()));
        }
    }

    void step(LagrangianOt.StepLog s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("step", s.step());
        m.put("M", s.magnitude());
        m.put("dual", s.dual());
        m.put("regression", s.regression());
        m.put("amortised_action", s.amortisedAction());
        m.put("c_iterations", s.meanCIterations());
        log.add(m);
        if (!json) {
            io.out().printf(Locale.ROOT, "step %5d  M %.4g  dual %.6g  |T - yhat|^2 %.3g  amortised action %.6g  "
                    + "c-transform iterations %.1f%n", s.step(), s.magnitude(), s.dual(), s.regression(),
                    s.amortisedAction(), s.meanCIterations());
        }
    }

    void diverged() {
        root.put("status", "DIVERGED");
        if (json) {
            io.out().println(Json.writePretty(root));
        } else {
            io.err().println("geo lot: the training diverged: a parameter is not finite");
        }
    }

    void learned(double trainSeconds, Evaluation.Scores amortised, Evaluation.Scores map, Evaluation.Scores ct,
                 Evaluation.Scores global) {
        root.put("train_seconds", trainSeconds);
        root.put("amortised", scores(amortised));
        root.put("map", scores(map));
        root.put("learned", scores(ct));
        root.put("c_transform_global", scores(global));
        if (!json) {
            io.out().printf(Locale.ROOT, "training: %.1f s%n", trainSeconds);
            print("T(x), amortised paths as predicted", amortised);
            print("T(x), best refined paths          ", map);
            print("c-transform, best refined paths   ", ct);
            print("global c-transform (diagnostic)   ", global);
        }
    }

    void baseline(Evaluation.Scores s) {
        root.put("baseline", scores(s));
        if (!json) {
            print("exact discrete baseline           ", s);
        }
    }

    void amortiserFit(AmortiserFit.Result f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", f.steps());
        m.put("wall_seconds", f.wallSeconds());
        m.put("cpu_seconds", f.cpuSeconds());
        m.put("predicted_relative_gap", f.finalPredictedGap());
        m.put("head_wins", java.util.Arrays.stream(f.wins()).boxed().toList());
        AmortiserDistillation.Summary d = f.distillation();
        if (d.status() == AmortiserDistillation.Status.RUN) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("targets", d.targets());
            t.put("loss", d.loss().name().toLowerCase(Locale.ROOT));
            t.put("steps", d.steps());
            t.put("solve_cpu_seconds", d.solveCpu());
            t.put("solve_wall_seconds", d.solveWall());
            t.put("solve_evaluations", d.evaluations());
            t.put("targets_from_arc", d.fromArc());
            t.put("fit_cpu_seconds", d.fitCpu());
            t.put("fit_wall_seconds", d.fitWall());
            t.put("final_loss", d.finalLoss());
            t.put("check_pairs", d.checkPairs());
            t.put("check_mean_square_per_point", d.checkSquare());
            t.put("check_median_relative_gap", d.checkGap());
            t.put("check_predicted_relative_gap", d.checkPredicted());
            m.put("distillation", t);
        }
        root.put("amortiser_fit", m);
        if (!json && d.status() == AmortiserDistillation.Status.RUN) {
            io.out().printf(Locale.ROOT, "amortiser distillation: %d targets solved in %.1f s CPU (%d from an arc "
                            + "start), %d steps of %s regression in %.1f s CPU; on %d targets: mean squared distance "
                            + "a point %.2e, median relative action gap %.2e%n", d.targets(), d.solveCpu(),
                    d.fromArc(), d.steps(), d.loss().name().toLowerCase(Locale.ROOT), d.fitCpu(), d.checkPairs(),
                    d.checkSquare(), d.checkGap());
        }
        if (!json) {
            io.out().printf(Locale.ROOT, "amortiser fit for new pairs: %d steps, %.1f s CPU; predicted relative action "
                    + "gap over its last 10%%: %.2e%n", f.steps(), f.cpuSeconds(), f.finalPredictedGap());
        }
    }

    void amortisation(AmortisationBenchmark.Result a, int heads) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pairs", a.pairs());
        m.put("heads", heads);
        m.put("head_chosen", java.util.Arrays.stream(a.chosen()).boxed().toList());
        m.put("tolerance", a.settings().tolerance());
        m.put("decrement_gap", a.settings().decrementGap());
        m.put("within_1e-3", a.within());
        m.put("within_1e-3_unrefined", a.withinUnrefined());
        m.put("within_1e-3_loose_straight", a.withinLoose());
        m.put("within_1e-3_tight_straight", a.withinTight());
        m.put("refined", a.refined());
        m.put("refined_model_stops", a.modelStops());
        m.put("refined_decrement_stops", a.decrementStops());
        m.put("refined_unconverged", a.unconverged());
        m.put("model_gap", a.settings().modelGap());
        m.put("reference", cost(a.reference()));
        m.put("tight_straight", cost(a.tight()));
        m.put("loose_straight", cost(a.loose()));
        m.put("amortised", cost(a.amortised()));
        m.put("amortised_predict", cost(a.predict()));
        m.put("amortised_refine", cost(a.refine()));
        m.put("worst_relative_difference", a.worstRelative());
        m.put("gap_quantiles", java.util.Arrays.stream(AmortisationBenchmark.QUANTILES).boxed().toList());
        m.put("unrefined_gaps", java.util.Arrays.stream(a.unrefinedGaps()).boxed().toList());
        m.put("refined_gaps", java.util.Arrays.stream(a.refinedGaps()).boxed().toList());
        m.put("crossing_unrefined", a.crossingUnrefined());
        m.put("one_evaluation", cost(a.evaluation()));
        m.put("one_batched_evaluation", cost(a.batchedEvaluation()));
        m.put("batched_straight", cost(a.batchedStraight()));
        m.put("within_1e-3_batched_straight", a.withinBatchedStraight());
        m.put("batched_predictions", a.batched());
        AmortisationBenchmark.Newton nw = a.newton();
        Map<String, Object> nm = new LinkedHashMap<>();
        nm.put("status", nw.status().name());
        nm.put("straight", cost(nw.straight()));
        nm.put("within_1e-3_straight", nw.withinStraight());
        nm.put("refine", cost(nw.refine()));
        nm.put("within_1e-3", nw.within());
        nm.put("certified_at_prediction", nw.certifiedAtPrediction());
        nm.put("steps", nw.steps());
        nm.put("fallback", nw.fallback());
        nm.put("worst_relative_difference", nw.worstRelative());
        nm.put("one_batched_hessian", cost(nw.hessian()));
        m.put("newton", nm);
        root.put("amortisation", m);
        if (!json) {
            io.out().printf(Locale.ROOT, "amortisation on %d new pairs: amortised paths (%d refined) reach the "
                    + "straight-start action within 1e-3: %d (without refinement: %d, loose straight-start solves: "
                    + "%d); CPU %.3f s vs %.3f s from the straight line (O(T) spline; ratio %.3f) and %.3f s loose "
                    + "(ratio %.3f); "
                    + "evaluations of S per pair %.1f vs %.1f and %.1f; predictions alone %.3f s CPU; worst relative "
                    + "difference %.2e%n",
                    a.pairs(), a.refined(), a.within(), a.withinUnrefined(), a.withinLoose(),
                    a.amortised().cpuSeconds(), a.tight().cpuSeconds(),
                    a.amortised().cpuSeconds() / a.tight().cpuSeconds(), a.loose().cpuSeconds(),
                    a.amortised().cpuSeconds() / a.loose().cpuSeconds(),
                    (double) a.amortised().evaluations() / a.pairs(), (double) a.tight().evaluations() / a.pairs(),
                    (double) a.loose().evaluations() / a.pairs(), a.predict().cpuSeconds(), a.worstRelative());
        }
    }

    private static Map<String, Object> cost(AmortisationBenchmark.Cost c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("wall_seconds", c.wallSeconds());
        m.put("cpu_seconds", c.cpuSeconds());
        m.put("evaluations", c.evaluations());
        return m;
    }

    void finish() {
        if (json) {
            root.put("log", log);
            io.out().println(Json.writePretty(root));
        }
    }

    private void print(String what, Evaluation.Scores s) {
        io.out().printf(Locale.ROOT, "%s: %s, marginal W2^2 %.5f, cost %.5f, crossing %.1f%% (a point inside "
                + "%.1f%%), %.2f s%s%n", what, s.status(), s.marginalError(), s.cost(), 100 * s.crossing(),
                100 * s.inside(), s.seconds(),
                s.unconverged() > 0 ? " (" + s.unconverged() + " path solves unconverged)" : "");
    }

    private static Map<String, Object> scores(Evaluation.Scores s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", s.status().name());
        m.put("marginal_w2", s.marginalError());
        m.put("cost", s.cost());
        m.put("crossing", s.crossing());
        m.put("inside", s.inside());
        m.put("unconverged", s.unconverged());
        m.put("seconds", s.seconds());
        return m;
    }
}
