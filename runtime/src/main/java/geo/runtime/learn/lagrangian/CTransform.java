package geo.runtime.learn.lagrangian;

import geo.runtime.optim.Lbfgs;
import geo.runtime.optim.Objective;
import geo.runtime.optim.OptimResult;
import geo.runtime.transport.cost.DiscreteAction;

/**
 * The c-transform of the dual potential g at a source x (Pooladian et al. 2024,
 * {@code neuraldual.py}): ŷ(x) = argmin_{y ∈ box} c(x, y) − g(y), where c(x, y) = min_q S(x, q, y)
 * is the minimal discrete action. Both minima are taken at once, by one L-BFGS over (q, y):
 * min_y [min_q S(x, q, y) − g(y)] = min_{q, y} [S(x, q, y) − g(y)]. Started at y = T(x) and
 * q = the amortised path's points a(x, T(x)) — the two amortisations of the method — so a few
 * iterations suffice once they are trained. As in the paper y is clipped to the task's box inside
 * the objective (the gradient of a clipped coordinate is 0) and at the output. L-BFGS runs in the
 * variables of {@link KineticChain} over the chain (q, y) with y a free end. Not thread-safe.
 */
public final class CTransform implements Objective {

    private final DiscreteAction action;
    private final Networks nets;
    private final double lo;
    private final double hi;
    private final int free;
    private final double[] x = new double[2];
    private final double[] y = new double[2];
    private final double[] gy = new double[2];
    private final double[] gEnd = new double[2];
    private final double[] gq;
    private final double[] q;
    private double[] theta;
    private final KineticChain chain;
    private final Objective preconditioned;
    private final double[] w;

    public CTransform(DiscreteAction action, Networks nets, Task task) {
        this.action = action;
        this.nets = nets;
        this.lo = task.lower();
        this.hi = task.upper();
        this.free = action.freeCount();
        this.gq = new double[free];
        this.q = new double[free];
        this.chain = new KineticChain(free / 2 + 1, 2, true);
        this.preconditioned = chain.wrap(this);
        this.w = new double[free + 2];
    }

    /** The number of variables, 2(T − 2) + 2. */
    public int size() {
        return free + 2;
    }

    /** Sets the source and the Lagrangian's θ. */
    public void set(double[] source, double[] lagrangianTheta) {
        x[0] = source[0];
        x[1] = source[1];
        theta = lagrangianTheta;
    }

    @Override
    public double valueAndGradient(double[] z, double[] grad) {
        y[0] = clip(z[free]);
        y[1] = clip(z[free + 1]);
        System.arraycopy(z, 0, q, 0, free);
        action.setProblem(x, y, theta);
        double s = action.evaluate(q, gq, null, gEnd, null);
        if (!Double.isFinite(s)) {
            return s;
        }
        double gv = nets.gGradient(y, 1, gy, null, null);
        System.arraycopy(gq, 0, grad, 0, free);
        for (int i = 0; i < 2; i++) {
            boolean inside = z[free + i] > lo && z[free + i] < hi;
            grad[free + i] = inside ? gEnd[i] - gy[i] : 0;
        }
        return s - gv;
    }

    private double clip(double v) {
        return Math.max(lo, Math.min(hi, v));
    }

    /**
     * Solves from z (on entry: the amortised start; on return: the minimiser with y clipped).
     *
     * @return the run; its value is c(x, ŷ) − g(ŷ) at the returned z
     */
    public OptimResult solve(Lbfgs lbfgs, double[] z) {
        chain.toW(z, w);
        OptimResult r = lbfgs.minimize(preconditioned, w);
        chain.toQ(w, z);
        z[free] = clip(z[free]);
        z[free + 1] = clip(z[free + 1]);
        return r;
    }
}
