package geo.compiler.show;

import geo.compiler.derive.EulerLagrange;
import geo.compiler.derive.MetricGeometry;
import geo.compiler.derive.Spray;
import geo.compiler.derive.SystemStructure;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the sections of one manifold from its derivations: names every component, simplifies
 * for display, and leaves out components that are identically zero or repeat by symmetry.
 * Derivations are made only when a section asks for them and are shared between sections
 * (one {@link MetricGeometry} per manifold).
 */
final class GeometrySections {

    /**
     * A section with, when its values need a linear solve (an implicit spray or Euler–Lagrange
     * system), the system {@code matrix · a = rhs} whose solution a is shown as values.
     */
    record Derived(Section section, LinearSystem system) {
    }

    /** {@code matrix · a = rhs} (matrix row-major d×d, as derived) and the names of the components of a. */
    record LinearSystem(String matrixName, Node[] matrix, Node[] rhs, String[] names, String[] latexNames) {
    }

    /** A component before simplification: its names and the derived expression. */
    private record Component(String name, String latexName, Node exact) {
    }

    private final NodeFactory f;
    private final LoweredModel model;
    private final int d;
    private final Labels labels;
    private final String[] velocityText;
    private final String[] velocityLatex;
    private MetricGeometry geometry;

    GeometrySections(NodeFactory f, LoweredModel model, Labels labels) {
        this.f = f;
        this.model = model;
        this.d = model.dimension();
        this.labels = labels;
        velocityText = new String[d];
        velocityLatex = new String[d];
        for (int i = 0; i < d; i++) {
            Symbol v = model.velocities().get(i);
            velocityText[i] = v.name();
            velocityLatex[i] = Labels.symbolLatex(f, v);
        }
    }

    private MetricGeometry geometry() {
        if (geometry == null) {
            geometry = new MetricGeometry(f, model);
        }
        return geometry;
    }

    /** The metric and, for d ≤ 4, its inverse. */
    List<Derived> metric() {
        List<Derived> out = new ArrayList<>();
        out.add(plain(matrix("metric", "metric g", "g_", "g_", geometry().metric().elements())));
        if (d <= MetricGeometry.SYMBOLIC_INVERSE_LIMIT) {
            out.add(plain(matrix("inverse-metric", "inverse metric g^-1", "g^", "g^",
                    geometry().inverseMetric().elements())));
        }
        return out;
    }

    /** The Christoffel symbols of the second kind, each symmetric pair once, zeros left out. */
    Derived christoffel() {
        Node[][] gamma = geometry().christoffelSecond();
        List<Component> all = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            for (int i = 0; i < d; i++) {
                for (int j = i; j < d; j++) {
                    all.add(new Component("Γ^" + labels.text(k) + "_" + labels.text(i, j),
                            "\\Gamma^{" + labels.latex(k) + "}_{" + labels.latex(i, j) + "}", gamma[k][i * d + j]));
                }
            }
        }
        List<Equation> shown = nonZero(all);
        List<String> notes = new ArrayList<>();
        if (!shown.isEmpty() && d > 1) {
            notes.add("symmetric in i, j: i ≤ j shown");
        }
        notes.add(zeros(all.size() - shown.size(), all.size()));
        return plain(new Section("christoffel", "Christoffel symbols of the second kind Γ^k_i,j", notes, shown,
                List.of()));
    }

    /** The geodesic spray: explicit a = −Γ(x)[v, v] up to d = 4, else the system g a = rhs. */
    Derived spray() {
        Spray s = geometry().spray();
        SystemStructure structure = SystemStructure.of(s.matrix());
        return acceleration(s, "spray", "geodesic spray a = -Γ(x)[v, v]", "g",
                structure.explicit(MetricGeometry.SYMBOLIC_INVERSE_LIMIT)
                        ? "g is " + structure + ": the compiled kernels solve g a = rhs symbolically;"
                                + " g is the metric (--metric)"
                        : "the runtime solves g a = rhs by Cholesky; g is the metric (--metric)");
    }

    /** Riemann tensor (μ < ν), Ricci tensor and scalar curvature. */
    List<Derived> curvature() {
        Node[] riemann = geometry().riemann();
        List<Component> all = new ArrayList<>();
        for (int rho = 0; rho < d; rho++) {
            for (int sigma = 0; sigma < d; sigma++) {
                for (int mu = 0; mu < d; mu++) {
                    for (int nu = mu + 1; nu < d; nu++) {
                        all.add(new Component("R^" + labels.text(rho) + "_" + labels.text(sigma, mu, nu),
                                "R^{" + labels.latex(rho) + "}_{" + labels.latex(sigma, mu, nu) + "}",
                                riemann[((rho * d + sigma) * d + mu) * d + nu]));
                    }
                }
            }
        }
        List<Equation> shown = nonZero(all);
        List<String> notes = new ArrayList<>();
        if (shown.isEmpty()) {
            long n = (long) d * d * d * d;
            notes.add("identically zero: " + (n == 1 ? "its one component vanishes" : "all " + n + " components vanish")
                    + " and the metric is flat");
        } else {
            notes.add("antisymmetric in μ, ν: μ < ν shown");
            notes.add(zeros(all.size() - shown.size(), all.size()));
        }
        List<Derived> out = new ArrayList<>();
        out.add(plain(new Section("riemann", "Riemann tensor R^ρ_σ,μ,ν", notes, shown, List.of())));
        out.add(plain(matrix("ricci", "Ricci tensor Ric_i,j = R^k_i,k,j", "Ric_", "R_",
                geometry().ricci().elements())));
        Node scalar = geometry().scalarCurvature();
        Node shownScalar = DisplaySimplifier.run(f, new Node[] {scalar})[0];
        out.add(plain(new Section("scalar-curvature", "scalar curvature R = g^i,j Ric_i,j", List.of(),
                List.of(new Equation("R", "R", shownScalar, scalar)), List.of())));
        return out;
    }

    /**
     * The Lagrangian (or ½vᵀgv for a metric), its velocity Hessian and the Euler–Lagrange
     * acceleration.
     *
     * @param name the Lagrangian's name, or null to use the metric's kinetic energy as L
     */
    List<Derived> eulerLagrange(String name) {
        Node lagrangian = model.lagrangian() != null ? model.lagrangian() : geometry().kineticEnergy();
        String l = name == null ? "L" : name;
        String lLatex = l.length() == 1 ? l : "\\mathrm{" + Labels.escapeLatexText(l) + "}";
        EulerLagrange el = new EulerLagrange(f, model, lagrangian);
        List<Derived> out = new ArrayList<>();
        List<String> lagrangianNotes = model.lagrangian() != null ? List.of()
                : List.of("the manifold has a metric and no lagrangian: L = 1/2 v' g v, whose Euler–Lagrange"
                        + " acceleration is the geodesic spray");
        Node shownL = DisplaySimplifier.run(f, new Node[] {lagrangian})[0];
        out.add(plain(new Section("lagrangian", "Lagrangian " + l, lagrangianNotes,
                List.of(new Equation(l, lLatex, shownL, lagrangian)), List.of())));
        Tensor hessian = el.velocityHessian();
        List<Component> all = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                all.add(new Component("∂²" + l + "/∂" + velocityText[i] + "∂" + velocityText[j],
                        "\\frac{\\partial^{2} " + lLatex + "}{\\partial " + velocityLatex[i] + " \\partial "
                                + velocityLatex[j] + "}", hessian.at(i, j)));
            }
        }
        out.add(plain(symmetricMatrix("velocity-hessian", "velocity Hessian ∂²" + l + "/∂v²", all)));
        out.add(acceleration(el.acceleration(), "euler-lagrange",
                "Euler–Lagrange acceleration a = (∂²L/∂v²)^-1 (∂L/∂x - ∂²L/∂v∂x v - ∂²L/∂v∂t)", "∂²" + l + "/∂v²",
                "the runtime solves (∂²L/∂v²) a = rhs by Cholesky; the matrix is the velocity Hessian above"));
        return out;
    }

    private Derived acceleration(Spray s, String id, String title, String matrixName, String implicitNote) {
        String[] aText = new String[d];
        String[] aLatex = new String[d];
        for (int k = 0; k < d; k++) {
            aText[k] = "a^" + labels.text(k);
            aLatex[k] = "a^{" + labels.latex(k) + "}";
        }
        List<String> notes = new ArrayList<>();
        notes.add(velocityNote());
        if (s.explicit()) {
            Node[] shown = DisplaySimplifier.run(f, s.acceleration());
            List<Equation> eqs = new ArrayList<>();
            for (int k = 0; k < d; k++) {
                eqs.add(new Equation(aText[k], aLatex[k], shown[k], s.acceleration()[k]));
            }
            return plain(new Section(id, title, notes, eqs, List.of()));
        }
        notes.add("d = " + d + " > " + MetricGeometry.SYMBOLIC_INVERSE_LIMIT + ": " + implicitNote);
        Node[] shown = DisplaySimplifier.run(f, s.rhs());
        List<Equation> eqs = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            eqs.add(new Equation("rhs_" + labels.text(k), "\\mathrm{rhs}_{" + labels.latex(k) + "}", shown[k],
                    s.rhs()[k]));
        }
        String implicitTitle = title.substring(0, title.indexOf(" a = ")) + ", as the system " + matrixName
                + " a = rhs";
        return new Derived(new Section(id, implicitTitle, notes, eqs, List.of()),
                new LinearSystem(matrixName, s.matrix().elements(), s.rhs(), aText, aLatex));
    }

    private String velocityNote() {
        List<String> coords = model.coordinateNames();
        if (d == 1) {
            return velocityText[0] + " is the velocity of " + coords.get(0);
        }
        return "v = (" + String.join(", ", velocityText) + ") is the velocity of (" + String.join(", ", coords) + ")";
    }

    /** A d×d matrix named {@code g_i,j}-style, symmetric listing when it is symmetric as simplified. */
    private Section matrix(String id, String title, String textPrefix, String latexPrefix, Node[] exact) {
        List<Component> all = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                all.add(new Component(textPrefix + labels.text(i, j), latexPrefix + "{" + labels.latex(i, j) + "}",
                        exact[i * d + j]));
            }
        }
        return symmetricMatrix(id, title, all);
    }

    /**
     * The components of a d×d matrix (row-major): when the simplified matrix is symmetric, only
     * i ≤ j; always without zeros.
     */
    private Section symmetricMatrix(String id, String title, List<Component> all) {
        Node[] exact = all.stream().map(Component::exact).toArray(Node[]::new);
        Node[] shown = DisplaySimplifier.run(f, exact);
        boolean symmetric = true;
        for (int i = 0; i < d && symmetric; i++) {
            for (int j = i + 1; j < d && symmetric; j++) {
                symmetric = shown[i * d + j] == shown[j * d + i];
            }
        }
        List<Equation> eqs = new ArrayList<>();
        int considered = 0;
        for (int i = 0; i < d; i++) {
            for (int j = symmetric ? i : 0; j < d; j++) {
                considered++;
                int at = i * d + j;
                if (!shown[at].isConstant(0.0)) {
                    eqs.add(new Equation(all.get(at).name(), all.get(at).latexName(), shown[at], exact[at]));
                }
            }
        }
        List<String> notes = new ArrayList<>();
        if (eqs.isEmpty()) {
            notes.add("identically zero");
        } else {
            if (symmetric && d > 1) {
                notes.add("symmetric: i ≤ j shown");
            }
            notes.add(zeros(considered - eqs.size(), considered));
        }
        return new Section(id, title, notes, eqs, List.of());
    }

    /** The components that do not simplify to 0, simplified together. */
    private List<Equation> nonZero(List<Component> all) {
        Node[] exact = all.stream().map(Component::exact).toArray(Node[]::new);
        Node[] shown = DisplaySimplifier.run(f, exact);
        List<Equation> out = new ArrayList<>();
        for (int k = 0; k < shown.length; k++) {
            if (!shown[k].isConstant(0.0)) {
                out.add(new Equation(all.get(k).name(), all.get(k).latexName(), shown[k], exact[k]));
            }
        }
        return out;
    }

    /** "4 of 6 are zero, not shown", or "" when none is. */
    private static String zeros(int zero, int total) {
        if (zero == 0) {
            return "";
        }
        if (zero == total) {
            return "all " + total + " are zero";
        }
        return zero + " of " + total + (zero == 1 ? " is" : " are") + " zero, not shown";
    }

    private static Derived plain(Section s) {
        List<String> notes = new ArrayList<>(s.notes());
        notes.removeIf(String::isEmpty);
        return new Derived(new Section(s.id(), s.title(), notes, s.equations(), s.values()), null);
    }
}
