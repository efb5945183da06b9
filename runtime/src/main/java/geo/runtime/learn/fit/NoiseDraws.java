package geo.runtime.learn.fit;

import geo.runtime.api.ModelDescriptor.Input;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fills the noise inputs of a loss (sources {@link Input.Source#NORMAL} and
 * {@link Input.Source#UNIFORM}) for one row of one pass. The draws of (seed, stream, row) come from
 * a {@link SplittableRandom} seeded by a hash of the three, so they do not depend on the batch
 * order, the batch size, the thread that evaluates the row, or the rows before it: fresh for every
 * epoch (the stream) and row, and reproducible from the run's seed. Elements are drawn in slot order:
 * normal ones by {@link SplittableRandom#nextGaussian()}, uniform ones in [0, 1) by
 * {@link SplittableRandom#nextDouble()}.
 */
public final class NoiseDraws {

    /** The stream of the validation pass: the same draws every epoch, so epochs compare like for like. */
    public static final long VALIDATION = -1;
    /** The stream of L-BFGS's objective: one fixed sample (a deterministic objective for the line search). */
    public static final long FIXED = -2;
    /** The stream of {@code geo eval}: one draw per row. */
    public static final long EVALUATION = -3;

    private final int[] offsets;
    private final int[] sizes;
    private final boolean[] normal;

    public NoiseDraws(List<Input> inputs) {
        List<Input> noise = new ArrayList<>();
        for (Input in : inputs) {
            if (in.source() != Input.Source.DATA) {
                noise.add(in);
            }
        }
        offsets = new int[noise.size()];
        sizes = new int[noise.size()];
        normal = new boolean[noise.size()];
        for (int k = 0; k < noise.size(); k++) {
            offsets[k] = noise.get(k).offset();
            sizes[k] = noise.get(k).size();
            normal[k] = noise.get(k).source() == Input.Source.NORMAL;
        }
    }

    /** Whether there is anything to draw. */
    public boolean any() {
        return offsets.length > 0;
    }

    /** Writes the draws of (seed, stream, row) into the noise slots of {@code in}. */
    public void fill(double[] in, long seed, long stream, int row) {
        if (offsets.length == 0) {
            return;
        }
        SplittableRandom random = new SplittableRandom(mix(mix(mix(seed) ^ stream) ^ row));
        for (int k = 0; k < offsets.length; k++) {
            for (int i = offsets[k], end = offsets[k] + sizes[k]; i < end; i++) {
                in[i] = normal[k] ? random.nextGaussian() : random.nextDouble();
            }
        }
    }

    /** The 64-bit finaliser of MurmurHash3 (Appleby), a bijection that spreads every input bit. */
    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }
}
