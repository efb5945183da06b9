package geo.compiler.schedule;

import geo.compiler.ir.Node;
import java.util.List;

/**
 * One computed node of a schedule.
 *
 * @param node      the node (never a constant or symbol: those are pushed where used)
 * @param operands  what to push, in order, for n-ary sums and products (after the peepholes);
 *                  for other operations the node's children
 * @param local     the JVM local slot (of two) the value is kept in within its segment
 * @param workSlot  the work-array slot the value is also stored to for later segments, or −1
 * @param segment   the segment the node is computed in
 */
public record Step(Node node, List<Operand> operands, int local, int workSlot, int segment) {
}
