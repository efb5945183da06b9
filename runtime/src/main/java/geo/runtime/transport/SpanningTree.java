package geo.runtime.transport;

import java.util.Arrays;

/**
 * The basis of {@link NetworkSimplex}: a spanning tree over the n sources (nodes 0..n−1), the m
 * sinks (nodes n..n+m−1) and the artificial root (node n + m), with per node its parent, the arc to
 * it, the arc's direction, the flow on it, its depth and potential, and a list of children. Real
 * arc e = i·m + j goes from source i to sink n + j; artificial arc n·m + k joins node k and the
 * root. Only tree arcs carry flow, so flows are stored per node (the flow on the arc to the parent).
 */
final class SpanningTree {

    private static final int UP = 1;   // the arc goes from the node to its parent
    private static final int DOWN = -1; // the arc goes from the parent to the node

    private final int n;
    private final int m;
    private final int root;
    private final int arcs;
    private final double[] cost;
    private final double[] a;
    private final double[] b;
    private final double artificialCost;
    private final double scale;

    private final int[] parent;
    private final int[] pred;
    private final int[] dir;
    private final int[] depth;
    private final double[] flow;
    private final double[] pi;
    private final int[] firstChild;
    private final int[] nextSibling;
    private final int[] prevSibling;
    private final int[] stack;
    private final int blockSize;
    private int nextArc;

    SpanningTree(CostMatrix c, double[] a, double[] b) {
        this.n = c.rows();
        this.m = c.cols();
        this.root = n + m;
        this.arcs = n * m;
        this.cost = c.values();
        this.a = a;
        this.b = b;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : cost) {
            max = Math.max(max, x);
        }
        double maxAbs = c.maxAbs();
        // More than any direct arc, so an optimal flow never passes through the root.
        this.artificialCost = max + (maxAbs > 0 ? maxAbs : 1);
        this.scale = maxAbs > 0 ? 2 * maxAbs : 1;
        int nodes = root + 1;
        parent = new int[nodes];
        pred = new int[nodes];
        dir = new int[nodes];
        depth = new int[nodes];
        flow = new double[nodes];
        pi = new double[nodes];
        firstChild = new int[nodes];
        nextSibling = new int[nodes];
        prevSibling = new int[nodes];
        stack = new int[nodes];
        blockSize = Math.max(10, (int) Math.ceil(Math.sqrt(arcs)));
        Arrays.fill(firstChild, -1);
        parent[root] = -1;
        pred[root] = -1;
        for (int k = 0; k < root; k++) {
            parent[k] = root;
            pred[k] = arcs + k;
            depth[k] = 1;
            if (k >= n && b[k - n] > 0) {
                dir[k] = DOWN;
                flow[k] = b[k - n];
                pi[k] = artificialCost;
            } else {
                dir[k] = UP;
                flow[k] = k < n ? a[k] : 0;
                pi[k] = 0;
            }
            link(k, root);
        }
    }

    /** Pivots until optimal or the limit; then certifies. */
    ExactResult run(int maxPivots, double imbalance, double total) {
        double tol = NetworkSimplex.DUAL_TOLERANCE * scale;
        int pivots = 0;
        while (true) {
            int e = blockSearch(tol);
            if (e < 0) {
                refresh();
                e = fullSearch(tol);
                if (e < 0) {
                    break;
                }
            }
            if (pivots == maxPivots) {
                return result(OtStatus.ITERATION_LIMIT, pivots);
            }
            pivot(e);
            pivots++;
        }
        double massTol = imbalance + NetworkSimplex.MASS_TOLERANCE * total;
        return result(certified(tol, massTol) ? OtStatus.OPTIMAL : OtStatus.FAILED, pivots);
    }

    private boolean inTree(int e, int s, int t) {
        return (parent[s] == t && pred[s] == e) || (parent[t] == s && pred[t] == e);
    }

    /**
     * Block search pivot rule: scan the arcs cyclically from where the last search stopped, in
     * blocks of {@code blockSize}; return the most negative reduced cost of the first block that has one.
     */
    private int blockSearch(double tol) {
        double min = -tol;
        int best = -1;
        int count = blockSize;
        int e = nextArc;
        int i = e / m;
        int j = e - i * m;
        double pii = pi[i];
        for (int k = 0; k < arcs; k++) {
            double r = cost[e] + pii - pi[n + j];
            if (r < min && !inTree(e, i, n + j)) {
                min = r;
                best = e;
            }
            e++;
            if (++j == m) {
                j = 0;
                if (++i == n) {
                    i = 0;
                    e = 0;
                }
                pii = pi[i];
            }
            if (--count == 0) {
                if (best >= 0) {
                    nextArc = e;
                    return best;
                }
                count = blockSize;
            }
        }
        nextArc = e;
        return best;
    }

    /** The arc of most negative reduced cost below −tol, or −1: the final pricing pass. */
    private int fullSearch(double tol) {
        double min = -tol;
        int best = -1;
        for (int i = 0; i < n; i++) {
            int base = i * m;
            double pii = pi[i];
            for (int j = 0; j < m; j++) {
                double r = cost[base + j] + pii - pi[n + j];
                if (r < min && !inTree(base + j, i, n + j)) {
                    min = r;
                    best = base + j;
                }
            }
        }
        return best;
    }

    /** Pushes flow around the cycle arc e closes, lets the last blocking arc leave (Cunningham), re-hangs the tree. */
    private void pivot(int e) {
        int s = e / m;
        int t = n + (e - s * m);
        double rc = cost[e] + pi[s] - pi[t];
        int x = s;
        int y = t;
        while (x != y) {
            if (depth[x] > depth[y]) {
                x = parent[x];
            } else if (depth[y] > depth[x]) {
                y = parent[y];
            } else {
                x = parent[x];
                y = parent[y];
            }
        }
        int join = x;
        // The cycle is oriented s → t, then up from t to join, then down from join to s. Blocking
        // arcs are those it traverses against their direction. Cunningham's rule takes the last
        // one met from join: on the s side the one nearest s (strict <), else on the t side the
        // one nearest join (≤, which also prefers the t side on ties).
        double delta = Double.POSITIVE_INFINITY;
        int out = -1;
        boolean sourceSide = false;
        for (int w = s; w != join; w = parent[w]) {
            if (dir[w] == UP && flow[w] < delta) {
                delta = flow[w];
                out = w;
                sourceSide = true;
            }
        }
        for (int w = t; w != join; w = parent[w]) {
            if (dir[w] == DOWN && flow[w] <= delta) {
                delta = flow[w];
                out = w;
                sourceSide = false;
            }
        }
        if (out < 0) {
            throw new IllegalStateException("unbounded cycle in a transportation problem: arc " + e);
        }
        if (delta > 0) {
            for (int w = s; w != join; w = parent[w]) {
                flow[w] += dir[w] == UP ? -delta : delta;
            }
            for (int w = t; w != join; w = parent[w]) {
                flow[w] += dir[w] == DOWN ? -delta : delta;
            }
        }
        // Re-hang the subtree below the leaving arc from the entering arc, reversing the stem
        // between the entering end point and the leaving arc's child.
        int top = sourceSide ? s : t;
        int prev = sourceSide ? t : s;
        int arc = e;
        int d = sourceSide ? UP : DOWN;
        double f = delta;
        int w = top;
        while (true) {
            int oldParent = parent[w];
            int oldArc = pred[w];
            int oldDir = dir[w];
            double oldFlow = flow[w];
            unlink(w);
            parent[w] = prev;
            pred[w] = arc;
            dir[w] = d;
            flow[w] = f;
            link(w, prev);
            if (w == out) {
                break;
            }
            prev = w;
            arc = oldArc;
            d = -oldDir;
            f = oldFlow;
            w = oldParent;
        }
        // The moved subtree keeps its tight arcs, so its potentials shift by one constant that
        // makes the entering arc tight; its depths change along the reversed stem.
        double sigma = sourceSide ? -rc : rc;
        int sp = 0;
        stack[sp++] = top;
        while (sp > 0) {
            int z = stack[--sp];
            pi[z] += sigma;
            depth[z] = depth[parent[z]] + 1;
            for (int ch = firstChild[z]; ch >= 0; ch = nextSibling[ch]) {
                stack[sp++] = ch;
            }
        }
    }

    private double arcCost(int arc) {
        if (arc < arcs) {
            return cost[arc];
        }
        int k = arc - arcs;
        return k >= n && b[k - n] > 0 ? artificialCost : 0;
    }

    /** Potentials and flows recomputed from the tree and the supplies, free of accumulated rounding. */
    private void refresh() {
        int count = 0;
        int sp = 0;
        stack[sp++] = root;
        int[] order = new int[root + 1];
        while (sp > 0) {
            int z = stack[--sp];
            order[count++] = z;
            if (z != root) {
                int p = parent[z];
                depth[z] = depth[p] + 1;
                double c = arcCost(pred[z]);
                pi[z] = dir[z] == UP ? pi[p] - c : pi[p] + c;
            }
            for (int ch = firstChild[z]; ch >= 0; ch = nextSibling[ch]) {
                stack[sp++] = ch;
            }
        }
        double[] net = new double[root + 1];
        for (int k = 0; k < root; k++) {
            net[k] = k < n ? a[k] : -b[k - n];
        }
        for (int q = count - 1; q > 0; q--) {
            int z = order[q];
            double f = dir[z] == UP ? net[z] : -net[z];
            // Rounding can leave −1e-17 on a degenerate arc; the certificate bounds the marginals.
            flow[z] = Math.max(f, 0);
            net[parent[z]] += net[z];
        }
    }

    private boolean certified(double tol, double massTol) {
        // Costs near the double range can overflow the artificial cost or the potentials.
        if (!Double.isFinite(tol)) {
            return false;
        }
        for (double p : pi) {
            if (!Double.isFinite(p)) {
                return false;
            }
        }
        double[] rows = new double[n];
        double[] cols = new double[m];
        for (int z = 0; z < root; z++) {
            int e = pred[z];
            if (e < arcs && flow[z] > 0) {
                int i = e / m;
                int j = e - i * m;
                rows[i] += flow[z];
                cols[j] += flow[z];
                if (Math.abs(cost[e] + pi[i] - pi[n + j]) > tol) {
                    return false;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (Math.abs(rows[i] - a[i]) > massTol) {
                return false;
            }
        }
        for (int j = 0; j < m; j++) {
            if (Math.abs(cols[j] - b[j]) > massTol) {
                return false;
            }
        }
        return true; // dual feasibility: fullSearch found no reduced cost below −tol
    }

    private ExactResult result(OtStatus status, int pivots) {
        int size = 0;
        for (int z = 0; z < root; z++) {
            if (pred[z] < arcs && flow[z] > 0) {
                size++;
            }
        }
        int[] from = new int[size];
        int[] to = new int[size];
        double[] mass = new double[size];
        int k = 0;
        double total = 0;
        for (int z = 0; z < root; z++) {
            int e = pred[z];
            if (e < arcs && flow[z] > 0) {
                from[k] = e / m;
                to[k] = e - from[k] * m;
                mass[k] = flow[z];
                total += flow[z] * cost[e];
                k++;
            }
        }
        // u_i = −π_i, v_j = π_j, shifted by a constant (which changes no u_i + v_j) so that
        // min u = 0: the artificial cost otherwise offsets both by about A.
        double shift = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            shift = Math.min(shift, -pi[i]);
        }
        double[] u = new double[n];
        double[] v = new double[m];
        for (int i = 0; i < n; i++) {
            u[i] = -pi[i] - shift;
        }
        for (int j = 0; j < m; j++) {
            v[j] = pi[n + j] + shift;
        }
        return new ExactResult(status, total, new TransportPlan(n, m, from, to, mass), u, v, new int[0], pivots);
    }

    private void link(int child, int p) {
        int first = firstChild[p];
        nextSibling[child] = first;
        prevSibling[child] = -1;
        if (first >= 0) {
            prevSibling[first] = child;
        }
        firstChild[p] = child;
    }

    private void unlink(int child) {
        int p = parent[child];
        int prev = prevSibling[child];
        int next = nextSibling[child];
        if (prev >= 0) {
            nextSibling[prev] = next;
        } else {
            firstChild[p] = next;
        }
        if (next >= 0) {
            prevSibling[next] = prev;
        }
    }
}
