#!/usr/bin/env python3
"""Throwaway check (not runtime): the alignment score of a saved run split into the part of the 100 x 100
grid near the data (within R of some data point) and the rest, from `geo learn-metric --save-params` files.

    python3 near_far.py FIELD DATA.csv PARAMS.json [PARAMS.json ...] [--radius R]

FIELD is circle, mass-splitting or x-paths; the method is read from the parameter names (scarvelis.geo's
co-metric: the cheap direction is A's major eigenvector; lagrangian.geo: the cheap direction is u = f/|f|).
Row-major weights as Geo writes them. The score is the notes' (metric-from-snapshots.md 1d).
"""
import argparse
import json
import math

import numpy as np

BOXES = {'circle': (-1.5, 1.5, -1.5, 1.5), 'x-paths': (-1.5, 1.5, -1.5, 1.5), 'mass-splitting': (-2.5, 15, -15, 15)}


def true_dir(field, P):
    x, y = P[:, 0], P[:, 1]
    if field == 'circle':
        v = np.stack([-y, x], 1)
    elif field == 'mass-splitting':
        v = np.stack([np.ones_like(x), np.sign(y)], 1)
    else:
        a = 1.25 * np.tanh(np.maximum(x * y, 0))
        b = -1.25 * np.tanh(np.maximum(-x * y, 0))
        v = np.stack([a + b, a - b], 1)
    n = np.linalg.norm(v, axis=1, keepdims=True)
    # where v = 0 (the axes of X Paths) G = I: eigh's first eigenvector of the identity is e1
    return np.where(n > 0, v / np.where(n > 0, n, 1), np.array([1.0, 0.0]))


def softplus(z):
    return np.logaddexp(0, z)


def learned_dir(p, P):
    if 'V1' in p:  # Scarvelis: A = R'R + 1e-3 I, cheap direction = A's major eigenvector
        W1 = np.array(p['W1']).reshape(32, 2)
        W2 = np.array(p['W2']).reshape(32, 32)
        W3 = np.array(p['W3']).reshape(4, 32)
        r = (W3 @ softplus(W2 @ softplus(W1 @ P.T + np.array(p['b1'])[:, None]) + np.array(p['b2'])[:, None])
             + np.array(p['b3'])[:, None]).T
        R = r.reshape(-1, 2, 2)
        A = np.transpose(R, (0, 2, 1)) @ R + 1e-3 * np.eye(2)
        w, V = np.linalg.eigh(A)
        return V[:, :, 1]
    H = len(p['b1'])
    W1 = np.array(p['W1']).reshape(H, 2)
    W2 = np.array(p['W2']).reshape(H, H)
    W3 = np.array(p['W3']).reshape(2, H)
    lr = lambda z: np.where(z > 0, z, 0.01 * z)
    f = (W3 @ lr(W2 @ lr(W1 @ P.T + np.array(p['b1'])[:, None]) + np.array(p['b2'])[:, None])
         + np.array(p['b3'])[:, None]).T
    return f / np.linalg.norm(f, axis=1, keepdims=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('field')
    ap.add_argument('data')
    ap.add_argument('params', nargs='+')
    ap.add_argument('--radius', type=float)
    a = ap.parse_args()
    x0, x1, y0, y1 = BOXES[a.field]
    radius = a.radius or (1.0 if a.field == 'mass-splitting' else 0.1)
    gx, gy = np.meshgrid(np.linspace(x0, x1, 100), np.linspace(y0, y1, 100), indexing='ij')
    P = np.stack([gx.ravel(), gy.ravel()], 1)
    d = np.genfromtxt(a.data, delimiter=',', names=True)
    D = np.stack([d['x0'], d['x1']], 1)
    near = np.zeros(len(P), bool)
    for i in range(0, len(P), 500):
        near[i:i + 500] = (np.linalg.norm(P[i:i + 500, None] - D[None], axis=2) < radius).any(1)
    t = true_dir(a.field, P)
    for f in a.params:
        c = np.abs((t * learned_dir(json.load(open(f)), P)).sum(1))
        print(f'{f}: alignment {c.mean():.4f}; near the data (within {radius}, {near.mean():.0%} of the grid) '
              f'{c[near].mean():.4f}, beyond {c[~near].mean():.4f}')


if __name__ == '__main__':
    main()
