#!/usr/bin/env python3
"""Peer of geo.bench.NetworkSimplexBenchmark: exact OT with general weights.

Uses POT's ot.emd (the LEMON network simplex, C++) when `import ot` works; otherwise SciPy's
linprog with HiGHS on the transportation LP, only at n = 200 (it is much slower), which the output
states. Reads the instances `java -cp bench/target/benchmarks.jar geo.bench.OtInstances DIR` writes
(raw little-endian float64: costs row-major, then a, then b) and checks the optimal cost against
Geo's to 1e-9 relative.

Usage: python3 bench/python/emd_peer.py [DIR] [REPEATS]
"""
import os
import statistics
import sys
import time

import numpy as np
import scipy

try:
    import ot
except ImportError:
    ot = None


def load(directory, n):
    x = np.fromfile(os.path.join(directory, f"emd-{n}.f64"), dtype="<f8")
    c = x[: n * n].reshape(n, n)
    a = x[n * n: n * n + n]
    b = x[n * n + n:]
    with open(os.path.join(directory, f"emd-{n}.geo.txt")) as f:
        status, geo_cost = f.read().split()
    return c, a, b, status, float(geo_cost)


def linprog_emd(c, a, b):
    from scipy.optimize import linprog
    from scipy.sparse import csr_matrix, kron, eye, vstack
    n, m = c.shape
    rows = kron(eye(n), np.ones((1, m)))
    cols = kron(np.ones((1, n)), eye(m))
    a_eq = csr_matrix(vstack([rows, cols]))
    b_eq = np.concatenate([a, b])

    def solve():
        r = linprog(c.ravel(), A_eq=a_eq, b_eq=b_eq, bounds=(0, None), method="highs")
        assert r.status == 0, r.message
        return r.fun
    return solve


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "bench/target/ot"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    if ot is not None:
        peer, sizes = f"POT {ot.__version__} ot.emd", (200, 500)
    else:
        peer, sizes = f"SciPy {scipy.__version__} linprog(method='highs') (POT not installed)", (200,)
    print(peer)
    ok = True
    for n in sizes:
        c, a, b, status, geo_cost = load(directory, n)
        if ot is not None:
            def solve():
                return float(np.sum(ot.emd(a, b, c, numItermax=10_000_000) * c))
        else:
            solve = linprog_emd(c, a, b)
        solve()  # warm-up
        times, cpu, cost = [], [], None
        for _ in range(repeats):
            t, t_cpu = time.perf_counter(), time.process_time()
            cost = solve()
            times.append(1e3 * (time.perf_counter() - t))
            cpu.append(1e3 * (time.process_time() - t_cpu))
        gap = abs(cost - geo_cost) / abs(cost)
        same = status == "OPTIMAL" and gap <= 1e-9
        ok &= same
        print(f"n = {n}: {statistics.mean(times):.1f} ± {statistics.stdev(times):.1f} ms (min {min(times):.1f}, "
              f"{repeats} runs), CPU time (process) {statistics.mean(cpu):.1f} ms; cost {cost:.12f}, Geo {status} {geo_cost:.12f}, relative difference {gap:.1e} "
              f"{'OK' if same else 'MISMATCH'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
