package geo.compiler.show;

import geo.runtime.api.Json;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.print.LatexPrinter;
import geo.compiler.print.TextPrinter;
import geo.runtime.api.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Report} as JSON, for programs: the same content as the text, every equation with its
 * text and LaTeX right-hand side (each standalone, with its own {@code let} lines when large:
 * text as {@link TextPrinter#print}, LaTeX as an {@code aligned} block ending in the equation's
 * name) and
 * its size in nodes, values as numbers. Layout:
 * <pre>
 * {"file": ..., "manifolds": [{"name", "dimension", "coordinates", "velocities", "kinds",
 *   "parameters", "point": {...} or null, "sections": [{"id", "title", "notes", "nodes",
 *   "equations": [{"name", "latexName", "text", "latex", "nodes"}],
 *   "values": [{"name", "latexName", "value"}]}]}],
 *  "losses": [sections], "problems": [strings]}
 * </pre>
 */
public final class JsonRenderer {

    /**
     * Sections larger than this (in nodes) get {@code "text": null, "latex": null} and
     * {@code "omitted": true}: even machines rarely want tens of megabytes of formula.
     */
    public static final int MAX_NODES = 100_000;

    private JsonRenderer() {
    }

    /** The document for {@code report}. */
    public static String render(Report report) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("file", report.file());
        List<Object> models = new ArrayList<>();
        for (ModelReport m : report.models()) {
            models.add(model(m));
        }
        doc.put("manifolds", models);
        doc.put("losses", report.losses().stream().map(JsonRenderer::section).toList());
        doc.put("functions", report.functions().stream().map(JsonRenderer::section).toList());
        doc.put("problems", report.problems());
        return Json.writePretty(doc) + "\n";
    }

    private static Map<String, Object> model(ModelReport m) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", m.name());
        o.put("dimension", m.dimension());
        o.put("coordinates", m.coordinates());
        o.put("velocities", m.velocities());
        o.put("kinds", m.kinds());
        o.put("parameters", m.parameterCount());
        if (!m.periods().isEmpty()) {
            o.put("periods", m.periods());
        }
        Point p = m.point();
        if (p == null) {
            o.put("point", null);
        } else {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("coordinates", numbers(p.x()));
            point.put("velocity", numbers(p.v()));
            point.put("velocityDefault", p.defaultVelocity());
            point.put("time", p.time());
            point.put("parameterSeed", (int) ShowBuilder.PARAMETER_SEED);
            point.put("givenParameters", p.givenParameters());
            o.put("point", point);
        }
        o.put("sections", m.sections().stream().map(JsonRenderer::section).toList());
        return o;
    }

    private static Map<String, Object> section(Section s) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("id", s.id());
        o.put("title", s.title());
        o.put("notes", s.notes());
        int nodes = s.displayNodes();
        boolean omitted = nodes > MAX_NODES;
        o.put("nodes", nodes);
        if (omitted) {
            o.put("omitted", true);
        }
        List<Object> eqs = new ArrayList<>();
        for (Equation e : s.equations()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("name", e.name());
            q.put("latexName", e.latexName());
            q.put("text", omitted ? null : TextPrinter.print(e.display()));
            q.put("latex", omitted ? null : latex(e));
            q.put("nodes", Dag.count(e.display()));
            eqs.add(q);
        }
        o.put("equations", eqs);
        List<Object> values = new ArrayList<>();
        for (Value v : s.values()) {
            Map<String, Object> q = new LinkedHashMap<>();
            q.put("name", v.name());
            q.put("latexName", v.latexName());
            q.put("value", v.value());
            values.add(q);
        }
        o.put("values", values);
        return o;
    }

    /**
     * The LaTeX of one equation; a let block ends in {@code name &= ...} rather than the printer's
     * generic {@code y &= ...}.
     */
    private static String latex(Equation e) {
        String latex = LatexPrinter.print(e.display());
        return latex.startsWith("\\begin{aligned}")
                ? LatexPrinter.lets(new Node[] {e.display()}, new String[] {e.latexName()}) : latex;
    }

    private static List<Double> numbers(double[] xs) {
        List<Double> out = new ArrayList<>();
        for (double x : xs) {
            out.add(x);
        }
        return out;
    }
}
