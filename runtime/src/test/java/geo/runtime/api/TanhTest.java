package geo.runtime.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link Tanh}: its error in ulps against a 50-digit {@link BigDecimal} reference (at most 2 ulp
 * asked; measured at most 1.49 on 2·10⁵ points, this test's sample about 1.4), exact oddness,
 * |tanh| ≤ 1, monotonicity across the core switch and the clamp, the special values, and the
 * array loops against the scalar function bit for bit.
 */
class TanhTest {

    private static final MathContext MC = new MathContext(50);
    private static final BigDecimal TINY = new BigDecimal("1e-60");

    /** e^z, z ≥ 0, by the series of z/2¹² squared twelve times (50 digits, about 45 kept). */
    private static BigDecimal exp(BigDecimal z) {
        int halvings = 12;
        BigDecimal r = z.divide(BigDecimal.valueOf(1L << halvings), MC);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        for (int k = 1; term.abs().compareTo(TINY) > 0; k++) {
            term = term.multiply(r, MC).divide(BigDecimal.valueOf(k), MC);
            sum = sum.add(term, MC);
        }
        for (int i = 0; i < halvings; i++) {
            sum = sum.multiply(sum, MC);
        }
        return sum;
    }

    /** tanh x to about 45 digits: its Taylor series below 10⁻³ (six terms, error below x¹³), else (e^{2|x|} − 1)/(e^{2|x|} + 1). */
    static BigDecimal reference(double x) {
        BigDecimal bx = new BigDecimal(x);
        if (Math.abs(x) < 1e-3) {
            long[] num = {1, -1, 2, -17, 62, -1382};
            long[] den = {1, 3, 15, 315, 2835, 155925};
            BigDecimal x2 = bx.multiply(bx, MC);
            BigDecimal sum = BigDecimal.ZERO;
            BigDecimal power = bx;
            for (int i = 0; i < num.length; i++) {
                sum = sum.add(power.multiply(BigDecimal.valueOf(num[i])).divide(BigDecimal.valueOf(den[i]), MC), MC);
                power = power.multiply(x2, MC);
            }
            return sum;
        }
        BigDecimal e = exp(bx.abs().multiply(BigDecimal.valueOf(2)));
        BigDecimal t = e.subtract(BigDecimal.ONE).divide(e.add(BigDecimal.ONE), MC);
        return x < 0 ? t.negate() : t;
    }

    /** |f − tanh x| in ulps of the correctly rounded tanh x (normal x only). */
    static double ulps(double f, double x) {
        BigDecimal ref = reference(x);
        return new BigDecimal(f).subtract(ref).abs().doubleValue() / Math.ulp(ref.doubleValue());
    }

    @Test
    void withinTwoUlpOfTheExactValue() {
        SplittableRandom rnd = new SplittableRandom(5);
        double worst = 0;
        double at = 0;
        int points = 0;
        for (int i = 0; i <= 2000; i++) {
            double[] xs = {
                -20 + 40.0 * i / 2000 + 1e-7 * (i % 7), // a dense sweep, off the round grid
                rnd.nextDouble(-20, 20),
                (rnd.nextBoolean() ? 1 : -1) * Math.scalb(rnd.nextDouble(1, 2), -rnd.nextInt(1, 40)),
                Tanh.SMALL + (i - 1000) * 1e-6, // around the core switch
            };
            for (double x : xs) {
                double u = ulps(Tanh.tanh(x), x);
                points++;
                if (u > worst) {
                    worst = u;
                    at = x;
                }
            }
        }
        System.out.printf("Tanh: max %.3f ulp at x = %s over %d points%n", worst, at, points);
        assertTrue(worst <= 2.0, "max error " + worst + " ulp at x = " + at);
    }

    @Test
    void specialValues() {
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(Tanh.tanh(0.0)));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(Tanh.tanh(-0.0)));
        assertTrue(Double.isNaN(Tanh.tanh(Double.NaN)));
        assertEquals(1.0, Tanh.tanh(Double.POSITIVE_INFINITY));
        assertEquals(-1.0, Tanh.tanh(Double.NEGATIVE_INFINITY));
        for (double huge : new double[] {19.1, 22, 23, 1e3, 1e300, Double.MAX_VALUE}) {
            assertEquals(1.0, Tanh.tanh(huge), "tanh " + huge);
            assertEquals(-1.0, Tanh.tanh(-huge), "tanh " + -huge);
        }
        for (double x : new double[] {Double.MIN_VALUE, 3 * Double.MIN_VALUE, Double.MIN_NORMAL / 3, Double.MIN_NORMAL, 1e-300, 1e-20}) {
            assertEquals(x, Tanh.tanh(x), "tanh " + x + " rounds to " + x);
            assertEquals(-x, Tanh.tanh(-x), "tanh " + -x);
        }
    }

    @Test
    void oddBoundedAndMonotone() {
        SplittableRandom rnd = new SplittableRandom(9);
        for (int i = 0; i < 100_000; i++) {
            double x = i % 2 == 0 ? rnd.nextDouble(-25, 25) : Math.scalb(rnd.nextDouble(), -rnd.nextInt(60));
            double t = Tanh.tanh(x);
            assertEquals(Double.doubleToRawLongBits(-t), Double.doubleToRawLongBits(Tanh.tanh(-x)), "odd at " + x);
            assertTrue(Math.abs(t) <= 1, "|tanh " + x + "| ≤ 1");
        }
        // Monotone: a sweep of [0, 23] by 2⁻¹² (the rest follows by oddness), then every double
        // within 5·10⁴ ulp of the core switch and of where tanh first rounds to 1.
        double previous = 0;
        for (double x = 0; x <= 23; x += 0x1p-12) {
            double t = Tanh.tanh(x);
            assertTrue(t >= previous, "monotone at " + x);
            previous = t;
        }
        for (double centre : new double[] {Tanh.SMALL, 19.06}) {
            double x = centre - 50_000 * Math.ulp(centre);
            previous = Tanh.tanh(x);
            for (int i = 0; i < 100_000; i++) {
                x = Math.nextUp(x);
                double t = Tanh.tanh(x);
                assertTrue(t >= previous, "monotone at " + x);
                previous = t;
            }
        }
    }

    @Test
    void loopsGiveTheScalarBits() {
        SplittableRandom rnd = new SplittableRandom(3);
        int n = 203;
        double[] x = new double[n];
        double[] special = {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.MIN_VALUE,
            -Double.MIN_VALUE, Tanh.SMALL, -Tanh.SMALL, Math.nextUp(Tanh.SMALL), 1e300, -1e300, 22, -22, 19.5};
        for (int round = 0; round < 50; round++) {
            for (int b = 0; b < n; b++) {
                x[b] = b < special.length && round == 0 ? special[b]
                        : b % 3 == 0 ? rnd.nextDouble(-25, 25) : Math.scalb(rnd.nextDouble(-1, 1), -rnd.nextInt(30));
            }
            int from = round % 5;
            double[] y = new double[n];
            double[] inPlace = x.clone();
            Tanh.tanh(x, y, new double[n], new double[n], from, n);
            Tanh.tanh(inPlace, inPlace, new double[n], new double[n], from, n);
            for (int b = from; b < n; b++) {
                long want = Double.doubleToRawLongBits(Tanh.tanh(x[b]));
                assertEquals(want, Double.doubleToRawLongBits(y[b]), "tanh " + x[b]);
                assertEquals(want, Double.doubleToRawLongBits(inPlace[b]), "in place, tanh " + x[b]);
            }
        }
    }
}
