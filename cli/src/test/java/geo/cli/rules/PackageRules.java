package geo.cli.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The package rules of Geo (architecture.md, "Package rules"), checked on an import graph: a map
 * from each package to the {@code geo.*} packages its classes refer to (by import, static import
 * or a fully qualified name in code). {@link #violations} is a pure function of that graph, so
 * that a test can feed it both the graph scanned from the sources ({@link #scan}) and small
 * synthetic graphs that break one rule each.
 * <ol>
 *   <li>No runtime library package ({@link #LIBRARIES} and their subpackages) imports
 *       {@code geo.runtime.learn} or anything below it.</li>
 *   <li>{@code geo.runtime.learn.X} never imports {@code geo.runtime.learn.Y} for X ≠ Y (both and
 *       their subpackages); {@code geo.runtime.learn} itself, what every task shares, may be
 *       imported by each.</li>
 *   <li>A CLI subpackage imports, of the CLI, only its own area, {@code geo.cli.common} and
 *       {@code geo.cli.options} (and their subpackages); the REPL may also import
 *       {@code geo.cli.solve} and {@code geo.cli.plot}. The root {@code geo.cli} ({@code Main})
 *       may import everything. An area is {@code geo.cli.S} for a first segment S, and
 *       {@code geo.cli.learn.X} for a learning task.</li>
 *   <li>No cycles: every strongly connected component of the graph (Tarjan's algorithm) is a
 *       single package.</li>
 * </ol>
 */
public final class PackageRules {

    /** The runtime's library packages: none of them may depend on learning. */
    public static final List<String> LIBRARIES = List.of("api", "ode", "geodesic", "bvp", "spline", "optim", "linalg",
            "parallel", "manifold", "transport", "data", "load").stream().map(p -> "geo.runtime." + p).toList();

    static final String LEARN = "geo.runtime.learn";
    static final String CLI = "geo.cli";

    private PackageRules() {
    }

    /** Whether {@code pkg} is {@code root} or a subpackage of it. */
    static boolean within(String pkg, String root) {
        return pkg.equals(root) || pkg.startsWith(root + ".");
    }

    /** Every broken rule of {@code graph} (package to the packages it imports), one message each; empty when it keeps them all. */
    public static List<String> violations(Map<String, Set<String>> graph) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : new TreeMap<>(graph).entrySet()) {
            String from = e.getKey();
            for (String to : new TreeSet<>(e.getValue())) {
                if (from.equals(to)) {
                    continue;
                }
                String broken = edgeRule(from, to);
                if (broken != null) {
                    out.add(from + " imports " + to + ": " + broken);
                }
            }
        }
        for (List<String> cycle : cycles(graph)) {
            out.add("package cycle: " + String.join(", ", cycle));
        }
        return out;
    }

    /** Which rule the import {@code from → to} breaks, or null. */
    static String edgeRule(String from, String to) {
        if (within(to, LEARN) && LIBRARIES.stream().anyMatch(l -> within(from, l))) {
            return "a runtime library package must not depend on learning";
        }
        String fromTask = learnTask(from);
        String toTask = learnTask(to);
        if (fromTask != null && toTask != null && !fromTask.equals(toTask)) {
            return "one learning task must not depend on another (shared code belongs in " + LEARN + ")";
        }
        if (within(from, CLI) && !from.equals(CLI) && within(to, CLI)) {
            String area = cliArea(from);
            String target = cliArea(to);
            boolean allowed = area.equals(target) || target.equals(CLI + ".common") || target.equals(CLI + ".options")
                    || area.equals(CLI + ".repl") && (target.equals(CLI + ".solve") || target.equals(CLI + ".plot"));
            if (!allowed) {
                return "a CLI package may import only " + CLI + ".common, " + CLI + ".options"
                        + (area.equals(CLI + ".repl") ? ", " + CLI + ".solve, " + CLI + ".plot" : "")
                        + " and libraries";
            }
        }
        return null;
    }

    /** {@code geo.runtime.learn.X} for a package at or below it, else null (also for {@code learn} itself). */
    private static String learnTask(String pkg) {
        if (!pkg.startsWith(LEARN + ".")) {
            return null;
        }
        String rest = pkg.substring(LEARN.length() + 1);
        int dot = rest.indexOf('.');
        return LEARN + "." + (dot < 0 ? rest : rest.substring(0, dot));
    }

    /** The area of a CLI package: the root itself, {@code geo.cli.S}, or {@code geo.cli.learn.X}. */
    private static String cliArea(String pkg) {
        if (pkg.equals(CLI)) {
            return CLI;
        }
        String[] parts = pkg.substring(CLI.length() + 1).split("\\.");
        int keep = parts[0].equals("learn") && parts.length > 1 ? 2 : 1;
        return CLI + "." + String.join(".", List.of(parts).subList(0, keep));
    }

    /**
     * The strongly connected components of more than one package (Tarjan, "Depth-first search and
     * linear graph algorithms", SIAM J. Comput. 1972), each sorted, in sorted order; iterative, so
     * that a long chain cannot overflow the stack.
     */
    static List<List<String>> cycles(Map<String, Set<String>> graph) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<List<String>> out = new ArrayList<>();
        Set<String> nodes = new TreeSet<>(graph.keySet());
        graph.values().forEach(nodes::addAll);
        int[] counter = {0};
        for (String root : nodes) {
            if (index.containsKey(root)) {
                continue;
            }
            // Frames of the depth-first search: a node and the iterator over its successors.
            Deque<Map.Entry<String, java.util.Iterator<String>>> frames = new ArrayDeque<>();
            visit(root, graph, index, low, stack, onStack, counter, frames);
            while (!frames.isEmpty()) {
                var frame = frames.peek();
                String v = frame.getKey();
                if (frame.getValue().hasNext()) {
                    String w = frame.getValue().next();
                    if (!index.containsKey(w)) {
                        visit(w, graph, index, low, stack, onStack, counter, frames);
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    String parent = frames.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    List<String> component = new ArrayList<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (!w.equals(v));
                    if (component.size() > 1) {
                        component.sort(null);
                        out.add(component);
                    }
                }
            }
        }
        out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return out;
    }

    private static void visit(String v, Map<String, Set<String>> graph, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, int[] counter,
            Deque<Map.Entry<String, java.util.Iterator<String>>> frames) {
        index.put(v, counter[0]);
        low.put(v, counter[0]);
        counter[0]++;
        stack.push(v);
        onStack.add(v);
        Set<String> next = new TreeSet<>(graph.getOrDefault(v, Set.of()));
        next.remove(v);
        frames.push(Map.entry(v, next.iterator()));
    }

    /** An import, static import or wildcard import of something in {@code geo.*}. */
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(?:static\\s+)?(geo\\.[\\w.*]+)\\s*;", Pattern.MULTILINE);
    /** A fully qualified class name in code: lower-case segments, then a class. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.])(geo(?:\\.[a-z]\\w*)+)\\.[A-Z]");
    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);

    /**
     * The import graph of the main sources of every module under {@code repository}
     * ({@code MODULE/src/main/java}): each {@code geo.*} package with the {@code geo.*} packages it
     * refers to. Comments and string literals are left out, so a Javadoc link is no dependency.
     */
    public static Map<String, Set<String>> scan(Path repository) {
        Map<String, Set<String>> graph = new TreeMap<>();
        try (Stream<Path> modules = Files.list(repository)) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).sorted().toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                        add(graph, Files.readString(f, StandardCharsets.UTF_8));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return graph;
    }

    /** The package of an imported name: its segments before the first class (upper case) or {@code *}. */
    static String packageOf(String imported) {
        List<String> segments = new ArrayList<>();
        for (String s : imported.split("\\.")) {
            if (s.equals("*") || Character.isUpperCase(s.charAt(0))) {
                break;
            }
            segments.add(s);
        }
        return String.join(".", segments);
    }

    /** Adds one source file's package and references to {@code graph}. */
    static void add(Map<String, Set<String>> graph, String source) {
        String code = source.replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("//[^\n]*", " ")
                .replaceAll("\"(?:\\\\.|[^\"\\\\\n])*\"", "\"\"");
        Matcher p = PACKAGE.matcher(code);
        if (!p.find() || !p.group(1).startsWith("geo")) {
            return;
        }
        Set<String> to = graph.computeIfAbsent(p.group(1), k -> new TreeSet<>());
        Matcher m = IMPORT.matcher(code);
        while (m.find()) {
            to.add(packageOf(m.group(1)));
        }
        Matcher q = QUALIFIED.matcher(code.replaceAll("(?m)^(import|package)\\s.*$", ""));
        while (q.find()) {
            to.add(q.group(1));
        }
    }
}
