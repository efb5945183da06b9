# Euler's quadrilateral (short diagonals) inequality d13^2 + d24^2 <= d12^2 + d23^2 + d34^2 + d41^2 in H^n, random quadruples
import numpy as np
rng = np.random.default_rng(1)
def d(x, y):
    x0 = np.sqrt(1 + (x*x).sum(-1)); y0 = np.sqrt(1 + (y*y).sum(-1))
    return np.arccosh(np.maximum(x0*y0 - (x*y).sum(-1), 1))
worst = -np.inf
for n in [2, 3, 5]:
    for size in [0.1, 1, 3, 10, 30]:
        P = rng.normal(size=(4, 200000, n)) * size
        a, b, c, e = P
        lhs = d(a, c)**2 + d(b, e)**2
        rhs = d(a, b)**2 + d(b, c)**2 + d(c, e)**2 + d(e, a)**2
        q = (lhs / rhs).max()
        worst = max(worst, q)
        print(n, size, 'max lhs/rhs %.6f' % q)
