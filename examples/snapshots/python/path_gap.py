#!/usr/bin/env python3
"""Throwaway check (not runtime): how much the Lagrangian-OT reduction "straight paths instead of the paper's
amortised spline" changes the transport costs a learned metric is trained on.

For a saved `geo learn-metric --method lagrangian` run (lagrangian.geo's metric A = I - 0.9 u u', u = f/|f|),
the exact assignment between each consecutive snapshot pair on the straight-path cost c = 1/2 (sum_k
sqrt(D_k' A(x_k) D_k))^2 (lagrangian-ot.md B2, 20 points, D_k = x_{k+1} - x_k + 1e-6), and for every matched
pair the same discrete cost minimised over the 18 interior points (L-BFGS from the straight path; what an
exact amortiser would reach). Prints the relative cost reduction and how much the matched pairs' cost
gradient direction (the cheap direction the metric step is pushed towards) changes.

    python3 path_gap.py DATA.csv PARAMS.json [--pairs K]
"""
import argparse
import json

import numpy as np
from scipy.optimize import linear_sum_assignment, minimize

T = 20


def net(p):
    H = len(p['b1'])
    W1 = np.array(p['W1']).reshape(H, 2)
    W2 = np.array(p['W2']).reshape(H, H)
    W3 = np.array(p['W3']).reshape(2, H)
    b1, b2, b3 = (np.array(p[k]) for k in ('b1', 'b2', 'b3'))
    lr = lambda z: np.where(z > 0, z, 0.01 * z)

    def metric(X):  # X (..., 2) -> A (..., 2, 2)
        flat = X.reshape(-1, 2)
        f = lr(lr(flat @ W1.T + b1) @ W2.T + b2) @ W3.T + b3
        u = f / np.sqrt((f * f).sum(1, keepdims=True) + 1e-12)
        A = np.eye(2) - 0.9 * u[:, :, None] * u[:, None, :]
        return A.reshape(X.shape[:-1] + (2, 2))
    return metric


def length(metric, P):  # P (N, T, 2)
    D = P[:, 1:] - P[:, :-1] + 1e-6
    A = metric(P[:, :-1])
    return np.sqrt(np.einsum('nki,nkij,nkj->nk', D, A, D)).sum(1)


def straight(x, y):
    s = np.linspace(0, 1, T)
    return x[:, None] + s[None, :, None] * (y - x)[:, None]


def refine(metric, P):
    N = P.shape[0]
    ends0, ends1 = P[:, :1], P[:, -1:]

    def fg(z):
        Q = np.concatenate([ends0, z.reshape(N, T - 2, 2), ends1], 1)
        D = Q[:, 1:] - Q[:, :-1] + 1e-6
        A = metric(Q[:, :-1])
        AD = np.einsum('nkij,nkj->nki', A, D)
        seg = np.sqrt(np.einsum('nki,nki->nk', D, AD))
        L = seg.sum()
        gD = AD / seg[..., None]
        g = np.zeros_like(Q)
        g[:, 1:] += gD
        g[:, :-1] -= gD
        h = 1e-6  # d/dx_k of the metric at x_k by central differences (A(x_k) depends on x_k only)
        for i in range(2):
            e = np.zeros(2)
            e[i] = h
            dA = (metric(Q[:, :-1] + e) - metric(Q[:, :-1] - e)) / (2 * h)
            g[:, :-1, i] += np.einsum('nki,nkij,nkj->nk', D, dA, D) / (2 * seg)
        return L, g[:, 1:-1].ravel()
    r = minimize(fg, P[:, 1:-1].ravel(), jac=True, method='L-BFGS-B', options={'maxiter': 500, 'gtol': 1e-10})
    return np.concatenate([ends0, r.x.reshape(N, T - 2, 2), ends1], 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('data')
    ap.add_argument('params')
    ap.add_argument('--pairs', type=int, default=0, help='consecutive pairs to check (0: all)')
    a = ap.parse_args()
    metric = net(json.load(open(a.params)))
    d = np.genfromtxt(a.data, delimiter=',', names=True)
    fams = [0] if 'family' not in d.dtype.names else sorted(set(d['family'].astype(int)))
    rel = []
    turn = []
    for fam in fams:
        s = d if 'family' not in d.dtype.names else d[d['family'] == fam]
        times = int(s['t'].max()) + 1
        snaps = [np.stack([s['x0'][s['t'] == k], s['x1'][s['t'] == k]], 1) for k in range(times)]
        ks = range(times - 1) if a.pairs == 0 else range(min(a.pairs, times - 1))
        for k in ks:
            X, Y = snaps[k], snaps[k + 1]
            C = np.empty((len(X), len(Y)))
            for i in range(len(X)):
                C[i] = 0.5 * length(metric, straight(np.repeat(X[i:i + 1], len(Y), 0), Y)) ** 2
            r, c = linear_sum_assignment(C)
            P = straight(X[r], Y[c])
            Q = refine(metric, P)
            cs, cg = 0.5 * length(metric, P) ** 2, 0.5 * length(metric, Q) ** 2
            rel.extend((cs - cg) / cs)
            # the largest sideways excursion of the refined path from the chord, relative to the chord
            chord = (P[:, -1] - P[:, 0])
            nrm = np.linalg.norm(chord, axis=1)
            side = np.abs(np.cross(Q - P[:, :1], chord[:, None, :])) / nrm[:, None]
            turn.extend(side.max(1) / nrm)
    rel, turn = np.array(rel), np.array(turn)
    print(f'{len(rel)} matched pairs: cost of the refined path below the straight one by {rel.mean():.2%} on '
          f'average (median {np.median(rel):.2%}, max {rel.max():.2%}); largest sideways excursion / chord: '
          f'mean {turn.mean():.3f}, max {turn.max():.3f}')


if __name__ == '__main__':
    main()
