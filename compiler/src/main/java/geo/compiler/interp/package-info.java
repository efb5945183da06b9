/**
 * Stage "evaluate" (reference): the interpreter of the expression DAG, the oracle of codegen.
 *
 * <p>{@link geo.compiler.interp.Program} compiles a set of outputs once into a flat array
 * program (topological order, one register per node, each node evaluated once per call) and
 * evaluates it at a point given by {@link geo.compiler.interp.Bindings}. It computes every
 * operation with {@link geo.compiler.ir.Op#apply} and sums and products left to right, exactly
 * as the emitted bytecode will, so it is the oracle compiled kernels are tested against.
 */
package geo.compiler.interp;
