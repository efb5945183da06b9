package geo.runtime.learn.population;

import geo.runtime.api.MetricKernels;

/**
 * The alignment score ℓ_align of Scarvelis &amp; Solomon ("Riemannian metric learning via optimal
 * transport", ICLR 2023, {@code pytorch_utils.py::eigs_similarity_metric}) and Pooladian et al.
 * ("Neural optimal transport with Lagrangian costs", UAI 2024, {@code eval_alignment}): on the
 * 100 × 100 grid x = linspace(xmin, xmax, 100) × y = linspace(ymin, ymax, 100),
 * <pre>  ℓ_align = (1/N) Σ_points |⟨e_min(G_true(p)), e_min(G_learned(p))⟩|,</pre>
 * e_min the unit eigenvector of the smaller eigenvalue of each <em>metric</em> (the cheapest
 * direction). In 2-D the two papers' sums over both eigenvector pairs equal this, since the major
 * eigenvectors are the minor ones turned by 90°. Scarvelis' learned A is a co-metric (its metric is
 * A⁻¹), so its major eigenvector is compared there; a model here always declares the metric itself
 * (the Scarvelis model's is {@code inv(A)}), so one definition serves both.
 *
 * <p>Eigenvectors come from the closed form of a symmetric 2 × 2 matrix [[a, b], [b, c]]: the major
 * eigenvector's angle is ½·atan2(2b, a − c), the minor one's that plus π/2. A matrix with b = 0 and
 * a = c (isotropic) has every direction as an eigenvector; like {@code numpy.linalg.eigh}, which
 * returns the standard basis in ascending order, its minor eigenvector is then taken to be e₁ (with
 * it the identity metric scores 0.648 / 0.707 / 0.707 on Circle / Mass Splitting / X Paths).
 */
public final class Alignment {

    /** Points per axis of the grid (100, as in both papers). */
    public static final int GRID = 100;

    private Alignment() {
    }

    /** Why a score could not be computed. */
    public enum Status {
        /** Computed. */
        OK,
        /** A metric was not finite somewhere on the grid. */
        NOT_FINITE,
        /** A model is not two-dimensional. */
        NOT_PLANAR
    }

    /**
     * A score.
     *
     * @param status OK, or why there is no score
     * @param score  ℓ_align ∈ [0, 1] when OK, otherwise 0
     * @param detail where it failed (empty when OK)
     */
    public record Result(Status status, double score, String detail) {
        public boolean ok() {
            return status == Status.OK;
        }
    }

    /** ℓ_align of a learned metric (θ_l) against a true metric (θ_t) on a {@value #GRID}² grid over the box. */
    public static Result score(MetricKernels learned, double[] thetaLearned, MetricKernels truth, double[] thetaTruth,
                               Box box) {
        return score(learned, thetaLearned, truth, thetaTruth, box, GRID);
    }

    /** ℓ_align on an n × n grid. */
    public static Result score(MetricKernels learned, double[] thetaLearned, MetricKernels truth, double[] thetaTruth,
                               Box box, int n) {
        if (learned.descriptor().dimension() != 2 || truth.descriptor().dimension() != 2) {
            return new Result(Status.NOT_PLANAR, 0, "the alignment score is defined for 2-D metrics; the learned model has "
                    + learned.descriptor().dimension() + " coordinates and the true one "
                    + truth.descriptor().dimension());
        }
        double[] p = new double[2];
        double[] gl = new double[4];
        double[] gt = new double[4];
        double[] el = new double[2];
        double[] et = new double[2];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[0] = Box.linspace(box.xmin(), box.xmax(), n, i);
            for (int j = 0; j < n; j++) {
                p[1] = Box.linspace(box.ymin(), box.ymax(), n, j);
                learned.metric(p, thetaLearned, gl);
                truth.metric(p, thetaTruth, gt);
                if (!minorEigenvector(gl, el) || !minorEigenvector(gt, et)) {
                    return new Result(Status.NOT_FINITE, 0, "the " + (finite(gl) ? "true" : "learned")
                            + " metric is not finite at (" + p[0] + ", " + p[1] + ")");
                }
                sum += Math.abs(el[0] * et[0] + el[1] * et[1]);
            }
        }
        return new Result(Status.OK, sum / ((double) n * n), "");
    }

    /**
     * The unit eigenvector of the smaller eigenvalue of the symmetric part of the 2 × 2 matrix g
     * (row-major), written to e; e₁ for an isotropic matrix. False when g is not finite.
     */
    public static boolean minorEigenvector(double[] g, double[] e) {
        if (!finite(g)) {
            return false;
        }
        double a = g[0];
        double b = 0.5 * (g[1] + g[2]);
        double c = g[3];
        if (b == 0 && a == c) {
            e[0] = 1;
            e[1] = 0;
            return true;
        }
        double major = 0.5 * Math.atan2(2 * b, a - c);
        e[0] = -Math.sin(major);
        e[1] = Math.cos(major);
        return true;
    }

    private static boolean finite(double[] g) {
        for (double v : g) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
