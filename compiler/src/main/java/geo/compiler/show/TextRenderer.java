package geo.compiler.show;

import geo.compiler.ir.Node;
import geo.compiler.print.LatexPrinter;
import geo.compiler.print.TextPrinter;
import java.util.List;
import java.util.Map;

/**
 * A {@link Report} for people, as text or as LaTeX. Each section is a heading with its notes,
 * then its equations printed together by the let-form printers ({@link TextPrinter#lets},
 * {@link LatexPrinter#lets}), which print a small equation inline and give large or shared
 * subexpressions names ({@code let t1 = ...}) by size thresholds of their own; then the values
 * at the point, if any. A section larger than {@code maxNodes} is replaced by a one-line note so
 * that no command prints a multi-megabyte wall.
 *
 * <p>In LaTeX, headings and notes are {@code %} comments and every equation block is an
 * {@code aligned} environment, so the output can be pasted into a document as it is.
 */
public final class TextRenderer {

    /** The default largest section (in distinct nodes) printed in full. */
    public static final int DEFAULT_MAX_NODES = 500;

    private final boolean latex;
    private final int maxNodes;
    private final StringBuilder out = new StringBuilder();

    private TextRenderer(boolean latex, int maxNodes) {
        this.latex = latex;
        this.maxNodes = maxNodes;
    }

    /**
     * The report as text ({@code latex} false) or LaTeX.
     *
     * @param maxNodes sections with more distinct nodes than this are summarised, not printed
     */
    public static String render(Report report, boolean latex, int maxNodes) {
        TextRenderer r = new TextRenderer(latex, maxNodes);
        r.report(report);
        return r.out.toString();
    }

    private void report(Report report) {
        boolean first = true;
        for (ModelReport m : report.models()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            model(m);
        }
        for (Section s : report.losses()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            section(s);
        }
        for (Section s : report.functions()) {
            if (!first) {
                out.append('\n');
            }
            first = false;
            section(s);
        }
        if (first) {
            comment(report.file() + " declares no manifold, loss or fn: nothing to show");
        }
    }

    private void model(ModelReport m) {
        comment("manifold " + m.name() + ": " + m.dimension() + (m.dimension() == 1 ? " coordinate (" : " coordinates (")
                + String.join(", ", m.coordinates()) + "), " + String.join(" and ", m.kinds())
                + (m.parameterCount() == 0 ? "" : ", " + m.parameterCount()
                        + (m.parameterCount() == 1 ? " parameter" : " parameters")));
        for (Map.Entry<String, Double> e : m.periods().entrySet()) {
            comment(e.getKey() + " is periodic with period " + e.getValue());
        }
        Point p = m.point();
        if (p != null) {
            comment("point: " + assignments(m.coordinates(), p.x()));
            if (m.usesVelocity()) {
                comment("velocity: " + assignments(m.velocities(), p.v())
                        + (p.defaultVelocity() ? " (not given: all ones; set it with --velocity)" : ""));
            }
            if (m.usesTime()) {
                comment("time: t = " + Numbers.text(p.time()));
            }
            if (m.parameterCount() > 0) {
                String defaults = "default values (random initialisers drawn with seed " + ShowBuilder.PARAMETER_SEED + ")";
                comment("parameters: " + (p.givenParameters().isEmpty() ? "their " + defaults
                        : String.join(", ", p.givenParameters()) + " as given, any others their " + defaults));
            }
        }
        for (Section s : m.sections()) {
            out.append('\n');
            section(s);
        }
    }

    private static String assignments(List<String> names, double[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(names.get(i)).append(" = ").append(Numbers.text(values[i]));
        }
        return sb.toString();
    }

    private void section(Section s) {
        comment(s.title());
        if (!s.notes().isEmpty()) {
            comment((latex ? "" : "// ") + String.join("; ", s.notes()), 1);
        }
        if (s.equations().isEmpty()) {
            return;
        }
        int nodes = s.displayNodes();
        if (nodes > maxNodes) {
            int n = s.equations().size();
            comment((n == 1 ? "(an expression" : "(" + n + " expressions") + " with " + nodes + " nodes; "
                    + (nodes <= JsonRenderer.MAX_NODES ? "use --json or --max-nodes " + nodes + " to print "
                    : "use --max-nodes " + nodes + " to print ") + (n == 1 ? "it)" : "them)"), 1);
        } else {
            equations(s);
        }
        if (!s.values().isEmpty()) {
            values(s.values());
        }
    }

    private void equations(Section s) {
        Node[] displays = s.displays();
        String[] names = s.equations().stream().map(latex ? Equation::latexName : Equation::name)
                .toArray(String[]::new);
        String block = latex ? LatexPrinter.lets(displays, names) : TextPrinter.lets(displays, names);
        lines(block);
    }

    private void values(List<Value> values) {
        if (latex) {
            comment("values at the point");
            out.append("\\begin{aligned}\n");
            for (int i = 0; i < values.size(); i++) {
                Value v = values.get(i);
                out.append(v.latexName()).append(" &= ").append(Numbers.latex(v.value()))
                        .append(i + 1 < values.size() ? " \\\\\n" : "\n");
            }
            out.append("\\end{aligned}\n");
            return;
        }
        out.append("  values:\n");
        for (Value v : values) {
            out.append("    ").append(v.name()).append(" = ").append(Numbers.text(v.value())).append('\n');
        }
    }

    /** Equation lines: indented in text, as they are in LaTeX (an aligned block). */
    private void lines(String block) {
        for (String line : block.split("\n", -1)) {
            out.append(latex ? "" : "  ").append(line).append('\n');
        }
    }

    /** A heading or note: plain in text, a {@code %} comment in LaTeX. */
    private void comment(String text) {
        comment(text, 0);
    }

    private void comment(String text, int indent) {
        out.append(latex ? "% " : "  ".repeat(indent)).append(text).append('\n');
    }
}
