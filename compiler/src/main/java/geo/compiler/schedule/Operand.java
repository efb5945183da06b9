package geo.compiler.schedule;

import geo.compiler.ir.Node;

/**
 * One operand of a scheduled sum or product as the emitter reads it.
 *
 * @param node     the value to push (a constant, a symbol or a computed node)
 * @param subtract in a sum: subtract the value instead of adding it
 */
public record Operand(Node node, boolean subtract) {

    static Operand plain(Node n) {
        return new Operand(n, false);
    }
}
