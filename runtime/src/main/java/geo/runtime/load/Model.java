package geo.runtime.load;

import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.CompiledModel;
import geo.runtime.api.CurvatureKernels;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.api.LossKernels;
import geo.runtime.api.MetricKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.api.ParameterInits;

/**
 * A loaded model: its descriptor, its default parameters and typed access to its kernels. Each
 * call of a kernel accessor returns a new instance (instances are not thread-safe; take one per
 * thread).
 */
public final class Model {

    private final ModelDescriptor descriptor;
    private final double[] defaults;
    private final ParameterInits initialisers;
    private final CompiledModel prototype;

    Model(ModelDescriptor descriptor, double[] defaults, ParameterInits initialisers, CompiledModel prototype) {
        this.descriptor = descriptor;
        this.defaults = defaults.clone();
        this.initialisers = initialisers;
        this.prototype = prototype;
    }

    public ModelDescriptor descriptor() {
        return descriptor;
    }

    public String name() {
        return descriptor.name();
    }

    /** The dimension d. */
    public int dimension() {
        return descriptor.dimension();
    }

    /** A copy of the default parameters θ₀ (the initialisers, drawn with seed 0). */
    public double[] defaultParameters() {
        return defaults.clone();
    }

    /**
     * θ₀ drawn with {@code seed}: the model's initialisers ({@code ~ normal(…)}, {@code ~ uniform(…)},
     * constants) in parameter order from one generator seeded with {@code seed}, exactly as the
     * compiler draws them; {@code initialParameters(0)} equals {@link #defaultParameters()}.
     */
    public double[] initialParameters(long seed) {
        return initialisers.draw(seed);
    }

    /** The parameters' initialisers. */
    public ParameterInits initialisers() {
        return initialisers;
    }

    /** A new instance of the generated class. */
    public CompiledModel newInstance() {
        return prototype.copy();
    }

    public MetricKernels metric() {
        return as(MetricKernels.class, "a metric");
    }

    public AccelerationKernels acceleration() {
        return as(AccelerationKernels.class, "an acceleration (a metric or a Lagrangian)");
    }

    public CurvatureKernels curvature() {
        return as(CurvatureKernels.class, "curvature kernels (a metric with d ≤ 4)");
    }

    public LagrangianKernels lagrangian() {
        return as(LagrangianKernels.class, "a Lagrangian");
    }

    public LossKernels loss() {
        return as(LossKernels.class, "a loss");
    }

    /** The kernels of a fn (value, JVP, VJP); its output shape is {@link ModelDescriptor#output()}. */
    public FunctionKernels function() {
        return as(FunctionKernels.class, "function kernels (a fn)");
    }

    private <T> T as(Class<T> type, String what) {
        CompiledModel instance = newInstance();
        if (!type.isInstance(instance)) {
            throw new ModelLoadException("model " + name() + " has no " + what + "; it provides "
                    + descriptor.kernels());
        }
        return type.cast(instance);
    }

    @Override
    public String toString() {
        return descriptor.kind() + " " + name() + " (d = " + dimension() + ", " + descriptor.parameterCount()
                + " parameters)";
    }
}
