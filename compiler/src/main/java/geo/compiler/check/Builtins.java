package geo.compiler.check;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The built-in functions and constants: names, arities and a one-line description for messages and docs. */
public final class Builtins {

    /** A built-in function taking {@code arity} arguments. */
    public record Function(String name, int arity, String signature, boolean elementwise) {
    }

    private static final Map<String, Function> FUNCTIONS = new LinkedHashMap<>();
    private static final Map<String, Double> CONSTANTS = Map.of("pi", Math.PI);

    static {
        fn("eye", 1, "eye(n): the n×n identity matrix, n a constant", false);
        fn("diag", 1, "diag(v): diagonal matrix of a vector; diag(A): diagonal of a square matrix", false);
        fn("dot", 2, "dot(a, b): inner product of two vectors of the same length", false);
        fn("sum", 1, "sum(a): sum of all elements", false);
        fn("norm", 1, "norm(a): Euclidean norm of a vector, Frobenius norm of a matrix", false);
        fn("trace", 1, "trace(A): sum of the diagonal of a square matrix", false);
        fn("det", 1, "det(A): determinant of a square matrix", false);
        fn("inv", 1, "inv(A): inverse of a square matrix", false);
        fn("pullback", 2, "pullback(f, x): jacobian(f, x)' * jacobian(f, x), the metric pulled back through f", false);
        fn("grad", 2, "grad(e, x): the gradient of a scalar e by the variable x (x's shape)", false);
        fn("jacobian", 2, "jacobian(e, x): the m×n matrix of de_i/dx_j, e of length m, x of length n", false);
        fn("logsumexp", 1, "logsumexp(v): log(sum(exp(v))) of a vector, without overflow", false);
        for (String name : new String[] {"sin", "cos", "tan", "exp", "log", "sqrt", "tanh", "sigmoid",
            "softplus", "relu", "abs", "sinh", "cosh", "atan", "log1p", "expm1", "erf", "elu"}) {
            fn(name, 1, name + "(a): element-wise " + name, true);
        }
        fn("max", 2, "max(a, b): element-wise maximum (a scalar goes with every element)", true);
        fn("min", 2, "min(a, b): element-wise minimum (a scalar goes with every element)", true);
        fn("leaky_relu", 2, "leaky_relu(a, s): element-wise a for a > 0, s * a otherwise", true);
        fn("logaddexp", 2, "logaddexp(a, b): element-wise log(exp(a) + exp(b)), without overflow", true);
    }

    private Builtins() {
    }

    private static void fn(String name, int arity, String signature, boolean elementwise) {
        FUNCTIONS.put(name, new Function(name, arity, signature, elementwise));
    }

    /** The built-in function called {@code name}, or null. */
    public static Function function(String name) {
        return FUNCTIONS.get(name);
    }

    /** Names of all built-in functions, in documentation order. */
    public static Set<String> functionNames() {
        return Collections.unmodifiableSet(FUNCTIONS.keySet());
    }

    /** The value of the built-in constant {@code name}, or null. */
    public static Double constant(String name) {
        return CONSTANTS.get(name);
    }

    /** True when {@code name} is a built-in function or constant, which user code cannot redefine. */
    public static boolean isReserved(String name) {
        return FUNCTIONS.containsKey(name) || CONSTANTS.containsKey(name);
    }
}
