package geo.compiler.ir;

import org.junit.jupiter.api.Test;

import java.lang.invoke.MethodType;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpTableTest {

    @Test
    void everyComputingOpNamesTheMethodTheEmitterCalls() throws Exception {
        for (Op op : Op.values()) {
            if (op.isLeaf() || op.isNary()) {
                assertNull(op.call(), op.name());
                continue;
            }
            MathCall call = op.call();
            assertNotNull(call, op.name());
            assertEquals(op.arity() == 1 && op != Op.POWI ? "(D)D" : "(DD)D", call.descriptor(), op.name());
            if (call.owner().equals(MathCall.JAVA_MATH)) {
                Class<?>[] params = call.descriptor().equals("(D)D") ? new Class<?>[] {double.class}
                        : new Class<?>[] {double.class, double.class};
                var m = Math.class.getMethod(call.name(), params);
                assertEquals(double.class, m.getReturnType());
                assertEquals(MethodType.methodType(double.class, params).toMethodDescriptorString(), call.descriptor());
            } else if (call.owner().equals(MathCall.RUNTIME_TANH)) {
                assertEquals(Op.TANH, op);
                assertDoesNotThrow(() -> geo.runtime.api.Tanh.class.getMethod(call.name(), double.class), "Tanh.tanh");
            } else {
                assertEquals(MathCall.RUNTIME_MATH, call.owner());
                Class<?>[] params = op.arity() == 1 ? new Class<?>[] {double.class}
                        : new Class<?>[] {double.class, double.class};
                assertDoesNotThrow(() -> Op.class.getMethod(call.name(), params), "reference body for " + call.name());
                assertDoesNotThrow(() -> geo.runtime.api.GeoMath.class.getMethod(call.name(), params),
                        "runtime body for " + call.name());
            }
        }
    }

    @Test
    void functionsAreFoundByTheirTextName() {
        for (Op op : Op.values()) {
            if (op.isFunction() || op.isBinaryFunction()) {
                assertSame(op, Op.function(op.text()));
                assertTrue(!op.latex().isEmpty() || op == Op.ABS, op.name());
            }
        }
        assertNull(Op.function("frobnicate"));
    }

    @Test
    void mathCallsMatchApply() throws Exception {
        double[] xs = {-2.5, -0.3, 0.0, 0.4, 1.7};
        for (Op op : Op.values()) {
            if (!op.isFunction()) {
                continue;
            }
            Class<?> owner = op.call().owner().equals(MathCall.JAVA_MATH) ? Math.class
                    : op.call().owner().equals(MathCall.RUNTIME_TANH) ? geo.runtime.api.Tanh.class : Op.class;
            var m = owner.getMethod(op.call().name(), double.class);
            for (double x : xs) {
                assertEquals(Double.doubleToLongBits((double) m.invoke(null, x)), Double.doubleToLongBits(op.apply(x)),
                        op + " at " + x);
            }
        }
    }

    @Test
    void binaryMathCallsMatchApply() throws Exception {
        double[] xs = {-2.5, -0.3, 0.0, 0.4, 1.7, Double.NEGATIVE_INFINITY, Double.NaN};
        for (Op op : Op.values()) {
            if (!op.isBinaryFunction()) {
                continue;
            }
            Class<?> owner = op.call().owner().equals(MathCall.JAVA_MATH) ? Math.class
                    : op.call().owner().equals(MathCall.RUNTIME_TANH) ? geo.runtime.api.Tanh.class : Op.class;
            var m = owner.getMethod(op.call().name(), double.class, double.class);
            for (double a : xs) {
                for (double b : xs) {
                    assertEquals(Double.doubleToLongBits((double) m.invoke(null, a, b)),
                            Double.doubleToLongBits(op.apply(a, b)), op + " at " + a + ", " + b);
                }
            }
        }
    }

    @Test
    void activationReferenceBodies() {
        assertEquals(0.5, Op.sigmoid(0));
        assertEquals(1.0, Op.sigmoid(800));
        assertEquals(0.0, Op.sigmoid(-800));
        assertEquals(Math.log(2), Op.softplus(0), 1e-16);
        assertEquals(800.0, Op.softplus(800));
        assertEquals(0.0, Op.softplus(-800));
        assertEquals(0.0, Op.relu(-1));
        assertEquals(0.0, Op.step(0));
        assertEquals(1.0, Op.step(1e-300));
        assertTrue(Double.isNaN(Op.step(Double.NaN)));
    }
}
