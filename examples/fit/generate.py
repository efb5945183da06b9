#!/usr/bin/env python3
"""Writes the data sets of examples/fit (run from this directory; needs NumPy).

train.csv, val.csv: y = sin(3 x0) cos(2 x1) at x uniform on [-1, 1]^2 (1000 and 300 rows, no noise);
linear.csv:         y = 1.5 x0 - 2 x1 + 0.5 x2 + 0.3 + 0.1 eps, x and eps standard normal (1000 rows).
Columns are named after the losses' inputs: x0, x1 (x[0], x[1] would do as well) and y.
"""
import numpy as np


def write(name, header, rows):
    with open(name, "w") as f:
        f.write(",".join(header) + "\n")
        for row in rows:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def sine(n, seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(n, 2))
    y = np.sin(3 * x[:, 0]) * np.cos(2 * x[:, 1])
    return np.column_stack([x, y])


write("train.csv", ["x0", "x1", "y"], sine(1000, 1))
write("val.csv", ["x0", "x1", "y"], sine(300, 2))

rng = np.random.default_rng(3)
x = rng.normal(size=(1000, 3))
y = x @ np.array([1.5, -2.0, 0.5]) + 0.3 + 0.1 * rng.normal(size=1000)
write("linear.csv", ["x[0]", "x[1]", "x[2]", "y"], np.column_stack([x, y]))

a = np.column_stack([x, np.ones(1000)])
print("normal equations (w, b):", np.linalg.solve(a.T @ a, a.T @ y))
