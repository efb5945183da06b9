package geo.compiler.check;

import geo.compiler.source.Diagnostics;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders lets, defs and metrics so that each comes after everything its body refers to, and
 * reports cycles ({@code cyclic definition: a -> b -> a}). Iterative depth-first search, so a
 * chain of 10,000 lets needs no deep stack.
 */
final class DefinitionOrder {

    /** Dependencies first; definitions on a cycle are left out. */
    final List<Binding> order = new ArrayList<>();
    /** Definitions on, or depending on, a cycle: their shapes are unknown and not checked again. */
    final Set<Binding> cyclic = new HashSet<>();

    DefinitionOrder(List<Binding> definitions, Map<Binding, Set<Binding>> references, Diagnostics diagnostics) {
        Map<Binding, Integer> state = new HashMap<>();
        for (Binding root : definitions) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<Binding> path = new ArrayDeque<>();
            Deque<Iterator<Binding>> pending = new ArrayDeque<>();
            state.put(root, 1);
            path.push(root);
            pending.push(successors(references, root));
            while (!pending.isEmpty()) {
                Iterator<Binding> it = pending.peek();
                if (it.hasNext()) {
                    Binding next = it.next();
                    Integer s = state.get(next);
                    if (s == null) {
                        state.put(next, 1);
                        path.push(next);
                        pending.push(successors(references, next));
                    } else if (s == 1) {
                        reportCycle(path, next, diagnostics);
                    } else if (cyclic.contains(next)) {
                        cyclic.add(path.peek());
                    }
                } else {
                    pending.pop();
                    Binding done = path.pop();
                    state.put(done, 2);
                    if (cyclic.contains(done)) {
                        if (!path.isEmpty()) {
                            cyclic.add(path.peek());
                        }
                    } else {
                        order.add(done);
                    }
                }
            }
        }
    }

    private static Iterator<Binding> successors(Map<Binding, Set<Binding>> references, Binding b) {
        return references.getOrDefault(b, Collections.emptySet()).iterator();
    }

    private void reportCycle(Deque<Binding> path, Binding start, Diagnostics diagnostics) {
        List<Binding> cycle = new ArrayList<>();
        for (Iterator<Binding> it = path.descendingIterator(); it.hasNext(); ) {
            Binding b = it.next();
            if (b == start || !cycle.isEmpty()) {
                cycle.add(b);
            }
        }
        StringBuilder text = new StringBuilder();
        for (Binding b : cycle) {
            text.append(b.name().text()).append(" -> ");
            cyclic.add(b);
        }
        text.append(start.name().text());
        String what = cycle.size() == 1 && start instanceof Binding.Def ? "recursive function" : "cyclic definition";
        diagnostics.error(start.name().span(), what + ": " + text);
    }
}
