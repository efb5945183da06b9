package geo.compiler.emit;

import geo.compiler.ir.MathCall;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import geo.compiler.schedule.Loops;
import geo.compiler.schedule.Operand;
import geo.compiler.schedule.Schedule;
import geo.compiler.schedule.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.CodeSizeEvaluator;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits one kernel: the public method and, when the schedule has several segments, one private
 * static method per segment. Values within a segment live in JVM locals; values a later segment
 * reads go through the work array; outputs are stored as soon as they are computed. Every value
 * is computed with the same operations in the same order as the interpreter, so compiled kernels
 * agree with it bit for bit.
 */
final class MethodEmitter implements Opcodes {

    /** HotSpot does not JIT-compile methods larger than this (-XX:HugeMethodLimit). */
    static final int HUGE_METHOD_LIMIT = 8000;

    private final String owner;
    private final KernelSpec spec;
    private final int[] argSlot;
    private final int argSlots;
    private final String workField;
    private final int maxCalls;
    private final Map<MethodNode, Integer> sizes = new IdentityHashMap<>();
    /** The outputs each computed value is stored to where it is computed; set by {@link #emit(int[])}. */
    private Map<Node, List<int[]>> stores;
    /** The other output writes, made after all segments; set by {@link #emit(int[])}. */
    private List<OutputWrites.Write> writes;
    /** The kernel's loops ({@link LoopFinder}); set by {@link #emit(int[])}. */
    private Loops loops = Loops.NONE;
    /** The first work-array slot of each block of {@link #loops}, after the schedule's own slots. */
    private final Map<Loops.Block, Integer> bases = new IdentityHashMap<>();
    /** The work-array slots each block member is also stored to where it is computed. */
    private final Map<Node, List<Integer>> blockSlots = new IdentityHashMap<>();
    /** The first work-array slot of each dot group's rows. */
    private final Map<Loops.DotGroup, Integer> groupBases = new IdentityHashMap<>();

    MethodEmitter(String owner, KernelSpec spec, String workField) {
        this(owner, spec, workField, 0);
    }

    /**
     * @param maxCalls how many methods one method may call, or 0 for as many as fit under the
     *                 size limit (tests pass a small number to exercise deep call trees cheaply)
     */
    MethodEmitter(String owner, KernelSpec spec, String workField, int maxCalls) {
        this.maxCalls = maxCalls;
        this.owner = owner;
        this.spec = spec;
        this.workField = workField;
        this.argSlot = new int[spec.args().size()];
        int slot = 0;
        for (int i = 0; i < argSlot.length; i++) {
            argSlot[i] = slot;
            KernelSpec.Arg a = spec.args().get(i);
            slot += a.array() || a.integer() ? 1 : 2;
        }
        this.argSlots = slot;
    }

    /**
     * The methods of this kernel, each measured ({@link #sizes}): one method when the kernel is
     * small enough, else a schedule cut into segments, finer and finer until every method fits.
     * A schedule with segments of at most 6,000 estimated bytes practically always fits; the
     * halving is a safety net for estimates that fall short. A kernel whose schedule needs
     * several segments is never emitted whole first: that would double the work for large ones.
     */
    List<MethodNode> emit(int[] workSize) {
        loops = LoopFinder.find(spec);
        stores = new IdentityHashMap<>();
        List<Node> direct = new ArrayList<>();
        writes = OutputWrites.plan(spec, loops, stores, direct);
        List<Node> later = new ArrayList<>();
        for (OutputWrites.Write w : writes) {
            if (!w.value().isConstant() && !w.value().isSymbol()) {
                later.add(w.value());
            }
        }
        if (spec.returned() != null) {
            later.add(spec.returned());
        }
        Node[] stored = direct.toArray(Node[]::new);
        Node[] kept = later.toArray(Node[]::new);
        int budget = SEGMENT_BUDGET;
        int firstLocal = argSlots + 2;
        Schedule schedule = Schedule.of(stored, kept, budget, firstLocal, loops);
        if (schedule.segments().size() == 1) {
            Schedule whole = Schedule.of(stored, kept, Integer.MAX_VALUE, firstLocal, loops);
            int slots = placeBlocks(whole);
            List<MethodNode> methods = emit(whole, Integer.MAX_VALUE);
            if (fits(methods)) {
                workSize[0] = Math.max(workSize[0], slots);
                return methods;
            }
        }
        while (true) {
            int slots = placeBlocks(schedule);
            List<MethodNode> methods = emit(schedule, budget);
            if (fits(methods)) {
                workSize[0] = Math.max(workSize[0], slots);
                return methods;
            }
            if (budget < MIN_BUDGET) {
                // Unreachable: every step and every store is far below MIN_BUDGET / 2.
                throw new IllegalStateException("kernel " + spec.name() + " cannot be split below "
                        + HUGE_METHOD_LIMIT + " bytes per method");
            }
            budget /= 2;
            schedule = Schedule.of(stored, kept, budget, firstLocal, loops);
        }
    }

    /** Whether the methods of the last {@link #emit(int[])} call the loop helpers ({@link LoopCode#helpers}). */
    boolean usesLoops() {
        return !loops.isEmpty();
    }

    /**
     * Places the blocks of {@link #loops} in the work array after the schedule's own slots, and
     * records where each member is stored; returns the work-array length the kernel needs.
     */
    private int placeBlocks(Schedule schedule) {
        bases.clear();
        blockSlots.clear();
        groupBases.clear();
        int next = schedule.workSlots();
        for (Loops.DotGroup g : loops.dotGroups()) {
            groupBases.put(g, next);
            next += g.sums().size();
        }
        for (Loops.Block b : loops.blocks()) {
            bases.put(b, next);
            for (Node v : b.values()) {
                blockSlots.computeIfAbsent(v, x -> new ArrayList<>()).add(next++);
            }
        }
        return next;
    }

    /** Measures each method into {@link #sizes}; whether all are under the JIT's limit. */
    private boolean fits(List<MethodNode> methods) {
        sizes.clear();
        boolean fits = true;
        for (MethodNode m : methods) {
            int bytes = size(m);
            sizes.put(m, bytes);
            fits &= bytes < HUGE_METHOD_LIMIT;
        }
        return fits;
    }

    /** The code size of each method of the last {@link #emit(int[])}. */
    Map<MethodNode, Integer> sizes() {
        return sizes;
    }

    /** The first budget of a split kernel, in estimated bytes per segment. */
    static final int SEGMENT_BUDGET = 6000;
    /** Below this budget the splitting gives up (an internal error: it cannot happen). */
    private static final int MIN_BUDGET = 200;

    /** The size of a method's code in bytes, as {@link CodeSizeEvaluator} measures it. */
    static int size(MethodNode m) {
        CodeSizeEvaluator sizes = new CodeSizeEvaluator(null);
        m.accept(sizes);
        return sizes.getMaxSize();
    }

    /**
     * The methods of a schedule. With {@code budget} unlimited: one method. Otherwise one static
     * method per segment, then methods writing the outputs that are constants or symbols, and
     * when there are more of these than one method can call, static methods that call a group of
     * them each (a tree as deep as needed), so that no method, the kernel's own included, grows
     * with the size of the kernel.
     */
    private List<MethodNode> emit(Schedule schedule, int budget) {
        List<MethodNode> out = new ArrayList<>();
        MethodNode main = new MethodNode(ACC_PUBLIC | ACC_FINAL, spec.name(), spec.descriptor(), null, null);
        main.visitCode();
        line(main);
        if (budget == Integer.MAX_VALUE) {
            int work = -1;
            if (!loops.isEmpty()) {
                // Loops read blocks of the work array even when the kernel is one method.
                work = argSlots;
                main.visitVarInsn(ALOAD, 0);
                main.visitFieldInsn(GETFIELD, owner, workField, "[D");
                main.visitVarInsn(ASTORE, 1 + work);
            }
            Frame frame = new Frame(main, 1, work, 0, schedule);
            for (Step step : schedule.segments().get(0)) {
                frame.compute(step, stores);
            }
            for (OutputWrites.Write w : writes) {
                frame.write(w);
            }
            finish(main, frame);
            out.add(main);
            return out;
        }
        String segmentDescriptor = spec.descriptor().replace(")", "[D)").replaceAll("\\)D$", ")V");
        List<String> called = new ArrayList<>();
        for (int s = 0; s < schedule.segments().size(); s++) {
            MethodNode seg = segment(called, segmentDescriptor);
            Frame frame = new Frame(seg, 0, argSlots, s, schedule);
            for (Step step : schedule.segments().get(s)) {
                frame.compute(step, stores);
            }
            out.add(end(seg));
        }
        for (int from = 0; from < writes.size(); ) {
            MethodNode seg = segment(called, segmentDescriptor);
            Frame frame = new Frame(seg, 0, argSlots, -1, schedule);
            int bytes = 0;
            while (from < writes.size() && (bytes == 0 || bytes + writes.get(from).bytes() <= budget)) {
                bytes += writes.get(from).bytes();
                frame.write(writes.get(from++));
            }
            out.add(end(seg));
        }
        int perCall = 2 * (spec.args().size() + 1) + 3;
        int fanOut = maxCalls > 0 ? Math.max(2, maxCalls) : Math.max(2, (HUGE_METHOD_LIMIT - 100) / perCall);
        for (int level = 0; called.size() > fanOut; level++) {
            List<String> groups = new ArrayList<>();
            for (int g = 0; g * fanOut < called.size(); g++) {
                String name = spec.name() + "$call" + level + "_" + g;
                MethodNode group = new MethodNode(ACC_PRIVATE | ACC_STATIC, name, segmentDescriptor, null, null);
                group.visitCode();
                line(group);
                for (String c : called.subList(g * fanOut, Math.min(called.size(), (g + 1) * fanOut))) {
                    call(group, 0, argSlots, c, segmentDescriptor);
                }
                out.add(end(group));
                groups.add(name);
            }
            called = groups;
        }
        int wLocal = 1 + argSlots;
        main.visitVarInsn(ALOAD, 0);
        main.visitFieldInsn(GETFIELD, owner, workField, "[D");
        main.visitVarInsn(ASTORE, wLocal);
        for (String c : called) {
            call(main, 1, argSlots, c, segmentDescriptor);
        }
        finish(main, new Frame(main, 1, wLocal - 1, -1, schedule));
        out.add(0, main);
        return out;
    }

    /** A new static segment method, named {@code kernel$k} with k the next number. */
    private MethodNode segment(List<String> called, String descriptor) {
        String name = spec.name() + "$" + called.size();
        called.add(name);
        MethodNode seg = new MethodNode(ACC_PRIVATE | ACC_STATIC, name, descriptor, null, null);
        seg.visitCode();
        line(seg);
        return seg;
    }

    /** Ends a void method: RETURN, frames and maxima left to ASM. Returns {@code m}. */
    static MethodNode end(MethodNode m) {
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    /** Calls static method {@code name} with the kernel's arguments (from {@code argBase} on) and the work array. */
    private void call(MethodNode m, int argBase, int workSlot, String name, String descriptor) {
        for (int i = 0; i < argSlot.length; i++) {
            KernelSpec.Arg a = spec.args().get(i);
            m.visitVarInsn(a.array() ? ALOAD : a.integer() ? ILOAD : DLOAD, argBase + argSlot[i]);
        }
        m.visitVarInsn(ALOAD, argBase + workSlot);
        m.visitMethodInsn(INVOKESTATIC, owner, name, descriptor, false);
    }

    /** Pushes the returned value, if any, and returns. */
    private void finish(MethodNode m, Frame frame) {
        if (spec.returned() == null) {
            m.visitInsn(RETURN);
        } else {
            frame.push(spec.returned());
            m.visitInsn(DRETURN);
        }
        m.visitMaxs(0, 0);
        m.visitEnd();
    }

    private void line(MethodNode m) {
        Label start = new Label();
        m.visitLabel(start);
        m.visitLineNumber(Math.max(1, spec.line()), start);
    }

    /**
     * The code generator of one method body: where arguments and the work array are, and how to
     * push a node's value.
     */
    private final class Frame {
        private final MethodVisitor mv;
        private final int argBase;
        private final int wSlot;
        private final Schedule schedule;
        private final int segment;
        private final LoopCode loopCode;

        /**
         * @param argBase 1 in the instance method (slot 0 is this), 0 in a static segment
         * @param wSlot   the local holding the work array relative to argBase, or −1 when there is none
         * @param segment the segment whose values are in locals here (−1: none, all come from the work array)
         */
        Frame(MethodVisitor mv, int argBase, int wSlot, int segment, Schedule schedule) {
            this.mv = mv;
            this.argBase = argBase;
            this.wSlot = wSlot;
            this.segment = segment;
            this.schedule = schedule;
            this.loopCode = wSlot < 0 ? null : new LoopCode(mv, owner, a -> argBase + argSlot[a], argBase + wSlot, bases);
        }

        void compute(Step step, Map<Node, List<int[]>> stores) {
            Node n = step.node();
            List<Operand> ops = step.operands();
            if (step.loop() != null) {
                loopCode.step(step.loop(), groupBases.get(step.loop()), this::push);
                return;
            }
            if (step.from() != null) {
                // A later part of a long sum or product: continue the running value, left to right.
                push(step.from());
                for (Operand o : ops) {
                    if (o.dot() != null) {
                        loopCode.dot(o.dot(), false);
                        continue;
                    }
                    push(o.node());
                    mv.visitInsn(n.op() == Op.ADD ? (o.subtract() ? DSUB : DADD) : DMUL);
                }
            } else {
                switch (n.op()) {
                    case ADD:
                    case MUL:
                        nary(n, ops);
                        break;
                    case POWI:
                        powi(n.child(0), n.exponent());
                        break;
                    case POW:
                        push(n.child(0));
                        push(n.child(1));
                        call(n.op().call());
                        break;
                    default:
                        // Unary and binary functions (max, min, ...): the operands in order, then the call.
                        for (int i = 0; i < n.arity(); i++) {
                            push(n.child(i));
                        }
                        call(n.op().call());
                        break;
                }
            }
            int local = argBase == 1 ? step.local() : step.local() - 1;
            mv.visitVarInsn(DSTORE, local);
            if (step.workSlot() >= 0 && wSlot >= 0) {
                mv.visitVarInsn(ALOAD, argBase + wSlot);
                index(step.workSlot());
                mv.visitVarInsn(DLOAD, local);
                mv.visitInsn(DASTORE);
            }
            if (step.partial()) {
                return;
            }
            if (blockSlots.containsKey(n)) {
                loopCode.store(blockSlots.get(n), local);
            }
            for (int[] target : stores.getOrDefault(n, List.of())) {
                mv.visitVarInsn(ALOAD, argBase + argSlot[target[0]]);
                index(target[1], target[2]);
                mv.visitVarInsn(DLOAD, local);
                mv.visitInsn(DASTORE);
            }
        }

        /** Sums and products left to right, as the interpreter; −1·b·c starts with −b (exact). */
        private void nary(Node n, List<Operand> ops) {
            boolean sum = n.op() == Op.ADD;
            Operand first = ops.get(0);
            int from = 1;
            Loops.DotGroup group = first.dot() != null ? loops.dotGroup(n) : null;
            if (group != null) {
                // The dot was computed with its group's other rows: continue from its row.
                loopCode.load(groupBases.get(group) + loops.rowOf(n));
            } else if (first.dot() != null) {
                loopCode.dot(first.dot(), true);
            } else if (first.subtract()) {
                push(first.node());
                mv.visitInsn(DNEG);
            } else if (!sum && first.node().isConstant(-1) && ops.size() > 1) {
                push(ops.get(1).node());
                mv.visitInsn(DNEG);
                from = 2;
            } else {
                push(first.node());
            }
            for (int i = from; i < ops.size(); i++) {
                if (ops.get(i).dot() != null) {
                    loopCode.dot(ops.get(i).dot(), false);
                    continue;
                }
                push(ops.get(i).node());
                mv.visitInsn(sum ? (ops.get(i).subtract() ? DSUB : DADD) : DMUL);
            }
        }

        /** base^k exactly as {@link Op#powi} computes it. */
        private void powi(Node base, int k) {
            int m = Math.abs(k);
            if (m > 4) {
                push(base);
                mv.visitLdcInsn((double) k);
                call(Op.POW.call());
                return;
            }
            if (k < 0) {
                mv.visitInsn(DCONST_1);
            }
            push(base);
            if (m == 4) {
                mv.visitInsn(DUP2);
                mv.visitInsn(DMUL);
                mv.visitInsn(DUP2);
                mv.visitInsn(DMUL);
            } else {
                for (int i = 1; i < m; i++) {
                    push(base);
                    mv.visitInsn(DMUL);
                }
            }
            if (k < 0) {
                mv.visitInsn(DDIV);
            }
        }

        private void call(MathCall c) {
            mv.visitMethodInsn(INVOKESTATIC, c.owner(), c.name(), c.descriptor(), false);
        }

        /** Pushes the value of {@code n}: a constant, a symbol's argument, a local or a work slot. */
        void push(Node n) {
            if (n.isConstant()) {
                double v = n.value();
                LoopCode.pushDouble(mv, v);
                return;
            }
            if (n.isSymbol()) {
                KernelSpec.Source src = spec.binding().apply(n.symbol());
                if (src == null) {
                    throw new IllegalStateException("kernel " + spec.name() + " has no argument for " + n.symbol());
                }
                if (src.element() < 0) {
                    mv.visitVarInsn(DLOAD, argBase + argSlot[src.arg()]);
                } else {
                    mv.visitVarInsn(ALOAD, argBase + argSlot[src.arg()]);
                    index(src.element(), src.offset());
                    mv.visitInsn(DALOAD);
                }
                return;
            }
            push(schedule.step(n));
        }

        /** Pushes the value of a step: from its local in its own segment, else from its work slot. */
        void push(Step s) {
            boolean sameMethod = wSlot < 0 || segment == s.segment();
            if (sameMethod) {
                mv.visitVarInsn(DLOAD, argBase == 1 ? s.local() : s.local() - 1);
            } else {
                mv.visitVarInsn(ALOAD, argBase + wSlot);
                index(s.workSlot());
                mv.visitInsn(DALOAD);
            }
        }

        /** Writes a constant or a symbol to its output element, or fills a run of elements with a constant. */
        void write(OutputWrites.Write w) {
            mv.visitVarInsn(ALOAD, argBase + argSlot[w.arg()]);
            index(w.element(), w.offset());
            if (w.count() > 1) {
                index(w.element() + w.count(), w.offset());
                push(w.value());
                mv.visitMethodInsn(INVOKESTATIC, "java/util/Arrays", "fill", "([DIID)V", false);
            } else {
                push(w.value());
                mv.visitInsn(DASTORE);
            }
        }

        /** Pushes the index i, plus the int argument {@code offset} unless it is −1. */
        private void index(int i, int offset) {
            if (offset < 0) {
                index(i);
                return;
            }
            mv.visitVarInsn(ILOAD, argBase + argSlot[offset]);
            if (i != 0) {
                index(i);
                mv.visitInsn(IADD);
            }
        }

        private void index(int i) {
            LoopCode.pushInt(mv, i);
        }
    }
}
