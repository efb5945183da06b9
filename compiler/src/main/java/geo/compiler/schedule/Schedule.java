package geo.compiler.schedule;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schedule of one kernel: its computed nodes in topological order, cut into segments of at
 * most {@code budget} estimated bytecode bytes, with locals and work-array slots assigned.
 * Constants and symbols are not steps: the emitter pushes them where they are used.
 */
public final class Schedule {

    private final List<List<Step>> segments;
    private final Map<Node, Step> steps;
    private final int workSlots;
    private final int[] maxLocals;

    private Schedule(List<List<Step>> segments, Map<Node, Step> steps, int workSlots, int[] maxLocals) {
        this.segments = segments;
        this.steps = steps;
        this.workSlots = workSlots;
        this.maxLocals = maxLocals;
    }

    /** The segments, in order; each becomes one method when there are several. */
    public List<List<Step>> segments() {
        return segments;
    }

    /** The step computing {@code n}, or null for constants and symbols. */
    public Step step(Node n) {
        return steps.get(n);
    }

    /** How many work-array slots the schedule uses. */
    public int workSlots() {
        return workSlots;
    }

    /** Local slots (counting two per double) used by segment {@code s} beyond {@code firstLocal}. */
    public int localsUsed(int s) {
        return maxLocals[s];
    }

    /**
     * Schedules the DAG below {@code outputs}.
     *
     * @param outputs    the values the kernel writes or returns
     * @param budget     estimated bytecode bytes per segment
     * @param firstLocal the first JVM local slot free for values (after the method's arguments)
     */
    public static Schedule of(Node[] outputs, int budget, int firstLocal) {
        Dag dag = Dag.of(outputs);
        Map<Node, List<Operand>> operands = new IdentityHashMap<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            if (!n.isConstant() && !n.isSymbol()) {
                operands.put(n, operands(n));
            }
        }
        // The peepholes bypass some nodes (the (−1)·b of a subtraction); compute only what is read.
        Map<Node, Boolean> needed = new IdentityHashMap<>();
        for (Node out : outputs) {
            needed.put(out, true);
        }
        for (int i = dag.size() - 1; i >= 0; i--) {
            Node n = dag.node(i);
            if (needed.containsKey(n) && operands.containsKey(n)) {
                for (Operand o : operands.get(n)) {
                    needed.put(o.node(), true);
                }
            }
        }
        Map<Node, Integer> position = new IdentityHashMap<>();
        List<Node> computed = new ArrayList<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            if (operands.containsKey(n) && needed.containsKey(n)) {
                position.put(n, computed.size());
                computed.add(n);
            }
        }
        int[] lastUse = new int[computed.size()];
        boolean[] isOutput = new boolean[computed.size()];
        for (int i = 0; i < computed.size(); i++) {
            for (Operand o : operands.get(computed.get(i))) {
                Integer p = position.get(o.node());
                if (p != null) {
                    lastUse[p] = Math.max(lastUse[p], i);
                }
            }
        }
        for (Node out : outputs) {
            Integer p = position.get(out);
            if (p != null) {
                isOutput[p] = true;
                lastUse[p] = Integer.MAX_VALUE;
            }
        }
        int[] segmentOf = new int[computed.size()];
        int segment = 0;
        int bytes = 0;
        for (int i = 0; i < computed.size(); i++) {
            int cost = cost(operands.get(computed.get(i)));
            if (bytes > 0 && bytes + cost > budget) {
                segment++;
                bytes = 0;
            }
            bytes += cost;
            segmentOf[i] = segment;
        }
        int segmentCount = computed.isEmpty() ? 1 : segment + 1;
        int[] lastSegmentUse = new int[computed.size()];
        for (int i = 0; i < computed.size(); i++) {
            lastSegmentUse[i] = segmentOf[i];
        }
        for (int i = 0; i < computed.size(); i++) {
            for (Operand o : operands.get(computed.get(i))) {
                Integer p = position.get(o.node());
                if (p != null) {
                    lastSegmentUse[p] = Math.max(lastSegmentUse[p], segmentOf[i]);
                }
            }
        }
        List<List<Step>> segments = new ArrayList<>();
        for (int s = 0; s < segmentCount; s++) {
            segments.add(new ArrayList<>());
        }
        Map<Node, Step> steps = new IdentityHashMap<>();
        int[] maxLocals = new int[segmentCount];
        int work = 0;
        Deque<Integer> free = new ArrayDeque<>();
        int nextLocal = firstLocal;
        int current = -1;
        List<List<Integer>> releaseAt = new ArrayList<>();
        for (int i = 0; i < computed.size(); i++) {
            releaseAt.add(new ArrayList<>());
        }
        int[] localOf = new int[computed.size()];
        for (int i = 0; i < computed.size(); i++) {
            if (segmentOf[i] != current) {
                current = segmentOf[i];
                free.clear();
                nextLocal = firstLocal;
            }
            for (int released : releaseAt.get(i)) {
                free.push(released);
            }
            int local;
            if (free.isEmpty()) {
                local = nextLocal;
                nextLocal += 2;
            } else {
                local = free.pop();
            }
            localOf[i] = local;
            maxLocals[current] = Math.max(maxLocals[current], nextLocal - firstLocal);
            boolean crosses = lastSegmentUse[i] > segmentOf[i] || (isOutput[i] && segmentCount > 1);
            Step step = new Step(computed.get(i), operands.get(computed.get(i)), local, crosses ? work++ : -1,
                    segmentOf[i]);
            steps.put(computed.get(i), step);
            segments.get(current).add(step);
            int last = lastUse[i];
            if (last != Integer.MAX_VALUE && last > i && segmentOf[last] == current) {
                releaseAt.get(last).add(local);
            }
        }
        return new Schedule(segments, steps, work, maxLocals);
    }

    /**
     * The operands of {@code n} after the peephole: in a sum, (−1)·b becomes "subtract b", which is
     * exact (a + (−b) = a − b in IEEE arithmetic), so results agree with the interpreter bit for bit.
     */
    private static List<Operand> operands(Node n) {
        List<Operand> out = new ArrayList<>(n.arity());
        for (int i = 0; i < n.arity(); i++) {
            Node c = n.child(i);
            if (n.op() == Op.ADD && c.op() == Op.MUL && c.arity() == 2 && c.child(0).isConstant(-1)) {
                out.add(new Operand(c.child(1), true));
            } else {
                out.add(Operand.plain(c));
            }
        }
        return out;
    }

    /** Estimated bytecode bytes of one step: pushes, the operations, the stores. */
    private static int cost(List<Operand> operands) {
        int bytes = 12;
        for (Operand o : operands) {
            bytes += 8;
        }
        return bytes;
    }
}
