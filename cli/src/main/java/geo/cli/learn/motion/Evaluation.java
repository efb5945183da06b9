package geo.cli.learn.motion;

import geo.runtime.learn.motion.Demonstrations.Demonstration;
import geo.runtime.learn.motion.Measures;
import geo.runtime.learn.motion.MotionPlanner;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The held-out evaluation of the spec (motion-skills.md §3e–f) for one fitted skill: the motion
 * between the held-out demonstration's first and last states by every {@link Motions.Method},
 * measured against that demonstration, and the obstacle test: discs of radius r centred on points of
 * the held-out demonstration (the spec's test) and, harder, on points of the obstacle-free geodesic
 * itself; for each, the geodesic of the metric with the obstacle, whether it keeps clear (least
 * distance of the decoded polyline from the centre &gt; r) and its length overhead.
 */
final class Evaluation {

    /** Motion samples per path (as many as a demonstration has points). */
    static final int POINTS = 200;
    /** Obstacle radius (the spec's 0.8). */
    static final double RADIUS = 0.8;
    /** The obstacle metric's strength α (the spec's 1e5). */
    static final double ALPHA = 1e5;
    /** Obstacle centres are held-out points at least this many radii from both ends (a disc over an end cannot be cleared). */
    static final double END_MARGIN = 1.5;

    /** The measures of one motion against the held-out demonstration. */
    record Row(double frechet, double dtw, double angle, double nearest, double length, MotionPlanner.Status status) {
    }

    /** One obstacle trial. */
    record Trial(Skill.Obstacle obstacle, double clearance, double clearanceWithout, boolean clear, double overhead,
                 MotionPlanner.Status status) {
    }

    /** Everything measured for one seed; {@code motions} keeps the paths for the pictures. */
    record Result(Map<Motions.Method, Row> rows, Map<Motions.Method, Motions.Motion> motions, List<Trial> trials,
                  List<Trial> onPath, Motions.Motion obstacleExample, Motions.Motion onPathExample) {
    }

    private Evaluation() {
    }

    static Result run(Motions motions, Demonstration heldOut, List<double[]> training, int obstacles, long seed) {
        double[] a = heldOut.state(0);
        double[] b = heldOut.state(heldOut.size() - 1);
        double[][] train = training.toArray(double[][]::new);
        Map<Motions.Method, Row> rows = new EnumMap<>(Motions.Method.class);
        Map<Motions.Method, Motions.Motion> paths = new EnumMap<>(Motions.Method.class);
        for (Motions.Method m : Motions.Method.values()) {
            Motions.Motion motion = motions.motion(a, b, m, List.of(), ALPHA, POINTS);
            paths.put(m, motion);
            rows.put(m, measure(motion, heldOut, train));
        }
        Motions.Motion free = paths.get(Motions.Method.GEODESIC);
        double freeLength = rows.get(Motions.Method.GEODESIC).length();
        SplittableRandom random = new SplittableRandom(seed);
        List<Trial> trials = new ArrayList<>();
        List<Trial> onPath = new ArrayList<>();
        Motions.Motion[] examples = new Motions.Motion[2];
        for (int k = 0; k < obstacles; k++) {
            trials.add(trial(motions, a, b, heldOut.position(), free, freeLength, random, examples, 0));
        }
        for (int k = 0; k < obstacles; k++) {
            onPath.add(trial(motions, a, b, free.positions(), free, freeLength, random, examples, 1));
        }
        return new Result(rows, paths, trials, onPath, examples[0], examples[1]);
    }

    /** One obstacle centred on a random point of {@code centres} (away from the ends), and the geodesic around it. */
    private static Trial trial(Motions motions, double[] a, double[] b, double[][] centres, Motions.Motion free,
                               double freeLength, SplittableRandom random, Motions.Motion[] examples, int slot) {
        double[] o;
        do {
            o = centres[random.nextInt(centres.length)];
        } while (Math.hypot(o[0] - a[0], o[1] - a[1]) < END_MARGIN * RADIUS
                || Math.hypot(o[0] - b[0], o[1] - b[1]) < END_MARGIN * RADIUS);
        Skill.Obstacle disc = new Skill.Obstacle(o[0], o[1], RADIUS);
        Motions.Motion m = motions.motion(a, b, Motions.Method.GEODESIC, List.of(disc), ALPHA, POINTS);
        double c = Measures.clearance(m.positions(), o);
        double without = Measures.clearance(free.positions(), o);
        if (examples[slot] == null && without <= RADIUS) {
            examples[slot] = m;
        }
        return new Trial(disc, c, without, c > RADIUS, Measures.length(m.positions()) / freeLength - 1, m.status());
    }

    static Row measure(Motions.Motion m, Demonstration demo, double[][] train) {
        double[][] p = m.positions();
        Measures.Alignment al = Measures.dtw(p, demo.position());
        return new Row(Measures.frechet(p, demo.position()), al.mean(), Measures.meanAngle(m.orientations(),
                demo.orientation(), al), Measures.meanNearest(m.states(), train), Measures.length(p), m.status());
    }
}
