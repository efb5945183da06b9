#!/usr/bin/env python3
"""Throwaway check (not runtime): Scarvelis & Solomon's data generation, re-done in NumPy/SciPy.

metric-from-snapshots.md 1a, "How the trajectories were generated" (code/data_generation.py::compute_A_geodesic):
for each pair (x0, x1) a fresh velocity MLP u: 2 -> 64 -> 64 -> 2 (ELU, PyTorch's default nn.Linear
initialisation U(+-1/sqrt(fan_in))) is fitted by AdamW (lr 1e-3, weight decay 1e-3, 100 iterations) to

    mean_{k=0..n-1} u(x_k)' A_true(x_k) u(x_k) + lambda * ||x_{n-1} - x1||_2       (the norm, not squared)

with x_k = x(t_k) integrated on the output grid t = linspace(0, 1, n) by torchdiffeq's 'explicit_adams'
(fixed grid: two 3/8-rule RK4 steps, then Adams-Bashforth of growing order 3, 4, ..., at most 11); the
recorded trajectory is then x(t_k) re-integrated accurately (torchdiffeq's default dopri5; here SciPy's
RK45 at rtol 1e-7, atol 1e-9, its defaults). A_true = I - v v' with the field's v as in the code: unit
for Circle and Mass Splitting, NOT normalised for X Paths (|v| <= 1.25, A_true indefinite where |v| > 1).
All pairs run side by side (batched weights); the gradient is back-propagated by hand through the
integrator (checked against finite differences with --check).

    python3 velocity_paths.py x-paths [--seed S] [--vnorm unit|raw] [--steps N] [--out file.csv]
"""
import argparse
import math
import sys

import numpy as np
from scipy.integrate import solve_ivp

H = 64
BASHFORTH = {k: None for k in range(1, 12)}


def _bashforth():
    # Adams-Bashforth coefficients of order k (newest first), as torchdiffeq's table (exact rationals)
    from fractions import Fraction
    out = {}
    for k in range(1, 12):
        c = []
        for j in range(k):
            # b_j = (-1)^j / j! / (k-1-j)! * int_0^1 prod_{i != j} (u + i) du
            poly = [Fraction(1)]
            for i in range(k):
                if i == j:
                    continue
                poly = [a + b for a, b in zip([Fraction(0)] + poly, [p * i for p in poly] + [Fraction(0)])]
            integral = sum(p / (n + 1) for n, p in enumerate(poly))
            c.append(float((-1) ** j * integral / math.factorial(j) / math.factorial(k - 1 - j)))
        out[k] = c
    return out


BASHFORTH = _bashforth()


def init(rng, P):
    def lin(fan_in, fan_out):
        b = 1 / math.sqrt(fan_in)
        return rng.uniform(-b, b, (P, fan_out, fan_in)), rng.uniform(-b, b, (P, fan_out))
    W1, b1 = lin(2, H)
    W2, b2 = lin(H, H)
    W3, b3 = lin(H, 2)
    return [W1, b1, W2, b2, W3, b3]


def elu(z):
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0)))


def delu(z):
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)))


def mlp(th, x):
    W1, b1, W2, b2, W3, b3 = th
    z1 = np.einsum('pij,pj->pi', W1, x) + b1
    h1 = elu(z1)
    z2 = np.einsum('pij,pj->pi', W2, h1) + b2
    h2 = elu(z2)
    out = np.einsum('pij,pj->pi', W3, h2) + b3
    return out, (x, z1, h1, z2, h2)


def mlp_vjp(th, cache, g, grads):
    W1, b1, W2, b2, W3, b3 = th
    x, z1, h1, z2, h2 = cache
    grads[4] += np.einsum('pi,pj->pij', g, h2)
    grads[5] += g
    gh2 = np.einsum('pij,pi->pj', W3, g)
    gz2 = gh2 * delu(z2)
    grads[2] += np.einsum('pi,pj->pij', gz2, h1)
    grads[3] += gz2
    gh1 = np.einsum('pij,pi->pj', W2, gz2)
    gz1 = gh1 * delu(z1)
    grads[0] += np.einsum('pi,pj->pij', gz1, x)
    grads[1] += gz1
    return np.einsum('pij,pi->pj', W1, gz1)


# ---- fields: v(x) and, for the energy's x-gradient, d(v.u)/dx -------------------------------------------
S2 = 1 / math.sqrt(2)


def field_v(name, x, vnorm):
    x1, x2 = x[:, 0], x[:, 1]
    if name == 'circle':
        r = np.maximum(np.hypot(x1, x2), 1e-12)
        return np.stack([-x2 / r, x1 / r], 1)
    if name == 'mass-splitting':
        return np.stack([np.ones_like(x1), np.sign(x2)], 1) * S2 * np.where(x2 == 0, math.sqrt(2), 1)[:, None]
    a = 1.25 * np.tanh(np.maximum(x1 * x2, 0))
    b = -1.25 * np.tanh(np.maximum(-x1 * x2, 0))
    v = np.stack([(a + b) * S2, (a - b) * S2], 1)
    if vnorm == 'unit-truth':  # lagrangian-ot's ScarvelisMetric: v / 1.25
        v = v / 1.25
    return v


def grad_vu(name, x, u, vnorm):
    """d(v(x).u)/dx."""
    x1, x2 = x[:, 0], x[:, 1]
    if name == 'circle':
        r = np.maximum(np.hypot(x1, x2), 1e-12)
        s = -x2 * u[:, 0] + x1 * u[:, 1]
        return np.stack([u[:, 1], -u[:, 0]], 1) / r[:, None] - (s / r ** 3)[:, None] * x
    if name == 'mass-splitting':
        return np.zeros_like(x)
    p = x1 * x2
    da = np.where(p > 0, 1.25 * (1 - np.tanh(p) ** 2), 0.0)
    db = np.where(p < 0, 1.25 * (1 - np.tanh(-p) ** 2), 0.0)  # d b / d p = +1.25 sech^2(-p) for p < 0
    v1u = (u[:, 0] + u[:, 1]) * S2
    v2u = (u[:, 0] - u[:, 1]) * S2
    dp = np.stack([x2, x1], 1)
    g = (v1u * da + v2u * db)[:, None] * dp
    if vnorm == 'unit-truth':
        g = g / 1.25
    return g


# ---- the fixed-grid 'explicit_adams' with the tape as linear combinations ------------------------------
def explicit_adams(th, x0, n):
    """States y_0..y_{n-1} on linspace(0,1,n); returns ys, evals (input, cache), and the coefficient rows:
    y_k = x0 + sum_e Y[k][e] f_e, z_e = x0 + sum_e' Z[e][e'] f_e'."""
    dt = 1.0 / (n - 1)
    fs, caches, Zrows, Yrows = [], [], [], [{}]
    ys = [x0]

    def ev(zrow):
        z = x0 + sum(c * fs[e] for e, c in zrow.items()) if zrow else x0.copy()
        f, cache = mlp(th, z)
        fs.append(f)
        caches.append(cache)
        Zrows.append(dict(zrow))
        return len(fs) - 1

    prev = []  # eval ids of f(y_k), newest first
    for k in range(n - 1):
        yrow = Yrows[-1]
        e0 = ev(yrow)
        prev.insert(0, e0)
        prev = prev[:10]
        order = len(prev)
        if order < 3:  # torchdiffeq: RK4 while the history is shorter than _MIN_ORDER - 1 = 3
            e1 = ev(_add(yrow, {e0: dt / 3}))
            e2 = ev(_add(yrow, {e1: dt, e0: -dt / 3}))
            e3 = ev(_add(yrow, {e0: dt, e1: -dt, e2: dt}))
            step = {e0: dt / 8, e1: 3 * dt / 8, e2: 3 * dt / 8, e3: dt / 8}
        else:
            c = BASHFORTH[order]
            step = {e: dt * c[j] for j, e in enumerate(prev)}
        newrow = _add(yrow, step)
        Yrows.append(newrow)
        ys.append(x0 + sum(c * fs[e] for e, c in newrow.items()))
    return ys, fs, caches, Zrows, Yrows


def _add(a, b):
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0.0) + v
    return out


def loss_and_grad(th, x0, x1, n, name, lam, vnorm):
    ys, fs, caches, Zrows, Yrows = explicit_adams(th, x0, n)
    P = x0.shape[0]
    grads = [np.zeros_like(w) for w in th]
    # kinetic energy at the n states: separate evaluations u_k = u(y_k)
    gy = [np.zeros_like(x0) for _ in range(n)]
    kin = np.zeros(P)
    for k in range(n):
        u, cache = mlp(th, ys[k])
        v = field_v(name, ys[k], vnorm)
        vu = (v * u).sum(1)
        kin += ((u * u).sum(1) - vu ** 2) / n
        gu = (2 * u - 2 * vu[:, None] * v) / n
        gy[k] += -2 * vu[:, None] * grad_vu(name, ys[k], u, vnorm) / n
        gy[k] += mlp_vjp(th, cache, gu, grads)
    d = ys[-1] - x1
    nd = np.linalg.norm(d, axis=1)
    pen = lam * nd
    gy[-1] += lam * d / np.maximum(nd, 1e-300)[:, None]
    # reverse through the tape: gf_e = sum_k Y[k][e] gy_k + sum_e'' Z[e''][e] gz_e''
    E = len(fs)
    gf = [np.zeros_like(x0) for _ in range(E)]
    for k in range(n):
        for e, c in Yrows[k].items():
            gf[e] += c * gy[k]
    for e in reversed(range(E)):
        gz = mlp_vjp(th, caches[e], gf[e], grads)
        for e2, c in Zrows[e].items():
            gf[e2] += c * gz
    return kin + pen, kin, nd, grads


class AdamW:
    def __init__(self, th, lr=1e-3, wd=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        self.lr, self.wd, self.b1, self.b2, self.eps = lr, wd, b1, b2, eps
        self.m = [np.zeros_like(w) for w in th]
        self.v = [np.zeros_like(w) for w in th]
        self.t = 0

    def step(self, th, g):
        self.t += 1
        for i, w in enumerate(th):
            w *= 1 - self.lr * self.wd
            self.m[i] = self.b1 * self.m[i] + (1 - self.b1) * g[i]
            self.v[i] = self.b2 * self.v[i] + (1 - self.b2) * g[i] ** 2
            mh = self.m[i] / (1 - self.b1 ** self.t)
            vh = self.v[i] / (1 - self.b2 ** self.t)
            w -= self.lr * mh / (np.sqrt(vh) + self.eps)


def fit_paths(x0, x1, n, name, lam, vnorm, rng, steps=100, lr=1e-3, wd=1e-3, final='dopri5'):
    P = x0.shape[0]
    th = init(rng, P)
    opt = AdamW(th, lr=lr, wd=wd)
    for _ in range(steps):
        # each pair's loss depends only on its own weights, so the batched sum's gradient is per pair
        _, kin, nd, g = loss_and_grad(th, x0, x1, n, name, lam, vnorm)
        opt.step(th, g)
    t = np.linspace(0, 1, n)
    if final == 'grid':
        ys = explicit_adams(th, x0, n)[0]
        return np.stack(ys, 1), kin, nd
    out = np.empty((P, n, 2))
    for p in range(P):
        one = [w[p:p + 1] for w in th]
        sol = solve_ivp(lambda _t, y: mlp(one, y[None])[0][0], (0, 1), x0[p], t_eval=t, rtol=1e-7, atol=1e-9)
        out[p] = sol.y.T
    return out, kin, nd


MS_SCALE_FIRST = False
MS_LAMBDA = 1.0


def generate(name, seed, vnorm, steps, final, lam0=1.0):
    rng = np.random.default_rng(seed)
    if name == 'x-paths':
        fams = []
        for (a, b, lam, fix) in [((-1, -1), (1, 1), lam0, False), ((-1, 1), (1, -1), 10.0, True)]:
            x0 = np.array(a) + 0.1 * rng.standard_normal((100, 2))
            x1 = np.array(b) + 0.1 * rng.standard_normal((100, 2))
            paths, kin, nd = fit_paths(x0, x1, 10, name, lam, vnorm, rng, steps, final=final)
            print('  end before the fix: mean', np.round(paths[:, -1].mean(0), 3).tolist(), 'miss |x(1) - x1| mean %.4f'
                  % np.linalg.norm(paths[:, -1] - x1, axis=1).mean(), file=sys.stderr)
            if fix:
                paths[:, -1] = x1
            fams.append(paths)
        return fams
    if name == 'mass-splitting':
        # the file name says x10: by default the set is made at scale 1 and multiplied; MS_SCALE_FIRST=1 makes it
        # at scale 10 directly (anchors (10, +-10), std 1), the other reading of the name
        s = 10.0 if MS_SCALE_FIRST else 1.0
        x0 = s * 0.1 * rng.standard_normal((100, 2))
        up = s * (np.array([1, 1]) + 0.1 * rng.standard_normal((50, 2)))
        dn = s * (np.array([1, -1]) + 0.1 * rng.standard_normal((50, 2)))
        x1 = np.vstack([up, dn])[rng.permutation(100)]
        paths, kin, nd = fit_paths(x0, x1, 10, name, MS_LAMBDA, vnorm, rng, steps, final=final)
        print('  end before the fix: mean x %.3f, miss |x(1) - x1| mean %.4f'
              % (paths[:, -1, 0].mean(), np.linalg.norm(paths[:, -1] - x1, axis=1).mean()), file=sys.stderr)
        paths[:, -1] = x1
        return [paths * (10 / s)]
    # circle
    ang = np.arange(4) * math.pi / 2
    anchors = [np.array([math.cos(a), math.sin(a)]) + 0.1 * rng.standard_normal((100, 2)) for a in ang]
    snaps = []
    for i in range(4):
        paths, kin, nd = fit_paths(anchors[i], anchors[(i + 1) % 4], 7, name, 1.0, vnorm, rng, steps, final=final)
        snaps.append(paths[:, :-1])
    seq = np.concatenate(snaps, 1)
    seq = np.concatenate([seq, seq[:, :1]], 1)
    return [seq]


def chord_stats(paths):
    """paths (P, n, 2): per trajectory |perpendicular distance| of its points from its own chord x0 -> x(1),
    the snapshot means' distance from the straight line between the first and last means, and from the
    linear-in-time interpolation of those."""
    x0, xe = paths[:, :1], paths[:, -1:]
    d = (xe - x0) / np.linalg.norm(xe - x0, axis=2, keepdims=True)
    perp = np.abs(((paths - x0) * np.concatenate([-d[..., 1:], d[..., :1]], 2)).sum(2))
    m = paths.mean(0)
    dm = (m[-1] - m[0]) / np.linalg.norm(m[-1] - m[0])
    mperp = np.abs((m - m[0]) @ np.array([-dm[1], dm[0]]))
    lin = m[0] + np.linspace(0, 1, len(m))[:, None] * (m[-1] - m[0])
    return dict(traj_perp=perp.mean(), traj_perp_interior=perp[:, 1:-1].mean(), means_perp=mperp.mean(),
                means_to_linear=np.linalg.norm(m - lin, axis=1).mean())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('field', choices=['circle', 'mass-splitting', 'x-paths'])
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--vnorm', default='raw', choices=['raw', 'unit-truth'])
    ap.add_argument('--steps', type=int, default=100)
    ap.add_argument('--final', default='dopri5', choices=['dopri5', 'grid'])
    ap.add_argument('--lam0', type=float, default=1.0, help="lambda of X Paths' BL -> TR family (the code: 1)")
    ap.add_argument('--ms-scale-first', action='store_true')
    ap.add_argument('--ms-lambda', type=float, default=1.0)
    ap.add_argument('--out')
    ap.add_argument('--check', action='store_true')
    a = ap.parse_args()
    global MS_SCALE_FIRST, MS_LAMBDA
    MS_SCALE_FIRST, MS_LAMBDA = a.ms_scale_first, a.ms_lambda
    if a.check:
        return check()
    fams = generate(a.field, a.seed, a.vnorm, a.steps, a.final, a.lam0)
    for f, paths in enumerate(fams):
        m = paths.mean(0)
        print(f'family {f}: means', np.round(m, 2).tolist())
        print('  y-std', np.round(paths[..., 1].std(0, ddof=1), 2).tolist())
        print('  chord', {k: round(float(v), 4) for k, v in chord_stats(paths).items()})
        if a.field == 'circle':
            r = np.hypot(paths[:, :-1, 0], paths[:, :-1, 1])
            print('  radius mean %.4f radial std %.4f' % (r.mean(), r.std()))
    if a.out:
        with open(a.out, 'w') as fh:
            fh.write('t,x0,x1' + (',family' if len(fams) > 1 else '') + '\n')
            for f, paths in enumerate(fams):
                for k in range(paths.shape[1]):
                    for p in paths[:, k]:
                        fh.write(f'{k},{p[0]!r},{p[1]!r}' + (f',{f}' if len(fams) > 1 else '') + '\n')


def check():
    rng = np.random.default_rng(1)
    for name in ['x-paths', 'circle']:
        x0 = np.array([[-1.0, -0.9]]) + 0.1 * rng.standard_normal((1, 2))
        x1 = np.array([[0.9, 1.1]])
        th = init(rng, 1)
        L, _, _, g = loss_and_grad(th, x0, x1, 10, name, 1.0, 'raw')
        worst = 0
        for i in range(len(th)):
            for _ in range(5):
                idx = tuple(rng.integers(0, s) for s in th[i].shape)
                h = 1e-6
                th[i][idx] += h
                Lp = loss_and_grad(th, x0, x1, 10, name, 1.0, 'raw')[0][0]
                th[i][idx] -= 2 * h
                Lm = loss_and_grad(th, x0, x1, 10, name, 1.0, 'raw')[0][0]
                th[i][idx] += h
                fd = (Lp - Lm) / (2 * h)
                worst = max(worst, abs(fd - g[i][idx]) / max(1e-8, abs(fd)))
        print(name, 'gradient vs central differences, worst relative error', worst)


if __name__ == '__main__':
    sys.exit(main())
