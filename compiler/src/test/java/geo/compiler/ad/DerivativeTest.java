package geo.compiler.ad;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;
import geo.compiler.testing.Numeric;
import geo.compiler.testing.RandomDags;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

import static geo.compiler.testing.Numeric.assertDerivative;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * Every op's derivatives against central finite differences ({@link Numeric} states step and
 * tolerance: 1e-7 relative), at random points of its domain away from kinks and poles: first
 * derivatives (forward and reverse), JVPs, VJPs and Hessian–vector products, then the same on
 * random smooth DAGs.
 */
class DerivativeTest {

    private static final int POINTS = 12;

    /** An op under test: how to apply it, and where to sample (|x| in [lo, hi], both signs if signed). */
    private record Case(String name, BiFunction<NodeFactory, Node, Node> apply, double lo, double hi, boolean signed) {
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        for (Op op : Op.values()) {
            if (!op.isFunction()) {
                continue;
            }
            Case c = switch (op) {
                case LOG, SQRT -> new Case(op.text(), (f, x) -> f.unary(op, x), 0.2, 3.0, false);
                case TAN -> new Case(op.text(), (f, x) -> f.unary(op, x), 0.0, 1.2, true);
                case RELU, ABS, SIGN, STEP, ELU -> new Case(op.text(), (f, x) -> f.unary(op, x), 0.1, 2.0, true);
                case LOG1P -> new Case(op.text(), (f, x) -> f.unary(op, x), 0.0, 0.9, true);
                default -> new Case(op.text(), (f, x) -> f.unary(op, x), 0.0, 2.0, true);
            };
            cases.add(c);
        }
        for (int k : new int[] {-3, -2, -1, 2, 3, 5}) {
            cases.add(new Case("powi " + k, (f, x) -> f.powi(x, k), 0.3, 2.0, true));
        }
        cases.add(new Case("pow x^(x/2)", (f, x) -> f.pow(x, f.mul(f.constant(0.5), x)), 0.3, 2.0, false));
        cases.add(new Case("pow 1.7^x", (f, x) -> f.pow(f.constant(1.7), x), 0.0, 2.0, true));
        cases.add(new Case("pow x^0.3", (f, x) -> f.pow(x, f.constant(0.3)), 0.3, 2.0, false));
        // The binary functions, each with both operands depending on x (so both partials are
        // exercised), sampled away from their kinks (max(x, sin x) and min(x, −x) have theirs at 0).
        cases.add(new Case("max(x, 0.37)", (f, x) -> f.max(x, f.constant(0.37)), 0.5, 2.0, true));
        cases.add(new Case("max(x, sin x)", (f, x) -> f.max(x, f.sin(x)), 0.1, 2.0, true));
        cases.add(new Case("min(x, -x)", (f, x) -> f.min(x, f.neg(x)), 0.1, 2.0, true));
        cases.add(new Case("min(x^2, cos x)", (f, x) -> f.min(f.square(x), f.cos(x)), 0.0, 0.7, true));
        cases.add(new Case("leaky_relu(x, 0.1)", (f, x) -> f.binary(Op.LEAKY_RELU, x, f.constant(0.1)), 0.1, 2.0, true));
        cases.add(new Case("leaky_relu(x, 0.1 + x^2)",
                (f, x) -> f.binary(Op.LEAKY_RELU, x, f.add(f.constant(0.1), f.square(x))), 0.1, 2.0, true));
        cases.add(new Case("logaddexp(x, -x)", (f, x) -> f.binary(Op.LOGADDEXP, x, f.neg(x)), 0.0, 2.0, true));
        cases.add(new Case("logaddexp(3x, sin x)", (f, x) -> f.binary(Op.LOGADDEXP, f.mul(f.constant(3), x), f.sin(x)),
                0.0, 2.0, true));
        cases.add(new Case("add", (f, x) -> f.add(x, f.constant(2.0), f.square(x)), 0.0, 2.0, true));
        cases.add(new Case("mul repeated", (f, x) -> f.mul(x, x, f.sin(x), f.constant(3.0)), 0.0, 2.0, true));
        return cases;
    }

    private static double sample(Case c, Random rnd) {
        double m = c.lo() + (c.hi() - c.lo()) * rnd.nextDouble();
        return c.signed() && rnd.nextBoolean() ? -m : m;
    }

    @TestFactory
    Stream<DynamicTest> firstDerivativesForwardAndReverse() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            NodeFactory f = new NodeFactory();
            Symbol x = Symbol.input("x", 0);
            Node y = c.apply().apply(f, f.symbol(x));
            Node fwd = ForwardMode.derivative(f, y, x);
            Node rev = ReverseMode.gradient(f, y, x)[0];
            Function<double[], double[]> fn = Numeric.function(y);
            Function<double[], double[]> ad = Numeric.function(fwd, rev);
            Random rnd = new Random(c.name().hashCode());
            for (int p = 0; p < POINTS; p++) {
                double[] pt = {sample(c, rnd)};
                double fd = Numeric.directional(fn, pt, new double[] {1})[0];
                double[] d = ad.apply(pt);
                double value = fn.apply(pt)[0];
                assertDerivative(c.name() + " forward at " + pt[0], d[0], fd, value);
                assertDerivative(c.name() + " reverse at " + pt[0], d[1], fd, value);
            }
        }));
    }

    /** Two outputs of two inputs, each using the op on both: y₀ = op(a)·b + op(b), y₁ = op(b)·a. */
    private static Node[] twoByTwo(Case c, NodeFactory f, Node a, Node b) {
        Node opA = c.apply().apply(f, a);
        Node opB = c.apply().apply(f, b);
        return new Node[] {f.add(f.mul(opA, b), opB), f.mul(opB, a)};
    }

    @TestFactory
    Stream<DynamicTest> jvpVjpAndHvpPerOp() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            NodeFactory f = new NodeFactory();
            Symbol[] s = {Symbol.input("a", 0), Symbol.input("b", 1)};
            Node[] y = twoByTwo(c, f, f.symbol(s[0]), f.symbol(s[1]));
            checkAll(c.name(), f, y, s, rnd -> new double[] {sample(c, rnd), sample(c, rnd)}, new Random(c.name().hashCode()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> randomSmoothDags() {
        return Stream.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L).map(seed -> DynamicTest.dynamicTest("seed " + seed, () -> {
            NodeFactory f = new NodeFactory();
            Random rnd = new Random(seed);
            Symbol[] s = {Symbol.input("a", 0), Symbol.input("b", 1), Symbol.input("c", 2)};
            Node[] leaves = {f.symbol(s[0]), f.symbol(s[1]), f.symbol(s[2])};
            Node[] y = {RandomDags.smooth(f, leaves, 40, rnd), RandomDags.smooth(f, leaves, 25, rnd)};
            checkAll("seed " + seed, f, y, s, r -> new double[] {r.nextGaussian(), r.nextGaussian(), r.nextGaussian()}, rnd);
        }));
    }

    /** JVP, VJP and HVP (and full Hessian rows) of {@code y} against finite differences. */
    private static void checkAll(String name, NodeFactory f, Node[] y, Symbol[] s,
                                 Function<Random, double[]> points, Random rnd) {
        int n = s.length;
        Symbol[] dir = new Symbol[n];
        Symbol[] w = new Symbol[y.length];
        Map<Symbol, Node> direction = new HashMap<>();
        Node[] v = new Node[n];
        for (int i = 0; i < n; i++) {
            dir[i] = Symbol.input("d" + i, n + i);
            v[i] = f.symbol(dir[i]);
            direction.put(s[i], v[i]);
        }
        Node[] cot = new Node[y.length];
        for (int k = 0; k < y.length; k++) {
            w[k] = Symbol.input("w" + k, 2 * n + k);
            cot[k] = f.symbol(w[k]);
        }
        Node[] jvp = ForwardMode.jvp(f, y, direction);
        Node[] vjp = ReverseMode.vjp(f, y, cot, s);
        Node[] hvp = Higher.hvp(f, y[0], s, v);
        Node[] grad = ReverseMode.gradient(f, y[0], s);
        Node[][] hess = Higher.hessian(f, y[0], s);
        Function<double[], double[]> fn = Numeric.function(y);
        Function<double[], double[]> gradFn = Numeric.function(grad);
        Function<double[], double[]> jvpFn = Numeric.function(jvp);
        Function<double[], double[]> vjpFn = Numeric.function(vjp);
        Function<double[], double[]> hvpFn = Numeric.function(hvp);
        List<Node> flat = new ArrayList<>();
        for (Node[] row : hess) {
            flat.addAll(List.of(row));
        }
        Function<double[], double[]> hessFn = Numeric.function(flat.toArray(new Node[0]));
        for (int p = 0; p < POINTS; p++) {
            double[] x = points.apply(rnd);
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                d[i] = rnd.nextGaussian();
            }
            double[] weights = new double[y.length];
            for (int k = 0; k < y.length; k++) {
                weights[k] = rnd.nextGaussian();
            }
            double[] all = new double[2 * n + y.length];
            System.arraycopy(x, 0, all, 0, n);
            System.arraycopy(d, 0, all, n, n);
            System.arraycopy(weights, 0, all, 2 * n, y.length);
            double[] values = fn.apply(x);
            double[] fd = Numeric.directional(fn, x, d);
            double[] jv = jvpFn.apply(all);
            for (int k = 0; k < y.length; k++) {
                assertDerivative(name + " JVP y" + k, jv[k], fd[k], values[k]);
            }
            double[] vj = vjpFn.apply(all);
            double weighted = 0;
            for (int k = 0; k < y.length; k++) {
                weighted += Math.abs(weights[k] * values[k]);
            }
            for (int i = 0; i < n; i++) {
                double[] e = Numeric.directional(fn, x, Numeric.unit(n, i));
                double fdi = 0;
                for (int k = 0; k < y.length; k++) {
                    fdi += weights[k] * e[k];
                }
                assertDerivative(name + " VJP d/d" + s[i].name(), vj[i], fdi, weighted);
            }
            double[] g = gradFn.apply(x);
            double gScale = 0;
            for (double gi : g) {
                gScale = Math.max(gScale, Math.abs(gi));
            }
            double[] fdHv = Numeric.directional(gradFn, x, d);
            double[] hv = hvpFn.apply(all);
            double[] h = hessFn.apply(x);
            for (int i = 0; i < n; i++) {
                assertDerivative(name + " HVP " + i, hv[i], fdHv[i], gScale);
                double row = 0;
                for (int j = 0; j < n; j++) {
                    row += h[i * n + j] * d[j];
                    assertEquals(h[i * n + j], h[j * n + i], 1e-9 * (1 + Math.abs(h[i * n + j])), name + " symmetry");
                }
                assertEquals(hv[i], row, 1e-9 * (1 + Math.abs(hv[i])), name + " Hessian row vs HVP");
            }
        }
    }

    @Test
    void zeroDerivativesAreTheConstantZero() {
        NodeFactory f = new NodeFactory();
        Symbol x = Symbol.input("x", 0);
        Symbol y = Symbol.input("y", 1);
        Node e = f.mul(f.sin(f.symbol(x)), f.constant(3));
        f.symbol(y);
        assertSame(f.zero(), ForwardMode.derivative(f, e, y));
        assertSame(f.zero(), ReverseMode.gradient(f, e, y)[0]);
        assertSame(f.zero(), ForwardMode.derivative(f, f.step(f.symbol(x)), x));
    }

    @Test
    void forwardAndReverseAgreeSymbolicallyOnSimpleCases() {
        NodeFactory f = new NodeFactory();
        Symbol x = Symbol.input("x", 0);
        Node e = f.mul(f.exp(f.symbol(x)), f.sin(f.symbol(x)));
        assertSame(ForwardMode.derivative(f, e, x), ReverseMode.gradient(f, e, x)[0]);
    }

    @Test
    void vjpOfAllSymbolsListsEverySymbolReached() {
        NodeFactory f = new NodeFactory();
        Node a = f.input("a", 0);
        Node b = f.input("b", 1);
        Map<Symbol, Node> adj = ReverseMode.vjp(f, new Node[] {f.mul(a, b), f.sin(a)}, new Node[] {f.one(), f.constant(2)});
        assertEquals(2, adj.size());
        assertSame(f.add(b, f.mul(f.constant(2), f.cos(a))), adj.get(Symbol.input("a", 0)));
        assertSame(a, adj.get(Symbol.input("b", 1)));
    }
}
