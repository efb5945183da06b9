/**
 * Stage "show": printing expression DAGs for people, as readable infix text
 * ({@link geo.compiler.print.TextPrinter}) and LaTeX ({@link geo.compiler.print.LatexPrinter}).
 *
 * <p>Both undo the canonical representation for display ({@code a + (-1)·b} prints as
 * {@code a - b}, {@code a·b^(-1)} as {@code a / b}), use as few parentheses as precedence
 * allows, and follow the canonical operand order, so equal expressions print identically. A
 * DAG with sharing would expand exponentially as a tree, so when a shared subexpression is
 * large enough, or a line would get too long, the printers switch to a list of named
 * intermediate {@code let}s ({@link geo.compiler.print.LetPlan}).
 */
package geo.compiler.print;
