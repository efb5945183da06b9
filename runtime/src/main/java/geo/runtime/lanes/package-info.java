/**
 * The SIMD operations of batch kernels ({@link geo.runtime.api.BatchStepKernels}): {@link
 * geo.runtime.lanes.Lanes}, static methods on {@code jdk.incubator.vector.DoubleVector} of the
 * platform's preferred width that generated code calls, so that a batch kernel's own bytecode
 * names only {@code DoubleVector} and verifies without the incubator module (see
 * {@link geo.runtime.lanes.Lanes}); {@link geo.runtime.lanes.LaneSupport} says whether the module
 * is present in this JVM ({@code --add-modules jdk.incubator.vector}). {@link
 * geo.runtime.lanes.LaneLoops} holds the loops of batch loss-gradient kernels
 * ({@link geo.runtime.api.BatchLossKernels}), which need no module: plain loops that C2
 * vectorises, and, when the module is loaded, register-blocked {@code DoubleVector} versions of
 * the matrix products, the outer-product sums and tanh ({@code LaneVectors}) that give the same
 * bits.
 */
package geo.runtime.lanes;
