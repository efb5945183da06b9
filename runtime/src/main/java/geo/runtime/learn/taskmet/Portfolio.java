package geo.runtime.learn.taskmet;

import geo.runtime.data.table.Table;
import geo.runtime.linalg.Cholesky;
import java.util.SplittableRandom;

/**
 * Portfolio optimisation (Wang et al. 2020 via LODL's {@code PortfolioOpt.py}). Each day is an
 * instance: 50 stocks, 27 features per stock and day, target the next-day return; the decision is
 * the QP max_z ŷᵀz − α‖Lz‖² over the simplex ({@link SimplexQp} with Q = 2α LᵀL, α = 0.1, L the
 * lower Cholesky factor of Σ = corr(returns of days t+2 … t+10) + 0.1 I — ‖Lz‖² = zᵀLᵀLz as in the
 * official code, not zᵀΣz); f(z, y) = yᵀz − α‖Lz‖². Days 1–200 train, 201–400 validate,
 * 401–800 test.
 *
 * <p>Features (LODL's {@code _compute_monthly_cols}), from adjusted closes P: the return
 * r_t = P_t/P_{t−1} − 1 and its 10 lags; the 365/120/30/7-day returns P_t/P_{t−w} − 1; the 7-day
 * rolling mean and sample variance of r; the 365/120/30/7/3-day rolling mean and sample variance of
 * P — 27 in all, each standardised over all (day, stock). Windows reaching before the first price
 * are truncated to the prices there are (the panel starts 12 days before the first instance).
 *
 * <p>The published prices (Quandl WIKI, in Git LFS) are not available; {@link #synthetic} simulates
 * the spec's substitute, an 850-day panel of 200 stocks from a 3-factor model r_ts = β_sᵀf_t + e_ts
 * with f_t = 0.1 f_{t−1} + N(0, 0.01² I), β_s ~ N(0, I/3), e ~ N(0, 0.01²), as log-returns, and
 * samples 50 stocks; {@link #fromTable} reads real prices.
 */
public final class Portfolio implements Problem {

    /** Stocks per instance. */
    public static final int STOCKS = 50;
    /** Features per stock. */
    public static final int FEATURES = 27;
    /** α of the risk term. */
    public static final double ALPHA = 0.1;
    /** Training days, validation days, test days. */
    public static final int TRAIN = 200;
    public static final int VAL = 200;
    public static final int TEST = 400;
    /** Days before the first instance (the return lags) and after the last (the covariance window). */
    public static final int BEFORE = 12;
    public static final int AFTER = 10;
    /** The simulated panel. */
    public static final int PANEL_DAYS = 850;
    public static final int PANEL_STOCKS = 200;

    private static final int[] RETURN_WINDOWS = {365, 120, 30, 7};
    private static final int[] PRICE_WINDOWS = {365, 120, 30, 7, 3};

    @Override
    public String name() {
        return "portfolio";
    }

    @Override
    public int decisionSize() {
        return STOCKS;
    }

    /** The synthetic panel and split for {@code seed}. */
    public static Split synthetic(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] beta = new double[PANEL_STOCKS][3];
        for (double[] b : beta) {
            for (int k = 0; k < 3; k++) {
                b[k] = random.nextGaussian() / Math.sqrt(3);
            }
        }
        double[][] prices = new double[PANEL_DAYS][PANEL_STOCKS];
        double[] f = new double[3];
        double[] logPrice = new double[PANEL_STOCKS];
        for (int t = 0; t < PANEL_DAYS; t++) {
            for (int k = 0; k < 3; k++) {
                f[k] = 0.1 * f[k] + 0.01 * random.nextGaussian();
            }
            for (int s = 0; s < PANEL_STOCKS; s++) {
                if (t > 0) {
                    logPrice[s] += beta[s][0] * f[0] + beta[s][1] * f[1] + beta[s][2] * f[2] + 0.01 * random.nextGaussian();
                }
                prices[t][s] = Math.exp(logPrice[s]);
            }
        }
        return fromPrices(prices, random);
    }

    /**
     * Adjusted closes from a table: one column per stock (any names), one row per day in order, at
     * least {@link #STOCKS} stocks and {@link #BEFORE} + 800 + {@link #AFTER} + 1 days; 50 stocks
     * are sampled with {@code seed}.
     */
    public static Split fromTable(Table table, long seed) {
        int days = table.rows();
        int stocks = table.columns();
        if (stocks < STOCKS || days < BEFORE + TRAIN + VAL + TEST + AFTER + 1) {
            throw new IllegalArgumentException(table.source() + ": need at least " + STOCKS + " stock columns and "
                    + (BEFORE + TRAIN + VAL + TEST + AFTER + 1) + " days, got " + stocks + " and " + days);
        }
        double[][] prices = new double[days][stocks];
        for (int t = 0; t < days; t++) {
            for (int s = 0; s < stocks; s++) {
                double p = table.get(t, s);
                if (!(p > 0)) {
                    throw new IllegalArgumentException(table.source() + ":" + table.lines()[t] + ": the price of "
                            + table.header().get(s) + " is " + p + ", not positive");
                }
                prices[t][s] = p;
            }
        }
        return fromPrices(prices, new SplittableRandom(seed));
    }

    private static Split fromPrices(double[][] panel, SplittableRandom random) {
        int total = panel[0].length;
        int[] pick = new int[total];
        for (int s = 0; s < total; s++) {
            pick[s] = s;
        }
        for (int s = 0; s < STOCKS; s++) { // partial Fisher–Yates: a uniform sample of 50 stocks
            int j = s + random.nextInt(total - s);
            int t = pick[s];
            pick[s] = pick[j];
            pick[j] = t;
        }
        int days = BEFORE + TRAIN + VAL + TEST + AFTER + 1;
        double[][] p = new double[days][STOCKS];
        for (int t = 0; t < days; t++) {
            for (int s = 0; s < STOCKS; s++) {
                p[t][s] = panel[t][pick[s]];
            }
        }
        double[][] r = new double[days][STOCKS];
        for (int t = 1; t < days; t++) {
            for (int s = 0; s < STOCKS; s++) {
                r[t][s] = p[t][s] / p[t - 1][s] - 1;
            }
        }
        int n = TRAIN + VAL + TEST;
        double[][] x = new double[n][STOCKS * FEATURES];
        double[][] y = new double[n][STOCKS];
        double[][] q = new double[n][];
        for (int i = 0; i < n; i++) {
            int t = BEFORE + i;
            for (int s = 0; s < STOCKS; s++) {
                features(p, r, t, s, x[i], s * FEATURES);
                y[i][s] = r[t + 1][s];
            }
            q[i] = risk(r, t);
        }
        standardise(x);
        Instances all = new Instances(STOCKS, FEATURES, 1, x, y, q);
        return new Split(all.slice(0, TRAIN), all.slice(TRAIN, TRAIN + VAL), all.slice(TRAIN + VAL, n));
    }

    private static void features(double[][] p, double[][] r, int t, int s, double[] out, int at) {
        int k = at;
        for (int lag = 0; lag <= 10; lag++) {
            out[k++] = r[t - lag][s];
        }
        for (int w : RETURN_WINDOWS) {
            out[k++] = p[t][s] / p[Math.max(0, t - w)][s] - 1;
        }
        double[] rw = new double[7];
        for (int j = 0; j < 7; j++) {
            rw[j] = r[t - j][s];
        }
        out[k++] = mean(rw, rw.length);
        out[k++] = variance(rw, rw.length);
        for (int w : PRICE_WINDOWS) {
            int len = Math.min(w, t + 1);
            double[] pw = new double[len];
            for (int j = 0; j < len; j++) {
                pw[j] = p[t - j][s];
            }
            out[k++] = mean(pw, len);
            out[k++] = variance(pw, len);
        }
    }

    /** Q = 2α LᵀL with L L ᵀ = corr(r_{t+2 … t+10}) + 0.1 I. */
    private static double[] risk(double[][] r, int t) {
        int m = 9;
        double[][] z = new double[STOCKS][m];
        for (int s = 0; s < STOCKS; s++) {
            double mu = 0;
            for (int j = 0; j < m; j++) {
                mu += r[t + 2 + j][s] / m;
            }
            double ss = 0;
            for (int j = 0; j < m; j++) {
                z[s][j] = r[t + 2 + j][s] - mu;
                ss += z[s][j] * z[s][j];
            }
            double norm = ss > 0 ? Math.sqrt(ss) : 1;
            for (int j = 0; j < m; j++) {
                z[s][j] /= norm;
            }
        }
        double[] sigma = new double[STOCKS * STOCKS];
        for (int a = 0; a < STOCKS; a++) {
            for (int b = 0; b < STOCKS; b++) {
                double c = 0;
                for (int j = 0; j < m; j++) {
                    c += z[a][j] * z[b][j];
                }
                sigma[a * STOCKS + b] = c + (a == b ? 0.1 : 0);
            }
        }
        if (Cholesky.factor(sigma, STOCKS) != STOCKS) {
            throw new IllegalStateException("a correlation matrix plus 0.1 I is not positive definite");
        }
        double[] q = new double[STOCKS * STOCKS];
        for (int a = 0; a < STOCKS; a++) {
            for (int b = 0; b < STOCKS; b++) {
                double v = 0;
                for (int k = Math.max(a, b); k < STOCKS; k++) {
                    v += sigma[k * STOCKS + a] * sigma[k * STOCKS + b];
                }
                q[a * STOCKS + b] = 2 * ALPHA * v;
            }
        }
        return q;
    }

    private static void standardise(double[][] x) {
        int count = x.length * STOCKS;
        for (int f = 0; f < FEATURES; f++) {
            double mean = 0;
            for (double[] xi : x) {
                for (int s = 0; s < STOCKS; s++) {
                    mean += xi[s * FEATURES + f] / count;
                }
            }
            double var = 0;
            for (double[] xi : x) {
                for (int s = 0; s < STOCKS; s++) {
                    double d = xi[s * FEATURES + f] - mean;
                    var += d * d / (count - 1);
                }
            }
            double sd = var > 0 ? Math.sqrt(var) : 1;
            for (double[] xi : x) {
                for (int s = 0; s < STOCKS; s++) {
                    xi[s * FEATURES + f] = (xi[s * FEATURES + f] - mean) / sd;
                }
            }
        }
    }

    private static double mean(double[] v, int n) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += v[j];
        }
        return s / n;
    }

    private static double variance(double[] v, int n) {
        if (n < 2) {
            return 0;
        }
        double mu = mean(v, n);
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += (v[j] - mu) * (v[j] - mu);
        }
        return s / (n - 1);
    }

    @Override
    public double objective(Instances s, int i, double[] z) {
        double[] q = s.extra()[i];
        double f = 0;
        for (int a = 0; a < STOCKS; a++) {
            double qa = 0;
            for (int b = 0; b < STOCKS; b++) {
                qa += q[a * STOCKS + b] * z[b];
            }
            f += s.y()[i][a] * z[a] - 0.5 * z[a] * qa;
        }
        return f;
    }

    @Override
    public void objectiveGradient(Instances s, int i, double[] z, double[] out) {
        double[] q = s.extra()[i];
        for (int a = 0; a < STOCKS; a++) {
            double qa = 0;
            for (int b = 0; b < STOCKS; b++) {
                qa += q[a * STOCKS + b] * z[b];
            }
            out[a] = s.y()[i][a] - qa;
        }
    }

    @Override
    public Decision decide(Instances s, int i, double[] yhat, SplittableRandom random) {
        return new SimplexQp(s.extra()[i], STOCKS).solve(yhat);
    }

    @Override
    public double[] hardDecision(Instances s, int i, double[] yhat, SplittableRandom random) {
        return decide(s, i, yhat, random).z();
    }
}
