package geo.cli.learn.motion;

import geo.compiler.driver.Compiler;
import geo.compiler.driver.Frontend;
import geo.compiler.source.Diagnostics;
import geo.compiler.source.SourceFile;
import geo.runtime.api.FunctionKernels;
import geo.runtime.api.ModelDescriptor;
import geo.runtime.learn.motion.MotionPlanner;
import geo.runtime.load.Model;
import geo.runtime.load.ModelSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The compiled skill model (the bundled {@code skill.geo}) and its parameters θ: encoder, decoder,
 * variance network and the three latent metrics (full, mean-only, with obstacles). States are
 * x = (p, q) ∈ R² × S² in data units; the model sees (p / {@link #POSITION_SCALE}, q).
 */
final class Skill {

    /** Positions are divided by this before they enter the model, so that p and q have similar ranges. */
    static final double POSITION_SCALE = 5;
    /** The bundled model's resource name. */
    static final String SOURCE = "skill.geo";
    /** Obstacle slots of the {@code Avoid} metric. */
    static final int MAX_OBSTACLES = 4;

    /** Which latent metric a geodesic follows. */
    enum Metric {
        /** The expected pullback metric J_μᵀJ_μ + J_σᵀJ_σ. */
        FULL("Skill"),
        /** J_μᵀJ_μ alone. */
        MEAN("Mean"),
        /** The full metric with the obstacles' ambient position metric. */
        AVOID("Avoid");

        final String manifold;

        Metric(String manifold) {
            this.manifold = manifold;
        }
    }

    /** A disc obstacle in the position plane: centre (x, y), radius r. */
    record Obstacle(double x, double y, double r) {
    }

    final ModelSet set;
    final Model elbo;
    final Model variance;
    final Model encode;
    final Model decode;

    private Skill(ModelSet set) {
        this.set = set;
        this.elbo = set.model("elbo");
        this.variance = set.model("variance");
        this.encode = set.function("encode");
        this.decode = set.function("decode");
    }

    /** Compiles the bundled model (about ten seconds). */
    static Skill compile() {
        String text;
        try (InputStream in = Skill.class.getResourceAsStream(SOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the bundled " + SOURCE + " is missing from the jar");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the bundled " + SOURCE + ": " + e.getMessage(), e);
        }
        SourceFile source = SourceFile.of(SOURCE, text);
        Frontend.Result r = Frontend.check(source);
        if (!r.ok()) {
            throw new IllegalStateException("the bundled " + SOURCE + " does not compile:\n"
                    + r.diagnostics().shown(Diagnostics.DEFAULT_MAX_SHOWN).render());
        }
        return new Skill(Compiler.compile(r, source).load());
    }

    /** The default θ of the file's top-level parameters (the layout of every loss and fn). */
    double[] defaults() {
        return elbo.defaultParameters();
    }

    /** The offsets in θ of the named top-level parameters' entries. */
    int[] offsets(String... names) {
        List<ModelDescriptor.Parameter> ps = elbo.descriptor().parameters();
        int n = 0;
        for (String name : names) {
            n += parameter(ps, name).size();
        }
        int[] out = new int[n];
        int k = 0;
        for (String name : names) {
            ModelDescriptor.Parameter p = parameter(ps, name);
            for (int i = 0; i < p.size(); i++) {
                out[k++] = p.offset() + i;
            }
        }
        return out;
    }

    private static ModelDescriptor.Parameter parameter(List<ModelDescriptor.Parameter> ps, String name) {
        return ps.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no parameter " + name + " in " + SOURCE));
    }

    /** The model of a latent metric. */
    Model metric(Metric m) {
        return set.model(m.manifold);
    }

    /**
     * θ of model {@code target} from the top-level θ, by parameter name; with obstacles (at most
     * {@link #MAX_OBSTACLES}) filling the {@code Avoid} manifold's slots at strength α.
     */
    double[] thetaFor(Model target, double[] theta, List<Obstacle> obstacles, double alpha) {
        ModelDescriptor source = elbo.descriptor();
        double[] out = target.defaultParameters();
        for (ModelDescriptor.Parameter p : target.descriptor().parameters()) {
            for (ModelDescriptor.Parameter q : source.parameters()) {
                if (q.name().equals(p.name())) {
                    System.arraycopy(theta, q.offset(), out, p.offset(), p.size());
                }
            }
            if (p.name().equals("O") || p.name().equals("alpha") || p.name().equals("rad")) {
                for (int k = 0; k < MAX_OBSTACLES; k++) {
                    boolean on = k < obstacles.size();
                    switch (p.name()) {
                        case "O" -> {
                            out[p.offset() + 2 * k] = on ? obstacles.get(k).x() : 0;
                            out[p.offset() + 2 * k + 1] = on ? obstacles.get(k).y() : 0;
                        }
                        case "alpha" -> out[p.offset() + k] = on ? alpha : 0;
                        default -> out[p.offset() + k] = on ? obstacles.get(k).r() : 1;
                    }
                }
            }
        }
        return out;
    }

    /** The encoder's mean of a state in data units. */
    double[] encode(double[] state, double[] theta) {
        double[] z = new double[2];
        ((FunctionKernels) encode.newInstance()).value(scaled(state), theta, z);
        return z;
    }

    /** The decoded mean state of z, in data units. */
    double[] decode(FunctionKernels kernels, double[] z, double[] theta) {
        double[] x = new double[5];
        kernels.value(z, theta, x);
        x[0] *= POSITION_SCALE;
        x[1] *= POSITION_SCALE;
        return x;
    }

    static double[] scaled(double[] state) {
        double[] x = state.clone();
        x[0] /= POSITION_SCALE;
        x[1] /= POSITION_SCALE;
        return x;
    }

    /**
     * The latent box of the planner's grid: the k-means centres' bounding box (they cover the
     * encoded data), widened by half its size on every side.
     */
    MotionPlanner.Options plannerOptions(double[] theta) {
        int[] c = offsets("C");
        double[] lo = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
        double[] hi = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int k = 0; k < c.length; k += 2) {
            for (int i = 0; i < 2; i++) {
                lo[i] = Math.min(lo[i], theta[c[k + i]]);
                hi[i] = Math.max(hi[i], theta[c[k + i]]);
            }
        }
        for (int i = 0; i < 2; i++) {
            double w = Math.max(hi[i] - lo[i], 1e-3);
            lo[i] -= 0.5 * w;
            hi[i] += 0.5 * w;
        }
        return MotionPlanner.Options.over(lo, hi);
    }
}
