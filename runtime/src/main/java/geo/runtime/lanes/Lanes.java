package geo.runtime.lanes;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The species of batch kernels (generated code reads {@link #SPECIES} and {@link #LENGTH} and
 * calls {@code DoubleVector}'s methods directly: C2 inlines those by force, whereas calls of the
 * wrappers below were cut off by its inlining node limit in large kernels), the batch
 * integrator's vector check {@link #allWithin}, and lane-wise arithmetic on {@code DoubleVector}s
 * of the platform's preferred species (8 lanes with
 * AVX-512, 4 with AVX2), for the vector loops of generated batch kernels: the kernel's per-point
 * straight-line code with every {@code double} a vector of {@link #LENGTH} points. Each method
 * is one IEEE 754 operation per lane — add, subtract, multiply, divide, negate, each
 * correctly rounded exactly as the scalar bytecode ({@code dadd}, ..., {@code dneg}) —
 * so a lane computes the bits the per-point kernel computes (no fused multiply–add is ever
 * formed). Functions (sqrt, sin, exp, tanh, ...) are not here: generated code spills the lanes
 * to an array and calls the scalar {@code Math} method per lane, for the same bits.
 *
 * <p>Why static methods with {@code DoubleVector} in every signature: the JVM's verifier checks
 * that an argument is assignable to a parameter's type, and for {@code DoubleVector.add(Vector)}
 * that would load the incubator classes while verifying the generated model class, so a model
 * class would not even load in a JVM without {@code --add-modules jdk.incubator.vector}. With
 * these methods the generated code only ever passes a {@code DoubleVector} where a
 * {@code DoubleVector} is expected (same name, nothing loaded), and this class is loaded only
 * when a vector loop first runs — which callers allow only when {@link LaneSupport#available()}.
 * The methods are tiny, so C2 inlines them and the Vector API intrinsics apply as if called
 * directly.
 */
public final class Lanes {

    /** The species of every vector here: the widest the platform prefers. */
    public static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;

    /** Lanes per vector: the points one iteration of a vector loop computes. */
    public static final int LENGTH = SPECIES.length();

    private Lanes() {
    }

    /** Lanes a[i], ..., a[i + LENGTH − 1]. */
    public static DoubleVector load(double[] a, int i) {
        return DoubleVector.fromArray(SPECIES, a, i);
    }

    /** Stores the lanes of v to a[i], ..., a[i + LENGTH − 1]. */
    public static void store(DoubleVector v, double[] a, int i) {
        v.intoArray(a, i);
    }

    /** Every lane c. */
    public static DoubleVector broadcast(double c) {
        return DoubleVector.broadcast(SPECIES, c);
    }

    /** a + b per lane. */
    public static DoubleVector add(DoubleVector a, DoubleVector b) {
        return a.add(b);
    }

    /** a − b per lane. */
    public static DoubleVector sub(DoubleVector a, DoubleVector b) {
        return a.sub(b);
    }

    /** a · b per lane. */
    public static DoubleVector mul(DoubleVector a, DoubleVector b) {
        return a.mul(b);
    }

    /** a / b per lane. */
    public static DoubleVector div(DoubleVector a, DoubleVector b) {
        return a.div(b);
    }

    /** −a per lane (the sign flipped, as {@code dneg}). */
    public static DoubleVector neg(DoubleVector a) {
        return a.neg();
    }

    /**
     * The per-step state check of a batch integrator ({@code geo.runtime.geodesic.BatchExp}) on
     * whole vectors of points, in structure-of-arrays layout (coordinate i of point b at i·n + b):
     * whether every point b &lt; m has |xᵢ| ≤ bound and |vᵢ| ≤ bound for all i (false for NaN)
     * and, when r2 is not NaN, Σᵢ xᵢ² &lt; r2 (the sum from 0 in order i = 0, 1, …, as
     * {@code Domain.check} computes it for a ball), where m is n rounded down to a multiple of
     * {@link #LENGTH}. Its arguments are arrays and numbers only, so a caller's bytecode names no
     * vector type.
     *
     * @return m when every such point passes, else −1 (the caller then finds which by a scalar check)
     */
    public static int allWithin(int n, int d, double[] x, double[] v, double bound, double r2) {
        int m = n - n % LENGTH;
        DoubleVector zero = DoubleVector.zero(SPECIES);
        boolean ball = r2 == r2;
        for (int b = 0; b < m; b += LENGTH) {
            DoubleVector s = zero;
            VectorMask<Double> bad = SPECIES.maskAll(false);
            for (int i = 0; i < d; i++) {
                DoubleVector xi = DoubleVector.fromArray(SPECIES, x, i * n + b);
                DoubleVector vi = DoubleVector.fromArray(SPECIES, v, i * n + b);
                bad = bad.or(xi.abs().compare(VectorOperators.LE, bound).not())
                        .or(vi.abs().compare(VectorOperators.LE, bound).not());
                s = s.add(xi.mul(xi));
            }
            if (ball) {
                bad = bad.or(s.compare(VectorOperators.LT, r2).not());
            }
            if (bad.anyTrue()) {
                return -1;
            }
        }
        return m;
    }
}
