package geo.compiler.emit;

import geo.compiler.emit.KernelSpec.Arg;
import geo.compiler.emit.KernelSpec.Output;
import geo.compiler.emit.KernelSpec.Source;
import geo.compiler.ir.Dag;
import geo.compiler.ir.Node;
import geo.compiler.ir.NodeFactory;
import geo.compiler.ir.Symbol;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The values several kernels of a class compute alike, computed by methods of their own that
 * every kernel needing them calls, instead of once inside each kernel: for a network metric, the
 * network, its derivatives in x and what the metric's kernels build from them (issue 23: the
 * 128-unit network's class). A value is shared when it depends on x and θ only (no v, t or
 * other input, so that every kernel that reads x and θ can compute it from its own arguments)
 * and two or more kernels compute it. The shared values fall into <em>groups</em> by the set of
 * kernels that compute them, so a kernel calls exactly the groups of the values it needs and
 * never computes a value it would not have computed alone. A group's values may read those of
 * groups with more kernels (a value's operands are needed wherever it is), so the groups run in
 * order of decreasing kernel count.
 *
 * <p>Each group is a kernel ({@code shared$k}) reading x and θ and writing the values other code
 * reads to slots of an array field of the model ({@code shared}); each sharing kernel becomes a
 * body ({@code name$body}, with that array as a last argument from which it reads the shared
 * values as symbols) behind a method of the interface's name and descriptor that calls its groups
 * and then its body. The values are the same nodes, emitted by the same {@link MethodEmitter},
 * so every kernel still performs the interpreter's operations in its order and gives the same
 * bits; only where an intermediate value lives changes (this is common-subexpression elimination
 * across the methods of a class, as a compiler does across basic blocks: Aho, Lam, Sethi &amp;
 * Ullman, <i>Compilers</i>, 2nd ed., 2006, §9.2.6, with the methods as the blocks).
 *
 * @param kernels the kernels to emit in place of the given ones: bodies for the sharing
 *                kernels, the others unchanged, then the groups
 * @param calls   for each body, the group kernels its interface method calls first, in order
 * @param slots   the length of the {@code shared} array (0: nothing is shared)
 */
public record SharedValues(List<KernelSpec> kernels, Map<KernelSpec, List<KernelSpec>> calls, int slots) {

    /** The name of the array field that holds the shared values. */
    static final String FIELD = "shared";
    /** Shared value k is read through INPUT symbol {@code BASE + k}, far above any input role's slots. */
    private static final int BASE = 1 << 28;
    private static final String BODY = "$body";

    /** Nothing shared: the kernels as given. */
    static SharedValues none(List<KernelSpec> kernels) {
        return new SharedValues(kernels, Map.of(), 0);
    }

    /** The interface method a body implements, or null when {@code k} is not a body. */
    static String bodyOf(KernelSpec k) {
        return k.name().endsWith(BODY) ? k.name().substring(0, k.name().length() - BODY.length()) : null;
    }

    /**
     * Shares the values of {@code kernels} as described above. A kernel takes part when it reads
     * x and θ from arguments of its own (whole arrays, not rows of a trajectory); it is left as it
     * is when it shares nothing.
     */
    static SharedValues of(NodeFactory f, List<KernelSpec> kernels) {
        int n = kernels.size();
        if (n > 63) {
            return none(kernels);
        }
        boolean[] takesPart = new boolean[n];
        Dag[] dags = new Dag[n];
        // Which kernels compute each x-and-θ value: a bit per kernel.
        Map<Node, Long> users = new IdentityHashMap<>();
        Map<Node, Boolean> onlyXTheta = new IdentityHashMap<>();
        for (int k = 0; k < n; k++) {
            KernelSpec spec = kernels.get(k);
            takesPart[k] = plainArgument(spec, Symbol.Kind.COORD) >= 0 && plainArgument(spec, Symbol.Kind.PARAM) >= 0;
            if (!takesPart[k]) {
                continue;
            }
            dags[k] = Dag.of(spec.roots());
            for (int i = 0; i < dags[k].size(); i++) {
                Node v = dags[k].node(i);
                if (xTheta(v, onlyXTheta) && !v.isSymbol() && !v.isConstant()) {
                    users.merge(v, 1L << k, (a, b) -> a | b);
                }
            }
        }
        users.values().removeIf(mask -> Long.bitCount(mask) < 2);
        if (users.isEmpty()) {
            return none(kernels);
        }
        // The shared values that something outside their own group reads, in a fixed order
        // (kernel by kernel, topological within each): they get slots.
        Map<Node, Integer> slot = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            if (dags[k] == null) {
                continue;
            }
            for (int i = 0; i < dags[k].size(); i++) {
                Node v = dags[k].node(i);
                Long own = users.get(v);
                for (int j = 0; j < v.arity(); j++) {
                    Long child = users.get(v.child(j));
                    if (child != null && !child.equals(own)) {
                        slot.putIfAbsent(v.child(j), slot.size());
                    }
                }
            }
            for (Node r : dags[k].roots()) {
                if (users.containsKey(r)) {
                    slot.putIfAbsent(r, slot.size());
                }
            }
        }
        Node[] symbols = new Node[slot.size()];
        slot.forEach((v, s) -> symbols[s] = f.symbol(new Symbol(Symbol.Kind.INPUT, BASE + s, "shared[" + s + "]")));
        // The groups, each in slot order, most kernels first: a value's operands are computed by
        // at least its kernels, so a group reads only groups run before it (a stable sort keeps
        // the class the same from one compilation to the next).
        Map<Long, List<Node>> groups = new LinkedHashMap<>();
        slot.keySet().forEach(v -> groups.computeIfAbsent(users.get(v), m -> new ArrayList<>()).add(v));
        List<Map.Entry<Long, List<Node>>> ordered = new ArrayList<>(groups.entrySet());
        ordered.sort((a, b) -> Long.bitCount(b.getKey()) - Long.bitCount(a.getKey()));
        List<Arg> groupArgs = List.of(Arg.of(Symbol.Kind.COORD), Arg.of(Symbol.Kind.PARAM), Arg.array(FIELD));
        Function<Symbol, Source> groupBinding = s -> switch (s.kind()) {
            case COORD -> new Source(0, s.index());
            case PARAM -> new Source(1, s.index());
            case INPUT -> s.index() >= BASE ? new Source(2, s.index() - BASE) : null;
            default -> null;
        };
        List<KernelSpec> groupKernels = new ArrayList<>();
        Map<Long, KernelSpec> groupOf = new LinkedHashMap<>();
        for (Map.Entry<Long, List<Node>> g : ordered) {
            long mask = g.getKey();
            List<Node> values = g.getValue();
            // Computed here: this group's values; read: the values of other groups.
            Node[] roots = Dag.of(values.toArray(Node[]::new)).rebuild((v, kids) -> {
                Long m = users.get(v);
                if (m != null && m != mask && slot.containsKey(v)) {
                    return symbols[slot.get(v)];
                }
                return f.verbatim(v, kids);
            });
            // A group's slots need not be contiguous: each value is written to its own.
            List<Output> outputs = new ArrayList<>();
            for (int i = 0; i < values.size(); i++) {
                outputs.add(new Output(2, new Node[] {roots[i]}, -1, slot.get(values.get(i))));
            }
            KernelSpec spec = new KernelSpec("shared$" + groupKernels.size(), groupArgs, groupBinding, outputs, null,
                    line(kernels, mask));
            groupKernels.add(spec);
            groupOf.put(mask, spec);
        }
        List<KernelSpec> out = new ArrayList<>();
        Map<KernelSpec, List<KernelSpec>> calls = new LinkedHashMap<>();
        for (int k = 0; k < n; k++) {
            KernelSpec spec = kernels.get(k);
            long bit = 1L << k;
            List<KernelSpec> called = new ArrayList<>();
            groupOf.forEach((mask, g) -> {
                if ((mask & bit) != 0) {
                    called.add(g);
                }
            });
            if (called.isEmpty()) {
                out.add(spec);
                continue;
            }
            KernelSpec body = body(f, spec, users, slot, symbols);
            calls.put(body, called);
            out.add(body);
        }
        out.addAll(groupKernels);
        return new SharedValues(out, calls, slot.size());
    }

    /** {@code spec} reading its shared values from a last argument, named {@code name$body}. */
    private static KernelSpec body(NodeFactory f, KernelSpec spec, Map<Node, Long> users, Map<Node, Integer> slot,
                                   Node[] symbols) {
        Node[] roots = Dag.of(spec.roots()).rebuild((v, kids) -> {
            Integer s = users.containsKey(v) ? slot.get(v) : null;
            return s != null ? symbols[s] : f.verbatim(v, kids);
        });
        List<Output> outputs = new ArrayList<>();
        int k = 0;
        for (Output o : spec.outputs()) {
            Node[] values = new Node[o.values().length];
            System.arraycopy(roots, k, values, 0, values.length);
            k += values.length;
            outputs.add(new Output(o.arg(), values, o.offset(), o.start()));
        }
        Node returned = spec.returned() == null ? null : roots[k];
        List<Arg> args = new ArrayList<>(spec.args());
        args.add(Arg.array(FIELD));
        int field = spec.args().size();
        Function<Symbol, Source> binding = spec.binding();
        Function<Symbol, Source> reading = s -> s.kind() == Symbol.Kind.INPUT && s.index() >= BASE
                ? new Source(field, s.index() - BASE) : binding.apply(s);
        return new KernelSpec(spec.name() + BODY, args, reading, outputs, returned, spec.line());
    }

    /** The index of the argument {@code spec} reads every symbol of {@code kind} from as a whole array, or −1. */
    static int plainArgument(KernelSpec spec, Symbol.Kind kind) {
        for (int i = 0; i < spec.args().size(); i++) {
            if (spec.args().get(i).reads() == kind) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code v} reads no symbols but x and θ (memoised). */
    private static boolean xTheta(Node v, Map<Node, Boolean> memo) {
        Boolean known = memo.get(v);
        if (known != null) {
            return known;
        }
        boolean ok;
        if (v.isSymbol()) {
            ok = v.symbol().kind() == Symbol.Kind.COORD || v.symbol().kind() == Symbol.Kind.PARAM;
        } else {
            ok = true;
            // Children come first in a Dag's order, so they are memoised already.
            for (int j = 0; j < v.arity() && ok; j++) {
                Boolean c = memo.get(v.child(j));
                ok = c != null ? c : xTheta(v.child(j), memo);
            }
        }
        memo.put(v, ok);
        return ok;
    }

    /** The line of the first kernel of a group, for stack traces. */
    private static int line(List<KernelSpec> kernels, long mask) {
        return kernels.get(Long.numberOfTrailingZeros(mask)).line();
    }
}
