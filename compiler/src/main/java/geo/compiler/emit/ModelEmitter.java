package geo.compiler.emit;

import geo.compiler.check.ChartDomain;
import geo.compiler.check.CheckedProgram;
import geo.compiler.check.Shape;
import geo.compiler.derive.EulerLagrange;
import geo.compiler.derive.FunctionInputRole;
import geo.compiler.derive.InputRole;
import geo.compiler.derive.IntegratorStep;
import geo.compiler.derive.IntegratorStep.Row;
import geo.compiler.derive.KernelInput;
import geo.compiler.derive.LossInputRole;
import geo.compiler.derive.Kernels;
import geo.compiler.derive.MetricGeometry;
import geo.compiler.derive.ResidualSplit;
import geo.compiler.derive.Spray;
import geo.compiler.emit.KernelSpec.Arg;
import geo.compiler.emit.KernelSpec.Output;
import geo.compiler.emit.KernelSpec.Source;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import geo.compiler.lower.LoweredFunction;
import geo.compiler.lower.LoweredLoss;
import geo.compiler.lower.LoweredModel;
import geo.compiler.lower.ParamLayout;
import geo.compiler.simplify.KernelSimplifier;
import geo.runtime.api.Domain;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.api.ParameterInits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Chooses the kernels of a model and emits its class. A metric gives {@code MetricKernels}, the
 * spray as {@code AccelerationKernels}, the kinetic energy as {@code LagrangianKernels}, and for
 * d ≤ 4 {@code CurvatureKernels}; a Lagrangian gives its Euler–Lagrange acceleration and
 * {@code LagrangianKernels}; a loss gives {@code LossKernels}. Above d = 4 the acceleration is
 * implicit and the class extends {@code ImplicitAcceleration}, which solves by Cholesky, unless
 * the system's matrix is conformal, diagonal or block diagonal with small blocks
 * ({@link Spray#structured}).
 */
public final class ModelEmitter {

    /** The package generated classes live in. */
    public static final String PACKAGE = "geo/models/";

    /**
     * Explicit accelerations of at most this many IR nodes also get the fused RK4 step kernels
     * ({@code StepKernels}); larger models instead share the values their kernels compute alike
     * ({@link SharedValues}), and the runtime integrates them stage by stage, calling the
     * acceleration (the same bits). The fused kernels inline the acceleration once per stage (and
     * its adjoint once per stage in the VJP), about 12 KB of class per unit of a network metric;
     * what they gain shrinks with the size (exp / forward and backward CPU time, fused against
     * stage by stage, deep.geo at 32 units 334 / 973 µs against 386 / 1,191 µs, at 64 units 778 /
     * 1,971 µs against 855 / 2,292 µs, at 128 units 1,529 / 4,258 µs against 1,620 / 4,842 µs;
     * bench/RESULTS.md, "Compile time and class size"), while their size does not. The limit keeps
     * them for the examples' networks of 32 units (957 nodes) and gives every larger network the
     * same, smaller, cost per unit: at 128 units (3,648 nodes) the class is 434 KB instead of 1.56 MB.
     */
    static final int FUSED_STEP_LIMIT = 1200;
    /**
     * The system property ({@code -Dgeo.compiler.batchAcceleration=true}) that makes the compiler emit
     * the batch acceleration ({@code BatchAccelerationKernels}) of a model without a batch RK4 step.
     * Off by default: it does not pay on the network metrics (issue 23, bench/RESULTS.md).
     */
    public static final String BATCH_ACCELERATION = "geo.compiler.batchAcceleration";

    private static final Arg T = Arg.of(Symbol.Kind.TIME);
    private static final Arg X = Arg.of(Symbol.Kind.COORD);
    private static final Arg V = Arg.of(Symbol.Kind.VELOCITY);
    private static final Arg THETA = Arg.of(Symbol.Kind.PARAM);

    private ModelEmitter() {
    }

    /**
     * What to generate for a model: the class's name, super class and interfaces, its descriptor,
     * its kernels (with their IR, so tests can interpret exactly what is compiled), the methods
     * returning an int constant, and θ₀.
     */
    public record Plan(String internalName, String superName, int dimension, List<String> interfaces,
                       ModelDescriptor descriptor, List<KernelSpec> kernels, Map<String, Integer> constants,
                       ParameterInits initialisers, List<KernelSpec> batches, SharedValues shared) {

        public Plan {
            batches = List.copyOf(batches);
        }

        /** A plan whose kernels share nothing. */
        public Plan(String internalName, String superName, int dimension, List<String> interfaces,
                    ModelDescriptor descriptor, List<KernelSpec> kernels, Map<String, Integer> constants,
                    ParameterInits initialisers, List<KernelSpec> batches) {
            this(internalName, superName, dimension, interfaces, descriptor, kernels, constants, initialisers,
                    batches, SharedValues.none(kernels));
        }

        /** A plan without batch kernels. */
        public Plan(String internalName, String superName, int dimension, List<String> interfaces,
                    ModelDescriptor descriptor, List<KernelSpec> kernels, Map<String, Integer> constants,
                    ParameterInits initialisers) {
            this(internalName, superName, dimension, interfaces, descriptor, kernels, constants, initialisers,
                    List.of());
        }

        /** θ₀ as compiled: the initialisers drawn with seed 0. */
        public double[] defaults() {
            return initialisers.draw(0);
        }
    }

    /** Emits the class of a plan; {@code sourceFile} is the {@code .geo} file name, for stack traces. */
    public static GeneratedClass emit(Plan p, String sourceFile) {
        ClassEmitter.Emitted e = ClassEmitter.emit(p.internalName(), p.superName(), p.dimension(), p.interfaces(),
                sourceFile, p.descriptor().toJson(), p.shared(), p.batches(), p.constants());
        return new GeneratedClass(p.internalName().replace('/', '.'), e.bytes(), p.descriptor(), p.initialisers(),
                e.methods());
    }

    /**
     * The plan of a lowered manifold.
     *
     * @param sourceHash      SHA-256 of the source text
     * @param compilerVersion the compiler's version
     */
    public static Plan manifold(CheckedProgram.Model model, LoweredModel m, NodeFactory f, String sourceHash,
                                String compilerVersion) {
        int d = m.dimension();
        Kernels k = new Kernels(f, m);
        List<KernelSpec> specs = new ArrayList<>();
        Map<String, Integer> constants = new LinkedHashMap<>();
        List<String> interfaces = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        Spray spray;
        Node lagrangian;
        int line;
        if (m.metric() != null) {
            MetricGeometry geo = new MetricGeometry(f, m);
            line = model.metric().span().line();
            spray = geo.spray();
            lagrangian = geo.kineticEnergy();
            specs.add(spec("metric", List.of(X, THETA, Arg.array("g")), line, null,
                    m.metric().elements()));
            specs.add(returning("energy", List.of(X, V, THETA), line,
                    lagrangian));
            interfaces.add("MetricKernels");
            families.add("metric");
            if (d <= MetricGeometry.SYMBOLIC_INVERSE_LIMIT) {
                Node[][] gamma = geo.christoffelSecond();
                Node[] flat = new Node[d * d * d];
                for (int l = 0; l < d; l++) {
                    System.arraycopy(gamma[l], 0, flat, l * d * d, d * d);
                }
                specs.add(spec("christoffel", List.of(X, THETA, Arg.array("gamma")), line,
                        null, flat));
                specs.add(returning("scalarCurvature", List.of(X, THETA), line,
                        geo.scalarCurvature()));
                interfaces.add("CurvatureKernels");
                families.add("curvature");
            }
        } else {
            line = model.lagrangian().span().line();
            spray = new EulerLagrange(f, m).acceleration();
            lagrangian = m.lagrangian();
        }
        // Above d = 4 a conformal, diagonal or small-block system is solved symbolically (SystemStructure).
        spray = spray.structured(f);
        if (spray.explicit()) {
            // Simplify before differentiating, so the JVP and VJP kernels inherit the cheaper form.
            spray = new Spray(spray.matrix(), spray.rhs(), KernelSimplifier.run(f, spray.acceleration()));
        }
        List<Arg> txvth = List.of(T, X, V, THETA);
        String superName = "java/lang/Object";
        boolean batchStep = false;
        boolean large = false;
        if (spray.explicit()) {
            specs.add(spec("acceleration", plus(txvth, "a"), line, null, spray.acceleration()));
            specs.add(spec("accelerationJvp", plus(plus(txvth, InputRole.DX, InputRole.DV), "da"), line, null,
                    k.accelerationJvp(spray)));
            Node[] accelerationVjp = k.accelerationVjp(spray);
            specs.add(spec("accelerationVjp", plus(plus(txvth, InputRole.A_BAR), "xBar", "vBar", "thetaBar"), line,
                    null, split(accelerationVjp, d, d, m.params().size())));
            large = Dag.count(spray.acceleration()) > FUSED_STEP_LIMIT;
            if (!large) {
                // The same VJP with the θ̄ outputs dropped before scheduling (dead θ-only nodes, same x̄, v̄
                // bits). Not for a large model: another copy of its network's reverse sweep would grow the
                // class by a quarter (434 -> 542 KB for 128 units, over issue 23's 500 KB); it keeps the
                // interface's default, the full VJP.
                specs.add(spec("accelerationVjpStates", plus(plus(txvth, InputRole.A_BAR), "xBar", "vBar"), line,
                        null, split(accelerationVjp, d, d)));
            }
            if (!large) {
                stepKernels(new IntegratorStep(f, m), spray, accelerationVjp, Kernels.layout(m), line, specs,
                        constants);
                interfaces.add("StepKernels");
                batchStep = true;
            } else {
                interfaces.add("AccelerationKernels");
            }
        } else {
            superName = ClassEmitter.API + "ImplicitAcceleration";
            Node[] system = concat(spray.matrix().elements(), spray.rhs());
            specs.add(spec("system", plus(txvth, "matrix", "rhs"), line, null, split(system, d * d, d)));
            // The JVP split at its primal values: computed once per point for all directions of a Jacobian.
            ResidualSplit jvp = k.implicitJvpSplit(spray);
            specs.add(spec("systemJvpPrimal", plus(plus(txvth, InputRole.A), "residuals"), line, null,
                    jvp.residuals()));
            List<Arg> tangentArgs = plus(plus(txvth, InputRole.A, InputRole.RESIDUAL, InputRole.DX, InputRole.DV),
                    "out");
            specs.add(new KernelSpec("systemJvpTangent", tangentArgs,
                    binding(tangentArgs, Kernels.layout(m).withResiduals(jvp.residuals().length)),
                    outputs(tangentArgs.size() - 1, jvp.split()), null, line));
            constants.put("systemJvpResiduals", jvp.residuals().length);
            Node[] systemVjp = k.implicitVjp(spray);
            specs.add(spec("systemVjp", plus(plus(txvth, InputRole.A, InputRole.LAMBDA), "xBar", "vBar", "thetaBar"),
                    line, null,
                    split(systemVjp, d, d, m.params().size())));
            specs.add(spec("systemVjpStates", plus(plus(txvth, InputRole.A, InputRole.LAMBDA), "xBar", "vBar"),
                    line, null, split(systemVjp, d, d)));
        }
        families.add("acceleration");
        Node[] grad = k.lagrangianGradient(lagrangian);
        specs.add(returning("lagrangian", txvth, line, lagrangian));
        specs.add(new KernelSpec("lagrangianGradient", plus(txvth, "gx", "gv", "gTheta"), null,
                outputs(4, split(grad, d, d, m.params().size())), lagrangian, line));
        interfaces.add("LagrangianKernels");
        families.add("lagrangian");

        List<KernelSpec> bound = new ArrayList<>();
        for (KernelSpec s : specs) {
            bound.add(s.binding() != null ? s
                    : new KernelSpec(s.name(), s.args(), binding(s.args(), Kernels.layout(m)), s.outputs(), s.returned(),
                    s.line()));
        }
        // The RK4 step for a batch of points (BatchStepKernels), when it is small enough to vectorise.
        List<KernelSpec> batches = new ArrayList<>();
        if (batchStep) {
            for (KernelSpec s : bound) {
                if (s.name().equals("rk4Step") && BatchEmitter.fits(s)) {
                    batches.add(s);
                    interfaces.set(interfaces.indexOf("StepKernels"), "BatchStepKernels");
                }
            }
        }
        // The acceleration (explicit) or the system M a = r (implicit) for a batch of points
        // (BatchAccelerationKernels), which the batched exponential map steps with RK4 when there
        // is no batch RK4 step: models of any size, the network metrics among them (issue 23). Only
        // when asked (BATCH_ACCELERATION): on the network metrics it measured 1.0-1.2x a per-point
        // exp and made batched logarithms slower (bench/RESULTS.md), so by default the classes do
        // not carry it (class size and compile time).
        for (KernelSpec s : bound) {
            if (Boolean.getBoolean(BATCH_ACCELERATION) && AccelerationBatchEmitter.handles(s)
                    && (s.name().equals("system") || batches.isEmpty())) {
                AccelerationBatchPlan plan = AccelerationBatchEmitter.plan(s);
                if (plan != null && fitsBatch(s)) {
                    batches.add(s);
                    AccelerationBatchEmitter.constants(plan, s, constants);
                    interfaces.add("BatchAccelerationKernels");
                }
            }
        }
        List<String> internal = new ArrayList<>();
        for (String i : interfaces) {
            internal.add(ClassEmitter.API + i);
        }
        ModelDescriptor descriptor = new ModelDescriptor(m.name(), m.metric() != null ? "metric" : "lagrangian", d,
                m.coordinateNames(), domain(model.domain()).withPeriods(model.periods()), List.of(), List.of(),
                parameters(m.params()),
                families, sourceHash, compilerVersion);
        SharedValues shared = large ? SharedValues.of(f, bound) : SharedValues.none(bound);
        return new Plan(PACKAGE + m.name(), superName, d, internal, descriptor, bound, constants,
                m.params().initialisers(), batches, shared);
    }

    /** Whether the batch acceleration kernel of {@code s} is emitted within HotSpot's method limit. */
    private static boolean fitsBatch(KernelSpec s) {
        try {
            AccelerationBatchEmitter.emit(s, "geo/models/Probe");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /**
     * The {@code StepKernels} of an explicit acceleration: the RK4 step on separate arrays; the
     * step recording its residuals in a row of a trajectory array ({@code rows}, row k at
     * {@code at} = k·row, holding x, v, then the residuals; the step writes x', v' at the start of
     * the next row); the VJP reading x, v and the residuals from the row; and the row length.
     */
    private static void stepKernels(IntegratorStep step, Spray spray, Node[] accelerationVjp, InputRole.Layout layout,
                                    int line, List<KernelSpec> specs, Map<String, Integer> constants) {
        int d = layout.d();
        IntegratorStep.Stages stages = step.rk4Stages(spray);
        Node[] rk4 = stages.step();
        IntegratorStep.Recorded rec = step.record(stages, accelerationVjp);
        InputRole.Layout recorded = layout.withResiduals(rec.residuals().length);
        IntegratorStep.Row row = rec.row();
        Arg h = Arg.of(InputRole.STEP);
        List<Arg> tdxvth = List.of(T, h, X, V, THETA);
        specs.add(spec("rk4Step", plus(tdxvth, "xOut", "vOut"), line, null, split(rk4, d, d)));
        List<Arg> onRow = List.of(T, h, THETA, Arg.array("rows"), Arg.offset("at"));
        int rows = 3;
        int at = 4;
        // x, v and the residuals come from the row's fields; t, h, θ and the cotangents from
        // their arguments, by role.
        List<Arg> vjpArgs = plus(plus(onRow, InputRole.X_END_BAR, InputRole.V_END_BAR, InputRole.THETA_BAR), "xBar",
                "vBar", "thetaBar");
        Function<Symbol, Source> byRole = binding(vjpArgs, recorded);
        Function<Symbol, Source> fromRow = s -> switch (s.kind()) {
            case COORD -> new Source(rows, row.slot(Row.Field.X, s.index()), at);
            case VELOCITY -> new Source(rows, row.slot(Row.Field.V, s.index()), at);
            case INPUT -> {
                InputRole.Element e = InputRole.of(s, recorded);
                yield e.role() == InputRole.RESIDUAL ? new Source(rows, row.slot(Row.Field.RESIDUAL, e.index()), at)
                        : byRole.apply(s);
            }
            default -> byRole.apply(s);
        };
        // x', v' (contiguous, as fields X and V are) go to the next row, one row length on.
        specs.add(new KernelSpec("rk4StepRecord", onRow, fromRow,
                List.of(new Output(rows, rec.residuals(), at, row.offset(Row.Field.RESIDUAL)),
                        new Output(rows, rk4, at, row.length() + row.offset(Row.Field.X))), null, line));
        specs.add(new KernelSpec("rk4StepVjp", vjpArgs, fromRow,
                outputs(vjpArgs.size() - 3, split(rec.vjp(), d, d, layout.params())), null, line));
        // The same VJP with the θ̄ outputs dropped before scheduling, so the θ-only nodes are dead:
        // x̄, v̄ are the same nodes, hence the same bits. Its arguments are a prefix of vjpArgs up to
        // the cotangents, so fromRow binds them to the same positions.
        List<Arg> statesArgs = plus(plus(onRow, InputRole.X_END_BAR, InputRole.V_END_BAR), "xBar", "vBar");
        specs.add(new KernelSpec("rk4StepVjpStates", statesArgs, fromRow,
                outputs(statesArgs.size() - 2, split(rec.vjp(), d, d)), null, line));
        constants.put("rk4Row", row.length());
    }

    /**
     * The plan of a lowered loss: class {@code geo.models.<loss>} for a top-level loss,
     * {@code geo.models.<manifold>_<loss>} for one declared inside a manifold. Its INPUT slots
     * are laid out by {@link LossInputRole}, and each binds to the argument of its role.
     */
    public static Plan loss(CheckedProgram.Loss loss, LoweredLoss l, NodeFactory f, String sourceHash,
                            String compilerVersion) {
        int n = l.inputCount();
        int p = l.params().size();
        int line = loss.decl().span().line();
        LossInputRole.Layout layout = Kernels.lossLayout(l);
        List<Arg> inTh = List.of(Arg.of(LossInputRole.INPUT), THETA);
        List<Arg> hvpArgs = plus(plus(inTh, LossInputRole.W_INPUT, LossInputRole.W_THETA), "hIn", "hTheta");
        List<KernelSpec> specs = List.of(
                returning("loss", inTh, line, l.value()),
                new KernelSpec("lossGradient", plus(inTh, "gIn", "gTheta"), null,
                        outputs(2, split(Kernels.lossGradient(f, l), n, p)), l.value(), line),
                new KernelSpec("lossHvp", hvpArgs, null,
                        outputs(4, split(Kernels.lossHvp(f, l), n, p)), null, line));
        List<KernelSpec> bound = new ArrayList<>();
        for (KernelSpec s : specs) {
            bound.add(new KernelSpec(s.name(), s.args(), binding(s.args(), sym -> LossInputRole.of(sym, layout)),
                    s.outputs(), s.returned(), s.line()));
        }
        List<ModelDescriptor.Input> inputs = inputs(l.inputs());
        ModelDescriptor descriptor = new ModelDescriptor(l.name(), "loss", 0, List.of(), Domain.NONE, inputs, List.of(),
                parameters(l.params()), Set.of("loss"), sourceHash, compilerVersion);
        String name = PACKAGE + (loss.model() == null ? "" : loss.model().name() + "_") + l.name();
        // The batch loss gradient (BatchLossKernels) when the gradient can be batched.
        KernelSpec gradient = bound.get(1);
        LossBatchPlan batch = LossBatchEmitter.plan(gradient);
        if (batch == null || !LossBatchEmitter.fits(batch)) {
            return new Plan(name, "java/lang/Object", 0, List.of(ClassEmitter.API + "LossKernels"), descriptor, bound,
                    Map.of(), l.params().initialisers());
        }
        Map<String, Integer> constants = new java.util.LinkedHashMap<>();
        LossBatchEmitter.constants(batch, constants);
        return new Plan(name, "java/lang/Object", 0, List.of(ClassEmitter.API + "BatchLossKernels"), descriptor, bound,
                constants, l.params().initialisers(), List.of(gradient));
    }

    /**
     * The plan of a lowered fn, named as a loss's ({@code geo.models.<fn>} or
     * {@code geo.models.<manifold>_<fn>}): {@code FunctionKernels} with {@code value}, {@code jvp}
     * (value and tangent) and {@code vjp}, its INPUT slots laid out by {@link FunctionInputRole};
     * descriptor kind {@code function} with its inputs and the shape of its value.
     */
    public static Plan function(CheckedProgram.Function fn, LoweredFunction l, NodeFactory f, String sourceHash,
                                String compilerVersion) {
        int n = l.inputCount();
        int p = l.params().size();
        int line = fn.decl().span().line();
        FunctionInputRole.Layout layout = Kernels.functionLayout(l);
        List<Arg> inTh = List.of(Arg.of(FunctionInputRole.INPUT), THETA);
        Node[] value = l.outputs();
        List<KernelSpec> specs = List.of(
                spec("value", plus(inTh, "out"), line, null, value),
                spec("jvp", plus(plus(inTh, FunctionInputRole.D_INPUT, FunctionInputRole.D_THETA), "out", "dOut"),
                        line, null, value, Kernels.functionJvp(f, l)),
                spec("vjp", plus(plus(inTh, FunctionInputRole.OUT_BAR), "inBar", "thetaBar"), line, null,
                        split(Kernels.functionVjp(f, l), n, p)));
        List<KernelSpec> bound = new ArrayList<>();
        for (KernelSpec s : specs) {
            bound.add(new KernelSpec(s.name(), s.args(), binding(s.args(), sym -> FunctionInputRole.of(sym, layout)),
                    s.outputs(), s.returned(), s.line()));
        }
        ModelDescriptor descriptor = new ModelDescriptor(l.name(), "function", 0, List.of(), Domain.NONE,
                inputs(l.inputs()), dims(l.value().shape()), parameters(l.params()), Set.of("function"), sourceHash,
                compilerVersion);
        String name = PACKAGE + (fn.model() == null ? "" : fn.model().name() + "_") + l.name();
        // The batch value (BatchFunctionKernels) when the value can be batched.
        KernelSpec valueKernel = bound.get(0);
        FnBatchPlan batch = FnBatchEmitter.plan(valueKernel);
        if (batch == null || !FnBatchEmitter.fits(valueKernel)) {
            return new Plan(name, "java/lang/Object", 0, List.of(ClassEmitter.API + "FunctionKernels"), descriptor,
                    bound, Map.of(), l.params().initialisers());
        }
        Map<String, Integer> constants = new java.util.LinkedHashMap<>();
        FnBatchEmitter.constants(batch, constants);
        return new Plan(name, "java/lang/Object", 0, List.of(ClassEmitter.API + "BatchFunctionKernels"), descriptor,
                bound, constants, l.params().initialisers(), List.of(valueKernel));
    }

    private static List<ModelDescriptor.Input> inputs(List<LoweredLoss.Input> lowered) {
        List<ModelDescriptor.Input> inputs = new ArrayList<>();
        for (LoweredLoss.Input in : lowered) {
            inputs.add(new ModelDescriptor.Input(in.name(), dims(in.shape()), in.offset(), in.source()));
        }
        return inputs;
    }

    /** A shape as the descriptor writes it: [] for a scalar, [n], [m, n]. */
    private static List<Integer> dims(Shape s) {
        return s.isScalar() ? List.of() : s.isVector() ? List.of(s.rows()) : List.of(s.rows(), s.cols());
    }

    private static Domain domain(ChartDomain d) {
        if (d instanceof ChartDomain.Ball b) {
            return Domain.ball(b.radius());
        }
        if (d instanceof ChartDomain.Box b) {
            List<Double> lo = new ArrayList<>();
            List<Double> hi = new ArrayList<>();
            for (int i = 0; i < b.lo().length; i++) {
                lo.add(b.lo()[i]);
                hi.add(b.hi()[i]);
            }
            return Domain.box(lo, hi);
        }
        return Domain.NONE;
    }

    private static List<ModelDescriptor.Parameter> parameters(ParamLayout layout) {
        List<ModelDescriptor.Parameter> out = new ArrayList<>();
        for (ParamLayout.Entry e : layout.entries()) {
            out.add(new ModelDescriptor.Parameter(e.name(), dims(e.shape()), e.offset()));
        }
        return out;
    }

    /**
     * Where a manifold kernel reads each symbol: x, v, t and θ from the argument that reads their
     * kind, an INPUT symbol from the argument of its {@link InputRole} under {@code layout}; null
     * when the kernel has no such argument.
     */
    private static Function<Symbol, Source> binding(List<Arg> args, InputRole.Layout layout) {
        return binding(args, s -> {
            InputRole.Element e = InputRole.of(s, layout);
            return new KernelInput.Element(e.role(), e.index());
        });
    }

    /**
     * Where a kernel reads each symbol: x, v, t and θ from the argument that reads their kind, an
     * INPUT symbol from the argument of the role {@code role} gives it; null when the kernel has
     * no such argument.
     */
    private static Function<Symbol, Source> binding(List<Arg> args, Function<Symbol, KernelInput.Element> role) {
        return s -> {
            KernelInput.Element input = s.kind() == Symbol.Kind.INPUT ? role.apply(s) : null;
            int element = input != null ? input.index() : s.index();
            for (int i = 0; i < args.size(); i++) {
                Arg a = args.get(i);
                if (input != null ? a.role() == input.role() : a.reads() == s.kind()) {
                    return new Source(i, a.array() ? element : -1);
                }
            }
            return null;
        };
    }

    private static KernelSpec spec(String name, List<Arg> args, int line, Node returned, Node[]... outputs) {
        return new KernelSpec(name, args, null, outputs(args.size() - outputs.length, outputs), returned, line);
    }

    private static KernelSpec returning(String name, List<Arg> args, int line, Node value) {
        return new KernelSpec(name, args, null, List.of(), value, line);
    }

    /** The output arrays are the last arguments, from {@code first} on. */
    private static List<Output> outputs(int first, Node[]... values) {
        List<Output> out = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            out.add(new Output(first + i, values[i]));
        }
        return out;
    }

    private static List<Arg> plus(List<Arg> base, KernelInput... roles) {
        List<Arg> out = new ArrayList<>(base);
        for (KernelInput r : roles) {
            out.add(Arg.of(r));
        }
        return out;
    }

    private static List<Arg> plus(List<Arg> base, String... arrays) {
        List<Arg> out = new ArrayList<>(base);
        for (String a : arrays) {
            out.add(Arg.array(a));
        }
        return out;
    }

    /** Splits {@code all} into consecutive pieces of the given lengths. */
    private static Node[][] split(Node[] all, int... lengths) {
        Node[][] out = new Node[lengths.length][];
        int at = 0;
        for (int i = 0; i < lengths.length; i++) {
            out[i] = Arrays.copyOfRange(all, at, at + lengths[i]);
            at += lengths[i];
        }
        return out;
    }

    private static Node[] concat(Node[] a, Node[] b) {
        Node[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
