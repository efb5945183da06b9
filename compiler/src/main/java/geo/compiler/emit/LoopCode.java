package geo.compiler.emit;

import geo.compiler.schedule.Loops;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The bytecode of {@link Loops} in one method: a counter k in an int local, the running value in a
 * double local, vector elements read from array arguments or from blocks of the work array. Each
 * iteration performs what the straight-line code would for element k, in its order.
 */
final class LoopCode implements Opcodes {

    private final MethodVisitor mv;
    private final IntUnaryOperator argLocal;
    private final int workLocal;
    private final int acc;
    private final int counter;
    private final Map<Loops.Block, Integer> bases;

    /**
     * @param argLocal  the local holding a kernel argument, by the argument's index
     * @param workLocal the local holding the work array
     * @param acc       a double local free for the loop (two slots)
     * @param counter   an int local free for the loop
     * @param bases     the first work-array slot of each block
     */
    LoopCode(MethodVisitor mv, IntUnaryOperator argLocal, int workLocal, int acc, int counter,
             Map<Loops.Block, Integer> bases) {
        this.mv = mv;
        this.argLocal = argLocal;
        this.workLocal = workLocal;
        this.acc = acc;
        this.counter = counter;
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
            element(d.left(), 0, false);
            element(d.right(), 0, false);
            mv.visitInsn(DMUL);
            from = 1;
        }
        mv.visitVarInsn(DSTORE, acc);
        Label top = new Label();
        Label end = new Label();
        head(from, d.length(), top, end);
        mv.visitVarInsn(DLOAD, acc);
        element(d.left(), 0, true);
        element(d.right(), 0, true);
        mv.visitInsn(DMUL);
        mv.visitInsn(DADD);
        mv.visitVarInsn(DSTORE, acc);
        tail(top, end);
        mv.visitVarInsn(DLOAD, acc);
    }

    /** Writes out[first + k] = c·vₖ for the run, c taken from the stack. */
    void outputs(Loops.OutputRun r) {
        mv.visitVarInsn(DSTORE, acc);
        Label top = new Label();
        Label end = new Label();
        head(0, r.members().size(), top, end);
        mv.visitVarInsn(ALOAD, argLocal.applyAsInt(r.arg()));
        mv.visitVarInsn(ILOAD, counter);
        if (r.first() != 0) {
            pushInt(mv, r.first());
            mv.visitInsn(IADD);
        }
        offset(r.offset());
        mv.visitVarInsn(DLOAD, acc);
        element(r.vector(), 0, true);
        mv.visitInsn(DMUL);
        mv.visitInsn(DASTORE);
        tail(top, end);
    }

    /** k = from; top: if k ≥ n goto end. */
    private void head(int from, int n, Label top, Label end) {
        pushInt(mv, from);
        mv.visitVarInsn(ISTORE, counter);
        mv.visitLabel(top);
        mv.visitVarInsn(ILOAD, counter);
        pushInt(mv, n);
        mv.visitJumpInsn(IF_ICMPGE, end);
    }

    /** k++; goto top; end: */
    private void tail(Label top, Label end) {
        mv.visitIincInsn(counter, 1);
        mv.visitJumpInsn(GOTO, top);
        mv.visitLabel(end);
    }

    /** Pushes element k of {@code v}: the counter's when {@code atCounter}, else the constant {@code k}. */
    private void element(Loops.Vector v, int k, boolean atCounter) {
        if (v instanceof Loops.Strided s) {
            mv.visitVarInsn(ALOAD, argLocal.applyAsInt(s.arg()));
            if (atCounter) {
                mv.visitVarInsn(ILOAD, counter);
                if (s.stride() != 1) {
                    pushInt(mv, s.stride());
                    mv.visitInsn(IMUL);
                }
                if (s.first() != 0) {
                    pushInt(mv, s.first());
                    mv.visitInsn(IADD);
                }
            } else {
                pushInt(mv, s.first() + s.stride() * k);
            }
            offset(s.offset());
        } else {
            int base = bases.get((Loops.Block) v);
            mv.visitVarInsn(ALOAD, workLocal);
            if (atCounter) {
                mv.visitVarInsn(ILOAD, counter);
                if (base != 0) {
                    pushInt(mv, base);
                    mv.visitInsn(IADD);
                }
            } else {
                pushInt(mv, base + k);
            }
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

    /** Pushes a non-negative int constant with the shortest instruction. */
    static void pushInt(MethodVisitor mv, int i) {
        if (i >= 0 && i <= 5) {
            mv.visitInsn(ICONST_0 + i);
        } else if (i >= Byte.MIN_VALUE && i <= Byte.MAX_VALUE) {
            mv.visitIntInsn(BIPUSH, i);
        } else if (i >= Short.MIN_VALUE && i <= Short.MAX_VALUE) {
            mv.visitIntInsn(SIPUSH, i);
        } else {
            mv.visitLdcInsn(i);
        }
    }
}
