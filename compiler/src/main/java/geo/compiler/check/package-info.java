/**
 * Stage 3: checks. Names are declared and resolved lexically ({@link geo.compiler.check.Resolver}),
 * let/def definitions are ordered and cycles reported ({@link geo.compiler.check.DefinitionOrder}),
 * then every expression gets a static {@link geo.compiler.check.Shape} and a record of what it
 * depends on ({@link geo.compiler.check.ShapeChecker}). The result, a
 * {@link geo.compiler.check.CheckedProgram}, is what the lowering to IR reads.
 */
package geo.compiler.check;
