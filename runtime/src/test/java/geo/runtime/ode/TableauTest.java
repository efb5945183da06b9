package geo.runtime.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The coefficients of {@link Tableau#RK4} and {@link Tableau#DOPRI5}, the one place they are
 * written, against the conditions every consistent explicit method meets (Hairer, Nørsett and
 * Wanner, Solving ODEs I, §II.1): Σⱼ aᵢⱼ = cᵢ, Σ bᵢ = 1, Σ bᵢcᵢ = ½ (order ≥ 2), Σ bᵢcᵢ² = ⅓ and
 * Σ bᵢcᵢ³ = ¼ (order ≥ 4 quadrature conditions), to rounding (1e-15); and the zero weight b₂ of
 * DOPRI5 that {@link DormandPrince54}'s written-out step relies on when it skips k₂.
 */
class TableauTest {

    @Test
    void rk4IsConsistentToOrderFour() {
        check(Tableau.RK4);
    }

    @Test
    void dopri5IsConsistentToOrderFourAndSkipsTheSecondStage() {
        check(Tableau.DOPRI5);
        assertEquals(0.0, Tableau.DOPRI5.b(1), 0);
        assertEquals(1.0, Tableau.DOPRI5.c(5), 0);
    }

    private static void check(Tableau t) {
        double sb = 0;
        double sbc = 0;
        double sbc2 = 0;
        double sbc3 = 0;
        for (int i = 0; i < t.stages(); i++) {
            double row = 0;
            for (int j = 0; j < i; j++) {
                row += t.a(i, j);
            }
            assertEquals(t.c(i), row, 1e-15, t + ": row " + i + " of a sums to c");
            double c = t.c(i);
            sb += t.b(i);
            sbc += t.b(i) * c;
            sbc2 += t.b(i) * c * c;
            sbc3 += t.b(i) * c * c * c;
        }
        assertEquals(1, sb, 1e-15, t + ": Σ b");
        assertEquals(0.5, sbc, 1e-15, t + ": Σ b c");
        assertEquals(1.0 / 3, sbc2, 1e-15, t + ": Σ b c²");
        assertEquals(0.25, sbc3, 1e-15, t + ": Σ b c³");
    }
}
