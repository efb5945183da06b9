package geo.compiler.ir;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The only way to make {@link Node}s: builds them in canonical form and interns them, so
 * structurally equal expressions are the same object. Use one factory per compilation (nodes
 * of different factories must not be mixed; the factory checks). Not thread-safe.
 *
 * <h2>Canonical form</h2>
 * <ul>
 *   <li>Subtraction, negation and division do not exist as ops: {@code a - b = a + (-1)·b},
 *       {@code -a = (-1)·a}, {@code a / b = a·b^(-1)}. So {@code −(−x) = x} falls out of
 *       constant folding in products.</li>
 *   <li>Constant folding: an operation whose children are all constants becomes a constant,
 *       computed by the same {@link Op#apply} the interpreter uses. {@code -0.0} is stored as
 *       {@code 0.0} and every NaN as {@link Double#NaN}.</li>
 *   <li>Sums and products are flattened (nested sums/products are inlined while the result has
 *       at most {@value #MAX_FLAT} operands, so a chain {@code y += f(y)} stays linear in size),
 *       their constants are combined into one leading constant, and the operands are sorted by
 *       {@link NodeOrder}. Neutral and absorbing elements go: {@code x+0}, {@code x·1},
 *       {@code x·0 = 0}.</li>
 *   <li>Exact cancellation in sums: operands {@code c·u} whose coefficients for the same
 *       {@code u} add up to exactly zero are removed ({@code x − x = 0}, {@code 2x + y − 2x = y}).
 *       Merging terms that do not cancel ({@code x + x = 2x}) is left to the optional
 *       {@code simplify} passes.</li>
 *   <li>Powers: an integer constant exponent gives {@link Op#POWI}, which is kept as a power
 *       (never expanded); {@code x^0 = 1}, {@code x^1 = x}, {@code (x^a)^b = x^(ab)},
 *       {@code (c·u)^k = c^k·u^k} for a numeric coefficient c (so {@code (−u)^2 = u^2}),
 *       {@code x^0.5 = sqrt(x)}, {@code 1^e = 1}.</li>
 *   <li>{@code x/x = 1} only where safe: factors {@code u^a} of a product whose integer
 *       exponents for the same base add up to zero are removed only when the base is provably
 *       non-zero for every real input (see {@link #isProvablyNonZero}).</li>
 * </ul>
 * A rewrite counts as <em>safe</em> when both sides agree for every finite real value of the
 * operands it mentions. {@code x·0 = 0}, {@code x^0 = 1} and {@code x − x = 0} are safe by this
 * rule; {@code x/x = 1} is not (at {@code x = 0} the left side is undefined), hence the guard.
 */
public final class NodeFactory {

    /** Most operands a flattened sum or product gets from inlining nested ones. */
    public static final int MAX_FLAT = 64;

    /**
     * The most nodes a factory holds by default, the backstop behind the checker's size limits
     * ({@code geo.compiler.check.Limits}): 20 million, about 2.5 GB with the derivations' arrays.
     * A d = 64 dense network metric derives in 2.1 million.
     */
    public static final int MAX_NODES = 20_000_000;
    /** Heap a node may take with its share of the arrays that hold it (about 120 bytes measured), doubled. */
    private static final long BYTES_PER_NODE = 256;
    /** The system property that sets the default budget. */
    public static final String BUDGET_PROPERTY = "geo.maxNodes";

    private final int budget;
    private Node[] table = new Node[1 << 10];
    private int[] hashes = new int[1 << 10];
    private int size;
    private final Map<Long, Symbol> slots = new HashMap<>();
    private final Node zero;
    private final Node one;
    private final Node minusOne;

    /** Creates an empty factory with the {@linkplain #defaultBudget default budget}. */
    public NodeFactory() {
        this(defaultBudget());
    }

    /**
     * Creates an empty factory that holds at most {@code budget} nodes: making one more throws
     * {@link NodeBudgetException}, which callers turn into a diagnostic.
     */
    public NodeFactory(int budget) {
        if (budget < 3) {
            throw new IllegalArgumentException("a node budget must be at least 3, got " + budget);
        }
        this.budget = budget;
        zero = constant(0.0);
        one = constant(1.0);
        minusOne = constant(-1.0);
    }

    /**
     * The default budget: the system property {@value #BUDGET_PROPERTY} when it is set (at least
     * 1,000; {@code GEO_JAVA_OPTS=-Dgeo.maxNodes=N} for the {@code geo} command), else
     * {@link #MAX_NODES}, or fewer when the JVM's heap is small (one node per 256 bytes of the
     * maximum heap, at least 100,000), so that the budget runs out before memory does.
     */
    public static int defaultBudget() {
        Integer set = Integer.getInteger(BUDGET_PROPERTY);
        if (set != null) {
            return Math.max(1_000, set);
        }
        return (int) Math.max(100_000, Math.min(MAX_NODES, Runtime.getRuntime().maxMemory() / BYTES_PER_NODE));
    }

    /** The most nodes this factory holds. */
    public int budget() {
        return budget;
    }

    /** Number of distinct nodes made so far (also the next node id). */
    public int size() {
        return size;
    }

    // ---------------------------------------------------------------- leaves

    /** The constant {@code v}. */
    public Node constant(double v) {
        double c = Double.isNaN(v) ? Double.NaN : v == 0.0 ? 0.0 : v;
        return intern(Op.CONST, NO_KIDS, c, null);
    }

    /** The constant 0. */
    public Node zero() {
        return zero;
    }

    /** The constant 1. */
    public Node one() {
        return one;
    }

    /**
     * The node for {@code s}.
     *
     * @throws IllegalArgumentException if another symbol with a different name already uses
     *                                  the same kind and slot in this factory
     */
    public Node symbol(Symbol s) {
        Objects.requireNonNull(s, "symbol");
        long key = ((long) s.kind().ordinal() << 32) | s.index();
        Symbol old = slots.putIfAbsent(key, s);
        if (old != null && !old.equals(s)) {
            throw new IllegalArgumentException("slot " + s.kind() + "[" + s.index() + "] is already "
                    + old.name() + ", cannot also be " + s.name());
        }
        return intern(Op.SYM, NO_KIDS, 0.0, s);
    }

    /** Coordinate {@code x[i]}. */
    public Node coord(int i) {
        return symbol(Symbol.coord(i));
    }

    /** Velocity {@code v[i]}. */
    public Node velocity(int i) {
        return symbol(Symbol.velocity(i));
    }

    /** Time {@code t}. */
    public Node time() {
        return symbol(Symbol.time());
    }

    /** Parameter θ[index], displayed as {@code name}. */
    public Node param(String name, int index) {
        return symbol(Symbol.param(name, index));
    }

    /** Loss input at slot {@code index}, displayed as {@code name}. */
    public Node input(String name, int index) {
        return symbol(Symbol.input(name, index));
    }

    // ---------------------------------------------------------------- arithmetic

    /** {@code a + b}. */
    public Node add(Node a, Node b) {
        return add(new Node[] {a, b});
    }

    /** The sum of {@code terms} (0 if empty); the array is not modified. Prefer this n-ary form for long sums. */
    public Node add(Node... terms) {
        return Canonical.sum(this, terms);
    }

    /** The sum of {@code terms} (0 if empty). */
    public Node add(List<Node> terms) {
        return add(terms.toArray(NO_KIDS));
    }

    /** {@code a - b}, represented as {@code a + (-1)·b}. */
    public Node sub(Node a, Node b) {
        return add(a, neg(b));
    }

    /** {@code -a}, represented as {@code (-1)·a}. */
    public Node neg(Node a) {
        return mul(minusOne, a);
    }

    /** {@code a · b}. */
    public Node mul(Node a, Node b) {
        return mul(new Node[] {a, b});
    }

    /** The product of {@code factors} (1 if empty); the array is not modified. */
    public Node mul(Node... factors) {
        return Canonical.product(this, factors);
    }

    /** The product of {@code factors} (1 if empty). */
    public Node mul(List<Node> factors) {
        return mul(factors.toArray(NO_KIDS));
    }

    /** {@code a / b}, represented as {@code a · b^(-1)}. */
    public Node div(Node a, Node b) {
        return mul(a, powi(b, -1));
    }

    /** {@code base^k} for an integer k, kept as a power. */
    public Node powi(Node base, int k) {
        return Canonical.powi(this, base, k);
    }

    /** {@code x^2}. */
    public Node square(Node x) {
        return powi(x, 2);
    }

    /** {@code base^exponent}; an integer constant exponent gives {@link #powi}. */
    public Node pow(Node base, Node exponent) {
        return Canonical.pow(this, base, exponent);
    }

    /** The unary function {@code op} applied to {@code x} (constant-folded). */
    public Node unary(Op op, Node x) {
        if (!op.isFunction()) {
            throw new IllegalArgumentException(op + " is not a unary function");
        }
        own(x);
        if (x.isConstant()) {
            return constant(op.apply(x.value()));
        }
        return intern(op, new Node[] {x}, 0.0, null);
    }

    /**
     * The binary function {@code op} ({@link Op#isBinaryFunction}) of {@code a} and {@code b}:
     * constant-folded by {@link Op#apply(double, double)}, the operands of a commutative op sorted
     * by {@link NodeOrder} (so max(a, b) and max(b, a) are one node), and max(a, a) = min(a, a) = a.
     */
    public Node binary(Op op, Node a, Node b) {
        if (!op.isBinaryFunction()) {
            throw new IllegalArgumentException(op + " is not a binary function");
        }
        own(a);
        own(b);
        if (a.isConstant() && b.isConstant()) {
            return constant(op.apply(a.value(), b.value()));
        }
        if (a == b && (op == Op.MAX || op == Op.MIN)) {
            return a;
        }
        if (op.isCommutative() && NodeOrder.INSTANCE.compare(a, b) > 0) {
            return intern(op, new Node[] {b, a}, 0.0, null);
        }
        return intern(op, new Node[] {a, b}, 0.0, null);
    }

    /** max(a, b). */
    public Node max(Node a, Node b) {
        return binary(Op.MAX, a, b);
    }

    /** min(a, b). */
    public Node min(Node a, Node b) {
        return binary(Op.MIN, a, b);
    }

    /** sin x. */
    public Node sin(Node x) {
        return unary(Op.SIN, x);
    }

    /** cos x. */
    public Node cos(Node x) {
        return unary(Op.COS, x);
    }

    /** tan x. */
    public Node tan(Node x) {
        return unary(Op.TAN, x);
    }

    /** eˣ. */
    public Node exp(Node x) {
        return unary(Op.EXP, x);
    }

    /** Natural logarithm. */
    public Node log(Node x) {
        return unary(Op.LOG, x);
    }

    /** √x. */
    public Node sqrt(Node x) {
        return unary(Op.SQRT, x);
    }

    /** tanh x. */
    public Node tanh(Node x) {
        return unary(Op.TANH, x);
    }

    /** σ(x) = 1/(1+e⁻ˣ). */
    public Node sigmoid(Node x) {
        return unary(Op.SIGMOID, x);
    }

    /** log(1 + eˣ). */
    public Node softplus(Node x) {
        return unary(Op.SOFTPLUS, x);
    }

    /** max(x, 0). */
    public Node relu(Node x) {
        return unary(Op.RELU, x);
    }

    /** |x|. */
    public Node abs(Node x) {
        return unary(Op.ABS, x);
    }

    /** sign x. */
    public Node sign(Node x) {
        return unary(Op.SIGN, x);
    }

    /** Heaviside step (1 for x &gt; 0, else 0). */
    public Node step(Node x) {
        return unary(Op.STEP, x);
    }

    /** sinh x. */
    public Node sinh(Node x) {
        return unary(Op.SINH, x);
    }

    /** cosh x. */
    public Node cosh(Node x) {
        return unary(Op.COSH, x);
    }

    /** arctan x. */
    public Node atan(Node x) {
        return unary(Op.ATAN, x);
    }

    /**
     * {@code original}'s operation applied to new children, in canonical form (for passes that
     * rebuild a DAG bottom-up). Leaves are returned as they are; {@code kids} is not modified.
     */
    public Node rebuild(Node original, Node[] kids) {
        return switch (original.op()) {
            case CONST, SYM -> original;
            case ADD -> add(kids);
            case MUL -> mul(kids);
            case POWI -> powi(kids[0], original.exponent());
            case POW -> pow(kids[0], kids[1]);
            default -> original.arity() == 2 ? binary(original.op(), kids[0], kids[1]) : unary(original.op(), kids[0]);
        };
    }

    /**
     * A sum or product of exactly {@code operands}, in this order: not flattened, sorted or
     * folded, so that it is evaluated left to right as written. For code that must perform
     * another implementation's operations in its order (the fused RK4 step performs the
     * runtime's). Put a constant first, as canonical products do (printers and the emitter read
     * a leading constant as a coefficient).
     *
     * @throws IllegalArgumentException unless {@code op} is ADD or MUL with at least two operands
     */
    public Node ordered(Op op, Node... operands) {
        if ((op != Op.ADD && op != Op.MUL) || operands.length < 2) {
            throw new IllegalArgumentException("ordered needs a sum or product of two or more operands, got " + op
                    + " of " + operands.length);
        }
        for (Node n : operands) {
            own(n);
        }
        return intern(op, operands.clone(), 0.0, null);
    }

    /**
     * {@code original}'s operation applied to new children as they stand, without the rewrites of
     * {@link #rebuild} (no flattening, sorting, folding or cancelling): a substitution that keeps
     * the operations of {@code original}, so that the result computes on the new children exactly
     * what {@code original} computes on its own. {@code original} itself when no child changed.
     */
    public Node verbatim(Node original, Node[] kids) {
        if (original.arity() != kids.length) {
            throw new IllegalArgumentException(original.op() + " has " + original.arity() + " children, got "
                    + kids.length);
        }
        boolean same = true;
        for (int i = 0; i < kids.length; i++) {
            own(kids[i]);
            same &= kids[i] == original.child(i);
        }
        if (same) {
            return original;
        }
        double payload = original.op() == Op.POWI ? original.exponent() : 0.0;
        return intern(original.op(), kids.clone(), payload, null);
    }

    /**
     * True when {@code n} is non-zero for every real input at which it is defined: non-zero
     * constants, {@code exp}, {@code cosh}, {@code sigmoid}, {@code softplus}, and products and
     * integer powers of such. This is the guard of the {@code x/x = 1} rule.
     */
    public static boolean isProvablyNonZero(Node n) {
        return nonZero(n, 0);
    }

    private static boolean nonZero(Node n, int depth) {
        if (depth > 16) {
            return false;
        }
        return switch (n.op()) {
            case CONST -> n.value() != 0.0 && !Double.isNaN(n.value());
            case EXP, COSH, SIGMOID, SOFTPLUS -> true;
            case POWI -> nonZero(n.child(0), depth + 1);
            case MUL -> {
                for (int i = 0; i < n.arity(); i++) {
                    if (!nonZero(n.child(i), depth + 1)) {
                        yield false;
                    }
                }
                yield true;
            }
            default -> false;
        };
    }

    // ---------------------------------------------------------------- interning

    static final Node[] NO_KIDS = new Node[0];

    /** Throws unless {@code n} was made by this factory. */
    void own(Node n) {
        if (n.factory() != this) {
            throw new IllegalArgumentException("node " + n + " belongs to another NodeFactory");
        }
    }

    /** The interned node with exactly these parts; {@code kids} is kept, so never reuse it. */
    Node intern(Op op, Node[] kids, double payload, Symbol sym) {
        int h = hash(op, kids, payload, sym);
        int mask = table.length - 1;
        int i = h & mask;
        // Hashes live in their own array so that probing touches no node unless the hash matches.
        for (Node n = table[i]; n != null; n = table[i]) {
            if (hashes[i] == h && n.sameShape(op, kids, payload, sym)) {
                return n;
            }
            i = (i + 1) & mask;
        }
        if (size >= budget) {
            throw new NodeBudgetException(budget);
        }
        Node n = new Node(this, size, op, kids, payload, sym, h);
        table[i] = n;
        hashes[i] = h;
        size++;
        if (size * 2 > table.length) {
            grow();
        }
        return n;
    }

    private void grow() {
        Node[] oldTable = table;
        int[] oldHashes = hashes;
        table = new Node[oldTable.length * 2];
        hashes = new int[oldTable.length * 2];
        int mask = table.length - 1;
        for (int j = 0; j < oldTable.length; j++) {
            if (oldTable[j] != null) {
                int i = oldHashes[j] & mask;
                while (table[i] != null) {
                    i = (i + 1) & mask;
                }
                table[i] = oldTable[j];
                hashes[i] = oldHashes[j];
            }
        }
    }

    /**
     * Structural hash: each component is folded in through a non-linear bijective mix. A plain
     * polynomial hash would be linear in the children's hashes, and along a chain such as
     * x_{k+1} = sin(x_k) + c·x_k an even multiplier wipes out the dependence on x_0 after a few
     * steps, so the whole chain would collide.
     */
    private static int hash(Op op, Node[] kids, double payload, Symbol sym) {
        int h = fmix(op.ordinal() + 0x9E3779B9);
        h = fmix(h + Double.hashCode(payload) * 0x85EBCA6B);
        if (sym != null) {
            h = fmix(h + sym.kind().ordinal() * 0xC2B2AE35);
            h = fmix(h + sym.index() * 0x27D4EB2F);
            h = fmix(h + sym.name().hashCode());
        }
        for (Node k : kids) {
            h = fmix(h + k.hashCode() * 0x9E3779B9);
        }
        return h;
    }

    /** MurmurHash3's 32-bit finaliser: a bijection with full avalanche. */
    private static int fmix(int h) {
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        h *= 0xC2B2AE35;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString() {
        return "NodeFactory[" + size + " nodes]";
    }
}
