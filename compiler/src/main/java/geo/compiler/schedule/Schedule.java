package geo.compiler.schedule;

import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The schedule of one kernel: its computed values in topological order, cut into segments of at
 * most {@code budget} estimated bytecode bytes, with locals and work-array slots assigned.
 * Constants and symbols are not steps: the emitter pushes them where they are used.
 *
 * <p>No single step may exceed half the budget: a sum or product with more operands is computed
 * in parts that continue each other's running value ({@link Step#from()}), so any kernel can be
 * cut into segments of any budget down to a few operands, however wide its nodes are.
 */
public final class Schedule {

    /**
     * Estimated bytes of one step besides its operands: the operation (a call: 3), the store to
     * its local (2), and a share of the work-array stores (8 each) of the values later segments read.
     */
    private static final int STEP_BYTES = 11;
    /**
     * The most bytes of pushing one operand and combining it: a work-array load (aload, sipush,
     * daload: 6) and the operation (1). Long sums and products are cut with this bound.
     */
    private static final int OPERAND_BYTES = 7;
    /** Estimated bytes of pushing a computed value (a local: 2, sometimes the work array: 6) and combining it. */
    private static final int VALUE_BYTES = 6;
    /** Bytes of pushing a symbol (an array element: aload, index, daload) and combining it. */
    private static final int SYMBOL_BYTES = 6;
    /** Bytes of pushing a constant other than 0 and 1 (ldc2_w) and combining it. */
    private static final int CONSTANT_BYTES = 4;
    /** Bytes of storing a value to an output array element (aload, index with offset, dload, dastore). */
    private static final int OUTPUT_BYTES = 11;
    /** Estimated bytes of a loop ({@link Loops}): counter, bound test, two element loads, the operation, the jump. */
    private static final int LOOP_BYTES = 48;

    private final List<List<Step>> segments;
    /** The scheduled DAG; {@link #steps} is indexed by its positions. */
    private final Dag dag;
    private final Step[] steps;
    private final int workSlots;
    private final int[] maxLocals;

    private Schedule(List<List<Step>> segments, Dag dag, Step[] steps, int workSlots, int[] maxLocals) {
        this.segments = segments;
        this.dag = dag;
        this.steps = steps;
        this.workSlots = workSlots;
        this.maxLocals = maxLocals;
    }

    /** The segments, in order; each becomes one method when there are several. */
    public List<List<Step>> segments() {
        return segments;
    }

    /** The step computing the final value of {@code n}, or null for constants and symbols. */
    public Step step(Node n) {
        int i = dag.indexOf(n);
        return i < 0 ? null : steps[i];
    }

    /** How many work-array slots the schedule uses. */
    public int workSlots() {
        return workSlots;
    }

    /** Local slots (counting two per double) used by segment {@code s} beyond {@code firstLocal}. */
    public int localsUsed(int s) {
        return maxLocals[s];
    }

    /** A value to compute (or an output loop), before locals and slots are assigned. */
    private record Item(Node node, List<Operand> operands, int from, boolean partial, Loops.Loop output) {
        Item(Node node, List<Operand> operands, int from, boolean partial) {
            this(node, operands, from, partial, null);
        }
    }

    /** The items of a DAG, and the DAG, whose positions index every per-node table of a schedule. */
    private record Items(Dag dag, List<Item> list) {
    }

    /** Schedules the DAG below {@code stored} and {@code kept} as straight-line code ({@link Loops#NONE}). */
    public static Schedule of(Node[] stored, Node[] kept, int budget, int firstLocal) {
        return of(stored, kept, budget, firstLocal, Loops.NONE);
    }

    /**
     * Schedules the DAG below {@code stored} and {@code kept}.
     *
     * @param stored     the values the kernel writes to its output arrays where they are computed,
     *                   each as often as it is written there
     * @param kept       the values read after all segments (the returned one; outputs written late)
     * @param budget     estimated bytecode bytes per segment ({@link Integer#MAX_VALUE}: one segment,
     *                   the whole kernel in one method; otherwise every segment a method of its own)
     * @param firstLocal the first JVM local slot free for values (after the method's arguments)
     * @param loops      the loops to compute sums' runs of products and runs of outputs with: the
     *                   products inside a loop are not computed as values of their own, an output
     *                   loop is one step placed where the last of its members would be
     */
    public static Schedule of(Node[] stored, Node[] kept, int budget, int firstLocal, Loops loops) {
        List<Node> rootList = new ArrayList<>(Arrays.asList(stored));
        rootList.addAll(Arrays.asList(kept));
        rootList.addAll(loops.outputMembers());
        Node[] roots = rootList.toArray(Node[]::new);
        // Per-node tables are arrays indexed by DAG position (Dag#indexOf), not identity maps:
        // scheduling was the largest share of emitting a large kernel (issue 23).
        Items scheduled = items(roots, budget, loops);
        Dag dag = scheduled.dag();
        List<Item> items = scheduled.list();
        int count = items.size();
        // The item computing each node's final value, by DAG position; −1 for none.
        int[] position = new int[dag.size()];
        Arrays.fill(position, -1);
        for (int i = 0; i < count; i++) {
            if (!items.get(i).partial() && items.get(i).output() == null) {
                position[dag.indexOf(items.get(i).node())] = i;
            }
        }
        int[] outputsOf = new int[dag.size()];
        for (Node out : stored) {
            outputsOf[dag.indexOf(out)]++;
        }
        int[] segmentOf = new int[count];
        int segment = 0;
        int bytes = 0;
        for (int i = 0; i < count; i++) {
            Item item = items.get(i);
            int cost = cost(item) + (item.partial() ? 0 : OUTPUT_BYTES * outputsOf[dag.indexOf(item.node())]);
            if (bytes > 0 && bytes + cost > budget) {
                segment++;
                bytes = 0;
            }
            bytes += cost;
            segmentOf[i] = segment;
        }
        int segmentCount = count == 0 ? 1 : segment + 1;
        int[] lastUse = new int[count];
        int[] lastSegmentUse = new int[count];
        for (int i = 0; i < count; i++) {
            lastSegmentUse[i] = segmentOf[i];
        }
        for (int i = 0; i < count; i++) {
            for (int p : reads(items.get(i), dag, position)) {
                lastUse[p] = Math.max(lastUse[p], i);
                lastSegmentUse[p] = Math.max(lastSegmentUse[p], segmentOf[i]);
            }
        }
        boolean[] keep = new boolean[count];
        for (Node out : roots) {
            int p = position[dag.indexOf(out)];
            if (p >= 0) {
                lastUse[p] = Integer.MAX_VALUE;
            }
        }
        for (Node k : kept) {
            // Read after the segments (returned, or written by the methods that write outputs
            // late): from the work array whenever the kernel is split, even into one segment.
            int p = position[dag.indexOf(k)];
            if (p >= 0) {
                keep[p] = budget != Integer.MAX_VALUE;
            }
        }
        List<List<Step>> segments = new ArrayList<>();
        for (int s = 0; s < segmentCount; s++) {
            segments.add(new ArrayList<>());
        }
        Step[] steps = new Step[dag.size()];
        Step[] made = new Step[count];
        int[] maxLocals = new int[segmentCount];
        int work = 0;
        // A work slot is free again after the last segment that reads its value.
        List<List<Integer>> workReleasedAfter = new ArrayList<>();
        for (int s = 0; s < segmentCount; s++) {
            workReleasedAfter.add(new ArrayList<>());
        }
        Deque<Integer> freeWork = new ArrayDeque<>();
        Deque<Integer> free = new ArrayDeque<>();
        int nextLocal = firstLocal;
        int current = -1;
        List<List<Integer>> releaseAt = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            releaseAt.add(new ArrayList<>());
        }
        for (int i = 0; i < count; i++) {
            if (segmentOf[i] != current) {
                current = segmentOf[i];
                if (current > 0) {
                    freeWork.addAll(workReleasedAfter.get(current - 1));
                }
                free.clear();
                nextLocal = firstLocal;
            }
            for (int released : releaseAt.get(i)) {
                free.push(released);
            }
            Item item = items.get(i);
            int local;
            if (item.output() != null) {
                local = -1;
            } else if (free.isEmpty()) {
                local = nextLocal;
                nextLocal += 2;
            } else {
                local = free.pop();
            }
            maxLocals[current] = Math.max(maxLocals[current], nextLocal - firstLocal);
            int workSlot = -1;
            if (keep[i]) {
                workSlot = work++;
            } else if (lastSegmentUse[i] > segmentOf[i]) {
                workSlot = freeWork.isEmpty() ? work++ : freeWork.pop();
                workReleasedAfter.get(lastSegmentUse[i]).add(workSlot);
            }
            Step step = new Step(item.node(), item.operands(), item.from() < 0 ? null : made[item.from()],
                    item.partial(), local, workSlot, segmentOf[i], item.output());
            made[i] = step;
            if (!item.partial() && item.output() == null) {
                steps[dag.indexOf(item.node())] = step;
            }
            segments.get(current).add(step);
            int last = lastUse[i];
            if (local >= 0 && last != Integer.MAX_VALUE && last > i && segmentOf[last] == current) {
                releaseAt.get(last).add(local);
            }
        }
        return new Schedule(segments, dag, steps, work, maxLocals);
    }

    /**
     * The values to compute, in topological order: every node that is read (the peepholes bypass
     * some, such as the (−1)·b of a subtraction, and the products inside loops), sums and products
     * wider than half the budget as several parts; the members of an output loop as one item where
     * the last of them stands.
     */
    private static Items items(Node[] roots, int budget, Loops loops) {
        Dag dag = Dag.of(roots);
        // By DAG position: the operands of each computed node (null for constants and symbols),
        // and whether the node is read.
        @SuppressWarnings("unchecked")
        List<Operand>[] operands = new List[dag.size()];
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            if (!n.isConstant() && !n.isSymbol()) {
                operands[i] = operands(n, loops.dots(n));
            }
        }
        boolean[] needed = new boolean[dag.size()];
        for (Node out : roots) {
            needed[dag.indexOf(out)] = true;
        }
        for (int i = dag.size() - 1; i >= 0; i--) {
            if (needed[i] && operands[i] != null) {
                for (Operand o : operands[i]) {
                    if (o.dot() == null) {
                        needed[dag.indexOf(o.node())] = true;
                        continue;
                    }
                    for (Loops.Vector v : List.of(o.dot().left(), o.dot().right())) {
                        if (v instanceof Loops.Block b) {
                            for (Node m : b.values()) {
                                needed[dag.indexOf(m)] = true;
                            }
                        }
                    }
                }
            }
        }
        // An output loop stands where the last of its members would: all their operands are
        // computed by then.
        Map<Loops.Loop, Integer> membersLeft = new IdentityHashMap<>();
        Map<Loops.DotGroup, Boolean> groupsDone = new IdentityHashMap<>();
        int widest = budget == Integer.MAX_VALUE ? Integer.MAX_VALUE
                : Math.max(2, (budget / 2 - STEP_BYTES - OPERAND_BYTES) / OPERAND_BYTES);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < dag.size(); i++) {
            Node n = dag.node(i);
            if (operands[i] == null || !needed[i]) {
                continue;
            }
            Loops.Loop run = loops.outputLoop(n);
            if (run != null) {
                if (membersLeft.merge(run, Loops.memberCount(run) - 1, (a, b) -> a - 1) == 0) {
                    items.add(new Item(n, run instanceof Loops.OutputRun r ? List.of(Operand.plain(r.factor()))
                            : List.of(), -1, false, run));
                }
                continue;
            }
            Loops.DotGroup group = loops.dotGroup(n);
            if (group != null && groupsDone.put(group, true) == null) {
                // The group's rows go before the first of its sums: their vectors are computed by then.
                items.add(new Item(n, List.of(), -1, false, group));
            }
            List<Operand> ops = operands[i];
            if (ops.size() <= widest || (n.op() != Op.ADD && n.op() != Op.MUL)) {
                items.add(new Item(n, ops, -1, false));
                continue;
            }
            // The first part keeps the peepholes of a first operand (−b, or −1·b); later parts
            // continue the running value with plain adds, subtracts and multiplies.
            int from = -1;
            for (int start = 0; start < ops.size(); start += widest) {
                int end = Math.min(ops.size(), start + widest);
                items.add(new Item(n, List.copyOf(ops.subList(start, end)), from, end < ops.size()));
                from = items.size() - 1;
            }
        }
        return new Items(dag, items);
    }

    /** The positions of the items an item reads: its computed operands and the part it continues. */
    private static List<Integer> reads(Item item, Dag dag, int[] position) {
        List<Integer> out = new ArrayList<>(item.operands().size() + 1);
        for (Operand o : item.operands()) {
            int p = o.dot() != null ? -1 : position[dag.indexOf(o.node())];
            if (p >= 0) {
                out.add(p);
            }
        }
        if (item.from() >= 0) {
            out.add(item.from());
        }
        return out;
    }

    /**
     * The operands of {@code n} after the peephole: in a sum, (−1)·b becomes "subtract b", which is
     * exact (a + (−b) = a − b in IEEE arithmetic), so results agree with the interpreter bit for bit.
     */
    private static List<Operand> operands(Node n, List<Loops.Dot> dots) {
        List<Operand> out = new ArrayList<>(n.arity());
        int nextDot = 0;
        for (int i = 0; i < n.arity(); i++) {
            Node c = n.child(i);
            if (nextDot < dots.size() && dots.get(nextDot).start() == i) {
                Loops.Dot d = dots.get(nextDot++);
                out.add(new Operand(c, false, d));
                i += d.length() - 1;
            } else if (n.op() == Op.ADD && c.op() == Op.MUL && c.arity() == 2 && c.child(0).isConstant(-1)) {
                out.add(new Operand(c.child(1), true));
            } else {
                out.add(Operand.plain(c));
            }
        }
        return out;
    }

    /** Estimated bytecode bytes of one step: pushes, the operations, the stores (but not to outputs). */
    private static int cost(Item item) {
        int bytes = STEP_BYTES + (item.from() >= 0 ? VALUE_BYTES : 0) + (item.output() != null ? LOOP_BYTES : 0);
        for (Operand o : item.operands()) {
            Node n = o.node();
            if (o.dot() != null) {
                bytes += LOOP_BYTES;
                continue;
            }
            bytes += n.isSymbol() ? SYMBOL_BYTES : !n.isConstant() ? VALUE_BYTES
                    : n.isConstant(0) || n.isConstant(1) ? 2 : CONSTANT_BYTES;
        }
        return bytes;
    }
}
