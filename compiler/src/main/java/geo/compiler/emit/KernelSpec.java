package geo.compiler.emit;

import geo.compiler.derive.KernelInput;
import geo.compiler.ir.Node;
import geo.compiler.ir.Symbol;
import java.util.List;
import java.util.function.Function;

/**
 * A kernel method to generate: its name, its arguments (each a {@code double}, a {@code double[]}
 * or an {@code int} offset into an array), where each symbol is read from, what it writes and
 * what it returns.
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

    /**
     * A {@code double[]} (array), an {@code int} (integer) or a {@code double} (neither) argument.
     * An argument that symbols are read from says which: those of a kind ({@code reads}: x, v, t
     * or θ) or those of an input role ({@code role}); symbols bind to arguments by these, never by
     * name or position. Outputs and offsets read no symbols (both null).
     *
     * @param name  for display only
     * @param reads the kind of symbol read from the argument, or null
     * @param role  the input role read from the argument, or null
     */
    public record Arg(String name, boolean array, boolean integer, Symbol.Kind reads, KernelInput role) {
        public static Arg scalar(String name) {
            return new Arg(name, false, false, null, null);
        }

        public static Arg array(String name) {
            return new Arg(name, true, false, null, null);
        }

        /** An {@code int}: an offset into an array argument ({@link Source#offset}, {@link Output#offset}). */
        public static Arg offset(String name) {
            return new Arg(name, false, true, null, null);
        }

        /** The argument the symbols of {@code kind} are read from: t a scalar, x, v and θ arrays. */
        public static Arg of(Symbol.Kind kind) {
            return switch (kind) {
                case COORD -> new Arg("x", true, false, kind, null);
                case VELOCITY -> new Arg("v", true, false, kind, null);
                case TIME -> new Arg("t", false, false, kind, null);
                case PARAM -> new Arg("theta", true, false, kind, null);
                case INPUT -> throw new IllegalArgumentException("inputs are read by role: use Arg.of(KernelInput)");
            };
        }

        /** The argument the symbols of input role {@code role} are read from: a scalar for a scalar role. */
        public static Arg of(KernelInput role) {
            return new Arg(role.argumentName(), !role.scalar(), false, null, role);
        }

        /** The JVM type descriptor. */
        String type() {
            return array ? "[D" : integer ? "I" : "D";
        }
    }

    /**
     * Read element {@code element} of array argument {@code arg}, plus the value of the int
     * argument {@code offset} unless it is −1; or scalar argument {@code arg} when element is −1.
     */
    public record Source(int arg, int element, int offset) {
        public Source(int arg, int element) {
            this(arg, element, -1);
        }
    }

    /**
     * Write {@code values[k]} to element {@code start + k} of array argument {@code arg}, plus the
     * value of the int argument {@code offset} unless it is −1.
     */
    public record Output(int arg, Node[] values, int offset, int start) {
        public Output(int arg, Node[] values) {
            this(arg, values, -1, 0);
        }
    }

    /** The JVM method descriptor, e.g. {@code (D[D[D[D)V}. */
    public String descriptor() {
        StringBuilder d = new StringBuilder("(");
        for (Arg a : args) {
            d.append(a.type());
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
