package geo.runtime.learn;

import java.util.SplittableRandom;

/** Seeded randomness shared by the tasks: one {@link SplittableRandom} per run, and its shuffles. */
public final class Seeds {

    private Seeds() {
    }

    /** The generator of a run: initial values first, then the shuffle of every epoch. */
    public static SplittableRandom random(Execution execution) {
        return new SplittableRandom(execution.seed());
    }

    /** The identity permutation 0 … n−1. */
    public static int[] identity(int n) {
        int[] a = new int[n];
        for (int k = 0; k < n; k++) {
            a[k] = k;
        }
        return a;
    }

    /** Fisher–Yates shuffle of {@code a} (modified; Knuth, TAOCP vol. 2, Algorithm 3.4.2P). */
    public static void shuffle(int[] a, SplittableRandom random) {
        shuffle(a, a.length, random);
    }

    /** Fisher–Yates shuffle of the first {@code n} elements of {@code a} (modified; the rest stay). */
    public static void shuffle(int[] a, int n, SplittableRandom random) {
        for (int k = n - 1; k > 0; k--) {
            int j = random.nextInt(k + 1);
            int t = a[k];
            a[k] = a[j];
            a[j] = t;
        }
    }
}
