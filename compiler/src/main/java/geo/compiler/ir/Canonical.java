package geo.compiler.ir;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The canonicalising constructors behind {@link NodeFactory}'s sums, products and powers; the
 * rules are listed on {@link NodeFactory}. Each runs in O(k log k) for k operands.
 */
final class Canonical {

    private Canonical() {
    }

    // ---------------------------------------------------------------- sums

    static Node sum(NodeFactory f, Node[] terms) {
        List<Node> out = new ArrayList<>(terms.length);
        double constant = flatten(f, Op.ADD, terms, out, 0.0);
        if (Double.isNaN(constant)) {
            return f.constant(Double.NaN);
        }
        if (out.size() > 1) {
            cancelOpposites(out);
        }
        return assemble(f, Op.ADD, out, constant, 0.0);
    }

    /**
     * Removes every group of terms {@code cᵢ·u} with the same {@code u} whose coefficients add up
     * to exactly zero. Only needed when some coefficient is negative.
     */
    private static void cancelOpposites(List<Node> terms) {
        boolean anyNegative = false;
        for (Node t : terms) {
            if (coefficient(t) < 0) {
                anyNegative = true;
                break;
            }
        }
        if (!anyNegative) {
            return;
        }
        // Loops rather than computeIfAbsent and removeIf with lambdas, here and below: no lambda is
        // linked on geo check's path (start-up, issue 23).
        Map<Core, double[]> sums = new HashMap<>();
        for (Node t : terms) {
            Core core = Core.of(t);
            double[] sum = sums.get(core);
            if (sum == null) {
                sum = new double[1];
                sums.put(core, sum);
            }
            sum[0] += coefficient(t);
        }
        if (sums.size() == terms.size()) {
            return;
        }
        for (Iterator<Node> it = terms.iterator(); it.hasNext(); ) {
            if (sums.get(Core.of(it.next()))[0] == 0.0) {
                it.remove();
            }
        }
    }

    /** The numeric coefficient c of a term c·u (1 if there is none). */
    static double coefficient(Node t) {
        return t.op() == Op.MUL && t.child(0).isConstant() ? t.child(0).value() : 1.0;
    }

    /** The non-numeric part u of a term c·u, as a sequence of factors compared by identity. */
    record Core(Node[] factors, int from) {
        static Core of(Node t) {
            if (t.op() == Op.MUL) {
                Node[] kids = t.childArray();
                return new Core(kids, kids[0].isConstant() ? 1 : 0);
            }
            return new Core(new Node[] {t}, 0);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Core c) || c.factors.length - c.from != factors.length - from) {
                return false;
            }
            for (int i = from, j = c.from; i < factors.length; i++, j++) {
                if (factors[i] != c.factors[j]) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int h = 1;
            for (int i = from; i < factors.length; i++) {
                h = 31 * h + factors[i].hashCode();
            }
            return h;
        }
    }

    // ---------------------------------------------------------------- products

    static Node product(NodeFactory f, Node[] factors) {
        List<Node> out = new ArrayList<>(factors.length);
        double coef = flatten(f, Op.MUL, factors, out, 1.0);
        if (Double.isNaN(coef)) {
            return f.constant(Double.NaN);
        }
        if (coef == 0.0) {
            return f.zero();
        }
        if (out.size() > 1) {
            cancelReciprocals(out);
        }
        return assemble(f, Op.MUL, out, coef, 1.0);
    }

    /**
     * The guarded {@code x/x = 1}: removes the factors {@code u^kᵢ} of one base {@code u} when
     * the kᵢ add up to zero and u is provably non-zero. Only needed when some kᵢ is negative.
     */
    private static void cancelReciprocals(List<Node> factors) {
        boolean anyNegative = false;
        for (Node t : factors) {
            if (t.op() == Op.POWI && t.exponent() < 0) {
                anyNegative = true;
                break;
            }
        }
        if (!anyNegative) {
            return;
        }
        Map<Node, long[]> exponents = new IdentityHashMap<>();
        for (Node t : factors) {
            long[] sum = exponents.get(base(t));
            if (sum == null) {
                sum = new long[1];
                exponents.put(base(t), sum);
            }
            sum[0] += exponent(t);
        }
        for (Iterator<Node> it = factors.iterator(); it.hasNext(); ) {
            Node t = it.next();
            if (exponents.get(base(t))[0] == 0 && NodeFactory.isProvablyNonZero(base(t))) {
                it.remove();
            }
        }
    }

    /** u for a factor u^k (the factor itself when it is not an integer power). */
    static Node base(Node t) {
        return t.op() == Op.POWI ? t.child(0) : t;
    }

    /** k for a factor u^k (1 when it is not an integer power). */
    static int exponent(Node t) {
        return t.op() == Op.POWI ? t.exponent() : 1;
    }

    // ---------------------------------------------------------------- shared

    /**
     * Moves the operands of an n-ary {@code op} into {@code out}, inlining nested {@code op}
     * nodes (in canonical order, while the result stays within {@link NodeFactory#MAX_FLAT}
     * operands) and combining constants, which it returns folded into {@code neutral}.
     */
    private static double flatten(NodeFactory f, Op op, Node[] in, List<Node> out, double neutral) {
        double c = neutral;
        List<Node> nested = null;
        for (Node t : in) {
            f.own(t);
            if (t.op() == op) {
                if (nested == null) {
                    nested = new ArrayList<>();
                }
                nested.add(t);
            } else if (t.isConstant()) {
                c = combine(op, c, t.value());
            } else {
                out.add(t);
            }
        }
        if (nested != null) {
            nested.sort(NodeOrder.INSTANCE);
            for (Node n : nested) {
                if (out.size() + n.arity() <= NodeFactory.MAX_FLAT) {
                    for (int i = 0; i < n.arity(); i++) {
                        Node k = n.child(i);
                        if (k.isConstant()) {
                            c = combine(op, c, k.value());
                        } else {
                            out.add(k);
                        }
                    }
                } else {
                    out.add(n);
                }
            }
        }
        return c;
    }

    private static double combine(Op op, double a, double b) {
        return op == Op.ADD ? a + b : a * b;
    }

    /** Sorts the operands and builds the node, dropping a neutral constant and trivial wrappers. */
    private static Node assemble(NodeFactory f, Op op, List<Node> out, double constant, double neutral) {
        if (out.isEmpty()) {
            return f.constant(constant);
        }
        if (out.size() == 1 && constant == neutral) {
            return out.get(0);
        }
        out.sort(NodeOrder.INSTANCE);
        boolean withConstant = constant != neutral;
        Node[] kids = new Node[out.size() + (withConstant ? 1 : 0)];
        int k = 0;
        if (withConstant) {
            kids[k++] = f.constant(constant);
        }
        for (Node n : out) {
            kids[k++] = n;
        }
        return f.intern(op, kids, 0.0, null);
    }

    // ---------------------------------------------------------------- powers

    static Node powi(NodeFactory f, Node base, int k) {
        f.own(base);
        if (k == 0) {
            return f.one();
        }
        if (k == 1) {
            return base;
        }
        if (base.isConstant()) {
            return f.constant(Op.powi(base.value(), k));
        }
        if (base.op() == Op.POWI) {
            long e = (long) base.exponent() * k;
            if (e == (int) e) {
                return powi(f, base.child(0), (int) e);
            }
        }
        if (base.op() == Op.MUL && base.child(0).isConstant()) {
            // (c·u)^k = c^k · u^k: the coefficient moves out so that it can fold and cancel.
            double ck = Op.powi(base.child(0).value(), k);
            if (Double.isFinite(ck) && Math.abs(ck) >= Double.MIN_NORMAL) {
                Node rest = f.mul(Arrays.copyOfRange(base.childArray(), 1, base.arity()));
                return f.mul(f.constant(ck), powi(f, rest, k));
            }
        }
        return f.intern(Op.POWI, new Node[] {base}, k, null);
    }

    static Node pow(NodeFactory f, Node base, Node exponent) {
        f.own(base);
        f.own(exponent);
        if (exponent.isConstant()) {
            double e = exponent.value();
            if (e == Math.rint(e) && Math.abs(e) <= Integer.MAX_VALUE) {
                return powi(f, base, (int) e);
            }
            if (e == 0.5) {
                return f.sqrt(base);
            }
            if (base.isConstant()) {
                return f.constant(Op.pow(base.value(), e));
            }
        }
        if (base.isConstant(1.0)) {
            return f.one();
        }
        return f.intern(Op.POW, new Node[] {base, exponent}, 0.0, null);
    }
}
