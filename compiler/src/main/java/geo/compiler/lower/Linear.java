package geo.compiler.lower;

import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;

/**
 * Symbolic determinants and inverses. Up to 4×4: cofactor expansion and the adjugate, exact and
 * free of divisions except by the determinant. Larger: Gaussian (Gauss–Jordan) elimination
 * without pivoting, which needs non-zero leading principal minors — true for the symmetric
 * positive definite matrices (metrics) these are used on.
 */
public final class Linear {

    /** Largest size handled by cofactor expansion; its cost grows as n!. */
    public static final int COFACTOR_LIMIT = 4;

    private final NodeFactory f;

    public Linear(NodeFactory f) {
        this.f = f;
    }

    public Node det(Tensor a) {
        int n = a.shape().rows();
        return n <= COFACTOR_LIMIT ? cofactorDet(a.elements(), n) : eliminationDet(a.elements(), n);
    }

    public Tensor inverse(Tensor a) {
        int n = a.shape().rows();
        return n <= COFACTOR_LIMIT ? adjugateInverse(a.elements(), n) : gaussJordan(a.elements(), n);
    }

    /** det by Laplace expansion along the first row. */
    private Node cofactorDet(Node[] m, int n) {
        if (n == 1) {
            return m[0];
        }
        if (n == 2) {
            return f.sub(f.mul(m[0], m[3]), f.mul(m[1], m[2]));
        }
        Node[] terms = new Node[n];
        for (int c = 0; c < n; c++) {
            Node minor = cofactorDet(minor(m, n, 0, c), n - 1);
            Node term = f.mul(m[c], minor);
            terms[c] = c % 2 == 0 ? term : f.neg(term);
        }
        return f.add(terms);
    }

    /** A without row {@code row} and column {@code col}. */
    private static Node[] minor(Node[] m, int n, int row, int col) {
        Node[] out = new Node[(n - 1) * (n - 1)];
        int k = 0;
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < n; c++) {
                if (r != row && c != col) {
                    out[k++] = m[r * n + c];
                }
            }
        }
        return out;
    }

    /** inv(A) = adj(A) / det(A), adj(A)[i][j] = (-1)^(i+j) det(minor(A, j, i)). */
    private Tensor adjugateInverse(Node[] m, int n) {
        Node inverseDet = f.powi(cofactorDet(m, n), -1);
        Node[] out = new Node[n * n];
        if (n == 1) {
            out[0] = inverseDet;
            return Tensor.matrix(1, 1, out);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                Node c = cofactorDet(minor(m, n, j, i), n - 1);
                out[i * n + j] = f.mul((i + j) % 2 == 0 ? c : f.neg(c), inverseDet);
            }
        }
        return Tensor.matrix(n, n, out);
    }

    /** det as the product of the pivots of Gaussian elimination without pivoting. */
    private Node eliminationDet(Node[] m, int n) {
        Node[] a = m.clone();
        Node[] pivots = new Node[n];
        for (int k = 0; k < n; k++) {
            pivots[k] = a[k * n + k];
            Node inversePivot = f.powi(pivots[k], -1);
            for (int r = k + 1; r < n; r++) {
                Node factor = f.mul(a[r * n + k], inversePivot);
                for (int c = k + 1; c < n; c++) {
                    a[r * n + c] = f.sub(a[r * n + c], f.mul(factor, a[k * n + c]));
                }
            }
        }
        return f.mul(pivots);
    }

    /** Gauss–Jordan elimination on [A | I] without pivoting. */
    private Tensor gaussJordan(Node[] m, int n) {
        Node[] a = m.clone();
        Node[] inv = new Node[n * n];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = i / n == i % n ? f.one() : f.zero();
        }
        for (int k = 0; k < n; k++) {
            Node inversePivot = f.powi(a[k * n + k], -1);
            for (int c = 0; c < n; c++) {
                a[k * n + c] = f.mul(a[k * n + c], inversePivot);
                inv[k * n + c] = f.mul(inv[k * n + c], inversePivot);
            }
            for (int r = 0; r < n; r++) {
                if (r == k) {
                    continue;
                }
                Node factor = a[r * n + k];
                for (int c = 0; c < n; c++) {
                    a[r * n + c] = f.sub(a[r * n + c], f.mul(factor, a[k * n + c]));
                    inv[r * n + c] = f.sub(inv[r * n + c], f.mul(factor, inv[k * n + c]));
                }
            }
        }
        return Tensor.matrix(n, n, inv);
    }
}
