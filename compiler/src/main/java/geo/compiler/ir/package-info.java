/**
 * Stage "lower/derive" core: the scalar expression DAG every later stage works on.
 *
 * <p>The tensor front lowers checked ASTs into {@link geo.compiler.ir.Node}s; geometry
 * derivations, automatic differentiation ({@code geo.compiler.ad}), simplification
 * ({@code geo.compiler.simplify}), the reference interpreter ({@code geo.compiler.interp}),
 * the printers ({@code geo.compiler.print}) and, later, the bytecode emitter all consume it.
 * It lives in its own package because it is the one data structure shared by all of them:
 * nodes are hash-consed by a per-compilation {@link geo.compiler.ir.NodeFactory}, so sharing
 * is common-subexpression elimination and equality is identity, and every operation's value
 * and partial derivatives are defined once, in {@link geo.compiler.ir.Op}.
 */
package geo.compiler.ir;
