package geo.runtime.learn.embed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The order in which a pass over many pairs solves them so that each solve can start from a
 * neighbouring one ({@link geo.runtime.manifold.WarmStartedSpace#distanceFrom}): the pairs are
 * grouped by their first node a (the base point x_a of log_{x_a}(x_b)); within a group the targets
 * come in order of their Euclidean distance |x_b − x_a| in the coordinates, nearest first, and each
 * starts from the pair of the same group, earlier in the order, whose target is nearest to x_b — if
 * that target is nearer to x_b than x_a itself is (else from the straight line). The first solve of
 * a group is its shortest chord; each later one starts from a logarithm that ends close to its
 * own end point. A pure function of the positions: which thread solves a group does not change it.
 */
final class SourceChains {

    /** No pair to start from: the straight line. */
    static final int NONE = -1;

    /**
     * One group: the pairs in solving order and, for each, the pair it starts from
     * ({@link #NONE} for the straight line).
     */
    record Chain(int[] pairs, int[] from) {
    }

    private SourceChains() {
    }

    /**
     * The chains of the pairs {@code which} (pair k joins nodes {@code first[k]} and
     * {@code second[k]}, the base point being {@code first[k]}).
     *
     * @param positions n·dim node coordinates (read)
     */
    static List<Chain> of(int[] which, int[] first, int[] second, double[] positions, int dim) {
        int n = positions.length / dim;
        int[] count = new int[n];
        for (int k : which) {
            count[first[k]]++;
        }
        int[][] groups = new int[n][];
        for (int a = 0; a < n; a++) {
            groups[a] = new int[count[a]];
        }
        Arrays.fill(count, 0);
        for (int k : which) {
            groups[first[k]][count[first[k]]++] = k;
        }
        List<Chain> chains = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (groups[a].length > 0) {
                chains.add(chain(a, groups[a], second, positions, dim));
            }
        }
        return chains;
    }

    private static Chain chain(int a, int[] group, int[] second, double[] positions, int dim) {
        int m = group.length;
        Integer[] order = new Integer[m];
        double[] fromBase = new double[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
            fromBase[i] = squared(positions, a, second[group[i]], dim);
        }
        Arrays.sort(order, (i, j) -> Double.compare(fromBase[i], fromBase[j]));
        int[] pairs = new int[m];
        int[] from = new int[m];
        for (int i = 0; i < m; i++) {
            int b = second[group[order[i]]];
            pairs[i] = group[order[i]];
            from[i] = NONE;
            double best = fromBase[order[i]];
            for (int j = 0; j < i; j++) {
                double dd = squared(positions, b, second[pairs[j]], dim);
                if (dd < best) {
                    best = dd;
                    from[i] = pairs[j];
                }
            }
        }
        return new Chain(pairs, from);
    }

    private static double squared(double[] positions, int i, int j, int dim) {
        double s = 0;
        for (int c = 0; c < dim; c++) {
            double t = positions[i * dim + c] - positions[j * dim + c];
            s += t * t;
        }
        return s;
    }
}
