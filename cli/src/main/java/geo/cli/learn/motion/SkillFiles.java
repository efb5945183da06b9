package geo.cli.learn.motion;

import geo.cli.common.UsageException;
import geo.runtime.data.table.CsvTables;
import geo.runtime.data.table.Table;
import geo.runtime.learn.motion.Demonstrations.Demonstration;
import geo.runtime.load.ParameterFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The files of {@code geo motion}: demonstrations as CSV ({@code demo,point,p0,p1,q0,q1,q2}, one
 * state a row, each demonstration's rows together), a fitted skill as a parameters JSON (what
 * {@code geo compile --params} reads), motions as CSV ({@code t,z0,z1,p0,p1,q0,q1,q2}).
 */
final class SkillFiles {

    static final List<String> DEMO_HEADER = List.of("demo", "point", "p0", "p1", "q0", "q1", "q2");
    /** How far from 1 the norm of an orientation may be. */
    static final double UNIT_TOLERANCE = 1e-3;

    private SkillFiles() {
    }

    static String demosCsv(List<Demonstration> demos) {
        StringBuilder b = new StringBuilder(String.join(",", DEMO_HEADER)).append('\n');
        for (Demonstration d : demos) {
            for (int i = 0; i < d.size(); i++) {
                double[] s = d.state(i);
                b.append(d.index()).append(',').append(i);
                for (double v : s) {
                    b.append(',').append(String.format(Locale.ROOT, "%.6f", v));
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** Reads demonstrations; bad data is a usage error with {@code file:line}. */
    static List<Demonstration> readDemos(Path file) throws UsageException {
        Table t;
        try {
            t = CsvTables.read(file);
        } catch (IOException e) {
            throw new UsageException(Files.exists(file) ? e.getMessage() : "cannot read " + file + ": no such file");
        }
        if (!t.header().equals(DEMO_HEADER)) {
            throw new UsageException(file + ":" + t.headerLine() + ": expected the columns " + String.join(",", DEMO_HEADER)
                    + ", got " + String.join(",", t.header()));
        }
        List<Demonstration> out = new ArrayList<>();
        int r = 0;
        while (r < t.rows()) {
            int index = (int) t.get(r, 0);
            List<double[]> p = new ArrayList<>();
            List<double[]> q = new ArrayList<>();
            int start = r;
            while (r < t.rows() && t.get(r, 0) == t.get(start, 0)) {
                if (t.get(r, 0) != Math.rint(t.get(r, 0)) || t.get(r, 0) < 0) {
                    throw new UsageException(file + ":" + t.lines()[r] + ": demo must be a whole number ≥ 0, got " + t.get(r, 0));
                }
                double[] qq = {t.get(r, 4), t.get(r, 5), t.get(r, 6)};
                double norm = Math.sqrt(qq[0] * qq[0] + qq[1] * qq[1] + qq[2] * qq[2]);
                if (!(Math.abs(norm - 1) <= UNIT_TOLERANCE)) {
                    throw new UsageException(file + ":" + t.lines()[r] + ": the orientation (q0, q1, q2) must be a unit vector "
                            + "(norm within " + UNIT_TOLERANCE + " of 1), but its norm is " + norm);
                }
                p.add(new double[] {t.get(r, 2), t.get(r, 3)});
                q.add(qq);
                r++;
            }
            if (p.size() < 2) {
                throw new UsageException(file + ":" + t.lines()[start] + ": demonstration " + index + " has one point; it needs two or more");
            }
            for (Demonstration d : out) {
                if (d.index() == index) {
                    throw new UsageException(file + ":" + t.lines()[start] + ": the rows of demonstration " + index
                            + " must be together, but it appears again here");
                }
            }
            out.add(new Demonstration(index, p.toArray(double[][]::new), q.toArray(double[][]::new)));
        }
        if (out.size() < 2) {
            throw new UsageException(file + ": needs at least two demonstrations (one may be held out), got " + out.size());
        }
        return out;
    }

    static void writeSkill(Path file, Skill skill, double[] theta) throws IOException {
        ParameterFile.write(file, skill.elbo.descriptor(), theta);
    }

    /** Reads a fitted skill's θ; every parameter of the model must be there with its size. */
    static double[] readSkill(Path file, Skill skill) throws UsageException {
        try {
            return ParameterFile.apply(file, skill.elbo.descriptor(), skill.defaults(), true);
        } catch (ParameterFile.Invalid e) {
            throw new UsageException(e.getMessage() + " (is this a skill from 'geo motion fit'?)");
        }
    }

    /** A latent motion as CSV (not the data-space baseline, which has no latent curve). */
    static String motionCsv(Motions.Motion m) {
        StringBuilder b = new StringBuilder("t,z0,z1,p0,p1,q0,q1,q2\n");
        int n = m.states().length;
        for (int i = 0; i < n; i++) {
            b.append(String.format(Locale.ROOT, "%.6f", (double) i / (n - 1)));
            double[] z = m.latent()[i];
            b.append(String.format(Locale.ROOT, ",%.6f,%.6f", z[0], z[1]));
            for (double v : m.states()[i]) {
                b.append(String.format(Locale.ROOT, ",%.6f", v));
            }
            b.append('\n');
        }
        return b.toString();
    }
}
