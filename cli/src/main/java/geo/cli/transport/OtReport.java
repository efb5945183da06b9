package geo.cli.transport;

import geo.runtime.transport.TransportPlan;
import geo.runtime.transport.cost.PathResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What {@code geo ot} prints and writes: the text and JSON reports, the plan and paths as CSV. */
final class OtReport {

    private OtReport() {
    }

    static String text(Cloud s, Cloud t, String cost, Transport tr) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "source %s: %d points in R^%d, %s%n", s.file(), s.size(), s.dimension(),
                weights(s)));
        out.append(String.format(Locale.ROOT, "target %s: %d points in R^%d, %s%n", t.file(), t.size(), t.dimension(),
                weights(t)));
        out.append("cost: ").append(cost).append('\n');
        out.append(String.format(Locale.ROOT, "solver: %s, %s after %d iterations%n", tr.solver(), tr.status(),
                tr.iterations()));
        tr.entropic().ifPresent(e -> out.append(String.format(Locale.ROOT,
                "epsilon %.6g, regularised cost %.10g, marginal error %.3g%n", e.epsilon(), e.regularisedCost(),
                e.marginalError())));
        out.append(String.format(Locale.ROOT, "transport cost %.10g%n", tr.cost()));
        if (tr.assignment().length > 0) {
            out.append("assignment (target of each source): ");
            for (int i = 0; i < tr.assignment().length; i++) {
                out.append(i == 0 ? "" : " ").append(tr.assignment()[i]);
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String weights(Cloud c) {
        return c.uniform() ? "uniform weights" : String.format(Locale.ROOT, "mass %.10g", c.mass());
    }

    static Map<String, Object> json(Cloud s, Cloud t, String cost, Transport tr) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("source", s.file().toString());
        o.put("target", t.file().toString());
        o.put("n", s.size());
        o.put("m", t.size());
        o.put("dimension", s.dimension());
        o.put("cost_function", cost);
        o.put("solver", tr.solver());
        o.put("status", tr.status().toString());
        o.put("cost", tr.cost());
        o.put("iterations", tr.iterations());
        tr.entropic().ifPresent(e -> {
            o.put("epsilon", e.epsilon());
            o.put("regularised_cost", e.regularisedCost());
            o.put("marginal_error", e.marginalError());
        });
        if (tr.assignment().length > 0) {
            List<Object> a = new ArrayList<>();
            for (int j : tr.assignment()) {
                a.add(j);
            }
            o.put("assignment", a);
        }
        o.put("plan_entries", tr.plan().size());
        return o;
    }

    /** {@code source,target,mass}, one plan entry a line, 0-based indices of the points in file order. */
    static String planCsv(Transport tr) {
        TransportPlan p = tr.plan();
        StringBuilder out = new StringBuilder("source,target,mass\n");
        for (int k = 0; k < p.size(); k++) {
            out.append(p.from()[k]).append(',').append(p.to()[k]).append(',').append(p.mass()[k]).append('\n');
        }
        return out.toString();
    }

    /** {@code source,target,k,x0,...}: sample k of the path of each matched pair. */
    static String pathsCsv(int[][] pairs, PathResult[] paths, int d) {
        StringBuilder out = new StringBuilder("source,target,k");
        for (int i = 0; i < d; i++) {
            out.append(",x").append(i);
        }
        out.append('\n');
        for (int k = 0; k < pairs.length; k++) {
            double[][] pts = paths[k].points();
            for (int q = 0; q < pts.length; q++) {
                out.append(pairs[k][0]).append(',').append(pairs[k][1]).append(',').append(q);
                for (double x : pts[q]) {
                    out.append(',').append(x);
                }
                out.append('\n');
            }
        }
        return out.toString();
    }
}
