package geo.compiler.derive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import geo.compiler.ir.Symbol;
import org.junit.jupiter.api.Test;

/**
 * The kernels' INPUT-slot layout as {@link InputRole} computes it from the enum order: the
 * layout of the generated kernels (dx at 0, dv at d, ā at 2d, a at 3d, λ at 4d, x̄' at 5d, v̄' at
 * 6d, h at 7d, θ̄ᵢₙ at 7d + 1, residuals from 7d + 1 + P), and decoding a slot back to its role
 * and element.
 */
class InputRoleTest {

    @Test
    void offsetsFollowTheEnumOrder() {
        for (int d : new int[] {1, 2, 3, 7}) {
            InputRole.Layout l = new InputRole.Layout(d, 5, 11);
            assertEquals(0, InputRole.DX.offset(l));
            assertEquals(d, InputRole.DV.offset(l));
            assertEquals(2 * d, InputRole.A_BAR.offset(l));
            assertEquals(3 * d, InputRole.A.offset(l));
            assertEquals(4 * d, InputRole.LAMBDA.offset(l));
            assertEquals(5 * d, InputRole.X_END_BAR.offset(l));
            assertEquals(6 * d, InputRole.V_END_BAR.offset(l));
            assertEquals(7 * d, InputRole.STEP.offset(l));
            assertEquals(7 * d + 1, InputRole.THETA_BAR.offset(l));
            assertEquals(5, InputRole.THETA_BAR.length(l));
            assertEquals(7 * d + 1 + 5, InputRole.RESIDUAL.offset(l));
            assertEquals(11, InputRole.RESIDUAL.length(l));
            assertEquals(1, InputRole.STEP.length(l));
        }
    }

    @Test
    void symbolsKeepTheirNamesAndSlots() {
        InputRole.Layout l = new InputRole.Layout(2, 0, 3);
        assertEquals(Symbol.input("abar[1]", 5), InputRole.A_BAR.symbols(l)[1]);
        assertEquals(Symbol.input("h", 14), InputRole.STEP.symbol(l));
        assertEquals(Symbol.input("r[2]", 17), InputRole.RESIDUAL.symbols(l)[2]);
        assertThrows(IllegalStateException.class, () -> InputRole.DX.symbol(l));
    }

    @Test
    void everySlotDecodesToItsRoleAndElement() {
        InputRole.Layout l = new InputRole.Layout(3, 4, 6);
        for (InputRole r : InputRole.values()) {
            Symbol[] s = r.symbols(l);
            for (int k = 0; k < s.length; k++) {
                assertEquals(new InputRole.Element(r, k), InputRole.of(s[k], l), s[k].toString());
            }
        }
        // The last role is open-ended: a residual beyond the layout's count is still a residual.
        assertEquals(new InputRole.Element(InputRole.RESIDUAL, 40),
                InputRole.of(Symbol.input("r[40]", 7 * 3 + 1 + 4 + 40), new InputRole.Layout(3, 4, 0)));
        assertThrows(IllegalArgumentException.class, () -> InputRole.of(Symbol.coord(0), l));
    }
}
