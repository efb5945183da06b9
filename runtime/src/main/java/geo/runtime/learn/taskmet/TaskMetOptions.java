package geo.runtime.learn.taskmet;

/**
 * The settings of a run: TaskMet's published ones ({@code config/main.yaml},
 * {@code config/method/*.yaml}, {@code config/problem/*.yaml} of bamos/taskmet), per problem.
 *
 * @param iterations      the most outer iterations (an MSE/DFL iteration is one Adam step on a batch)
 * @param innerFirst      inner Adam steps at outer iteration 0 (TaskMet)
 * @param inner           inner Adam steps at later outer iterations (TaskMet)
 * @param predictorRate   Adam's rate for the predictor ({@code pred_lr})
 * @param metricRate      Adam's rate for the metric ({@code metric_lr})
 * @param batch           instances per task-loss batch (and per MSE/DFL step)
 * @param predictionBatch instances per inner step
 * @param implicitBatch   instances of the inner loss whose Hessian the implicit solve uses
 * @param clip            the inner gradient-norm clip
 * @param innerTolerance  stop the inner steps when ‖∇_θ‖₂ falls below this
 * @param cgIterations    CG iterations of the implicit solve (normal equations)
 * @param cgRidge         the ridge of the normal equations
 * @param validateEvery   iterations between validations
 * @param patience        stop when the validation loss has not improved for this many iterations
 * @param dflAlpha        the weight of the MSE term in DFL's loss
 */
public record TaskMetOptions(int iterations, int innerFirst, int inner, double predictorRate, double metricRate,
                             int batch, int predictionBatch, int implicitBatch, double clip, double innerTolerance,
                             int cgIterations, double cgRidge, int validateEvery, int patience, double dflAlpha) {

    /** The published most outer iterations ({@code iters} of {@code main.yaml}). */
    public static final int ITERATIONS = 1000;
    /** DFL's weight of the MSE term ({@code dflalpha} of {@code method/dfl.yaml}). */
    public static final double DFL_ALPHA = 1.0;

    /** The published inner steps at outer iteration 0 and later ({@code num_inner_iters_init}, {@code num_inner_iters}). */
    public static final int INNER_FIRST = 500;
    public static final int INNER = 100;
    /** The published CG iterations of the implicit solve ({@code solve_normal_cg}'s {@code maxiter}). */
    public static final int CG_ITERATIONS = 5;

    /** The shared settings: 1000 iterations, 500/100 inner steps, metric rate 1e-3, batches of 10, clip 1, CG 5 at ridge 1e-5, validation every 10, patience 100, DFL α = 1. */
    public static final TaskMetOptions DEFAULTS = new TaskMetOptions(ITERATIONS, INNER_FIRST, INNER, 1e-3, 1e-3, 100, 10, 10,
            1.0, 1e-3, CG_ITERATIONS, 1e-5, 10, 100, DFL_ALPHA);

    public TaskMetOptions {
        if (iterations < 1 || innerFirst < 0 || inner < 0 || !(predictorRate > 0) || !(metricRate > 0) || batch < 1
                || predictionBatch < 1 || implicitBatch < 1 || !(clip > 0) || !(innerTolerance >= 0)
                || cgIterations < 1 || !(cgRidge >= 0) || validateEvery < 1 || patience < 1 || !(dflAlpha >= 0)) {
            throw new IllegalArgumentException("invalid TaskMet options: " + this);
        }
    }

    /** The published settings of a problem: {@link #DEFAULTS} with its predictor rate and batch. */
    public static TaskMetOptions of(String problem) {
        return switch (problem) {
            case "cubic" -> DEFAULTS.withPredictorRate(0.1).withBatch(50);
            case "budget" -> DEFAULTS.withPredictorRate(1e-4).withBatch(100);
            case "portfolio" -> DEFAULTS.withPredictorRate(1e-2).withBatch(100);
            default -> throw new IllegalArgumentException("unknown problem '" + problem + "'");
        };
    }

    public TaskMetOptions withIterations(int value) {
        return new TaskMetOptions(value, innerFirst, inner, predictorRate, metricRate, batch, predictionBatch,
                implicitBatch, clip, innerTolerance, cgIterations, cgRidge, validateEvery, patience, dflAlpha);
    }

    public TaskMetOptions withInner(int first, int later) {
        return new TaskMetOptions(iterations, first, later, predictorRate, metricRate, batch, predictionBatch,
                implicitBatch, clip, innerTolerance, cgIterations, cgRidge, validateEvery, patience, dflAlpha);
    }

    public TaskMetOptions withCgIterations(int value) {
        return new TaskMetOptions(iterations, innerFirst, inner, predictorRate, metricRate, batch, predictionBatch,
                implicitBatch, clip, innerTolerance, value, cgRidge, validateEvery, patience, dflAlpha);
    }

    public TaskMetOptions withPredictorRate(double value) {
        return new TaskMetOptions(iterations, innerFirst, inner, value, metricRate, batch, predictionBatch,
                implicitBatch, clip, innerTolerance, cgIterations, cgRidge, validateEvery, patience, dflAlpha);
    }

    public TaskMetOptions withBatch(int value) {
        return new TaskMetOptions(iterations, innerFirst, inner, predictorRate, metricRate, value, predictionBatch,
                implicitBatch, clip, innerTolerance, cgIterations, cgRidge, validateEvery, patience, dflAlpha);
    }

    public TaskMetOptions withDflAlpha(double value) {
        return new TaskMetOptions(iterations, innerFirst, inner, predictorRate, metricRate, batch, predictionBatch,
                implicitBatch, clip, innerTolerance, cgIterations, cgRidge, validateEvery, patience, value);
    }

    public TaskMetOptions withPatience(int value) {
        return new TaskMetOptions(iterations, innerFirst, inner, predictorRate, metricRate, batch, predictionBatch,
                implicitBatch, clip, innerTolerance, cgIterations, cgRidge, validateEvery, value, dflAlpha);
    }
}
