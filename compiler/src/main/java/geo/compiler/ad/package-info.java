/**
 * Stage "differentiate": automatic differentiation on the expression DAG, producing IR.
 *
 * <p>Forward mode ({@link geo.compiler.ad.ForwardMode}, JVPs) and reverse mode
 * ({@link geo.compiler.ad.ReverseMode}, VJPs and gradients) are each written once over a
 * {@link geo.compiler.ir.Dag}, using only the partial derivatives of the op table
 * ({@link geo.compiler.ir.Op#partial}); higher orders ({@link geo.compiler.ad.Higher}) are
 * compositions of the two. The results are ordinary nodes of the same factory, so they share
 * structure with the function, can be differentiated again, simplified, printed, interpreted
 * and compiled. Every sweep walks the topological order with arrays; nothing recurses.
 */
package geo.compiler.ad;
