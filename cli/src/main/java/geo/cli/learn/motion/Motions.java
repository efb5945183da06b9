package geo.cli.learn.motion;

import geo.runtime.api.FunctionKernels;
import geo.runtime.learn.motion.MotionPlanner;
import geo.runtime.load.Model;
import java.util.List;

/**
 * Motions between two states under a fitted skill: the ends encoded to their latent means, a path
 * between them (a geodesic of one of the latent metrics, or the latent straight line), decoded to
 * the data space. A baseline outside the latent space, the straight line in the data space
 * (p linear, q by slerp), is here too.
 */
final class Motions {

    /** How a motion is made. */
    enum Method {
        /** The geodesic of the expected pullback metric (with obstacles when there are any). */
        GEODESIC("geodesic of J_μᵀJ_μ + J_σᵀJ_σ"),
        /** The geodesic of J_μᵀJ_μ alone. */
        MEAN("geodesic of J_μᵀJ_μ alone"),
        /** The latent straight line, which is also the geodesic of the Euclidean latent metric. */
        STRAIGHT("latent straight line (= Euclidean-latent geodesic)"),
        /** The straight line between the two states in the data space. */
        DATA("data-space straight line (p linear, q slerp)");

        final String label;

        Method(String label) {
            this.label = label;
        }
    }

    /**
     * A motion: the latent curve (null for {@link Method#DATA}) and the decoded states.
     *
     * @param status the planner's status; CONVERGED for paths that need no optimisation
     */
    record Motion(Method method, MotionPlanner.Status status, double[][] latent, double[][] states, String message) {

        double[][] positions() {
            double[][] p = new double[states.length][];
            for (int i = 0; i < states.length; i++) {
                p[i] = new double[] {states[i][0], states[i][1]};
            }
            return p;
        }

        double[][] orientations() {
            double[][] q = new double[states.length][];
            for (int i = 0; i < states.length; i++) {
                q[i] = new double[] {states[i][2], states[i][3], states[i][4]};
            }
            return q;
        }
    }

    private final Skill skill;
    private final double[] theta;
    private final FunctionKernels decoder;
    private final int iterations;

    /** @param iterations L-BFGS iterations at most per geodesic */
    Motions(Skill skill, double[] theta, int iterations) {
        this.skill = skill;
        this.theta = theta.clone();
        this.decoder = skill.decode.function();
        this.iterations = iterations;
    }

    Motions(Skill skill, double[] theta) {
        this(skill, theta, MotionPlanner.Options.MAX_ITERATIONS);
    }

    double[] theta() {
        return theta.clone();
    }

    /** A motion from state a to state b, sampled at {@code points} equal steps of the curve parameter. */
    Motion motion(double[] a, double[] b, Method method, List<Skill.Obstacle> obstacles, double alpha, int points) {
        if (method == Method.DATA) {
            return new Motion(method, MotionPlanner.Status.CONVERGED, null, dataLine(a, b, points), "");
        }
        double[] za = skill.encode(a, theta);
        double[] zb = skill.encode(b, theta);
        double[][] latent = new double[points][];
        MotionPlanner.Status status = MotionPlanner.Status.CONVERGED;
        String message = "";
        if (method == Method.STRAIGHT) {
            for (int i = 0; i < points; i++) {
                double t = (double) i / (points - 1);
                latent[i] = new double[] {za[0] + t * (zb[0] - za[0]), za[1] + t * (zb[1] - za[1])};
            }
        } else {
            Skill.Metric which = method == Method.MEAN ? Skill.Metric.MEAN
                    : obstacles.isEmpty() ? Skill.Metric.FULL : Skill.Metric.AVOID;
            Model m = skill.metric(which);
            double[] th = skill.thetaFor(m, theta, obstacles, alpha);
            MotionPlanner planner = new MotionPlanner(m.metric(), m.lagrangian(), skill.plannerOptions(theta).withIterations(iterations));
            MotionPlanner.Motion r = planner.plan(za, zb, th, MotionPlanner.Init.GRID);
            status = r.status();
            message = r.message();
            for (int i = 0; i < points; i++) {
                latent[i] = new double[2];
                r.path().position((double) i / (points - 1), latent[i]);
            }
        }
        double[][] states = new double[points][];
        for (int i = 0; i < points; i++) {
            states[i] = skill.decode(decoder, latent[i], theta);
        }
        return new Motion(method, status, latent, states, message);
    }

    /** p linear from a to b, q along the great circle (slerp). */
    static double[][] dataLine(double[] a, double[] b, int points) {
        double[][] out = new double[points][];
        double dot = a[2] * b[2] + a[3] * b[3] + a[4] * b[4];
        double omega = Math.acos(Math.max(-1, Math.min(1, dot)));
        for (int i = 0; i < points; i++) {
            double t = (double) i / (points - 1);
            double wa = omega < 1e-9 ? 1 - t : Math.sin((1 - t) * omega) / Math.sin(omega);
            double wb = omega < 1e-9 ? t : Math.sin(t * omega) / Math.sin(omega);
            out[i] = new double[] {a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]),
                wa * a[2] + wb * b[2], wa * a[3] + wb * b[3], wa * a[4] + wb * b[4]};
        }
        return out;
    }
}
