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
 * @param layout         where positions start when none are given: seeded random ones, or the
 *                       graph's classical-MDS layout ({@link Mds}) plus the same seeded jitter
 * @param starts         how many runs to make (≥ 1), each from its own seed (the first from the run's),
 *                       keeping the one whose training objective over all pairs is lowest
 *                       ({@link Trainer}); the worst-case distortion does not choose
 */
public record Init(double spread, Optional<double[]> parameters, Optional<double[][]> positions, double scale,
                   int pretrainEpochs, Layout layout, int starts) {

    /** Where positions start when none are given. */
    public enum Layout {
        /** Uniform in [−spread, spread] per coordinate, seeded, then projected. */
        RANDOM,
        /** Classical MDS of the graph distances, carried into the space at unit speed ({@link Mds}). */
        MDS;

        /** The CLI's name: random or mds. */
        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The layout whose {@link #key()} is {@code key}, or empty. */
        public static Optional<Layout> of(String key) {
            for (Layout l : values()) {
                if (l.key().equals(key)) {
                    return Optional.of(l);
                }
            }
            return Optional.empty();
        }
    }

    /** {@link #spread()} by default. */
    public static final double SPREAD = 1e-2;
    /** {@link #pretrainEpochs()} by default (also the CLI's default of {@code --pretrain}). */
    public static final int PRETRAIN_EPOCHS = 0;
    /** {@link #layout()} by default (the key is also the CLI's default of {@code --init}). */
    public static final String LAYOUT = "random";
    /** {@link #starts()} by default (also the CLI's default of {@code --starts}). */
    public static final int STARTS = 1;

    /** Seeded positions in [−0.01, 0.01], the space's θ, scale 1, no pretraining. */
    public static final Init DEFAULTS = new Init(SPREAD, Optional.empty(), Optional.empty(), 1, PRETRAIN_EPOCHS,
            Layout.of(LAYOUT).orElseThrow(), STARTS);

    /** @throws IllegalArgumentException when a number is out of its range (the message names it) */
    public Init {
        Checks.positive("initialSpread", spread);
        Checks.positive("initialScale", scale);
        if (pretrainEpochs < 0) {
            throw new IllegalArgumentException("pretrainEpochs must be ≥ 0, got " + pretrainEpochs);
        }
        if (layout == null) {
            throw new IllegalArgumentException("layout must not be null");
        }
        if (starts < 1) {
            throw new IllegalArgumentException("starts must be ≥ 1, got " + starts);
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
        return new Init(value, parameters, positions, scale, pretrainEpochs, layout, starts);
    }

    /** This start with {@link #parameters()} replaced (null: the space's own). */
    public Init withParameters(double[] value) {
        return new Init(spread, Optional.ofNullable(value), positions, scale, pretrainEpochs, layout, starts);
    }

    /** This start with {@link #positions()} replaced (null: seeded random ones). */
    public Init withPositions(double[][] value) {
        return new Init(spread, parameters, Optional.ofNullable(value), scale, pretrainEpochs, layout, starts);
    }

    /** This start with {@link #scale()} replaced. */
    public Init withScale(double value) {
        return new Init(spread, parameters, positions, value, pretrainEpochs, layout, starts);
    }

    /** This start with {@link #pretrainEpochs()} replaced. */
    public Init withPretrainEpochs(int value) {
        return new Init(spread, parameters, positions, scale, value, layout, starts);
    }

    /** This start with {@link #layout()} replaced. */
    public Init withLayout(Layout value) {
        return new Init(spread, parameters, positions, scale, pretrainEpochs, value, starts);
    }

    /** This start with {@link #starts()} replaced. */
    public Init withStarts(int value) {
        return new Init(spread, parameters, positions, scale, pretrainEpochs, layout, value);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
