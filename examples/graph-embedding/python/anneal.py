# Independent checks of the closed-form rows (FOLDING.md, session 10): NumPy/SciPy, not Geo.
# Usage: python3 anneal.py GRAPH euclid|hyp DIM SIZES SEEDS   (GRAPH: q3, g3, g4 or a data/ name), e.g.
#   OMP_NUM_THREADS=1 python3 anneal.py regular_sphere100 hyp 2 1,2 2
# Annealed log-sum-exp of log ratios (smooth max rho - min rho) with L-BFGS, in H^dim (x -> (sqrt(1+|x|^2), x)) or R^dim
import os, sys, time, numpy as np
from scipy.optimize import minimize
from scipy.sparse.csgraph import shortest_path
from minimax import grid, edges
from scipy.special import logsumexp

def setup(A):
    G = shortest_path(A, unweighted=True); n = len(G)
    I, J = np.triu_indices(n, 1)
    return G, n, I, J, np.log(G[I, J])

def mds(G, dim):
    n = len(G); Jc = np.eye(n) - 1.0 / n
    B = -0.5 * Jc @ (G**2) @ Jc
    w, V = np.linalg.eigh(B); o = np.argsort(w)[::-1][:dim]
    return V[:, o] * np.sqrt(np.maximum(w[o], 0))

def solve(A, dim, space, X0, taus=(0.1, 0.05, 0.02, 0.01, 0.005, 0.002), iters=300):
    G, n, I, J, lg = setup(A)
    def rho_grad(z):
        X = z.reshape(n, dim); x, y = X[I], X[J]
        if space == 'euclid':
            diff = x - y; d = np.sqrt((diff**2).sum(1)); gx = diff / d[:, None]; gy = -gx
        else:
            x0 = np.sqrt(1 + (x**2).sum(1)); y0 = np.sqrt(1 + (y**2).sum(1))
            B = np.maximum(x0*y0 - (x*y).sum(1), 1 + 1e-15); d = np.arccosh(B); s = np.sqrt(B*B - 1)
            gx = ((y0/x0)[:, None]*x - y) / s[:, None]; gy = ((x0/y0)[:, None]*y - x) / s[:, None]
        return np.log(d) - lg, gx / d[:, None], gy / d[:, None]
    def f(z, tau):
        r, gx, gy = rho_grad(z)
        lp = logsumexp(r / tau); lm = logsumexp(-r / tau)
        wp = np.exp(r / tau - lp); wm = np.exp(-r / tau - lm)
        c = (wp - wm)[:, None]
        g = np.zeros((n, dim)); np.add.at(g, I, c * gx); np.add.at(g, J, c * gy)
        return tau * (lp + lm), g.ravel()
    z = X0.ravel().copy(); hist = []
    for tau in taus:
        res = minimize(f, z, args=(tau,), jac=True, method='L-BFGS-B', options={'maxiter': iters})
        z = res.x
        r, _, _ = rho_grad(z); hist.append(np.exp(r.max() - r.min()))
    return hist, z.reshape(n, dim)

if __name__ == '__main__':
    which, space, dim = sys.argv[1], sys.argv[2], int(sys.argv[3])
    sizes = [float(s) for s in sys.argv[4].split(',')]; seeds = int(sys.argv[5])
    A = {'q3': lambda: grid(2,2,2), 'g3': lambda: grid(3,3,3), 'g4': lambda: grid(4,4,4)}.get(which, lambda: edges(os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'data', which + '.edges')))()
    G, n, I, J, lg = setup(A)
    Y = mds(G, dim)
    t = time.process_time()
    for size in sizes:
        for seed in range(seeds):
            rng = np.random.default_rng(seed)
            X0 = Y * size + 0.01 * rng.normal(size=Y.shape)   # MDS at speed 'size' (approx for hyperboloid coords near origin)
            if space != 'euclid':
                # place at geodesic radius size*|y| along y: hyperboloid spatial coords sinh(r) * unit
                nr = np.linalg.norm(Y, axis=1, keepdims=True); r = size * nr
                X0 = np.sinh(r) * Y / np.maximum(nr, 1e-300) + 0.01 * rng.normal(size=Y.shape)
            hist, X = solve(A, dim, space, X0)
            print(which, space, dim, 'size', size, 'seed', seed, ' '.join('%.3f' % h for h in hist), 'cpu %.1f' % (time.process_time() - t), flush=True)
