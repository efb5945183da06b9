package geo.compiler.emit;

import geo.compiler.schedule.Loops;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * The bytecode of {@link Loops}: each loop is a call of one of two small static methods of the
 * generated class ({@link #helpers}), {@value #DOT} (a running sum plus products of two strided
 * vectors) and {@value #SCALE} (a strided vector times a factor into an output). A kernel
 * method thus stays straight-line code with calls, and the JIT compiles the two loops once,
 * early (they are hot from the first calls), instead of every loop of every kernel method.
 * Each iteration performs what the straight-line code would for element k, in its order, so the
 * results are the same bits. A vector is an array argument (θ or an input) from a start with a
 * stride, or a block of the work array with stride 1.
 */
final class LoopCode implements Opcodes {

    /** s + Σₖ a[a0 + as·k]·b[b0 + bs·k], added left to right. */
    static final String DOT = "dot$";
    static final String DOT_DESCRIPTOR = "(D[DII[DIII)D";
    /** out[o0 + k] = c·v[v0 + vs·k]. */
    static final String SCALE = "scale$";
    static final String SCALE_DESCRIPTOR = "(D[DI[DIII)V";

    private final MethodVisitor mv;
    private final String owner;
    private final IntUnaryOperator argLocal;
    private final int workLocal;
    private final Map<Loops.Block, Integer> bases;

    /**
     * @param owner     the generated class (holding the helpers)
     * @param argLocal  the local holding a kernel argument, by the argument's index
     * @param workLocal the local holding the work array
     * @param bases     the first work-array slot of each block
     */
    LoopCode(MethodVisitor mv, String owner, IntUnaryOperator argLocal, int workLocal, Map<Loops.Block, Integer> bases) {
        this.mv = mv;
        this.owner = owner;
        this.argLocal = argLocal;
        this.workLocal = workLocal;
        this.bases = bases;
    }

    /**
     * Adds the run's products left to right: s = ((s + a₀b₀) + a₁b₁) + …. With {@code first}
     * the run begins the sum, so s starts as a₀b₀ (not 0 + a₀b₀, which differs for −0); otherwise
     * s is on the stack. Leaves s on the stack.
     */
    void dot(Loops.Dot d, boolean first) {
        int from = 0;
        if (first) {
            element(d.left(), 0);
            element(d.right(), 0);
            mv.visitInsn(DMUL);
            from = 1;
        }
        vector(d.left(), from);
        vector(d.right(), from);
        pushInt(mv, d.length() - from);
        mv.visitMethodInsn(INVOKESTATIC, owner, DOT, DOT_DESCRIPTOR, false);
    }

    /** Writes out[first + k] = c·vₖ for the run, c taken from the stack. */
    void outputs(Loops.OutputRun r) {
        mv.visitVarInsn(ALOAD, argLocal.applyAsInt(r.arg()));
        pushInt(mv, r.first());
        offset(r.offset());
        vector(r.vector(), 0);
        pushInt(mv, r.members().size());
        mv.visitMethodInsn(INVOKESTATIC, owner, SCALE, SCALE_DESCRIPTOR, false);
    }

    /** Pushes the array, the index of element {@code k} and the stride of {@code v}. */
    private void vector(Loops.Vector v, int k) {
        if (v instanceof Loops.Strided s) {
            mv.visitVarInsn(ALOAD, argLocal.applyAsInt(s.arg()));
            pushInt(mv, s.first() + s.stride() * k);
            offset(s.offset());
            pushInt(mv, s.stride());
        } else {
            mv.visitVarInsn(ALOAD, workLocal);
            pushInt(mv, bases.get((Loops.Block) v) + k);
            mv.visitInsn(ICONST_1);
        }
    }

    /** Pushes element {@code k} of {@code v}. */
    private void element(Loops.Vector v, int k) {
        if (v instanceof Loops.Strided s) {
            mv.visitVarInsn(ALOAD, argLocal.applyAsInt(s.arg()));
            pushInt(mv, s.first() + s.stride() * k);
            offset(s.offset());
        } else {
            mv.visitVarInsn(ALOAD, workLocal);
            pushInt(mv, bases.get((Loops.Block) v) + k);
        }
        mv.visitInsn(DALOAD);
    }

    /** Adds the int argument {@code offset} to the index on the stack, unless it is −1. */
    private void offset(int offset) {
        if (offset >= 0) {
            mv.visitVarInsn(ILOAD, argLocal.applyAsInt(offset));
            mv.visitInsn(IADD);
        }
    }

    /** Pushes an int constant with the shortest instruction. */
    static void pushInt(MethodVisitor mv, int i) {
        if (i >= -1 && i <= 5) {
            mv.visitInsn(ICONST_0 + i);
        } else if (i >= Byte.MIN_VALUE && i <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, i);
        } else if (i >= Short.MIN_VALUE && i <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, i);
        } else {
            mv.visitLdcInsn(i);
        }
    }

    /** The two helper methods, for a class whose kernels use loops. */
    static List<MethodNode> helpers() {
        return List.of(dotHelper(), scaleHelper());
    }

    /** {@code static double dot$(double s, double[] a, int ia, int as, double[] b, int ib, int bs, int n)}. */
    private static MethodNode dotHelper() {
        MethodNode m = new MethodNode(ACC_PRIVATE | ACC_STATIC, DOT, DOT_DESCRIPTOR, null, null);
        // Locals: s 0-1, a 2, ia 3, as 4, b 5, ib 6, bs 7, n 8.
        m.visitCode();
        Label top = new Label();
        Label end = new Label();
        m.visitLabel(top);
        m.visitVarInsn(ILOAD, 8);
        m.visitJumpInsn(IFLE, end);
        m.visitVarInsn(DLOAD, 0);
        m.visitVarInsn(ALOAD, 2);
        m.visitVarInsn(ILOAD, 3);
        m.visitInsn(DALOAD);
        m.visitVarInsn(ALOAD, 5);
        m.visitVarInsn(ILOAD, 6);
        m.visitInsn(DALOAD);
        m.visitInsn(DMUL);
        m.visitInsn(DADD);
        m.visitVarInsn(DSTORE, 0);
        step(m, 3, 4);
        step(m, 6, 7);
        m.visitIincInsn(8, -1);
        m.visitJumpInsn(GOTO, top);
        m.visitLabel(end);
        m.visitVarInsn(DLOAD, 0);
        m.visitInsn(DRETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    /** {@code static void scale$(double c, double[] out, int io, double[] v, int iv, int vs, int n)}. */
    private static MethodNode scaleHelper() {
        MethodNode m = new MethodNode(ACC_PRIVATE | ACC_STATIC, SCALE, SCALE_DESCRIPTOR, null, null);
        // Locals: c 0-1, out 2, io 3, v 4, iv 5, vs 6, n 7.
        m.visitCode();
        Label top = new Label();
        Label end = new Label();
        m.visitLabel(top);
        m.visitVarInsn(ILOAD, 7);
        m.visitJumpInsn(IFLE, end);
        m.visitVarInsn(ALOAD, 2);
        m.visitVarInsn(ILOAD, 3);
        m.visitVarInsn(DLOAD, 0);
        m.visitVarInsn(ALOAD, 4);
        m.visitVarInsn(ILOAD, 5);
        m.visitInsn(DALOAD);
        m.visitInsn(DMUL);
        m.visitInsn(DASTORE);
        m.visitIincInsn(3, 1);
        step(m, 5, 6);
        m.visitIincInsn(7, -1);
        m.visitJumpInsn(GOTO, top);
        m.visitLabel(end);
        m.visitInsn(RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        return m;
    }

    /** index += stride (both int locals). */
    private static void step(MethodNode m, int index, int stride) {
        m.visitVarInsn(ILOAD, index);
        m.visitVarInsn(ILOAD, stride);
        m.visitInsn(IADD);
        m.visitVarInsn(ISTORE, index);
    }
}
