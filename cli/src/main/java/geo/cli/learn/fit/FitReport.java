package geo.cli.learn.fit;

import geo.runtime.api.ModelDescriptor;
import geo.runtime.data.table.DataSet;
import geo.runtime.learn.Schedule;
import geo.runtime.learn.fit.FitEpoch;
import geo.runtime.learn.fit.FitOptions;
import geo.runtime.learn.fit.FitResult;
import geo.runtime.learn.fit.Optimisation;
import geo.runtime.load.Model;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The text and JSON reports of {@code geo fit}. */
final class FitReport {

    private final Model model;
    private final FitOptions options;

    FitReport(Model model, FitOptions options) {
        this.model = model;
        this.options = options;
    }

    /** What is fitted to what, and how. */
    String header(Path modelPath, Path data, DataSet train, Optional<DataSet> validation, Path val) {
        ModelDescriptor d = model.descriptor();
        List<String> inputs = new ArrayList<>();
        for (ModelDescriptor.Input in : d.inputs()) {
            inputs.add(in.name() + (in.shape().isEmpty() ? "" : in.shape().toString().replace(" ", ""))
                    + (in.source() == ModelDescriptor.Input.Source.DATA ? "" : " ~ " + in.source().json()));
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "loss %s (%s): %d parameter%s; inputs %s%n", d.name(), modelPath,
                d.parameterCount(), d.parameterCount() == 1 ? "" : "s", String.join(", ", inputs)));
        double f = options.validation().fraction();
        out.append(String.format(Locale.ROOT, "data %s: %d rows%s%n", data, train.rows(),
                validation.isPresent() ? "; validation " + val + ": " + validation.get().rows() + " rows"
                        : f > 0 ? String.format(Locale.ROOT, "; %.3g of them held out for validation (seed %d)", f,
                        options.execution().seed())
                        : "; no validation rows: early stopping watches the training loss"));
        out.append(method()).append(String.format(Locale.ROOT, "; at most %d epoch%s, patience %d; seed %d, %d %s%n",
                options.stopping().maxEpochs(), options.stopping().maxEpochs() == 1 ? "" : "s",
                options.stopping().patience(), options.execution().seed(),
                options.execution().threads(), options.execution().threads() == 1 ? "thread" : "threads"));
        return out.toString();
    }

    private String method() {
        Optimisation o = options.optimisation();
        if (o.method() == Optimisation.Method.LBFGS) {
            return "L-BFGS on all training rows, one iteration an epoch";
        }
        Schedule s = options.schedule();
        return String.format(Locale.ROOT, "%s, lr %s%s%s%s, batch %d", o.method() == Optimisation.Method.ADAMW
                        ? "AdamW" : "Adam", num(o.learningRate()),
                s.kind() == Schedule.Kind.COSINE ? " (cosine decay to " + num(s.endFraction() * o.learningRate()) + ")" : "",
                o.method() == Optimisation.Method.ADAMW ? ", weight decay " + num(o.weightDecay()) : "",
                o.clipNorm() != Optimisation.CLIP_NORM ? ", gradients clipped to norm " + num(o.clipNorm()) : "",
                o.batchSize());
    }

    /** One epoch: {@code epoch   12  train 1.234e-03  val 1.456e-03  lr 1.00e-03  0.12 s}. */
    String line(FitEpoch e) {
        boolean lbfgs = options.optimisation().method() == Optimisation.Method.LBFGS;
        return String.format(Locale.ROOT, "epoch %4d  train %.4e%s%s  %.2f s", e.epoch(), e.train(),
                e.validation().isPresent() ? String.format(Locale.ROOT, "  val %.4e", e.validation().getAsDouble()) : "",
                lbfgs ? "" : String.format(Locale.ROOT, "  lr %.2e", e.learningRate()), e.seconds());
    }

    /** The progress note of an epoch. */
    static String note(FitEpoch e) {
        return String.format(Locale.ROOT, "train %.4g%s", e.train(), e.validation().isPresent()
                ? String.format(Locale.ROOT, ", val %.4g", e.validation().getAsDouble()) : "");
    }

    /** The status, the last epoch's line if it was not printed, and the kept epoch. */
    String footer(FitResult r, int step) {
        StringBuilder out = new StringBuilder();
        List<FitEpoch> epochs = r.epochs();
        if (!epochs.isEmpty()) {
            FitEpoch last = epochs.get(epochs.size() - 1);
            if (last.epoch() != 1 && last.epoch() % step != 0) {
                out.append(line(last)).append('\n');
            }
        }
        out.append(String.format(Locale.ROOT, "%s: %s%n", r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                r.message()));
        r.keptEpoch().ifPresent(e -> out.append(String.format(Locale.ROOT, "kept epoch %d: train %.6e%s (%.2f s in all)%n",
                e.epoch(), e.train(), e.validation().isPresent()
                        ? String.format(Locale.ROOT, ", validation %.6e", e.validation().getAsDouble()) : "",
                r.seconds())));
        return out.toString();
    }

    /** The whole report as JSON. */
    Map<String, Object> json(FitResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("loss", model.name());
        o.put("parameters", model.descriptor().parameterCount());
        o.put("optimizer", options.optimisation().method().key());
        o.put("learningRate", options.optimisation().learningRate());
        o.put("batch", options.optimisation().batchSize());
        o.put("schedule", options.schedule().kind().key());
        o.put("weightDecay", options.optimisation().weightDecay());
        o.put("seed", options.execution().seed());
        o.put("threads", options.execution().threads());
        o.put("trainRows", r.trainRows());
        o.put("validationRows", r.validationRows());
        o.put("status", r.status().name());
        o.put("message", r.message());
        o.put("keptEpoch", r.kept());
        r.keptEpoch().ifPresent(e -> {
            o.put("train", finite(e.train()));
            o.put("validation", e.validation().isPresent() ? e.validation().getAsDouble() : null);
        });
        o.put("nonFinite", r.nonFinite().map(n -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", n.epoch());
            m.put("batch", n.batch());
            m.put("where", n.where());
            m.put("what", n.what());
            return (Object) m;
        }).orElse(null));
        o.put("seconds", r.seconds());
        List<Object> epochs = new ArrayList<>();
        for (FitEpoch e : r.epochs()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("epoch", e.epoch());
            m.put("train", finite(e.train()));
            m.put("validation", e.validation().isPresent() ? e.validation().getAsDouble() : null);
            m.put("learningRate", e.learningRate());
            m.put("seconds", e.seconds());
            epochs.add(m);
        }
        o.put("epochs", epochs);
        return o;
    }

    /** JSON has no NaN: a non-finite loss (an epoch cut short) is null. */
    private static Object finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }
}
