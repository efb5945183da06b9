package geo.compiler.derive;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntFunction;

/**
 * A derivative DAG split at its <em>residuals</em>: the primal values (those not depending on the
 * seed symbols — tangents or cotangents) that some derivative node reads, constants and symbols
 * aside. The first part computes the residuals; the second computes the derivative reading
 * residual k from a symbol instead of computing it. Reading a value instead of computing it
 * changes no operation (the rebuilt nodes are {@link NodeFactory#verbatim}), so the split
 * derivative gives the bits of the whole one. Used to record a step's forward values for its VJP
 * ({@link IntegratorStep#record}) and to compute a network's primal once for many JVP directions
 * ({@link Kernels#implicitJvpSplit}); this is the classical split of automatic differentiation
 * into a forward sweep that stores and a derivative sweep that reads (Griewank &amp; Walther,
 * <i>Evaluating Derivatives</i>, 2nd ed., SIAM 2008, §4.6 and §3.1 for the vector mode).
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
     */
    public static ResidualSplit of(NodeFactory f, Node[] roots, Set<Symbol> seeds, IntFunction<Symbol[]> reads) {
        Dag dag = Dag.of(roots);
        boolean[] derivative = new boolean[dag.size()];
        Map<Node, Integer> residual = new LinkedHashMap<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            boolean seeded = n.isSymbol() && seeds.contains(n.symbol());
            for (int j = 0; j < n.arity() && !seeded; j++) {
                seeded = derivative[dag.indexOf(n.child(j))];
            }
            derivative[i] = seeded;
            if (seeded) {
                for (int j = 0; j < n.arity(); j++) {
                    Node c = n.child(j);
                    if (!derivative[dag.indexOf(c)] && !c.isConstant() && !c.isSymbol()) {
                        residual.putIfAbsent(c, residual.size());
                    }
                }
            }
        }
        Node[] values = residual.keySet().toArray(Node[]::new);
        Node[] symbols = Symbols.nodes(f, reads.apply(values.length));
        // Verbatim, not canonical: re-sorting a sum would change the order it is computed in.
        Node[] split = dag.rebuild((n, kids) -> {
            Integer k = residual.get(n);
            return k != null ? symbols[k] : f.verbatim(n, kids);
        });
        return new ResidualSplit(values, split);
    }
}
