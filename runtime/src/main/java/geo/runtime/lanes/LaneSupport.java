package geo.runtime.lanes;

/**
 * Whether this JVM can run the vector part of batch kernels: the incubator module
 * {@code jdk.incubator.vector} (JDK 16+) must be in the boot layer, which takes
 * {@code --add-modules jdk.incubator.vector} on the {@code java} command line (the {@code geo}
 * launcher, the Maven test runs and the benchmarks pass it). Without it, callers of batch kernels
 * use the per-point kernels instead, which give the same bits (batch kernels perform the per-point
 * operations in the same order), only more slowly. This class itself refers to no vector class,
 * so it loads in any JVM.
 */
public final class LaneSupport {

    /** The module batch kernels' vector code needs. */
    public static final String MODULE = "jdk.incubator.vector";

    private static final boolean AVAILABLE = ModuleLayer.boot().findModule(MODULE).isPresent();

    private LaneSupport() {
    }

    /** Whether {@link #MODULE} is in the boot layer, so that {@link Lanes} can be loaded. */
    public static boolean available() {
        return AVAILABLE;
    }
}
