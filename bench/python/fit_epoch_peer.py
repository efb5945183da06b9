#!/usr/bin/env python3
"""The NumPy peer of FitEpochBenchmark: one epoch of mini-batch Adam on the 2 -> 64 -> 64 -> 1
tanh network (4,417 parameters) over 1e5 rows of y = sin(3 x0) cos(2 x1), x ~ U(-1, 1)^2,
written the way a pragmatic researcher writes it: vectorised over the batch (BLAS matrix
products), the loss the batch mean of squared errors, gradients by hand, Adam (beta1 0.9,
beta2 0.999, eps 1e-8, lr 1e-3) on each parameter array, a fresh shuffle per epoch.

Usage: python3 fit_epoch_peer.py [BATCH ...]   (default: 64 256)
Prints the per-epoch time (wall: min and median; process CPU time: min; of 5 epochs after 2 warm-up
epochs) per batch size. OPENBLAS_NUM_THREADS=1 (or OMP_NUM_THREADS=1) limits BLAS to one thread.
"""
import sys
import time

import numpy as np

ROWS = 100_000


def data(seed=1):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-1, 1, size=(ROWS, 2))
    y = np.sin(3 * x[:, 0]) * np.cos(2 * x[:, 1])
    return x, y


def init(seed=0):
    rng = np.random.default_rng(seed)
    return {
        "W1": rng.normal(0, 2, size=(64, 2)), "b1": rng.uniform(-1, 1, size=64),
        "W2": rng.normal(0, 0.125, size=(64, 64)), "b2": np.zeros(64),
        "w3": rng.normal(0, 0.125, size=64), "b3": np.zeros(()),
    }


class Adam:
    def __init__(self, params, lr=1e-3, b1=0.9, b2=0.999, eps=1e-8):
        self.lr, self.b1, self.b2, self.eps, self.t = lr, b1, b2, eps, 0
        self.m = {k: np.zeros_like(v) for k, v in params.items()}
        self.v = {k: np.zeros_like(v) for k, v in params.items()}

    def step(self, params, grads):
        self.t += 1
        c1 = 1 / (1 - self.b1 ** self.t)
        c2 = 1 / (1 - self.b2 ** self.t)
        for k, g in grads.items():
            m, v = self.m[k], self.v[k]
            m *= self.b1
            m += (1 - self.b1) * g
            v *= self.b2
            v += (1 - self.b2) * g * g
            params[k] -= self.lr * (m * c1) / (np.sqrt(v * c2) + self.eps)


def loss_and_grads(p, x, y):
    h1 = np.tanh(x @ p["W1"].T + p["b1"])
    h2 = np.tanh(h1 @ p["W2"].T + p["b2"])
    r = h2 @ p["w3"] + p["b3"] - y
    n = len(y)
    d = (2.0 / n) * r
    g = {"w3": h2.T @ d, "b3": d.sum()}
    d2 = np.outer(d, p["w3"]) * (1 - h2 * h2)
    g["W2"] = d2.T @ h1
    g["b2"] = d2.sum(axis=0)
    d1 = (d2 @ p["W2"]) * (1 - h1 * h1)
    g["W1"] = d1.T @ x
    g["b1"] = d1.sum(axis=0)
    return float(r @ r) / n, g


def epoch(p, opt, x, y, batch, rng):
    order = rng.permutation(ROWS)
    total = 0.0
    for start in range(0, ROWS, batch):
        idx = order[start:start + batch]
        l, g = loss_and_grads(p, x[idx], y[idx])
        total += l * len(idx)
        opt.step(p, g)
    return total / ROWS


def check_gradient():
    """Central differences of the batch loss against the hand-written gradient."""
    x, y = data()
    p = init()
    _, g = loss_and_grads(p, x[:16], y[:16])
    for k, i in (("W2", (3, 5)), ("W1", (7, 1)), ("b1", (2,)), ("w3", (9,))):
        q = {a: b.copy() for a, b in p.items()}
        q[k][i] += 1e-6
        lp, _ = loss_and_grads(q, x[:16], y[:16])
        q[k][i] -= 2e-6
        lm, _ = loss_and_grads(q, x[:16], y[:16])
        fd = (lp - lm) / 2e-6
        assert abs(fd - g[k][i]) < 1e-6 * max(1, abs(fd)), (k, fd, g[k][i])


def main():
    check_gradient()
    batches = [int(b) for b in sys.argv[1:]] or [64, 256]
    x, y = data()
    for batch in batches:
        p = init()
        opt = Adam(p)
        rng = np.random.default_rng(0)
        times = []
        cpu = []
        for e in range(7):
            t0 = time.perf_counter()
            c0 = time.process_time()
            loss = epoch(p, opt, x, y, batch, rng)
            if e >= 2:
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
        times.sort()
        print(f"batch {batch}: epoch {1e3 * times[0]:.0f} ms min, {1e3 * times[len(times) // 2]:.0f} ms median wall; "
              f"{1e3 * min(cpu):.0f} ms min CPU (all threads) (5 epochs after 2 warm-up; last train loss {loss:.3e}); "
              f"numpy {np.__version__}")


if __name__ == "__main__":
    main()
