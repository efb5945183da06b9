package geo.compiler.ir;

import java.util.Objects;

/**
 * A static method the bytecode emitter calls to compute an operation, in JVM internal form
 * (for {@code INVOKESTATIC owner name descriptor}).
 *
 * @param owner      internal class name, e.g. {@code java/lang/Math}
 * @param name       method name, e.g. {@code sin}
 * @param descriptor method descriptor, {@code (D)D} for unary and {@code (DD)D} for binary calls
 */
public record MathCall(String owner, String name, String descriptor) {

    /** Internal name of {@link Math}. */
    public static final String JAVA_MATH = "java/lang/Math";

    /**
     * Internal name of the runtime helper for the activation functions {@code java.lang.Math}
     * lacks ({@code geo.runtime.api.GeoMath}); {@link Op} evaluates them through the same class,
     * so compiled kernels agree bit for bit with the interpreter.
     */
    public static final String RUNTIME_MATH = "geo/runtime/api/GeoMath";

    /**
     * Internal name of the system's tanh ({@code geo.runtime.api.Tanh}): the interpreter, the
     * per-point kernels and the batch lanes compute the same bits with it.
     */
    public static final String RUNTIME_TANH = "geo/runtime/api/Tanh";

    /** Checks that no component is null. */
    public MathCall {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(descriptor, "descriptor");
    }

    static MathCall math1(String name) {
        return new MathCall(JAVA_MATH, name, "(D)D");
    }

    static MathCall math2(String name) {
        return new MathCall(JAVA_MATH, name, "(DD)D");
    }

    static MathCall tanh() {
        return new MathCall(RUNTIME_TANH, "tanh", "(D)D");
    }

    static MathCall runtime1(String name) {
        return new MathCall(RUNTIME_MATH, name, "(D)D");
    }

    static MathCall runtime2(String name) {
        return new MathCall(RUNTIME_MATH, name, "(DD)D");
    }
}
