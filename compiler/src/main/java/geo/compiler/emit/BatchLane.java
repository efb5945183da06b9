package geo.compiler.emit;

import static geo.compiler.emit.BatchEmitter.*;

import geo.compiler.ir.MathCall;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;
import geo.compiler.schedule.Operand;
import geo.compiler.schedule.Schedule;
import geo.compiler.schedule.Step;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Code for one lane width in one method: vectors ({@code DoubleVector} locals, one slot each)
 * or scalars (two slots each), the values of {@code segment} in locals and the other
 * segments' in the work array (segment −1: every value in a local).
 */
final class BatchLane implements Opcodes {
    private final KernelSpec spec;
    private final String owner;
    private final boolean[] perPoint;
    private final MethodVisitor mv;
    private final boolean vector;
    private final Schedule schedule;
    private final int segment;
    private final int[] argSlot;
    private final int nSlot;
    private final int bSlot;
    private final int lengthSlot;
    private final int laneSlot;
    private final int scratchSlot;
    private final int workSlot;
    private final int base;
    /** Vector locals holding constants and symbols. */
    final Map<Node, Integer> cached = new IdentityHashMap<>();
    /** Vector locals holding values of earlier segments, loaded from the work array at their first use. */
    private final Map<Step, Integer> loaded = new IdentityHashMap<>();
    /** The next free local for {@link #loaded}. */
    int free;
    /** The vector local holding 1 in every lane (for reciprocals), or −1. */
    int ones = -1;

    BatchLane(KernelSpec spec, String owner, boolean[] perPoint, MethodVisitor mv, boolean vector, Schedule schedule, int segment, int[] argSlot, int nSlot, int bSlot,
         int lengthSlot, int laneSlot, int scratchSlot, int workSlot, int base) {
        this.spec = spec;
        this.owner = owner;
        this.perPoint = perPoint;
        this.mv = mv;
        this.vector = vector;
        this.schedule = schedule;
        this.segment = segment;
        this.argSlot = argSlot;
        this.nSlot = nSlot;
        this.bSlot = bSlot;
        this.lengthSlot = lengthSlot;
        this.laneSlot = laneSlot;
        this.scratchSlot = scratchSlot;
        this.workSlot = workSlot;
        this.base = base;
    }

    private int local(Step s) {
        return vector ? base + s.local() / 2 : base + s.local();
    }

    void compute(Step step) {
        Node n = step.node();
        if (step.loop() != null) {
            throw new IllegalStateException("kernel " + spec.name() + " has loops: it cannot be batched");
        }
        List<Operand> ops = step.operands();
        if (step.from() != null) {
            // A later part of a long sum or product: continue the running value, left to right.
            push(step.from());
            for (Operand o : ops) {
                push(o.node());
                arithmetic(n.op() == Op.ADD ? (o.subtract() ? DSUB : DADD) : DMUL);
            }
        } else {
            switch (n.op()) {
                case ADD, MUL -> nary(n, ops);
                case POWI -> powi(n.child(0), n.exponent());
                case POW -> call(n.op().call(), n.child(0), n.child(1), Integer.MIN_VALUE);
                default -> call(n.op().call(), n.child(0), n.arity() > 1 ? n.child(1) : null,
                        Integer.MIN_VALUE);
            }
        }
        mv.visitVarInsn(vector ? ASTORE : DSTORE, local(step));
        if (vector && segment >= 0 && step.workSlot() >= 0) {
            mv.visitVarInsn(ALOAD, local(step));
            mv.visitVarInsn(ALOAD, workSlot);
            workIndex(step.workSlot());
            mv.visitMethodInsn(INVOKEVIRTUAL, DOUBLE_VECTOR, "intoArray", "([DI)V", false);
        }
    }

    /** Every output element, written to its per-point array at k·n + b. */
    void writeOutputs() {
        for (KernelSpec.Output o : spec.outputs()) {
            Node[] values = o.values();
            for (int k = 0; k < values.length; k++) {
                push(values[k]);
                store(o.arg(), k);
            }
        }
    }

    /** As {@code MethodEmitter}: left to right; a subtracted first operand negated; −1·b·c starts with −b. */
    private void nary(Node n, List<Operand> ops) {
        boolean sum = n.op() == Op.ADD;
        Operand first = ops.get(0);
        int from = 1;
        if (first.subtract()) {
            push(first.node());
            neg();
        } else if (!sum && first.node().isConstant(-1) && ops.size() > 1) {
            push(ops.get(1).node());
            neg();
            from = 2;
        } else {
            push(first.node());
        }
        for (int i = from; i < ops.size(); i++) {
            push(ops.get(i).node());
            arithmetic(sum ? (ops.get(i).subtract() ? DSUB : DADD) : DMUL);
        }
    }

    /** base^k exactly as {@link Op#powi} (and {@code MethodEmitter}) computes it. */
    private void powi(Node base, int k) {
        int m = Math.abs(k);
        if (m > 4) {
            call(Op.POW.call(), base, null, k);
            return;
        }
        if (k < 0) {
            if (vector) {
                mv.visitVarInsn(ALOAD, ones);
            } else {
                mv.visitInsn(DCONST_1);
            }
        }
        push(base);
        if (m == 4) {
            mv.visitInsn(vector ? DUP : DUP2);
            arithmetic(DMUL);
            mv.visitInsn(vector ? DUP : DUP2);
            arithmetic(DMUL);
        } else {
            for (int i = 1; i < m; i++) {
                push(base);
                arithmetic(DMUL);
            }
        }
        if (k < 0) {
            arithmetic(DDIV);
        }
    }

    private void arithmetic(int opcode) {
        if (!vector) {
            mv.visitInsn(opcode);
            return;
        }
        String name = switch (opcode) {
            case DADD -> "add";
            case DSUB -> "sub";
            case DMUL -> "mul";
            case DDIV -> "div";
            default -> throw new IllegalArgumentException("opcode " + opcode);
        };
        // The operand typed as Vector by a checkcast, so that the verifier needs no incubator class.
        mv.visitTypeInsn(CHECKCAST, VECTOR_BASE);
        mv.visitMethodInsn(INVOKEVIRTUAL, DOUBLE_VECTOR, name, "(L" + VECTOR_BASE + ";)" + VECTOR, false);
    }

    private void neg() {
        if (vector) {
            mv.visitMethodInsn(INVOKEVIRTUAL, DOUBLE_VECTOR, "neg", "()" + VECTOR, false);
        } else {
            mv.visitInsn(DNEG);
        }
    }

    /**
     * A library function of one or two arguments ({@code second} null and, for a power with
     * a constant exponent, {@code exponent} the exponent). Scalars call it directly; vectors
     * spill their lanes to the scratch array and call it once per lane, then load the lanes
     * back: the same call on the same numbers as the per-point kernel.
     */
    private void call(MathCall c, Node first, Node second, int exponent) {
        boolean binary = second != null || exponent != Integer.MIN_VALUE;
        if (!vector) {
            push(first);
            if (second != null) {
                push(second);
            } else if (binary) {
                mv.visitLdcInsn((double) exponent);
            }
            mv.visitMethodInsn(INVOKESTATIC, c.owner(), c.name(), c.descriptor(), false);
            return;
        }
        spill(first, 0);
        if (second != null) {
            spill(second, 1);
        }
        // for (lane = 0; lane < LENGTH; lane++) scratch[lane] = f(scratch[lane][, scratch[LENGTH + lane]])
        Label test = new Label();
        Label loop = new Label();
        mv.visitInsn(ICONST_0);
        mv.visitVarInsn(ISTORE, laneSlot);
        mv.visitJumpInsn(GOTO, test);
        mv.visitLabel(loop);
        mv.visitVarInsn(ALOAD, scratchSlot);
        mv.visitVarInsn(ILOAD, laneSlot);
        mv.visitVarInsn(ALOAD, scratchSlot);
        mv.visitVarInsn(ILOAD, laneSlot);
        mv.visitInsn(DALOAD);
        if (second != null) {
            mv.visitVarInsn(ALOAD, scratchSlot);
            mv.visitVarInsn(ILOAD, laneSlot);
            mv.visitVarInsn(ILOAD, lengthSlot);
            mv.visitInsn(IADD);
            mv.visitInsn(DALOAD);
        } else if (binary) {
            mv.visitLdcInsn((double) exponent);
        }
        mv.visitMethodInsn(INVOKESTATIC, c.owner(), c.name(), c.descriptor(), false);
        mv.visitInsn(DASTORE);
        mv.visitIincInsn(laneSlot, 1);
        mv.visitLabel(test);
        mv.visitVarInsn(ILOAD, laneSlot);
        mv.visitVarInsn(ILOAD, lengthSlot);
        mv.visitJumpInsn(IF_ICMPLT, loop);
        species();
        mv.visitVarInsn(ALOAD, scratchSlot);
        mv.visitInsn(ICONST_0);
        mv.visitMethodInsn(INVOKESTATIC, DOUBLE_VECTOR, "fromArray", FROM_ARRAY, false);
    }

    /** Stores the lanes of {@code n} to the scratch array's half {@code half}. */
    private void spill(Node n, int half) {
        push(n);
        mv.visitVarInsn(ALOAD, scratchSlot);
        if (half == 0) {
            mv.visitInsn(ICONST_0);
        } else {
            mv.visitVarInsn(ILOAD, lengthSlot);
        }
        mv.visitMethodInsn(INVOKEVIRTUAL, DOUBLE_VECTOR, "intoArray", "([DI)V", false);
    }

    /**
     * Calls into the Vector API go straight to {@code DoubleVector}, whose methods C2 inlines
     * by force (annotated): through small static wrappers C2 stopped inlining at its node
     * cutoff ({@code NodeCountInliningCutoff}) and boxed the remaining vectors.
     */
    private void species() {
        if (vector) {
            mv.visitFieldInsn(GETSTATIC, LANES, "SPECIES", SPECIES);
        }
    }

    /** After {@link #species()} and a double: the vector of that double in every lane. */
    private void broadcast() {
        if (vector) {
            mv.visitMethodInsn(INVOKESTATIC, DOUBLE_VECTOR, "broadcast", "(" + SPECIES + "D)" + VECTOR, false);
        }
    }

    /** Pushes a value: a constant or shared argument (broadcast), a per-point element (loaded), a computed value. */
    void push(Node n) {
        Integer slot = cached.get(n);
        if (slot != null) {
            mv.visitVarInsn(ALOAD, slot);
            return;
        }
        if (n.isConstant()) {
            double v = n.value();
            species();
            LoopCode.pushDouble(mv, v);
            broadcast();
            return;
        }
        if (n.isSymbol()) {
            KernelSpec.Source src = spec.binding().apply(n.symbol());
            if (src == null) {
                throw new IllegalStateException("kernel " + spec.name() + " has no argument for " + n.symbol());
            }
            if (src.element() < 0) {
                species();
                mv.visitVarInsn(DLOAD, argSlot[src.arg()]);
                broadcast();
            } else if (!perPoint[src.arg()]) {
                species();
                mv.visitVarInsn(ALOAD, argSlot[src.arg()]);
                LoopCode.pushInt(mv, src.element());
                mv.visitInsn(DALOAD);
                broadcast();
            } else {
                species();
                mv.visitVarInsn(ALOAD, argSlot[src.arg()]);
                index(src.element());
                if (vector) {
                    mv.visitMethodInsn(INVOKESTATIC, DOUBLE_VECTOR, "fromArray", FROM_ARRAY, false);
                } else {
                    mv.visitInsn(DALOAD);
                }
            }
            return;
        }
        push(schedule.step(n));
    }

    /** Pushes the value of a step: its local in this segment, else its vector in the work array. */
    private void push(Step s) {
        if (segment < 0 || s.segment() == segment) {
            mv.visitVarInsn(vector ? ALOAD : DLOAD, local(s));
            return;
        }
        Integer slot = loaded.get(s);
        if (slot == null) {
            slot = free++;
            loaded.put(s, slot);
            species();
            mv.visitVarInsn(ALOAD, workSlot);
            workIndex(s.workSlot());
            mv.visitMethodInsn(INVOKESTATIC, DOUBLE_VECTOR, "fromArray", FROM_ARRAY, false);
            mv.visitVarInsn(ASTORE, slot);
        }
        mv.visitVarInsn(ALOAD, slot);
    }

    /** Stores the value on the stack to element k of per-point output array {@code arg}. */
    private void store(int arg, int k) {
        if (vector) {
            mv.visitVarInsn(ALOAD, argSlot[arg]);
            index(k);
            mv.visitMethodInsn(INVOKEVIRTUAL, DOUBLE_VECTOR, "intoArray", "([DI)V", false);
        } else {
            // The value (two slots) is under where the array and index go: park it in a free local.
            int tmp = base + schedule.localsUsed(0);
            mv.visitVarInsn(DSTORE, tmp);
            mv.visitVarInsn(ALOAD, argSlot[arg]);
            index(k);
            mv.visitVarInsn(DLOAD, tmp);
            mv.visitInsn(DASTORE);
        }
    }

    /** Pushes slot · LENGTH, where a vector of the work array starts. */
    private void workIndex(int slot) {
        LoopCode.pushInt(mv, slot);
        mv.visitVarInsn(ILOAD, lengthSlot);
        mv.visitInsn(IMUL);
    }

    /** Pushes k·n + b. */
    private void index(int k) {
        if (k == 0) {
            mv.visitVarInsn(ILOAD, bSlot);
            return;
        }
        LoopCode.pushInt(mv, k);
        mv.visitVarInsn(ILOAD, nSlot);
        mv.visitInsn(IMUL);
        mv.visitVarInsn(ILOAD, bSlot);
        mv.visitInsn(IADD);
    }
}
