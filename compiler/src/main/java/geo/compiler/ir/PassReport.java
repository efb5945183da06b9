package geo.compiler.ir;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What each symbolic pass did: node counts (distinct nodes reachable from the pass's roots)
 * before and after, and wall time. Passes append to it; the CLI prints {@link #format()}.
 * Not thread-safe.
 */
public final class PassReport {

    /**
     * One pass run.
     *
     * @param pass   pass name
     * @param before nodes reachable from the inputs
     * @param after  nodes reachable from the outputs
     * @param nanos  wall time
     * @param note   free text, e.g. why a pass stopped early ("" if nothing to say)
     */
    public record Entry(String pass, int before, int after, long nanos, String note) {
    }

    private final List<Entry> entries = new ArrayList<>();

    /** Appends an entry. */
    public void add(Entry e) {
        entries.add(e);
    }

    /** Appends an entry for a pass. */
    public void add(String pass, int before, int after, long nanos, String note) {
        entries.add(new Entry(pass, before, after, nanos, note));
    }

    /**
     * Runs {@code pass}, timing it and counting nodes reachable from {@code inputs} before and
     * from its result after, and records that; returns the pass's result.
     */
    public Node[] measure(String pass, Node[] inputs, Supplier<Node[]> run) {
        int before = Dag.count(inputs);
        long t0 = System.nanoTime();
        Node[] out = run.get();
        long nanos = System.nanoTime() - t0;
        add(pass, before, Dag.count(out), nanos, "");
        return out;
    }

    /** The entries so far, in order (unmodifiable copy). */
    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** A fixed-width table: pass, nodes before → after, milliseconds, note. */
    public String format() {
        StringBuilder sb = new StringBuilder();
        int width = 4;
        for (Entry e : entries) {
            width = Math.max(width, e.pass().length());
        }
        sb.append(String.format(Locale.ROOT, "%-" + width + "s %10s %10s %10s%n", "pass", "before", "after", "ms"));
        for (Entry e : entries) {
            sb.append(String.format(Locale.ROOT, "%-" + width + "s %10d %10d %10.3f", e.pass(), e.before(),
                    e.after(), e.nanos() / 1e6));
            if (!e.note().isEmpty()) {
                sb.append("  ").append(e.note());
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
