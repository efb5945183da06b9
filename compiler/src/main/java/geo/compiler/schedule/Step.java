package geo.compiler.schedule;

import geo.compiler.ir.Node;
import java.util.List;

/**
 * One computed value of a schedule: a node, or a part of a long sum or product.
 *
 * <p>A sum or product with more operands than one method can hold is computed in parts, each
 * continuing the running value of the previous one ({@code from}): ((a + b) + c) + d is the
 * interpreter's left-to-right order whether or not it stops between operands, so the result is
 * the same number bit for bit.
 *
 * @param node      the node (never a constant or symbol: those are pushed where used)
 * @param operands  what to push, in order, for n-ary sums and products (after the peepholes);
 *                  for other operations the node's children. For a continuation, the operands
 *                  added or multiplied to the value of {@code from}
 * @param from      the part whose running value this step continues, or null
 * @param partial   true for every part but the last: the value is not yet the node's
 * @param local     the JVM local slot (of two) the value is kept in within its segment
 * @param workSlot  the work-array slot the value is also stored to for later segments, or −1
 * @param segment   the segment the step is computed in
 * @param loop      the loop this step is, or null: an output run ({@code node} its last member, the
 *                  only operand its factor), an output group, a dot group (placed before its first
 *                  sum, {@code node}); a loop step has no value and no local
 */
public record Step(Node node, List<Operand> operands, Step from, boolean partial, int local, int workSlot,
                   int segment, Loops.Loop loop) {

    /** Identity: steps are compared and hashed as objects, never by their (deep) contents. */
    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }

    @Override
    public String toString() {
        return "Step[" + node.op() + (partial ? " part" : "") + (loop != null ? " loop" : "") + ", " + operands.size() + " operands, local " + local
                + ", work " + workSlot + ", segment " + segment + "]";
    }
}
