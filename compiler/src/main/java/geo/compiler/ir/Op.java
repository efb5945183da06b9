package geo.compiler.ir;

import geo.runtime.api.GeoMath;
import geo.runtime.api.Tanh;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The single operation table: for every operation its arity, commutativity, printed names,
 * the static method the emitter calls, its numeric value ({@link #apply(double)}) and its
 * partial derivatives as IR ({@link #partial}). Automatic differentiation, constant folding,
 * the interpreter, the printers and the emitter all read this table, so an operation is
 * defined exactly once.
 *
 * <p>There is no subtraction, negation or division: the factory represents {@code a - b} as
 * {@code a + (-1)·b}, {@code -a} as {@code (-1)·a} and {@code a / b} as {@code a·b^(-1)}.
 * {@link #POWI} is a power with an integer exponent stored in the node, {@link #POW} a
 * general power whose exponent is an expression. There is no control flow: the
 * piecewise functions ({@link #ABS}, {@link #RELU}, {@link #SIGN}, {@link #STEP}) are ops of
 * their own, and their derivatives are the next op in that list (the last two have derivative
 * zero almost everywhere).
 */
public enum Op {
    /** Numeric constant (value in the node). */
    CONST(0, false, "const", "", null),
    /** Free variable (symbol in the node). */
    SYM(0, false, "sym", "", null),
    /** n-ary sum; ∂/∂cᵢ = 1. */
    ADD(-1, true, "+", "+", null),
    /** n-ary product; ∂/∂cᵢ = ∏_{j≠i} cⱼ. */
    MUL(-1, true, "*", "", null),
    /**
     * Integer power uᵏ (k in the node); ∂/∂u = k·u^(k-1), for k = −1 written −u⁻¹·u⁻¹ (reusing the
     * node: no second division). Evaluated as {@code Math.pow(u, k)}.
     */
    POWI(1, false, "^", "^", MathCall.math2("pow")),
    /** General power b^e; ∂/∂b = e·b^(e-1), ∂/∂e = b^e·log b. */
    POW(2, false, "^", "^", MathCall.math2("pow")),
    /** sin u; derivative cos u. */
    SIN(1, false, "sin", "\\sin", MathCall.math1("sin")),
    /** cos u; derivative −sin u. */
    COS(1, false, "cos", "\\cos", MathCall.math1("cos")),
    /** tan u; derivative 1 + tan²u (reuses the node). */
    TAN(1, false, "tan", "\\tan", MathCall.math1("tan")),
    /** eᵘ; derivative eᵘ (the node itself). */
    EXP(1, false, "exp", "\\exp", MathCall.math1("exp")),
    /** Natural logarithm; derivative u⁻¹. */
    LOG(1, false, "log", "\\log", MathCall.math1("log")),
    /** √u; derivative ½·(√u)⁻¹ (reuses the node). */
    SQRT(1, false, "sqrt", "\\sqrt", MathCall.math1("sqrt")),
    /**
     * tanh u ({@link Tanh#tanh(double)}, the system's one tanh: the batch lanes compute the same
     * bits); derivative 1 − tanh²u (reuses the node).
     */
    TANH(1, false, "tanh", "\\tanh", MathCall.tanh()),
    /** σ(u) = 1/(1+e⁻ᵘ); derivative σ·(1 − σ) (reuses the node). */
    SIGMOID(1, false, "sigmoid", "\\operatorname{sigmoid}", MathCall.runtime1("sigmoid")),
    /** softplus u = log(1+eᵘ); derivative σ(u). */
    SOFTPLUS(1, false, "softplus", "\\operatorname{softplus}", MathCall.runtime1("softplus")),
    /** max(u, 0); derivative step(u). */
    RELU(1, false, "relu", "\\operatorname{relu}", MathCall.runtime1("relu")),
    /** |u|; derivative sign(u). */
    ABS(1, false, "abs", "", MathCall.math1("abs")),
    /** sign u ∈ {−1, 0, 1} ({@code Math.signum}); derivative 0 away from 0. */
    SIGN(1, false, "sign", "\\operatorname{sign}", MathCall.math1("signum")),
    /** Heaviside step: 1 for u &gt; 0, else 0; derivative 0 away from 0. */
    STEP(1, false, "step", "\\operatorname{step}", MathCall.runtime1("step")),
    /** sinh u; derivative cosh u. */
    SINH(1, false, "sinh", "\\sinh", MathCall.math1("sinh")),
    /** cosh u; derivative sinh u. */
    COSH(1, false, "cosh", "\\cosh", MathCall.math1("cosh")),
    /** arctan u; derivative (1 + u²)⁻¹. */
    ATAN(1, false, "atan", "\\arctan", MathCall.math1("atan")),
    // The ops below were added after the first release; they stay at the end so that the order of
    // the ops above (which sorts operands, see NodeOrder) and with it every golden file is unchanged.
    /** log(1 + u), accurate near 0 ({@code Math.log1p}); derivative (1 + u)⁻¹. */
    LOG1P(1, false, "log1p", "\\operatorname{log1p}", MathCall.math1("log1p")),
    /** eᵘ − 1, accurate near 0 ({@code Math.expm1}); derivative eᵘ. */
    EXPM1(1, false, "expm1", "\\operatorname{expm1}", MathCall.math1("expm1")),
    /**
     * The error function erf u = 2/√π ∫₀ᵘ e^(−s²) ds ({@link GeoMath#erf}); derivative 2/√π · e^(−u²),
     * with 2/√π = 1.1283791670955126 (the double nearest to it).
     */
    ERF(1, false, "erf", "\\operatorname{erf}", MathCall.runtime1("erf")),
    /**
     * elu u = u for u &gt; 0, eᵘ − 1 otherwise (α = 1; Clevert, Unterthiner and Hochreiter 2016);
     * derivative e^min(u, 0), which is 1 for u &gt; 0 and never overflows.
     */
    ELU(1, false, "elu", "\\operatorname{elu}", MathCall.runtime1("elu")),
    /**
     * max(a, b) ({@code Math.max}: NaN if either is NaN); ∂/∂a = step(a − b), ∂/∂b = 1 − step(a − b)
     * (at a tie the derivative goes to b). Commutative: its operands are kept sorted.
     */
    MAX(2, true, "max", "\\max", MathCall.math2("max")),
    /** min(a, b) ({@code Math.min}); ∂/∂a = step(b − a), ∂/∂b = 1 − step(b − a). Commutative. */
    MIN(2, true, "min", "\\min", MathCall.math2("min")),
    /**
     * leaky_relu(a, s) = a for a &gt; 0, s·a otherwise ({@link GeoMath#leakyRelu}); the slope s is an
     * expression (a constant, or a parameter for a learned slope); ∂/∂a = step(a) + s·(1 − step(a)),
     * ∂/∂s = min(a, 0).
     */
    LEAKY_RELU(2, false, "leaky_relu", "\\operatorname{leaky\\_relu}", MathCall.runtime2("leakyRelu")),
    /**
     * logaddexp(a, b) = log(eᵃ + eᵇ) = max(a, b) + log1p(e^(−|a − b|)) ({@link GeoMath#logaddexp});
     * ∂/∂a = e^(a − n), ∂/∂b = e^(b − n) with n the node itself: both at most 1, so the derivative
     * never overflows. {@code logsumexp} of a vector is a balanced tree of these. Commutative.
     */
    LOGADDEXP(2, true, "logaddexp", "\\operatorname{logaddexp}", MathCall.runtime2("logaddexp"));


    private static final Map<String, Op> FUNCTIONS = new HashMap<>();

    static {
        for (Op op : values()) {
            if (op.isFunction() || op.isBinaryFunction()) {
                FUNCTIONS.put(op.text, op);
            }
        }
    }

    private final int arity;
    private final boolean commutative;
    private final String text;
    private final String latex;
    private final MathCall call;

    Op(int arity, boolean commutative, String text, String latex, MathCall call) {
        this.arity = arity;
        this.commutative = commutative;
        this.text = text;
        this.latex = latex;
        this.call = call;
    }

    /** Number of children, or −1 for the n-ary {@link #ADD} and {@link #MUL}. */
    public int arity() {
        return arity;
    }

    /** Whether the children may be reordered (they are kept sorted by {@link NodeOrder}). */
    public boolean isCommutative() {
        return commutative;
    }

    /** True for the variadic ops {@link #ADD} and {@link #MUL}. */
    public boolean isNary() {
        return arity < 0;
    }

    /** True for leaves ({@link #CONST}, {@link #SYM}). */
    public boolean isLeaf() {
        return arity == 0;
    }

    /** True for the named unary functions ({@code sin} … {@code atan}, {@code log1p} …), i.e. not a power. */
    public boolean isFunction() {
        return arity == 1 && this != POWI;
    }

    /** True for the named functions of two arguments ({@code max}, {@code min}, …), i.e. not {@link #POW}. */
    public boolean isBinaryFunction() {
        return arity == 2 && this != POW;
    }

    /** Name in the text syntax: the function name, or the operator symbol. */
    public String text() {
        return text;
    }

    /** LaTeX command for a function (empty for operators and for {@link #ABS}, printed as bars). */
    public String latex() {
        return latex;
    }

    /** The static method the emitter calls, or null for leaves, {@link #ADD} and {@link #MUL}. */
    public MathCall call() {
        return call;
    }

    /** The function (unary or binary) called {@code name} in the text syntax, or null. */
    public static Op function(String name) {
        return FUNCTIONS.get(name.toLowerCase(Locale.ROOT));
    }

    /**
     * ∂node/∂child(i) as IR built through {@code f} (the op table's derivative rule). Only
     * defined for non-leaf nodes; nothing is modified.
     */
    public Node partial(NodeFactory f, Node node, int i) {
        if (isLeaf()) {
            throw new IllegalArgumentException(this + " has no children to differentiate by");
        }
        if (i < 0 || i >= node.arity()) {
            throw new IndexOutOfBoundsException("child " + i + " of " + this);
        }
        // The rules as a switch, not as a lambda per op: linking 28 lambdas when the class loads
        // cost a few milliseconds of every command's start, geo check's included (issue 23).
        Node n = node;
        return switch (this) {
            case ADD -> f.one();
            case MUL -> mulPartial(f, n, i);
            case POWI -> powiPartial(f, n, i);
            case POW -> powPartial(f, n, i);
            case SIN -> f.cos(n.child(0));
            case COS -> f.neg(f.sin(n.child(0)));
            case TAN -> f.add(f.one(), f.powi(n, 2));
            case EXP -> n;
            case LOG -> f.powi(n.child(0), -1);
            case SQRT -> f.mul(f.constant(0.5), f.powi(n, -1));
            case TANH -> f.sub(f.one(), f.powi(n, 2));
            case SIGMOID -> f.mul(n, f.sub(f.one(), n));
            case SOFTPLUS -> f.sigmoid(n.child(0));
            case RELU -> f.step(n.child(0));
            case ABS -> f.sign(n.child(0));
            case SIGN -> f.zero();
            case STEP -> f.zero();
            case SINH -> f.cosh(n.child(0));
            case COSH -> f.sinh(n.child(0));
            case ATAN -> f.powi(f.add(f.one(), f.powi(n.child(0), 2)), -1);
            case LOG1P -> f.powi(f.add(f.one(), n.child(0)), -1);
            case EXPM1 -> f.exp(n.child(0));
            case ERF -> f.mul(f.constant(1.1283791670955126), f.exp(f.neg(f.powi(n.child(0), 2))));
            case ELU -> f.exp(f.min(n.child(0), f.zero()));
            case MAX -> maxPartial(f, n, i);
            case MIN -> minPartial(f, n, i);
            case LEAKY_RELU -> leakyReluPartial(f, n, i);
            case LOGADDEXP -> f.exp(f.sub(n.child(i), n));
            case CONST, SYM -> throw new IllegalStateException("unreachable: " + this);
        };
    }

    /** Value of a unary function at {@code x}; the one definition used everywhere. */
    public double apply(double x) {
        return switch (this) {
            case SIN -> Math.sin(x);
            case COS -> Math.cos(x);
            case TAN -> Math.tan(x);
            case EXP -> Math.exp(x);
            case LOG -> Math.log(x);
            case SQRT -> Math.sqrt(x);
            case TANH -> Tanh.tanh(x);
            case SIGMOID -> sigmoid(x);
            case SOFTPLUS -> softplus(x);
            case RELU -> relu(x);
            case ABS -> Math.abs(x);
            case SIGN -> Math.signum(x);
            case STEP -> step(x);
            case SINH -> Math.sinh(x);
            case COSH -> Math.cosh(x);
            case ATAN -> Math.atan(x);
            case LOG1P -> Math.log1p(x);
            case EXPM1 -> Math.expm1(x);
            case ERF -> erf(x);
            case ELU -> elu(x);
            default -> throw new IllegalStateException(this + " is not a unary function");
        };
    }

    /** Value of a binary function at ({@code a}, {@code b}); the one definition used everywhere. */
    public double apply(double a, double b) {
        return switch (this) {
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
            case LEAKY_RELU -> leakyRelu(a, b);
            case LOGADDEXP -> logaddexp(a, b);
            case POW -> Math.pow(a, b);
            default -> throw new IllegalStateException(this + " is not a binary function");
        };
    }

    /** Value of {@code base^exponent} for {@link #POW}: {@code Math.pow}. */
    public static double pow(double base, double exponent) {
        return Math.pow(base, exponent);
    }

    /**
     * Value of {@link #POWI}: for |k| ≤ 4 by multiplication ({@code b*b}, {@code b*b*b},
     * {@code (b*b)*(b*b)}, and 1 over those), as hand-written code computes small powers and
     * several times faster than {@code Math.pow}; otherwise {@code Math.pow(base, k)}. Compiled
     * kernels emit exactly these operations, so they agree with the interpreter bit for bit.
     */
    public static double powi(double base, int k) {
        switch (k) {
            case 2: return base * base;
            case 3: return base * base * base;
            case 4: {
                double s = base * base;
                return s * s;
            }
            case -1: return 1.0 / base;
            case -2: return 1.0 / (base * base);
            case -3: return 1.0 / (base * base * base);
            case -4: {
                double s = base * base;
                return 1.0 / (s * s);
            }
            default: return Math.pow(base, k);
        }
    }

    /**
     * σ(x) = 1 / (1 + e^(−x)). The activation functions {@link Math} lacks are defined once, in the
     * runtime's {@link GeoMath}, which compiled kernels call: interpreter and kernels share one body.
     */
    public static double sigmoid(double x) {
        return GeoMath.sigmoid(x);
    }

    /** softplus(x) = max(x, 0) + log1p(e^(−|x|)) ({@link GeoMath#softplus}). */
    public static double softplus(double x) {
        return GeoMath.softplus(x);
    }

    /** relu(x) = max(x, 0); NaN stays NaN ({@link GeoMath#relu}). */
    public static double relu(double x) {
        return GeoMath.relu(x);
    }

    /** Heaviside step with step(0) = 0; NaN stays NaN ({@link GeoMath#step}). */
    public static double step(double x) {
        return GeoMath.step(x);
    }

    /** erf x ({@link GeoMath#erf}). */
    public static double erf(double x) {
        return GeoMath.erf(x);
    }

    /** elu x = x for x &gt; 0, else eˣ − 1 ({@link GeoMath#elu}). */
    public static double elu(double x) {
        return GeoMath.elu(x);
    }

    /** leaky_relu(x, s) = x for x &gt; 0, else s·x ({@link GeoMath#leakyRelu}). */
    public static double leakyRelu(double x, double slope) {
        return GeoMath.leakyRelu(x, slope);
    }

    /** log(eᵃ + eᵇ) without overflow ({@link GeoMath#logaddexp}). */
    public static double logaddexp(double a, double b) {
        return GeoMath.logaddexp(a, b);
    }

    private static Node maxPartial(NodeFactory f, Node n, int i) {
        Node s = f.step(f.sub(n.child(0), n.child(1)));
        return i == 0 ? s : f.sub(f.one(), s);
    }

    private static Node minPartial(NodeFactory f, Node n, int i) {
        Node s = f.step(f.sub(n.child(1), n.child(0)));
        return i == 0 ? s : f.sub(f.one(), s);
    }

    private static Node leakyReluPartial(NodeFactory f, Node n, int i) {
        Node a = n.child(0);
        if (i == 1) {
            return f.min(a, f.zero());
        }
        Node s = f.step(a);
        return f.add(s, f.mul(n.child(1), f.sub(f.one(), s)));
    }

    private static Node mulPartial(NodeFactory f, Node n, int i) {
        Node[] others = new Node[n.arity() - 1];
        for (int j = 0, k = 0; j < n.arity(); j++) {
            if (j != i) {
                others[k++] = n.child(j);
            }
        }
        return f.mul(others);
    }

    private static Node powiPartial(NodeFactory f, Node n, int i) {
        if (n.exponent() == -1) {
            // Not f.powi(n, 2): the factory folds (u⁻¹)² into u⁻², a second division.
            return f.mul(f.constant(-1), n, n);
        }
        return f.mul(f.constant(n.exponent()), f.powi(n.child(0), n.exponent() - 1));
    }

    private static Node powPartial(NodeFactory f, Node n, int i) {
        Node b = n.child(0);
        Node e = n.child(1);
        if (i == 0) {
            return f.mul(e, f.pow(b, f.add(e, f.constant(-1.0))));
        }
        return f.mul(n, f.log(b));
    }
}
