package geo.runtime.api;

/** What every generated model class implements. */
public interface CompiledModel {

    /** The model's descriptor: names, dimension, parameter layout, kernels, versions. */
    ModelDescriptor descriptor();

    /** A fresh instance with its own scratch arrays, for use on another thread. */
    CompiledModel copy();
}
