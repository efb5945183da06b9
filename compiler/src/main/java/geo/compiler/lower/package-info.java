/**
 * Stage 4: the tensor front. Lowers a checked model (vectors, matrices, matrix products,
 * transposes, lets, defs, built-ins such as {@code det}, {@code inv} and {@code pullback}) to
 * scalar nodes of the hash-consed IR ({@link geo.compiler.ir}). Shapes are known statically, so
 * every tensor is a fixed array of scalar nodes; defs are expanded at each call; the parameters
 * are laid out in one flat vector θ ({@link geo.compiler.lower.ParamLayout}).
 */
package geo.compiler.lower;
