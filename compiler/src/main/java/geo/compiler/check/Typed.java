package geo.compiler.check;

/**
 * The checker's verdict on an expression: its shape and what it depends on ({@link Deps} flags).
 * Checking methods return {@code null} instead when the expression has an error, so that one
 * mistake is reported once and not again by every enclosing expression.
 */
record Typed(Shape shape, int deps) {
}
