#!/usr/bin/env python3
"""SciPy peer of geo.bench.AssignmentBenchmark.

Times scipy.optimize.linear_sum_assignment (C++, Crouse's shortest augmenting path algorithm) on
exactly the matrices the benchmark solves, which `java -cp bench/target/benchmarks.jar
geo.bench.OtInstances DIR` writes to DIR (raw little-endian float64, row-major), and checks that
SciPy finds the same optimal total cost as Geo (written beside each matrix) to 1e-9 relative.
Reports wall time and the calling thread's CPU time (the machine is shared, so wall time
includes waiting for a core).

Usage: python3 bench/python/assignment_peer.py [DIR] [REPEATS]
"""
import os
import platform
import statistics
import sys
import time

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

SIZES = (500, 1000, 2000)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else "bench/target/ot"
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(f"scipy {scipy.__version__}, numpy {np.__version__}, python {platform.python_version()}, {platform.machine()}")
    ok = True
    for n in SIZES:
        c = np.fromfile(os.path.join(directory, f"assignment-{n}.f64"), dtype="<f8").reshape(n, n)
        with open(os.path.join(directory, f"assignment-{n}.geo.txt")) as f:
            status, geo_cost = f.read().split()
        linear_sum_assignment(c)  # warm-up
        times, cpu = [], []
        for _ in range(repeats):
            t, t_cpu = time.perf_counter(), time.thread_time()
            rows, cols = linear_sum_assignment(c)
            times.append(1e3 * (time.perf_counter() - t))
            cpu.append(1e3 * (time.thread_time() - t_cpu))
        cost = c[rows, cols].sum()
        gap = abs(cost - float(geo_cost)) / abs(cost)
        same = status == "OPTIMAL" and gap <= 1e-9
        ok &= same
        print(f"n = {n}: linear_sum_assignment {statistics.mean(times):.1f} ± {statistics.stdev(times):.1f} ms "
              f"(min {min(times):.1f}, {repeats} runs), CPU time {statistics.mean(cpu):.1f} ms; cost {cost:.12f}, Geo {status} {float(geo_cost):.12f}, "
              f"relative difference {gap:.1e} {'OK' if same else 'MISMATCH'}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
