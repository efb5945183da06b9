package geo.compiler.emit;

import geo.runtime.api.ModelDescriptor;
import geo.runtime.api.ParameterInits;

import java.util.List;

/**
 * A generated model class: its binary name ({@code geo.models.Sphere}), the class file, its
 * descriptor, the parameters' initialisers and the size of each method.
 */
public record GeneratedClass(String binaryName, byte[] bytes, ModelDescriptor descriptor, ParameterInits initialisers,
                             List<MethodSize> methods) {

    /** θ₀ as compiled: the initialisers drawn with seed 0. */
    public double[] defaults() {
        return initialisers.draw(0);
    }
}
