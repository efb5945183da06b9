package geo.runtime.learn.embed;

import geo.runtime.learn.Checks;
import java.util.ArrayList;
import java.util.List;
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
 *                       seed, objective and steps, on every pair, and start from that embedding and its scale
 * @param layout         where positions start when none are given: seeded random ones, or the
 *                       graph's classical-MDS layout ({@link Mds}) plus the same seeded jitter
 * @param starts         how many runs to make (≥ 1), each from its own seed (the first from the run's),
 *                       keeping the one whose training objective over all pairs is lowest
 *                       ({@link Trainer}); the worst-case distortion does not choose
 * @param layoutScales   the sizes of the {@link Layout#MDS} layout, one per start in turn (start j
 *                       uses entry j mod size): at size c graph distance 1 is length c from the
 *                       origin, so in the hyperbolic spaces c = 1 starts with the curvature at the
 *                       graph's own size and a small c (0.05) in the nearly flat region near the
 *                       origin, which suits grid-like graphs (FOLDING.md, session 10); ≥ 1 entries, each &gt; 0
 */
public record Init(double spread, Optional<double[]> parameters, Optional<double[][]> positions, double scale,
                   int pretrainEpochs, Layout layout, int starts, List<Double> layoutScales) {

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
            return Keys.find(values(), Layout::key, key);
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
    /** {@link #layoutScales()} by default (also the CLI's default of {@code --init-scales}): unit speed. */
    public static final String LAYOUT_SCALES = "1";

    /** Seeded positions in [−0.01, 0.01], the space's θ, scale 1, no pretraining. */
    public static final Init DEFAULTS = new Init(SPREAD, Optional.empty(), Optional.empty(), 1, PRETRAIN_EPOCHS,
            Layout.of(LAYOUT).orElseThrow(), STARTS, parseScales(LAYOUT_SCALES));

    /** The layout scales written as a comma-separated list, e.g. "1,0.05". */
    public static List<Double> parseScales(String text) {
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            try {
                out.add(Double.parseDouble(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("layout scales: '" + part.trim()
                        + "' is not a number (give e.g. 1,0.05)");
            }
        }
        return out;
    }

    /** The layout scale of start j (0-based): entry j mod size. */
    public double layoutScale(int start) {
        return layoutScales.get(start % layoutScales.size());
    }

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
        if (layoutScales == null || layoutScales.isEmpty()) {
            throw new IllegalArgumentException("layoutScales must have at least one entry");
        }
        for (Double c : layoutScales) {
            if (c == null || !(c > 0) || c.isInfinite()) {
                throw new IllegalArgumentException("layout scales must be finite and > 0, got " + c);
            }
        }
        layoutScales = List.copyOf(layoutScales);
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
        return new Init(value, parameters, positions, scale, pretrainEpochs, layout, starts, layoutScales);
    }

    /** This start with {@link #parameters()} replaced (null: the space's own). */
    public Init withParameters(double[] value) {
        return new Init(spread, Optional.ofNullable(value), positions, scale, pretrainEpochs, layout, starts,
                layoutScales);
    }

    /** This start with {@link #positions()} replaced (null: seeded random ones). */
    public Init withPositions(double[][] value) {
        return new Init(spread, parameters, Optional.ofNullable(value), scale, pretrainEpochs, layout, starts,
                layoutScales);
    }

    /** This start with {@link #scale()} replaced. */
    public Init withScale(double value) {
        return new Init(spread, parameters, positions, value, pretrainEpochs, layout, starts, layoutScales);
    }

    /** This start with {@link #pretrainEpochs()} replaced. */
    public Init withPretrainEpochs(int value) {
        return new Init(spread, parameters, positions, scale, value, layout, starts, layoutScales);
    }

    /** This start with {@link #layout()} replaced. */
    public Init withLayout(Layout value) {
        return new Init(spread, parameters, positions, scale, pretrainEpochs, value, starts, layoutScales);
    }

    /** This start with {@link #starts()} replaced. */
    public Init withStarts(int value) {
        return new Init(spread, parameters, positions, scale, pretrainEpochs, layout, value, layoutScales);
    }

    /** This start with {@link #layoutScales()} replaced. */
    public Init withLayoutScales(List<Double> value) {
        return new Init(spread, parameters, positions, scale, pretrainEpochs, layout, starts, value);
    }

    private static double[][] deepCopy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }
}
