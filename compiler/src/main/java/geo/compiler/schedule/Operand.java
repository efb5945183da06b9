package geo.compiler.schedule;

import geo.compiler.ir.Node;

/**
 * One operand of a scheduled operation as the emitter reads it: the node whose value is pushed,
 * and how it is combined with the running result of an n-ary sum or product.
 *
 * @param node     the value to push (a constant, a symbol or a computed node)
 * @param inverse  in a product: divide by node^power instead of multiplying; in a sum: subtract
 * @param power    in a product with {@code inverse}: the positive power of {@code node} to divide by
 */
public record Operand(Node node, boolean inverse, int power) {

    static Operand plain(Node n) {
        return new Operand(n, false, 1);
    }
}
