package geo.compiler.derive;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A derivative DAG split at its <em>residuals</em>: the primal values (those not depending on the
 * seed symbols — tangents or cotangents) that some derivative node reads, constants and symbols
 * aside, and optionally the partial sums and products of the primal operands that lead a
 * derivative sum or product (c·p·q·ṫ reads c·p·q instead of multiplying it out for every
 * direction). The first part computes the residuals; the second computes the derivative reading
 * residual k from a symbol instead of computing it. Reading a value instead of computing it
 * changes no operation (the rebuilt nodes are {@link NodeFactory#verbatim} or
 * {@link NodeFactory#ordered}, and a sum or product is a left fold), so the split derivative
 * gives the bits of the whole one. Used to record a step's forward values for its VJP
 * ({@link IntegratorStep#record}) and to compute a network's primal once for many JVP directions
 * ({@link Kernels#implicitJvpSplit}); this is the classical split of automatic differentiation
 * into a forward sweep that stores and a derivative sweep that reads (Griewank &amp; Walther,
 * <i>Evaluating Derivatives</i>, 2nd ed., SIAM 2008, ch. 3: tangent propagation, its vector mode,
 * and the adjoint's taping of intermediate values).
 *
 * @param residuals the primal values the derivative part reads, in first-use order
 * @param split     the derivative, reading residual k from the k-th symbol {@code reads} gave
 */
public record ResidualSplit(Node[] residuals, Node[] split) {

    /**
     * Splits {@code roots} at the primal values its seed-dependent nodes read.
     *
     * @param seeds the symbols the derivative part is linear in (tangents or cotangents)
     * @param reads the symbols to read {@code count} residuals from, given the count
     * @param prefixes whether the primal operands leading a derivative sum or product are read as
     *                 one residual (worth it where the derivative part runs many times per primal
     *                 pass; more residuals to store)
     */
    public static ResidualSplit of(NodeFactory f, Node[] roots, Set<Symbol> seeds, IntFunction<Symbol[]> reads,
                                   boolean prefixes) {
        Dag dag = Dag.of(roots);
        boolean[] derivative = new boolean[dag.size()];
        Map<Node, Integer> residual = new LinkedHashMap<>();
        // A seeded sum or product whose first operands are primal: their partial sum or product, a
        // primal value, is a residual of its own (read once instead of computed per direction).
        Map<Node, Node> leading = new HashMap<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            boolean seeded = n.isSymbol() && seeds.contains(n.symbol());
            for (int j = 0; j < n.arity() && !seeded; j++) {
                seeded = derivative[dag.indexOf(n.child(j))];
            }
            derivative[i] = seeded;
            if (seeded) {
                int lead = 0;
                while (prefixes && (n.op() == Op.ADD || n.op() == Op.MUL) && !derivative[dag.indexOf(n.child(lead))]) {
                    lead++;
                }
                if (lead >= 2) {
                    Node prefix = f.ordered(n.op(), Arrays.copyOf(n.childArray(), lead));
                    leading.put(n, prefix);
                    residual.putIfAbsent(prefix, residual.size());
                }
                for (int j = lead >= 2 ? lead : 0; j < n.arity(); j++) {
                    Node c = n.child(j);
                    if (!derivative[dag.indexOf(c)] && !c.isConstant() && !c.isSymbol()) {
                        residual.putIfAbsent(c, residual.size());
                    }
                }
            }
        }
        Node[] values = residual.keySet().toArray(Node[]::new);
        Node[] symbols = Symbols.nodes(f, reads.apply(values.length));
        // Verbatim, not canonical: re-sorting a sum would change the order it is computed in. A
        // sum or product is a left fold, so (p₁ ∘ p₂) ∘ t with p₁ ∘ p₂ read is the same operations.
        Node[] split = dag.rebuild((n, kids) -> {
            Integer k = residual.get(n);
            if (k != null) {
                return symbols[k];
            }
            Node prefix = leading.get(n);
            if (prefix == null) {
                return f.verbatim(n, kids);
            }
            int lead = prefix.arity();
            Node[] rest = new Node[kids.length - lead + 1];
            rest[0] = symbols[residual.get(prefix)];
            System.arraycopy(kids, lead, rest, 1, kids.length - lead);
            return f.ordered(n.op(), rest);
        });
        return new ResidualSplit(values, split);
    }
}
