# Usage: python3 grids.py q3|g3|g4 euclid|hyp DIM STARTS SIZES   e.g. python3 grids.py q3 hyp 2 10 0.1,0.5,1,2,4
import sys, time, numpy as np
from minimax import *
t=time.process_time()
which = sys.argv[1]; space = sys.argv[2]; dim = int(sys.argv[3]); starts = int(sys.argv[4])
sizes = [float(s) for s in sys.argv[5].split(',')]
A = {'q3': lambda: grid(2,2,2), 'g3': lambda: grid(3,3,3), 'g4': lambda: grid(4,4,4)}[which]()
best, out = run(A, dim, space, starts=starts, sizes=sizes, maxiter=300)
print(which, space, dim, 'best %.4f' % best[0], ' '.join('%g:%.3f' % o for o in out), 'cpu %.1f' % (time.process_time()-t), flush=True)
np.save('best_%s_%s_%d.npy' % (which, space, dim), best[1])
