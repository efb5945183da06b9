package geo.compiler.emit;

/** The bytecode size of one generated method, as {@code CodeSizeEvaluator} measures it (upper bound). */
public record MethodSize(String method, int bytes) {
}
