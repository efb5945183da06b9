package geo.compiler.show;

import geo.compiler.check.ChartDomain;
import geo.compiler.check.CheckedProgram;
import geo.compiler.check.Limits;
import geo.compiler.check.Shape;
import geo.compiler.interp.Bindings;
import geo.compiler.interp.Program;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeBudgetException;
import geo.compiler.ir.NodeFactory;
import geo.compiler.source.CompileException;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredFunction;
import geo.compiler.lower.LoweredLoss;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.Lowering;
import geo.compiler.lower.ParamLayout;
import geo.compiler.show.GeometrySections.Derived;
import geo.compiler.show.GeometrySections.LinearSystem;
import geo.runtime.api.ModelDescriptor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link Report} of {@code geo show} for a checked program: selects the manifolds,
 * checks the point against their dimensions, derives the requested sections (one fresh
 * {@link NodeFactory} per manifold) and evaluates them at the point.
 */
public final class ShowBuilder {

    /** The seed of the default parameter values, as every tool that needs default θ uses. */
    public static final long PARAMETER_SEED = 0;

    private ShowBuilder() {
    }

    /**
     * The report for {@code program}.
     *
     * @param file    the file as the user named it (for messages and the report)
     * @param program a program that passed the checks
     * @param request what to show
     * @throws ShowException if the request does not fit the program: an unknown manifold, a point
     *                       or velocity of the wrong length, a velocity without a point
     * @throws CompileException when a model's derivations exceed the node budget, at its declaration
     */
    public static Report build(String file, CheckedProgram program, ShowRequest request) throws ShowException {
        List<CheckedProgram.Model> selected = select(file, program, request);
        List<String> problems = new ArrayList<>();
        List<ModelReport> models = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (CheckedProgram.Model m : selected) {
            try {
                models.add(model(program, m, request, problems, used));
            } catch (NodeBudgetException e) {
                throw new CompileException(m.decl().name().span(), Limits.tooLarge("manifold '" + m.name() + "'",
                        e.budget()), e);
            }
        }
        for (String name : request.parameters().keySet()) {
            if (!used.contains(name)) {
                throw new ShowException("unknown parameter '" + name + "': no "
                        + (request.manifold() != null ? "parameter of manifold " + request.manifold() : "manifold of "
                        + file + " declares it"));
            }
        }
        List<Section> losses = new ArrayList<>();
        if (request.manifold() == null && request.topics().isEmpty()) {
            for (CheckedProgram.Loss loss : program.losses()) {
                try {
                    losses.add(loss(program, loss));
                } catch (NodeBudgetException e) {
                    throw new CompileException(loss.decl().name().span(), Limits.tooLarge("loss '" + loss.name() + "'",
                            e.budget()), e);
                }
            }
        }
        List<Section> functions = new ArrayList<>();
        if (request.manifold() == null && request.topics().isEmpty()) {
            for (CheckedProgram.Function fn : program.functions()) {
                try {
                    functions.add(function(program, fn));
                } catch (NodeBudgetException e) {
                    throw new CompileException(fn.decl().name().span(), Limits.tooLarge("fn '" + fn.name() + "'",
                            e.budget()), e);
                }
            }
        }
        return new Report(file, models, losses, functions, problems);
    }

    private static List<CheckedProgram.Model> select(String file, CheckedProgram program, ShowRequest request)
            throws ShowException {
        List<CheckedProgram.Model> all = program.manifolds();
        List<String> names = all.stream().map(CheckedProgram.Model::name).toList();
        List<CheckedProgram.Model> selected = all;
        if (request.manifold() != null) {
            selected = all.stream().filter(m -> m.name().equals(request.manifold())).toList();
            if (selected.isEmpty()) {
                throw new ShowException("no manifold '" + request.manifold() + "' in " + file
                        + (names.isEmpty() ? "; it declares none" : "; it declares " + String.join(", ", names)));
            }
        }
        double[] at = request.at();
        double[] velocity = request.velocity();
        if (velocity != null && at == null) {
            throw new ShowException("--velocity needs --at: values are computed only at a point");
        }
        if (!request.parameters().isEmpty() && at == null) {
            throw new ShowException("parameter values need --at: the equations are shown for symbolic parameters");
        }
        if (at != null && selected.isEmpty()) {
            throw new ShowException("--at needs a manifold, and " + file + " declares none");
        }
        for (CheckedProgram.Model m : selected) {
            checkLength("--at", at, m);
            checkLength("--velocity", velocity, m);
            checkDomain(at, m);
        }
        return selected;
    }

    /**
     * Values at a point outside the declared domain mean nothing: --at must lie strictly inside it.
     * A periodic coordinate is not bounded by the box (as in the solvers): any finite value is a
     * point of the chart.
     */
    private static void checkDomain(double[] at, CheckedProgram.Model m) throws ShowException {
        if (at == null || m.domain() == null || m.domain().contains(unwrapped(at, m))) {
            return;
        }
        String domain = m.domain() instanceof ChartDomain.Ball b ? "ball(" + b.radius() + ")"
                : m.domain() instanceof ChartDomain.Box b ? "box(" + Arrays.toString(b.lo()) + ", "
                        + Arrays.toString(b.hi()) + ")" : m.domain().toString();
        String point = Arrays.toString(at);
        throw new ShowException("--at (" + point.substring(1, point.length() - 1) + ") is outside the domain "
                + domain + " of manifold " + m.name());
    }

    /** at with each finite periodic coordinate moved to the middle of the box, which bounds it only for sampling. */
    private static double[] unwrapped(double[] at, CheckedProgram.Model m) {
        double[] periods = m.periods();
        if (periods == null || !(m.domain() instanceof ChartDomain.Box box)) {
            return at;
        }
        double[] x = at.clone();
        for (int i = 0; i < x.length && i < periods.length; i++) {
            if (periods[i] > 0 && Double.isFinite(x[i])) {
                x[i] = (box.lo()[i] + box.hi()[i]) / 2;
            }
        }
        return x;
    }

    private static void checkLength(String option, double[] values, CheckedProgram.Model m) throws ShowException {
        if (values == null || values.length == m.dimension()) {
            return;
        }
        String coords = m.coords().isVector()
                ? m.coords().names().get(0).text() + "[" + m.dimension() + "]"
                : String.join(", ", m.coords().names().stream().map(n -> n.text()).toList());
        throw new ShowException(option + " has " + values.length + (values.length == 1 ? " value" : " values")
                + ", but manifold " + m.name() + " has " + m.dimension()
                + (m.dimension() == 1 ? " coordinate (" : " coordinates (") + coords + ")");
    }

    private static ModelReport model(CheckedProgram program, CheckedProgram.Model m, ShowRequest request,
                                     List<String> problems, Set<String> used) throws ShowException {
        NodeFactory f = new NodeFactory();
        LoweredModel lowered = Lowering.lowerModel(program, m, f);
        Labels labels = new Labels(lowered.coordinates(), m.coords().isVector(), f);
        GeometrySections g = new GeometrySections(f, lowered, labels);
        boolean metric = lowered.metric() != null;
        boolean lagrangian = lowered.lagrangian() != null;
        Set<Topic> topics = request.topics().isEmpty() ? defaults(metric, lagrangian) : request.topics();
        List<Derived> derived = new ArrayList<>();
        for (Topic t : topics) {
            if (t == Topic.EULER_LAGRANGE) {
                derived.addAll(g.eulerLagrange(lagrangian ? m.lagrangian().name().text() : null));
            } else if (!metric) {
                String note = "not available: manifold " + m.name() + " declares no metric"
                        + (t == Topic.SPRAY ? "; its acceleration is shown by --euler-lagrange" : "");
                derived.add(new Derived(new Section(t.flag(), t.title(), List.of(note), List.of(), List.of()), null));
            } else {
                switch (t) {
                    case METRIC -> derived.addAll(g.metric());
                    case CHRISTOFFEL -> derived.add(g.christoffel());
                    case SPRAY -> derived.add(g.spray());
                    case CURVATURE -> derived.addAll(g.curvature());
                    default -> throw new IllegalStateException("unhandled topic " + t);
                }
            }
        }
        List<Node> exact = new ArrayList<>();
        for (Derived dv : derived) {
            dv.section().equations().forEach(e -> exact.add(e.exact()));
        }
        boolean usesVelocity = uses(exact, Symbol.Kind.VELOCITY);
        boolean usesTime = uses(exact, Symbol.Kind.TIME);
        Point point = null;
        List<Section> sections = new ArrayList<>();
        if (request.at() == null) {
            derived.forEach(dv -> sections.add(dv.section()));
        } else {
            double[] v = request.velocity();
            boolean defaultVelocity = v == null;
            if (defaultVelocity) {
                v = new double[lowered.dimension()];
                Arrays.fill(v, 1.0);
            }
            Set<String> given = new LinkedHashSet<>();
            double[] theta = parameters(lowered, request, given);
            used.addAll(given);
            point = new Point(request.at(), v, defaultVelocity, 0.0, theta, List.copyOf(given));
            String where = where(lowered, point);
            for (Derived dv : derived) {
                sections.add(evaluate(m.name(), dv, point, where, problems));
            }
        }
        List<String> kinds = new ArrayList<>();
        if (metric) {
            kinds.add("metric");
        }
        if (lagrangian) {
            kinds.add("lagrangian");
        }
        Map<String, Double> periods = new LinkedHashMap<>();
        for (int i = 0; m.periods() != null && i < m.periods().length; i++) {
            if (m.periods()[i] > 0) {
                periods.put(lowered.coordinateNames().get(i), m.periods()[i]);
            }
        }
        return new ModelReport(m.name(), lowered.dimension(), lowered.coordinateNames(),
                lowered.velocities().stream().map(Symbol::name).toList(), kinds, lowered.params().size(), point,
                usesVelocity, usesTime, sections, periods);
    }

    /** Metric and spray for a metric, Euler–Lagrange for a Lagrangian (all three when both). */
    private static Set<Topic> defaults(boolean metric, boolean lagrangian) {
        Set<Topic> t = EnumSet.noneOf(Topic.class);
        if (metric) {
            t.add(Topic.METRIC);
            t.add(Topic.SPRAY);
        }
        if (lagrangian || !metric) {
            t.add(Topic.EULER_LAGRANGE);
        }
        return t;
    }

    private static boolean uses(List<Node> nodes, Symbol.Kind kind) {
        Dag dag = Dag.of(nodes.toArray(Node[]::new));
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            if (n.isSymbol() && n.symbol().kind() == kind) {
                return true;
            }
        }
        return false;
    }

    /** The model's default θ with the request's values for the parameters it declares (their names added to {@code used}). */
    private static double[] parameters(LoweredModel lowered, ShowRequest request, Set<String> used)
            throws ShowException {
        double[] theta = lowered.params().initialValues(PARAMETER_SEED);
        for (ParamLayout.Entry e : lowered.params().entries()) {
            double[] values = request.parameters().get(e.name());
            if (values == null) {
                continue;
            }
            if (values.length != e.shape().size()) {
                throw new ShowException("parameter " + e.name() + " needs " + e.shape().size() + " values, got "
                        + values.length);
            }
            System.arraycopy(values, 0, theta, e.offset(), values.length);
            used.add(e.name());
        }
        return theta;
    }

    /** "theta = 0.5, phi = 1.0", for messages about values. */
    private static String where(LoweredModel m, Point p) {
        StringBuilder sb = new StringBuilder();
        double[] x = p.x();
        for (int i = 0; i < x.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(m.coordinateNames().get(i)).append(" = ").append(Numbers.text(x[i]));
        }
        return sb.toString();
    }

    /** The section with its values at the point; non-finite values and singular systems go to {@code problems}. */
    private static Section evaluate(String model, Derived dv, Point p, String where, List<String> problems) {
        Section s = dv.section();
        LinearSystem system = dv.system();
        List<Node> outs = new ArrayList<>();
        s.equations().forEach(e -> outs.add(e.exact()));
        if (system != null) {
            outs.addAll(List.of(system.matrix()));
        }
        if (outs.isEmpty()) {
            return s;
        }
        double[] r = Program.compile(outs.toArray(Node[]::new))
                .evaluate(new Bindings().coords(p.x()).velocities(p.v()).params(p.theta()).time(p.time()));
        List<Value> values = new ArrayList<>();
        for (int k = 0; k < s.equations().size(); k++) {
            Equation e = s.equations().get(k);
            values.add(new Value(e.name(), e.latexName(), r[k]));
        }
        if (system != null) {
            int n = system.rhs().length;
            int base = s.equations().size();
            double[] a = solve(Arrays.copyOfRange(r, base, base + n * n), Arrays.copyOfRange(r, 0, n));
            if (a == null) {
                problems.add("manifold " + model + ": " + system.matrixName() + " is singular at " + where
                        + ", so a is not defined there");
            } else {
                for (int k = 0; k < n; k++) {
                    values.add(new Value(system.names()[k], system.latexNames()[k], a[k]));
                }
            }
        }
        List<String> bad = new ArrayList<>();
        for (Value v : values) {
            if (!Double.isFinite(v.value())) {
                bad.add(v.name() + " = " + Numbers.text(v.value()));
            }
        }
        if (!bad.isEmpty()) {
            int shown = Math.min(bad.size(), 4);
            problems.add("manifold " + model + ": " + (bad.size() == 1 ? "a value is" : bad.size() + " values are")
                    + " not finite at " + where + ": " + String.join(", ", bad.subList(0, shown))
                    + (bad.size() > shown ? ", ..." : ""));
        }
        return s.withValues(values);
    }

    /**
     * Solves {@code m a = b} (m row-major n×n) by Gaussian elimination with partial pivoting;
     * null when m is singular or not finite. For values only: the kernels solve by Cholesky.
     */
    static double[] solve(double[] m, double[] b) {
        int n = b.length;
        double[][] a = new double[n][n + 1];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m, i * n, a[i], 0, n);
            a[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            if (!(Math.abs(a[pivot][c]) > 0) || !Double.isFinite(a[pivot][c])) {
                return null;
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            for (int r = c + 1; r < n; r++) {
                double factor = a[r][c] / a[c][c];
                for (int k = c; k <= n; k++) {
                    a[r][k] -= factor * a[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = a[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= a[r][k] * x[k];
            }
            x[r] = s / a[r][r];
        }
        return x;
    }

    private static Section loss(CheckedProgram program, CheckedProgram.Loss loss) {
        NodeFactory f = new NodeFactory();
        LoweredLoss lowered = Lowering.lowerLoss(program, loss, f);
        List<String> notes = loss.model() == null ? List.of() : List.of("declared in manifold " + loss.model().name());
        Node shown = DisplaySimplifier.run(f, new Node[] {lowered.value()})[0];
        String latexName = "\\mathrm{" + Labels.escapeLatexText(lowered.name()) + "}";
        return new Section("loss", "loss " + signature(lowered.name(), lowered.inputs()), notes,
                List.of(new Equation(lowered.name(), latexName, shown, lowered.value())), List.of());
    }

    /** A fn's section: one equation per element of its value, named {@code f}, {@code f[i]} or {@code f[i,j]}. */
    private static Section function(CheckedProgram program, CheckedProgram.Function fn) {
        NodeFactory f = new NodeFactory();
        LoweredFunction lowered = Lowering.lowerFunction(program, fn, f);
        List<String> notes = new ArrayList<>();
        Shape out = lowered.value().shape();
        notes.add("value: " + out.describe());
        if (fn.model() != null) {
            notes.add("declared in manifold " + fn.model().name());
        }
        Node[] exact = lowered.outputs();
        Node[] shown = DisplaySimplifier.run(f, exact);
        List<Equation> equations = new ArrayList<>();
        for (int k = 0; k < exact.length; k++) {
            String name = Lowering.elementName(lowered.name(), out, k);
            String latexName = "\\mathrm{" + Labels.escapeLatexText(lowered.name()) + "}" + (out.isScalar() ? ""
                    : "_{" + (out.isVector() ? "" + k : (k / out.cols()) + "," + (k % out.cols())) + "}");
            equations.add(new Equation(name, latexName, shown[k], exact[k]));
        }
        return new Section("function", "fn " + signature(lowered.name(), lowered.inputs()), notes, equations,
                List.of());
    }

    /** {@code name(x[2], y)}; a noise input as {@code eps[2] ~ normal}. */
    private static String signature(String name, List<LoweredLoss.Input> inputs) {
        StringBuilder signature = new StringBuilder(name).append('(');
        for (int i = 0; i < inputs.size(); i++) {
            LoweredLoss.Input in = inputs.get(i);
            signature.append(i == 0 ? "" : ", ").append(in.name());
            if (!in.shape().isScalar()) {
                signature.append(in.shape().toString().replace(" ", ""));
            }
            if (in.source() != ModelDescriptor.Input.Source.DATA) {
                signature.append(" ~ ").append(in.source().json());
            }
        }
        return signature.append(')').toString();
    }
}
