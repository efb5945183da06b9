/**
 * The scalar expression DAG every stage after checking works on.
 *
 * <p>The tensor front ({@code geo.compiler.lower}) lowers checked ASTs into {@link
 * geo.compiler.ir.Node}s; the geometry derivations ({@code geo.compiler.derive}), automatic
 * differentiation ({@code geo.compiler.ad}), the optional simplification passes ({@code
 * geo.compiler.simplify}), the reference interpreter ({@code geo.compiler.interp}), the printers
 * and the {@code geo show} report ({@code geo.compiler.print}, {@code geo.compiler.show}), the
 * scheduler ({@code geo.compiler.schedule}) and the bytecode emitter ({@code geo.compiler.emit})
 * all consume it. It lives in its own package because it is the one data structure they share:
 *
 * <ul>
 *   <li>{@link geo.compiler.ir.NodeFactory} is the only way to make nodes: one per compilation,
 *       it builds them in canonical form ({@code Canonical}: flattened, sorted
 *       by {@link geo.compiler.ir.NodeOrder}, constants folded) and interns them, so sharing is
 *       common-subexpression elimination and equality is identity; it has a node budget
 *       ({@link geo.compiler.ir.NodeBudgetException}). Its {@code ordered} and {@code verbatim}
 *       constructors build sums and products exactly as written, for code that must perform
 *       another implementation's operations in its order (the fused RK4 step).</li>
 *   <li>{@link geo.compiler.ir.Op} defines every operation once: its value (the interpreter
 *       calls it; emitted code calls the same method, named by the op's
 *       {@link geo.compiler.ir.MathCall}), its printing and its partial derivatives.</li>
 *   <li>{@link geo.compiler.ir.Symbol} names the leaves: coordinates, velocities, time,
 *       parameters and kernel inputs, each with its slot.</li>
 *   <li>{@link geo.compiler.ir.Dag} orders a DAG topologically without recursion and rebuilds
 *       it bottom-up; {@link geo.compiler.ir.NodeIndex} maps nodes to ints without boxing;
 *       {@link geo.compiler.ir.PassReport} records what each symbolic pass did.</li>
 * </ul>
 */
package geo.compiler.ir;
