#!/usr/bin/env python3
"""Peer of geo.bench.SinkhornBenchmark: the same log-domain Sinkhorn in vectorised NumPy/SciPy.

Same data as the Java benchmark: n = m points in the unit square from SplitMix64 (seed 1 for the
sources, seed 2 for the targets, coordinates in order x0, x1 of each point, u = (z >> 11) * 2^-53),
uniform weights 1/n, cost C_ij = |x_i - y_j|^2 (no 1/2), epsilon = 1e-2 * max C (relative),
no epsilon-scaling, f = g = 0 at the start and a fixed number of iterations (each one f-update
and one g-update), then the plan pi_ij = a_i b_j exp((f_i + g_j - C_ij)/eps) and <pi, C>.

    f_i = -eps * logsumexp_j(log b_j + (g_j - C_ij)/eps)
    g_j = -eps * logsumexp_i(log a_i + (f_i - C_ij)/eps)

The peer is given the advantage of precomputing -C/eps once (the Java solver rescales on the fly).

Usage: python3 bench/python/sinkhorn_peer.py [n ...] [--iterations K] [--repeats R]
Prints the best and median wall time per solve of R repeats, the best process CPU time, the time
per iteration, and
checksums (<pi, C>, f[0], g[0]) to compare with the Java solver.
"""
import sys
import time

import numpy as np
from scipy.special import logsumexp

MASK = (1 << 64) - 1


def splitmix64(seed, count):
    """count doubles in [0, 1) from the published SplitMix64 mixer (Steele, Lea & Flood 2014), written
    out in SinkhornBenchmark.points too, so that Java and Python draw the same numbers."""
    out = np.empty(count)
    state = seed & MASK
    for k in range(count):
        state = (state + 0x9E3779B97F4A7C15) & MASK
        z = state
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
        z = z ^ (z >> 31)
        out[k] = (z >> 11) * 2.0 ** -53
    return out


def points(seed, n):
    return splitmix64(seed, 2 * n).reshape(n, 2)


def cost(x, y):
    return ((x[:, None, :] - y[None, :, :]) ** 2).sum(axis=2)


def sinkhorn(c, a, b, eps, iterations):
    k = -c / eps
    loga, logb = np.log(a), np.log(b)
    f = np.zeros(c.shape[0])
    g = np.zeros(c.shape[1])
    for _ in range(iterations):
        f = -eps * logsumexp(k + (g / eps + logb)[None, :], axis=1)
        g = -eps * logsumexp(k + (f / eps + loga)[:, None], axis=0)
    pi = np.exp(k + (f / eps + loga)[:, None] + (g / eps + logb)[None, :])
    return float((pi * c).sum()), f, g


def main(argv):
    sizes, iterations, repeats = [], 20, 5
    it = iter(argv)
    for arg in it:
        if arg == "--iterations":
            iterations = int(next(it))
        elif arg == "--repeats":
            repeats = int(next(it))
        else:
            sizes.append(int(arg))
    for n in sizes or [1000, 2000]:
        x, y = points(1, n), points(2, n)
        c = cost(x, y)
        a = np.full(n, 1.0 / n)
        b = np.full(n, 1.0 / n)
        eps = 1e-2 * np.abs(c).max()
        times, cpu = [], []
        for _ in range(repeats):
            t0, c0 = time.perf_counter(), time.process_time()
            value, f, g = sinkhorn(c, a, b, eps, iterations)
            times.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
        times.sort()
        cpu.sort()
        best, median = times[0], times[len(times) // 2]
        print(f"n={n} iterations={iterations} best={best * 1e3:.1f} ms median={median * 1e3:.1f} ms "
              f"cpu-best={cpu[0] * 1e3:.1f} ms per-iteration={best / iterations * 1e3:.2f} ms  "
              f"<pi,C>={value:.15e} f0={f[0]:.15e} g0={g[0]:.15e}")


if __name__ == "__main__":
    main(sys.argv[1:])
