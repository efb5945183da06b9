# Q3 (the 2x2x2 grid) in R^2, R^3, H^2, H^3 by the minimax solver of minimax.py, 10 starts at each of 5 sizes.
import time, numpy as np
from minimax import *
t=time.process_time()
A = grid(2,2,2)
for space in ['euclid','hyp']:
    for dim in [2,3]:
        best, out = run(A, dim, space, starts=10, sizes=[0.1,0.5,1,2,4])
        print(space, dim, 'best %.4f' % best[0], ' '.join('%g:%.3f' % o for o in out), flush=True)
print('cpu', time.process_time()-t)
