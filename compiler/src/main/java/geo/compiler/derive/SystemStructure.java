package geo.compiler.derive;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.lower.Linear;
import geo.compiler.lower.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The sparsity structure of the symmetric matrix M of an acceleration's system M a = r (the
 * metric g for the geodesic spray, ∂²L/∂v² for Euler–Lagrange), read from the DAG: an entry is a
 * structural zero when it is the constant 0 node (the lowering folds {@code λ² · eye(d)}, a
 * diagonal literal or a block matrix to such zeros). The coordinates split into the connected
 * components of the graph with an edge i–j wherever M_ij or M_ji is not a structural zero; after
 * reordering, M is block diagonal with one block per component, and M a = r splits into one
 * independent system per block.
 *
 * <ul>
 *   <li>{@link Kind#CONFORMAL}: M = s · I (all blocks 1×1 with one and the same diagonal node, as
 *       for the Poincaré ball): a = (1/s) r, one division for all d components.</li>
 *   <li>{@link Kind#DIAGONAL}: a_i = r_i / M_ii.</li>
 *   <li>{@link Kind#BLOCK}: a_B = M_BB⁻¹ r_B per block B, the inverse symbolic (cofactors) when
 *       every block has at most {@link MetricGeometry#SYMBOLIC_INVERSE_LIMIT} rows.</li>
 *   <li>{@link Kind#DENSE}: one block; left to the runtime's Cholesky factorisation.</li>
 * </ul>
 * With every block small the acceleration is explicit, so the model gets the explicit kernels
 * (and the fused RK4 step) instead of the runtime's d×d factorisation at every stage: for a
 * conformal metric g = e^{2φ} I this is the closed form a = |v|² ∇φ − 2 (∇φ · v) v, reached
 * through the cheap form of the spray with the shared nodes of a hash-consed DAG.
 */
public record SystemStructure(Kind kind, int[][] blocks) {

    /** The kinds of structure, from the most to the least special. */
    public enum Kind {
        /** s · I: every diagonal entry the same node, no off-diagonal entry. */
        CONFORMAL,
        /** Only diagonal entries. */
        DIAGONAL,
        /** Several blocks, at least one larger than 1×1. */
        BLOCK,
        /** One block of all coordinates. */
        DENSE
    }

    /** The structure of the d×d matrix m. */
    public static SystemStructure of(Tensor m) {
        int d = m.shape().rows();
        int[] parent = new int[d];
        for (int i = 0; i < d; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                if (!zero(m.at(i, j)) || !zero(m.at(j, i))) {
                    union(parent, i, j);
                }
            }
        }
        // Components in the order of their first coordinate, each in increasing order.
        int[] label = new int[d];
        Arrays.fill(label, -1);
        List<List<Integer>> components = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            int root = find(parent, i);
            if (label[root] < 0) {
                label[root] = components.size();
                components.add(new ArrayList<>());
            }
            components.get(label[root]).add(i);
        }
        int[][] blocks = new int[components.size()][];
        int largest = 0;
        for (int b = 0; b < blocks.length; b++) {
            blocks[b] = components.get(b).stream().mapToInt(Integer::intValue).toArray();
            largest = Math.max(largest, blocks[b].length);
        }
        Kind kind;
        if (blocks.length == 1 && d > 1) {
            kind = Kind.DENSE;
        } else if (largest > 1) {
            kind = Kind.BLOCK;
        } else {
            kind = Kind.CONFORMAL;
            for (int i = 1; i < d; i++) {
                if (m.at(i, i) != m.at(0, 0)) {
                    kind = Kind.DIAGONAL;
                    break;
                }
            }
        }
        return new SystemStructure(kind, blocks);
    }

    /** The number of rows of the largest block. */
    public int largestBlock() {
        int largest = 0;
        for (int[] b : blocks) {
            largest = Math.max(largest, b.length);
        }
        return largest;
    }

    /** Whether {@link #solve} gives the solution symbolically: every block has at most {@code limit} rows. */
    public boolean explicit(int limit) {
        return largestBlock() <= limit;
    }

    /**
     * a = M⁻¹ r block by block (see the class comment), or null when some block is larger than
     * {@link MetricGeometry#SYMBOLIC_INVERSE_LIMIT}.
     */
    public Node[] solve(NodeFactory f, Tensor m, Node[] r) {
        if (!explicit(MetricGeometry.SYMBOLIC_INVERSE_LIMIT)) {
            return null;
        }
        int d = r.length;
        Node[] a = new Node[d];
        switch (kind) {
            case CONFORMAL -> {
                // One reciprocal shared by all components: d multiplications instead of d divisions.
                Node inverse = f.div(f.one(), m.at(0, 0));
                for (int i = 0; i < d; i++) {
                    a[i] = f.mul(inverse, r[i]);
                }
            }
            case DIAGONAL -> {
                for (int i = 0; i < d; i++) {
                    a[i] = f.div(r[i], m.at(i, i));
                }
            }
            default -> {
                Linear linear = new Linear(f);
                for (int[] block : blocks) {
                    int n = block.length;
                    if (n == 1) {
                        a[block[0]] = f.div(r[block[0]], m.at(block[0], block[0]));
                        continue;
                    }
                    Node[] sub = new Node[n * n];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            sub[i * n + j] = m.at(block[i], block[j]);
                        }
                    }
                    Tensor inverse = linear.inverse(Tensor.matrix(n, n, sub));
                    Node[] terms = new Node[n];
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < n; j++) {
                            terms[j] = f.mul(inverse.at(i, j), r[block[j]]);
                        }
                        a[block[i]] = f.add(terms);
                    }
                }
            }
        }
        return a;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case CONFORMAL -> "conformal (s I)";
            case DIAGONAL -> "diagonal";
            case BLOCK -> "block diagonal, blocks of at most " + largestBlock() + " rows";
            case DENSE -> "dense";
        };
    }

    private static boolean zero(Node n) {
        return n.isConstant(0);
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int i, int j) {
        parent[find(parent, i)] = find(parent, j);
    }
}
