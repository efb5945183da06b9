package geo.compiler.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import geo.compiler.ir.Symbol;
import org.junit.jupiter.api.Test;

/**
 * The loss kernels' INPUT-slot layout as {@link LossInputRole} computes it (the inputs at
 * 0..n−1, the HVP direction's input part at n..2n−1 and its θ part at 2n..2n+P−1, the slots
 * {@code CompiledKernelsTest} and {@code KernelsTest} bind), and the recorded step's row layout
 * as {@link IntegratorStep.Row} computes it (x at 0, v at d, residual k at 2d + k).
 */
class LossInputRoleTest {

    @Test
    void offsetsAreInputsThenTheDirection() {
        LossInputRole.Layout l = new LossInputRole.Layout(5, 6);
        assertEquals(0, LossInputRole.INPUT.offset(l));
        assertEquals(5, LossInputRole.W_INPUT.offset(l));
        assertEquals(10, LossInputRole.W_THETA.offset(l));
        assertEquals(6, LossInputRole.W_THETA.length(l));
        assertEquals(Symbol.input("wTheta[2]", 12), LossInputRole.W_THETA.symbols(l)[2]);
    }

    @Test
    void everySlotDecodesToItsRoleAndElement() {
        LossInputRole.Layout l = new LossInputRole.Layout(3, 4);
        for (LossInputRole r : LossInputRole.values()) {
            for (int k = 0; k < r.length(l); k++) {
                assertEquals(new KernelInput.Element(r, k), LossInputRole.of(Symbol.input("s", r.offset(l) + k), l));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> LossInputRole.of(Symbol.input("s", 10), l));
        assertThrows(IllegalArgumentException.class, () -> LossInputRole.of(Symbol.param("p", 0), l));
    }

    @Test
    void aRecordedRowIsXThenVThenTheResiduals() {
        IntegratorStep.Row row = new IntegratorStep.Row(3, 8);
        assertEquals(2, row.slot(IntegratorStep.Row.Field.X, 2));
        assertEquals(3, row.slot(IntegratorStep.Row.Field.V, 0));
        assertEquals(6 + 7, row.slot(IntegratorStep.Row.Field.RESIDUAL, 7));
        assertEquals(14, row.length());
        assertThrows(IndexOutOfBoundsException.class, () -> row.slot(IntegratorStep.Row.Field.V, 3));
    }
}
