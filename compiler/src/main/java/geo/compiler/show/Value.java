package geo.compiler.show;

/**
 * A number computed at the requested point.
 *
 * @param name      what it is, as text (the name of an equation, or of a derived quantity)
 * @param latexName the same in LaTeX
 * @param value     the value; NaN or infinite values are also reported as problems
 */
public record Value(String name, String latexName, double value) {
}
