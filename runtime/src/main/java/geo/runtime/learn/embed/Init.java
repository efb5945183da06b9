package geo.runtime.learn.embed;

import geo.runtime.learn.Checks;
import java.util.Optional;

/**
 * Where a graph embedding starts. Arrays are copied in and out, so a record is immutable.
 *
 * @param spread         seeded initial coordinates are uniform in [−spread, spread], then projected, &gt; 0
 * @param parameters     the θ training starts from, or empty for the space's own
 *                       {@link geo.runtime.manifold.EmbeddingSpace#initialParameters(long)}
 *                       drawn with the run's seed
 * @param positions      the node positions training starts from (n × dimension), for instance an
 *                       embedding trained before in a cheaper space, or empty for seeded random ones
 * @param scale          the scale s a scale-free loss starts from, &gt; 0; goes with positions
 * @param pretrainEpochs when &gt; 0 (and no positions are given), first train this many epochs in the
 *                       Euclidean space of the same dimension (closed form, fast) with the same
 *                       seed, objective and steps, and start from that embedding and its scale
 */
public record Init(double spread, Optional<double[]> parameters, Optional<double[][]> positions, double scale,
                   int pretrainEpochs) {

    /** {@link #spread()} by default. */
    public static final double SPREAD = 1e-2;
    /** {@link #pretrainEpochs()} by default (also the CLI's default of {@code --pretrain}). */
    public static final int PRETRAIN_EPOCHS = 0;

    /** Seeded positions in [−0.01, 0.01], the space's θ, scale 1, no pretraining. */
    public static final Init DEFAULTS = new Init(SPREAD, Optional.empty(), Optional.empty(), 1, PRETRAIN_EPOCHS);

    /** @throws IllegalArgumentException when a number is out of its range (the message names it) */
    public Init {
        Checks.positive("initialSpread", spread);
        Checks.positive("initialScale", scale);
        if (pretrainEpochs < 0) {
            throw new IllegalArgumentException("pretrainEpochs must be ≥ 0, got " + pretrainEpochs);
        }
        parameters = parameters.map(double[]::clone);
        positions = positions.map(Init::deepCopy);
    }

    @Override
    public Optional<double[]> parameters() {
        return parameters.map(double[]::clone);
    }

    @Override
    public Optional<double[][]> positions() {
        return positions.map(Init::deepCopy);
    }

    /** This start with {@link #spread()} replaced. */
    public Init withSpread(double value) {
        return new Init(value, parameters, positions, scale, pretrainEpochs);
    }

    /** This start with {@link #parameters()} replaced (null: the space's own). */
    public Init withParameters(double[] value) {
        return new Init(spread, Optional.ofNullable(value), positions, scale, pretrainEpochs);
    }

    /** This start with {@link #positions()} replaced (null: seeded random ones). */
    public Init withPositions(double[][] value) {
        return new Init(spread, parameters, Optional.ofNullable(value), scale, pretrainEpochs);
    }

    /** This start with {@link #scale()} replaced. */
    public Init withScale(double value) {
        return new Init(spread, parameters, positions, value, pretrainEpochs);
    }

    /** This start with {@link #pretrainEpochs()} replaced. */
    public Init withPretrainEpochs(int value) {
        return new Init(spread, parameters, positions, scale, value);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
