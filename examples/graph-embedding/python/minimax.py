# Minimax worst-case distortion of a graph in H^dim (hyperboloid via x -> (sqrt(1+|x|^2), x)) or R^dim,
# epigraph form: min b - a  s.t.  a <= ln d_k - ln g_k <= b, solved by SLSQP from random starts of several sizes.
import sys, itertools, numpy as np
from scipy.optimize import minimize
from scipy.sparse.csgraph import shortest_path

def grid(*ns):
    nodes = list(itertools.product(*[range(n) for n in ns]))
    idx = {v: i for i, v in enumerate(nodes)}
    A = np.zeros((len(nodes),) * 2)
    for v in nodes:
        for a in range(len(ns)):
            w = list(v); w[a] += 1; w = tuple(w)
            if w in idx: A[idx[v], idx[w]] = A[idx[w], idx[v]] = 1
    return A

def edges(path):
    E = [tuple(map(int, l.split()[:2])) for l in open(path) if l.strip() and not l.startswith('#')]
    n = max(max(e) for e in E) + 1
    A = np.zeros((n, n))
    for u, v in E: A[u, v] = A[v, u] = 1
    return A

def run(A, dim, space, starts, sizes, seed=0, maxiter=500):
    G = shortest_path(A, unweighted=True)
    n = len(G)
    I, J = np.triu_indices(n, 1)
    g = G[I, J]; lg = np.log(g)
    m = len(g)
    def dist(X):
        x, y = X[I], X[J]
        if space == 'euclid':
            diff = x - y; d = np.sqrt((diff ** 2).sum(1))
            gx = diff / d[:, None]; gy = -gx
        else:
            x0 = np.sqrt(1 + (x ** 2).sum(1)); y0 = np.sqrt(1 + (y ** 2).sum(1))
            B = np.maximum(x0 * y0 - (x * y).sum(1), 1 + 1e-15)
            d = np.arccosh(B); s = np.sqrt(B * B - 1)
            gx = ((y0 / x0)[:, None] * x - y) / s[:, None]
            gy = ((x0 / y0)[:, None] * y - x) / s[:, None]
        return d, gx, gy
    def cons(z):
        X = z[:-2].reshape(n, dim); a, b = z[-2], z[-1]
        d, _, _ = dist(X); r = np.log(d) - lg
        return np.concatenate([r - a, b - r])
    def cjac(z):
        X = z[:-2].reshape(n, dim)
        d, gx, gy = dist(X)
        Jr = np.zeros((m, n * dim))
        for c in range(dim):
            Jr[np.arange(m), I * dim + c] = gx[:, c] / d
            Jr[np.arange(m), J * dim + c] = gy[:, c] / d
        top = np.hstack([Jr, -np.ones((m, 1)), np.zeros((m, 1))])
        bot = np.hstack([-Jr, np.zeros((m, 1)), np.ones((m, 1))])
        return np.vstack([top, bot])
    rng = np.random.default_rng(seed)
    best = (np.inf, None)
    out = []
    for size in sizes:
        bs = np.inf
        for s in range(starts):
            X = rng.normal(size=(n, dim)) * size
            d, _, _ = dist(X); r = np.log(d) - lg
            z = np.concatenate([X.ravel(), [r.min(), r.max()]])
            res = minimize(lambda z: z[-1] - z[-2], z, jac=lambda z: np.concatenate([np.zeros(n * dim), [-1, 1]]),
                           constraints=[{'type': 'ineq', 'fun': cons, 'jac': cjac}], method='SLSQP',
                           options={'maxiter': maxiter, 'ftol': 1e-10})
            X = res.x[:-2].reshape(n, dim)
            d, _, _ = dist(X); r = np.log(d) - lg
            wc = np.exp(r.max() - r.min())
            rad = np.sqrt((X ** 2).sum(1)).max() if space == 'euclid' else np.arcsinh(np.sqrt((X ** 2).sum(1))).max()
            bs = min(bs, wc)
            if wc < best[0]: best = (wc, X)
        out.append((size, bs))
    return best, out

