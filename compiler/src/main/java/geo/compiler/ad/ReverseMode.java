package geo.compiler.ad;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reverse-mode differentiation: vector–Jacobian products and gradients as IR.
 *
 * <p>For outputs yⱼ with cotangents wⱼ it builds the adjoints s̄ = Σⱼ wⱼ · ∂yⱼ/∂s of all
 * requested symbols in one sweep in reverse topological order: each node's adjoint is the sum
 * of its contributions n̄ = Σ_{parents p} p̄ · ∂p/∂n, formed once as one n-ary sum when the node
 * is reached, then passed to its children through the op table's partials. Only nodes on a
 * path from a requested symbol to an output are visited, so differentiating by coordinates
 * does not touch parameter-only subexpressions. The cost (in new nodes) is a small constant
 * times the size of the function: the cheap-gradient principle.
 */
public final class ReverseMode {

    private ReverseMode() {
    }

    /**
     * Adjoints of {@code wrt} for the outputs weighted by {@code cotangents}. Nothing is modified;
     * new nodes are added to {@code f}, which must own all nodes given.
     *
     * @return one node per symbol in {@code wrt}, in order (0 for a symbol the outputs do not
     *         depend on)
     */
    public static Node[] vjp(NodeFactory f, Node[] outputs, Node[] cotangents, Symbol[] wrt) {
        Set<Symbol> wanted = new HashSet<>(Arrays.asList(wrt));
        Sweep s = new Sweep(f, outputs, cotangents, wanted);
        Node[] out = new Node[wrt.length];
        for (int k = 0; k < wrt.length; k++) {
            out[k] = s.adjointOf(f.symbol(wrt[k]));
        }
        return out;
    }

    /**
     * Adjoints of every symbol the outputs depend on, in {@link Symbol} order, for the outputs
     * weighted by {@code cotangents}.
     */
    public static Map<Symbol, Node> vjp(NodeFactory f, Node[] outputs, Node[] cotangents) {
        Sweep s = new Sweep(f, outputs, cotangents, null);
        Map<Symbol, Node> out = new TreeMap<>();
        for (int i = 0; i < s.dag.size(); i++) {
            Node n = s.dag.node(i);
            if (n.isSymbol()) {
                out.put(n.symbol(), s.adjointOf(n));
            }
        }
        return out;
    }

    /** ∇y with respect to {@code wrt}: the VJP of the single output {@code y} with cotangent 1. */
    public static Node[] gradient(NodeFactory f, Node y, Symbol... wrt) {
        return vjp(f, new Node[] {y}, new Node[] {f.one()}, wrt);
    }

    /**
     * ∇y with respect to {@code wrt} as {@link #gradient}, but with every adjoint that is a
     * product kept as one shared value: a contribution n̄·∂p/∂n whose n̄ is a product is the
     * product of exactly the two ({@link NodeFactory#ordered}) instead of one flattened product
     * of all their factors. This is backpropagation as written by hand: for a layer
     * a = W h + b the adjoint δ = ā is computed once per row and each ∂ℓ/∂Wᵢⱼ = δᵢ·hⱼ and each
     * term δᵢ·Wᵢⱼ of h̄ⱼ is one multiplication, where the canonical form repeats δᵢ's own factors
     * (2·w₃ᵢ·r·(1 − h₂ᵢ²)·hⱼ: four multiplications) in every one of them. Contributions with a
     * constant partial stay canonical, so constants still fold. The operations differ from
     * {@link #gradient}'s (another grouping of the same products), so the results may differ in
     * the last bits; compiled kernels and the interpreter evaluate the same nodes and agree.
     */
    public static Node[] sharedGradient(NodeFactory f, Node y, Symbol... wrt) {
        Sweep s = new Sweep(f, new Node[] {y}, new Node[] {f.one()}, new HashSet<>(Arrays.asList(wrt)), true);
        Node[] out = new Node[wrt.length];
        for (int k = 0; k < wrt.length; k++) {
            out[k] = s.adjointOf(f.symbol(wrt[k]));
        }
        return out;
    }

    /** One reverse sweep; the constructor does the work. */
    private static final class Sweep {
        final Dag dag;
        final Node[] adjoint;
        private final NodeFactory f;
        // Contributions to each node's adjoint as singly linked lists in flat arrays.
        private final int[] head;
        private Node[] items = new Node[64];
        private int[] next = new int[64];
        private int count;

        Sweep(NodeFactory f, Node[] outputs, Node[] cotangents, Set<Symbol> wanted) {
            this(f, outputs, cotangents, wanted, false);
        }

        /** @param shared keep product adjoints as shared values ({@link #sharedGradient}) */
        Sweep(NodeFactory f, Node[] outputs, Node[] cotangents, Set<Symbol> wanted, boolean shared) {
            if (outputs.length != cotangents.length) {
                throw new IllegalArgumentException(outputs.length + " outputs but " + cotangents.length
                        + " cotangents");
            }
            this.f = f;
            this.dag = Dag.of(outputs);
            int size = dag.size();
            boolean[] active = activity(wanted);
            head = new int[size];
            Arrays.fill(head, -1);
            adjoint = new Node[size];
            for (int k = 0; k < outputs.length; k++) {
                if (cotangents[k].factory() != f) {
                    throw new IllegalArgumentException("cotangent " + k + " belongs to another NodeFactory");
                }
                if (!cotangents[k].isConstant(0.0)) {
                    push(dag.indexOf(outputs[k]), cotangents[k]);
                }
            }
            Node[] buffer = new Node[8];
            for (int i = size - 1; i >= 0; i--) {
                if (!active[i] || head[i] < 0) {
                    continue;
                }
                int m = 0;
                for (int c = head[i]; c >= 0; c = next[c]) {
                    if (m == buffer.length) {
                        buffer = Arrays.copyOf(buffer, m * 2);
                    }
                    buffer[m++] = items[c];
                }
                Node bar = m == 1 ? buffer[0] : f.add(Arrays.copyOf(buffer, m));
                if (bar.isConstant(0.0)) {
                    continue;
                }
                adjoint[i] = bar;
                Node n = dag.node(i);
                for (int j = 0; j < n.arity(); j++) {
                    int cj = dag.indexOf(n.child(j));
                    if (!active[cj]) {
                        continue;
                    }
                    if (n.op() == Op.ADD) {
                        push(cj, bar);
                    } else {
                        Node p = n.op().partial(f, n, j);
                        if (!p.isConstant(0.0)) {
                            push(cj, shared && bar.op() == Op.MUL && !p.isConstant() ? f.ordered(Op.MUL, bar, p)
                                    : f.mul(bar, p));
                        }
                    }
                }
            }
        }

        /** Marks nodes that depend on a wanted symbol (any symbol when {@code wanted} is null). */
        private boolean[] activity(Set<Symbol> wanted) {
            boolean[] active = new boolean[dag.size()];
            for (int i = 0; i < dag.size(); i++) {
                Node n = dag.node(i);
                if (n.factory() != f) {
                    throw new IllegalArgumentException("node " + n + " belongs to another NodeFactory");
                }
                if (n.isSymbol()) {
                    active[i] = wanted == null || wanted.contains(n.symbol());
                } else {
                    for (int j = 0; j < n.arity() && !active[i]; j++) {
                        active[i] = active[dag.indexOf(n.child(j))];
                    }
                }
            }
            return active;
        }

        private void push(int target, Node contribution) {
            if (count == items.length) {
                items = Arrays.copyOf(items, count * 2);
                next = Arrays.copyOf(next, count * 2);
            }
            items[count] = contribution;
            next[count] = head[target];
            head[target] = count++;
        }

        Node adjointOf(Node symbolNode) {
            int i = dag.indexOf(symbolNode);
            return i < 0 || adjoint[i] == null ? f.zero() : adjoint[i];
        }
    }
}
