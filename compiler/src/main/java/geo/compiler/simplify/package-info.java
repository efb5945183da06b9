/**
 * Stage "simplify": optional, named rewriting passes heavier than the factory's canonical form.
 *
 * <p>The factory ({@link geo.compiler.ir.NodeFactory}) only applies rules that are cheap and
 * local. Rewrites that search across operands — collecting like terms, trigonometric and
 * hyperbolic identities — are {@link geo.compiler.simplify.Pass}es run by a
 * {@link geo.compiler.simplify.Simplifier} under a {@link geo.compiler.simplify.Budget} (new
 * nodes and rounds), so simplification can never run away; each run is recorded in a
 * {@link geo.compiler.ir.PassReport}. Every pass preserves values under the same notion of
 * safety as the factory.
 */
package geo.compiler.simplify;
