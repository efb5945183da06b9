package geo.compiler.driver;

import geo.compiler.emit.GeneratedClass;
import geo.compiler.emit.MethodSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a compilation did: node counts and time per stage, and every generated method with its size. */
public final class CompileReport {

    /** One stage of one model: how many distinct IR nodes it produced and how long it took. */
    public record Stage(String model, String stage, int nodes, long nanos) {
    }

    private final List<Stage> stages = new ArrayList<>();
    private final List<GeneratedClass> classes = new ArrayList<>();

    void stage(String model, String stage, int nodes, long nanos) {
        stages.add(new Stage(model, stage, nodes, nanos));
    }

    void generated(GeneratedClass c) {
        classes.add(c);
    }

    public List<Stage> stages() {
        return List.copyOf(stages);
    }

    public List<GeneratedClass> classes() {
        return List.copyOf(classes);
    }

    /** The largest generated method, in bytes (0 when nothing was generated). */
    public int largestMethod() {
        int max = 0;
        for (GeneratedClass c : classes) {
            for (MethodSize m : c.methods()) {
                max = Math.max(max, m.bytes());
            }
        }
        return max;
    }

    /** A readable table of stages, then classes and methods. */
    public String format() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%-20s %-22s %10s %10s%n", "model", "stage", "nodes", "ms"));
        for (Stage s : stages) {
            out.append(String.format(Locale.ROOT, "%-20s %-22s %10s %10.1f%n", s.model(), s.stage(),
                    s.nodes() < 0 ? "-" : Integer.toString(s.nodes()), s.nanos() / 1e6));
        }
        for (GeneratedClass c : classes) {
            int total = 0;
            for (MethodSize m : c.methods()) {
                total += m.bytes();
            }
            out.append(String.format(Locale.ROOT, "%nclass %s: %d bytes of class file, %d methods, %d bytes of code%n",
                    c.binaryName(), c.bytes().length, c.methods().size(), total));
            for (MethodSize m : c.methods()) {
                out.append(String.format(Locale.ROOT, "  %-28s %6d bytes%n", m.method(), m.bytes()));
            }
        }
        return out.toString();
    }
}
