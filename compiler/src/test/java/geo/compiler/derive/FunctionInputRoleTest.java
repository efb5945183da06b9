package geo.compiler.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import geo.compiler.ir.Symbol;
import org.junit.jupiter.api.Test;

/**
 * A fn's INPUT-slot layout as {@link FunctionInputRole} computes it: the inputs at 0..n−1, the
 * JVP tangent's input part at n..2n−1 and θ part at 2n..2n+P−1, the VJP cotangent ȳ at
 * 2n+P..2n+P+m−1 (the slots {@code FunctionKernelsTest} and {@code CompiledKernelsTest} bind).
 */
class FunctionInputRoleTest {

    @Test
    void offsetsAreInputsThenTheTangentThenTheCotangent() {
        FunctionInputRole.Layout l = new FunctionInputRole.Layout(5, 6, 4);
        assertEquals(0, FunctionInputRole.INPUT.offset(l));
        assertEquals(5, FunctionInputRole.D_INPUT.offset(l));
        assertEquals(10, FunctionInputRole.D_THETA.offset(l));
        assertEquals(16, FunctionInputRole.OUT_BAR.offset(l));
        assertEquals(4, FunctionInputRole.OUT_BAR.length(l));
        assertEquals(Symbol.input("outBar[3]", 19), FunctionInputRole.OUT_BAR.symbols(l)[3]);
    }

    @Test
    void everySlotDecodesToItsRoleAndElement() {
        FunctionInputRole.Layout l = new FunctionInputRole.Layout(3, 0, 2);
        for (FunctionInputRole r : FunctionInputRole.values()) {
            for (int k = 0; k < r.length(l); k++) {
                assertEquals(new KernelInput.Element(r, k),
                        FunctionInputRole.of(Symbol.input("s", r.offset(l) + k), l));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> FunctionInputRole.of(Symbol.input("s", 8), l));
        assertThrows(IllegalArgumentException.class, () -> FunctionInputRole.of(Symbol.param("p", 0), l));
        assertThrows(IllegalArgumentException.class, () -> new FunctionInputRole.Layout(1, 0, 0));
    }
}
