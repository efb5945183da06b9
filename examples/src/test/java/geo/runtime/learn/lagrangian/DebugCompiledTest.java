package geo.runtime.learn.lagrangian;

import static org.junit.jupiter.api.Assertions.assertTrue;
import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.SourceFile;
import geo.runtime.api.AccelerationKernels;
import geo.runtime.api.BatchFunctionKernels;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.LagrangianKernels;
import geo.runtime.load.ModelSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DebugCompiledTest {
    private static final Path DIR = Path.of(System.getProperty("geo.examples.dir", ".")).resolve("lagrangian-ot");
    static ModelSet compile(SourceFile source) {
        Frontend.Result r = Frontend.check(source);
        assertTrue(r.ok(), r.diagnostics().render());
        return Compiler.compile(r.program(), source).load();
    }
    @Test
    void hessianOfCompiledBox() throws Exception {
        for (String task : new String[]{"box", "slit", "hill", "well"}) {
            ModelSet set = compile(SourceFile.read(DIR.resolve(task + ".geo")));
            var model = set.models().get(0);
            LagrangianKernels l = model.lagrangian();
            AccelerationKernels acc = (AccelerationKernels) l;
            double[] theta = model.defaultParameters();
            PathSolver.Options o = PathSolver.Options.DEFAULTS;
            LaneAction a = new LaneAction(l, o, 1);
            a.setTheta(theta);
            double[] x = {-1.1, 0.1}, y = {1.1, -0.05};
            a.setEnds(0, x, y);
            double[][] q = new double[1][36];
            LanePathSolver.straight(x, y, 20, q[0]);
            for (int k = 0; k < 18; k++) q[0][2 * k + 1] += 0.55 * Math.sin(Math.PI * (k + 1) / 19);
            LanePathSolver ps = new LanePathSolver(l, o); ps.set(x, y, theta); ps.refine(q[0]);
            double[][] g = new double[1][36];
            a.evaluate(1, q, new double[1], g);
            LaneHessian h = new LaneHessian(a, acc);
            h.factor(1);
            double[] e = new double[36]; double[] d = new double[36];
            double worst = 0, scale = 0;
            // H column j vs FD: compare H^{-1} applied... use FD H times delta ~ e_j
            double[][] fdH = new double[36][36];
            for (int j = 0; j < 36; j++) { double[][] qp = {q[0].clone()}, qm = {q[0].clone()}; double st = 1e-6; qp[0][j] += st; qm[0][j] -= st; double[][] gp = new double[1][36], gm = new double[1][36]; a.evaluate(1, qp, new double[1], gp); a.evaluate(1, qm, new double[1], gm); for (int i = 0; i < 36; i++) fdH[i][j] = (gp[0][i] - gm[0][i]) / (2 * st); }
            a.evaluate(1, q, new double[1], g);
            h.factor(1);
            System.out.println("CHK " + task + " check " + LaneHessian.check(l, acc, theta) + " pd " + h.positiveDefinite(0));
            if (h.positiveDefinite(0)) {
                for (int j = 0; j < 36; j++) { java.util.Arrays.fill(e, 0); e[j] = 1; h.newtonStep(0, e, d); // d = -H^{-1} e_j; FD H * d should be -e_j
                    for (int i = 0; i < 36; i++) { double v = 0; for (int k = 0; k < 36; k++) v += fdH[i][k] * d[k]; worst = Math.max(worst, Math.abs(v + (i == j ? 1 : 0))); } }
                System.out.println("CHK " + task + " |FD_H * H^-1 - I| max " + worst);
            }
        }
        // prediction cost
        for (String file : new String[]{"amortiser.geo", "/tmp/lot11/amortiser64.geo"}) {
            SourceFile src = file.startsWith("/") ? SourceFile.read(Path.of(file)) : SourceFile.read(DIR.resolve(file));
            ModelSet set = compile(src);
            FunctionKernels f = null;
            for (var m : set.models()) if (m.name().equals("path")) f = m.function();
            BatchFunctionKernels bk = (BatchFunctionKernels) f;
            double[] th = new double[f.descriptor().parameterCount()];
            java.util.SplittableRandom r = new java.util.SplittableRandom(1);
            for (int i = 0; i < th.length; i++) th[i] = r.nextGaussian() * 0.1;
            double[][] w = BatchFunctionKernels.work(bk, 256);
            for (int b = 0; b < 256; b++) for (int i = 0; i < 4; i++) w[i][b] = r.nextDouble();
            var bean = java.lang.management.ManagementFactory.getThreadMXBean();
            StringBuilder sb = new StringBuilder();
            for (int blk = 0; blk < 30; blk++) { long c0 = bean.getCurrentThreadCpuTime(); for (int k = 0; k < 25; k++) bk.valueBatch(200, w, th); sb.append(String.format(" %.1f", (bean.getCurrentThreadCpuTime() - c0) / 25.0 / 200 / 1e3)); }
            System.out.println("PRED warm-up blocks of 25 calls x 200 rows, us/row:" + sb);
            for (int rep = 0; rep < 4; rep++) {
                long c0 = bean.getCurrentThreadCpuTime();
                for (int k = 0; k < 400; k++) { for (int b = 0; b < 256; b++) for (int i = 0; i < 4; i++) w[i][b] = (b + i) * 1e-3; bk.valueBatch(256, w, th); }
                long c1 = bean.getCurrentThreadCpuTime();
                double[] out = new double[36]; double[] in = new double[4];
                for (int k = 0; k < 20; k++) for (int b = 0; b < 256; b++) { in[0] = b * 1e-3; f.value(in, th, out); }
                long c2 = bean.getCurrentThreadCpuTime();
                System.out.printf("PRED %s batch %.2f us/pair, one-by-one %.2f us/pair%n", file, (c1 - c0) / 400.0 / 256 / 1e3, (c2 - c1) / 20.0 / 256 / 1e3);
            }
        }
    }
}
