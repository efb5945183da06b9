package geo.compiler.schedule;

import geo.compiler.ir.Node;

/**
 * One operand of a scheduled sum or product as the emitter reads it.
 *
 * @param node     the value to push (a constant, a symbol or a computed node); for a loop, its
 *                 first product
 * @param subtract in a sum: subtract the value instead of adding it
 * @param dot      in a sum: a run of products computed by a loop ({@link Loops.Dot}), or null
 */
public record Operand(Node node, boolean subtract, Loops.Dot dot) {

    public Operand(Node node, boolean subtract) {
        this(node, subtract, null);
    }

    static Operand plain(Node n) {
        return new Operand(n, false);
    }
}
