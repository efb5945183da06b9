#!/usr/bin/env python3
"""The sampling noise of the marginal error, and each seed's learned map against it.

W2^2(A, B) = min over permutations of (1/128) sum |a_i - b_sigma(i)|^2 (squared Euclidean, no 1/2, exact
assignment, as `geo lot` scores), for two independent 128-samples A, B of the target U([1, 1.25] x [-1, 1])
(the same target for box, slit, hill and well). A perfect map pushes the 128 held-out sources to a 128-sample
of the target, so its score is distributed as this two-sample W2^2: a score above the noise's 95th percentile
rejects "the map is exact" at the 5% level. The discrete baseline's score in each JSON is one draw of the same
distribution (its pushed points are target samples).

Usage: python3 noise.py [results-dir] [draws]   (default: results, 2000 draws; numpy and scipy)
"""
import json
import os
import sys

import numpy as np
from scipy.optimize import linear_sum_assignment


def w2(a, b):
    cost = ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
    r, c = linear_sum_assignment(cost)
    return cost[r, c].mean()


def target(rng, n):
    return np.column_stack([rng.uniform(1, 1.25, n), rng.uniform(-1, 1, n)])


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "results")
    draws = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = np.random.default_rng(20261207)
    noise = np.array([w2(target(rng, 128), target(rng, 128)) for _ in range(draws)])
    q50, q90, q95, q99 = np.quantile(noise, [0.5, 0.9, 0.95, 0.99])
    print(f"two-sample W2^2 of the target, 128 x 128, {draws} draws: mean {noise.mean():.4f}, sd {noise.std(ddof=1):.4f}, "
          f"median {q50:.4f}, 90% {q90:.4f}, 95% {q95:.4f}, 99% {q99:.4f}")
    print()
    print("| task | seed | T(x) push | its noise percentile | within the 95% band | c-transform push | its noise percentile "
          "| within | baseline (one noise draw) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for task in ["box", "slit", "hill", "well"]:
        for seed in range(3):
            p = os.path.join(d, f"{task}-{seed}.json")
            if not os.path.exists(p):
                continue
            r = json.load(open(p))
            m = r["map"]["marginal_w2"]
            c = r["learned"]["marginal_w2"]
            b = r.get("baseline", {}).get("marginal_w2", float("nan"))
            print(f"| {task} | {seed} | {m:.4f} | {100 * (noise < m).mean():.0f}% | {'yes' if m <= q95 else 'no'} "
                  f"| {c:.4f} | {100 * (noise < c).mean():.0f}% | {'yes' if c <= q95 else 'no'} | {b:.4f} |")


if __name__ == "__main__":
    main()
