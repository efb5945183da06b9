package geo.compiler.emit;

import geo.compiler.ir.MathCall;
import geo.compiler.ir.Node;
import geo.compiler.ir.Op;
import geo.compiler.ir.Symbol;
import geo.compiler.schedule.Operand;
import geo.compiler.schedule.Schedule;
import geo.compiler.schedule.Step;
import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * Emits the batch variant of a small straight-line kernel: the same values for n points at
 * once in structure-of-arrays layout (element i of a per-point array for point b at
 * {@code i·n + b}), as {@code geo.runtime.api.BatchStepKernels} describes. Per-point arrays are
 * the array arguments that do not read θ (inputs and outputs alike); θ and scalar arguments are
 * shared by the batch. The method takes an {@code int n} before its first array argument.
 *
 * <p>The body is two counted loops over the points. The first, entered only when
 * {@code geo.runtime.lanes.LaneSupport.available()}, computes {@code Lanes.LENGTH} points per
 * iteration: the per-point schedule with every value a {@code DoubleVector} (arithmetic by the
 * {@code Lanes} methods; each library function by the scalar {@code Math} call on every lane of
 * a spilled vector). The second computes the remaining points one at a time with scalar
 * bytecode. Both perform the per-point kernel's operations in its order (sums and products left
 * to right, integer powers by the same multiplications), so every point gets the bits of the
 * per-point kernel, and the per-point kernel's tests against the interpreter carry over.
 *
 * <p>Only kernels of one segment without loops ({@link LoopFinder}) are batched (the caller
 * checks {@link #fits}): every value stays in a local for the whole iteration, which is what
 * lets C2 keep the vectors in registers.
 */
final class BatchEmitter implements Opcodes {

    static final String LANES = "geo/runtime/lanes/Lanes";
    static final String SUPPORT = "geo/runtime/lanes/LaneSupport";
    static final String VECTOR = "Ljdk/incubator/vector/DoubleVector;";
    /** The suffix of a batch kernel's name: {@code rk4Step} → {@code rk4StepBatch}. */
    static final String SUFFIX = "Batch";
    /**
     * Kernels with more scheduled values than this are not batched: C2 compiles a vector loop
     * only while its inlined Vector API calls stay within its node limits, and beyond a few
     * hundred values the gain over the per-point kernel no longer pays for the compile time.
     */
    static final int MAX_VALUES = 600;

    private final KernelSpec spec;
    private final int[] argSlot;
    private final boolean[] perPoint;
    private final int nSlot;
    private final int bSlot;
    private final int laneSlot;
    private final int scratchSlot;
    private final int lengthSlot;
    private final int vectorBase;
    private final int nIndex;
    private Schedule schedule;

    private BatchEmitter(KernelSpec spec) {
        this.spec = spec;
        int count = spec.args().size();
        argSlot = new int[count];
        perPoint = new boolean[count];
        nIndex = firstArray(spec);
        int slot = 1;
        int n = -1;
        for (int i = 0; i < count; i++) {
            if (i == nIndex) {
                n = slot++;
            }
            KernelSpec.Arg a = spec.args().get(i);
            argSlot[i] = slot;
            perPoint[i] = a.array() && a.reads() != Symbol.Kind.PARAM;
            slot += a.array() || a.integer() ? 1 : 2;
        }
        nSlot = n;
        bSlot = slot++;
        laneSlot = slot++;
        lengthSlot = slot++;
        scratchSlot = slot++;
        vectorBase = slot;
    }

    private static int firstArray(KernelSpec spec) {
        for (int i = 0; i < spec.args().size(); i++) {
            if (spec.args().get(i).array()) {
                return i;
            }
        }
        throw new IllegalArgumentException("kernel " + spec.name() + " has no array argument to batch");
    }

    /**
     * Whether {@code spec} can be batched: no offset arguments, no returned value, no loops, at
     * most {@link #MAX_VALUES} scheduled values, and a batch method under HotSpot's 8,000-byte
     * JIT limit (the vector and the scalar loop each hold the whole kernel).
     */
    static boolean fits(KernelSpec spec) {
        if (spec.returned() != null || !LoopFinder.find(spec).isEmpty()) {
            return false;
        }
        for (KernelSpec.Arg a : spec.args()) {
            if (a.integer()) {
                return false;
            }
        }
        for (KernelSpec.Output o : spec.outputs()) {
            if (o.offset() >= 0 || o.start() != 0) {
                return false;
            }
        }
        Schedule s = Schedule.of(new Node[0], outputs(spec), Integer.MAX_VALUE, 0);
        int values = 0;
        for (List<Step> seg : s.segments()) {
            values += seg.size();
        }
        return values <= MAX_VALUES && MethodEmitter.size(emit(spec)) < MethodEmitter.HUGE_METHOD_LIMIT;
    }

    /** The JVM descriptor of the batch kernel of {@code spec}: its own with {@code int n} before the first array. */
    static String descriptor(KernelSpec spec) {
        int at = firstArray(spec);
        StringBuilder d = new StringBuilder("(");
        for (int i = 0; i < spec.args().size(); i++) {
            if (i == at) {
                d.append('I');
            }
            d.append(spec.args().get(i).type());
        }
        return d.append(")V").toString();
    }

    /** The batch kernel of {@code spec} ({@link #fits} must hold), named {@code spec.name() + "Batch"}. */
    static MethodNode emit(KernelSpec spec) {
        return new BatchEmitter(spec).method();
    }

    private static Node[] outputs(KernelSpec spec) {
        List<Node> kept = new ArrayList<>();
        for (KernelSpec.Output o : spec.outputs()) {
            for (Node v : o.values()) {
                if (!v.isConstant() && !v.isSymbol()) {
                    kept.add(v);
                }
            }
        }
        return kept.toArray(Node[]::new);
    }

    private MethodNode method() {
        schedule = Schedule.of(new Node[0], outputs(spec), Integer.MAX_VALUE, 0);
        int vectorLocals = schedule.localsUsed(0) / 2 + 1;
        MethodNode m = new MethodNode(ACC_PUBLIC | ACC_FINAL, spec.name() + SUFFIX, descriptor(spec), null, null);
        m.visitCode();
        Label start = new Label();
        m.visitLabel(start);
        m.visitLineNumber(Math.max(1, spec.line()), start);
        m.visitInsn(ICONST_0);
        m.visitVarInsn(ISTORE, bSlot);
        Label tail = new Label();
        m.visitMethodInsn(INVOKESTATIC, SUPPORT, "available", "()Z", false);
        m.visitJumpInsn(IFEQ, tail);
        m.visitFieldInsn(GETSTATIC, LANES, "LENGTH", "I");
        m.visitVarInsn(ISTORE, lengthSlot);
        m.visitVarInsn(ILOAD, lengthSlot);
        m.visitInsn(ICONST_2);
        m.visitInsn(IMUL);
        m.visitIntInsn(NEWARRAY, T_DOUBLE);
        m.visitVarInsn(ASTORE, scratchSlot);
        // while (b + LENGTH <= n) { vector body; b += LENGTH }
        Label vectorTest = new Label();
        Label vectorBody = new Label();
        m.visitJumpInsn(GOTO, vectorTest);
        m.visitLabel(vectorBody);
        body(m, new Lane(m, true, vectorBase));
        m.visitVarInsn(ILOAD, bSlot);
        m.visitVarInsn(ILOAD, lengthSlot);
        m.visitInsn(IADD);
        m.visitVarInsn(ISTORE, bSlot);
        m.visitLabel(vectorTest);
        m.visitVarInsn(ILOAD, bSlot);
        m.visitVarInsn(ILOAD, lengthSlot);
        m.visitInsn(IADD);
        m.visitVarInsn(ILOAD, nSlot);
        m.visitJumpInsn(IF_ICMPLE, vectorBody);
        // while (b < n) { scalar body; b++ }
        m.visitLabel(tail);
        Label scalarTest = new Label();
        Label scalarBody = new Label();
        m.visitJumpInsn(GOTO, scalarTest);
        m.visitLabel(scalarBody);
        body(m, new Lane(m, false, vectorBase + vectorLocals));
        m.visitIincInsn(bSlot, 1);
        m.visitLabel(scalarTest);
        m.visitVarInsn(ILOAD, bSlot);
        m.visitVarInsn(ILOAD, nSlot);
        m.visitJumpInsn(IF_ICMPLT, scalarBody);
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    /** One point's (or one vector of points') values, then its outputs. */
    private void body(MethodNode m, Lane lane) {
        for (Step step : schedule.segments().get(0)) {
            lane.compute(step);
        }
        for (KernelSpec.Output o : spec.outputs()) {
            Node[] values = o.values();
            for (int k = 0; k < values.length; k++) {
                lane.push(values[k]);
                lane.store(o.arg(), k);
            }
        }
    }

    /** Code for one lane width: vectors ({@code DoubleVector} locals, one slot each) or scalars (two slots each). */
    private final class Lane {
        private final MethodVisitor mv;
        private final boolean vector;
        private final int base;

        Lane(MethodVisitor mv, boolean vector, int base) {
            this.mv = mv;
            this.vector = vector;
            this.base = base;
        }

        private int local(Step s) {
            return vector ? base + s.local() / 2 : base + s.local();
        }

        void compute(Step step) {
            Node n = step.node();
            if (step.from() != null || step.partial() || step.loop() != null) {
                throw new IllegalStateException("kernel " + spec.name() + " is not one straight-line segment");
            }
            List<Operand> ops = step.operands();
            switch (n.op()) {
                case ADD, MUL -> nary(n, ops);
                case POWI -> powi(n.child(0), n.exponent());
                case POW -> call(n.op().call(), n.child(0), n.child(1));
                default -> call(n.op().call(), n.arity() == 1 ? new Node[] {n.child(0)}
                        : new Node[] {n.child(0), n.child(1)});
            }
            mv.visitVarInsn(vector ? ASTORE : DSTORE, local(step));
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
                constant(1.0);
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
            mv.visitMethodInsn(INVOKESTATIC, LANES, name, "(" + VECTOR + VECTOR + ")" + VECTOR, false);
        }

        private void neg() {
            if (vector) {
                mv.visitMethodInsn(INVOKESTATIC, LANES, "neg", "(" + VECTOR + ")" + VECTOR, false);
            } else {
                mv.visitInsn(DNEG);
            }
        }

        private void call(MathCall c, Node a, Node b) {
            call(c, new Node[] {a, b});
        }

        private void call(MathCall c, Node[] args) {
            call(c, args[0], args.length > 1 ? args[1] : null, Integer.MIN_VALUE);
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
                } else if (exponent != Integer.MIN_VALUE) {
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
            mv.visitVarInsn(ALOAD, scratchSlot);
            mv.visitInsn(ICONST_0);
            mv.visitMethodInsn(INVOKESTATIC, LANES, "load", "([DI)" + VECTOR, false);
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
            mv.visitMethodInsn(INVOKESTATIC, LANES, "store", "(" + VECTOR + "[DI)V", false);
        }

        private void constant(double v) {
            if (Double.doubleToRawLongBits(v) == 0L) {
                mv.visitInsn(DCONST_0);
            } else if (v == 1.0) {
                mv.visitInsn(DCONST_1);
            } else {
                mv.visitLdcInsn(v);
            }
            broadcast();
        }

        private void broadcast() {
            if (vector) {
                mv.visitMethodInsn(INVOKESTATIC, LANES, "broadcast", "(D)" + VECTOR, false);
            }
        }

        /** Pushes a value: a constant or shared argument (broadcast), a per-point element (loaded), a local. */
        void push(Node n) {
            if (n.isConstant()) {
                constant(n.value());
                return;
            }
            if (n.isSymbol()) {
                KernelSpec.Source src = spec.binding().apply(n.symbol());
                if (src == null) {
                    throw new IllegalStateException("kernel " + spec.name() + " has no argument for " + n.symbol());
                }
                if (src.element() < 0) {
                    mv.visitVarInsn(DLOAD, argSlot[src.arg()]);
                    broadcast();
                } else if (!perPoint[src.arg()]) {
                    mv.visitVarInsn(ALOAD, argSlot[src.arg()]);
                    LoopCode.pushInt(mv, src.element());
                    mv.visitInsn(DALOAD);
                    broadcast();
                } else {
                    mv.visitVarInsn(ALOAD, argSlot[src.arg()]);
                    index(src.element());
                    if (vector) {
                        mv.visitMethodInsn(INVOKESTATIC, LANES, "load", "([DI)" + VECTOR, false);
                    } else {
                        mv.visitInsn(DALOAD);
                    }
                }
                return;
            }
            mv.visitVarInsn(vector ? ALOAD : DLOAD, local(schedule.step(n)));
        }

        /** Stores the value on the stack to element k of per-point output array {@code arg}. */
        void store(int arg, int k) {
            if (vector) {
                mv.visitVarInsn(ALOAD, argSlot[arg]);
                index(k);
                mv.visitMethodInsn(INVOKESTATIC, LANES, "store", "(" + VECTOR + "[DI)V", false);
            } else {
                // value (two slots) under the array and index: store it to a free local first.
                int tmp = base + schedule.localsUsed(0);
                mv.visitVarInsn(DSTORE, tmp);
                mv.visitVarInsn(ALOAD, argSlot[arg]);
                index(k);
                mv.visitVarInsn(DLOAD, tmp);
                mv.visitInsn(DASTORE);
            }
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
}
