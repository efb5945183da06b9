package geo.compiler.check;

import java.util.Collection;

/** "Did you mean" suggestions by edit distance. */
final class Suggest {

    private Suggest() {
    }

    /** The candidate closest to {@code name} within a small edit distance, or null (always for names shorter than 3: any other short name would be "close"). */
    static String closest(String name, Collection<String> candidates) {
        if (name.length() < 3) {
            return null;
        }
        String best = null;
        int bestDistance = Math.max(1, Math.min(2, name.length() / 3)) + 1;
        for (String c : candidates) {
            int d = distance(name, c);
            if (d < bestDistance && !c.equals(name)) {
                best = c;
                bestDistance = d;
            }
        }
        return best;
    }

    /** Appends "; did you mean 'x'?" when there is a close candidate. */
    static String hint(String name, Collection<String> candidates) {
        String c = closest(name, candidates);
        return c == null ? "" : "; did you mean '" + c + "'?";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
