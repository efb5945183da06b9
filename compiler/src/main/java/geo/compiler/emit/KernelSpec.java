package geo.compiler.emit;

import geo.compiler.ir.Node;
import geo.compiler.ir.Symbol;
import java.util.List;
import java.util.function.Function;

/**
 * A kernel method to generate: its name, its arguments (each a {@code double} or a
 * {@code double[]}), where each symbol is read from, what it writes and what it returns.
 *
 * @param name     the method name (an interface method of {@code geo.runtime.api})
 * @param args     the arguments, in order
 * @param binding  where the value of each symbol the outputs mention is read from
 * @param outputs  the arrays the kernel writes, each with its values (element k of the array gets value k)
 * @param returned the scalar the method returns, or null for a void method
 * @param line     the {@code .geo} line the kernel derives from, for stack traces
 */
public record KernelSpec(String name, List<Arg> args, Function<Symbol, Source> binding, List<Output> outputs,
                         Node returned, int line) {

    public KernelSpec {
        args = List.copyOf(args);
        outputs = List.copyOf(outputs);
    }

    /** A {@code double} (array = false) or {@code double[]} argument. */
    public record Arg(String name, boolean array) {
        public static Arg scalar(String name) {
            return new Arg(name, false);
        }

        public static Arg array(String name) {
            return new Arg(name, true);
        }
    }

    /** Read element {@code element} of array argument {@code arg}, or scalar argument {@code arg} when element is −1. */
    public record Source(int arg, int element) {
    }

    /** Write {@code values[k]} to element k of array argument {@code arg}. */
    public record Output(int arg, Node[] values) {
    }

    /** The JVM method descriptor, e.g. {@code (D[D[D[D)V}. */
    public String descriptor() {
        StringBuilder d = new StringBuilder("(");
        for (Arg a : args) {
            d.append(a.array() ? "[D" : "D");
        }
        return d.append(returned == null ? ")V" : ")D").toString();
    }

    /** Every value the kernel produces: all outputs, then the returned value. */
    Node[] roots() {
        int n = returned == null ? 0 : 1;
        for (Output o : outputs) {
            n += o.values().length;
        }
        Node[] out = new Node[n];
        int k = 0;
        for (Output o : outputs) {
            for (Node v : o.values()) {
                out[k++] = v;
            }
        }
        if (returned != null) {
            out[k] = returned;
        }
        return out;
    }
}
