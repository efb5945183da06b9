package geo.compiler.emit;

import geo.runtime.api.ModelDescriptor;

import java.util.List;

/**
 * A generated model class: its binary name ({@code geo.models.Sphere}), the class file, its
 * descriptor, the default parameters θ₀ and the size of each method.
 */
public record GeneratedClass(String binaryName, byte[] bytes, ModelDescriptor descriptor, double[] defaults,
                             List<MethodSize> methods) {
}
