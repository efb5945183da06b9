#!/usr/bin/env python3
"""Throwaway check: Mass Splitting made by velocity_paths.py under readings of the code (iterations, the scale the
set is made at before the x10, lambda), each against the published snapshot means and y-spreads (rms differences).
Run from this directory: python3 ms_sweep.py"""
import numpy as np, sys
sys.path.insert(0, '.')
import velocity_paths as vp
pub_x = np.array([0, 0.45, 1.09, 1.87, 2.80, 3.88, 5.11, 6.53, 8.15, 10.0])
pub_s = np.array([1.03, 1.32, 1.79, 2.42, 3.21, 4.17, 5.31, 6.65, 8.21, 10.07])
for steps, scale, lam, seed in [(100,1,1,0),(100,1,1,1),(50,1,1,0),(200,1,1,0),(100,3,1,0),(100,2,1,0)]:
    vp.MS_SCALE_FIRST = False
    rng = np.random.default_rng(seed)
    s = scale
    x0 = s*0.1*rng.standard_normal((100,2)); up = s*(np.array([1,1])+0.1*rng.standard_normal((50,2))); dn = s*(np.array([1,-1])+0.1*rng.standard_normal((50,2)))
    x1 = np.vstack([up,dn])[rng.permutation(100)]
    p,_,_ = vp.fit_paths(x0,x1,10,'mass-splitting',lam,'raw',rng,steps)
    p[:,-1]=x1; p*=10/s
    mx = p[...,0].mean(0); sy = p[...,1].std(0,ddof=1)
    print(steps, scale, lam, seed, 'x', np.round(mx,2).tolist(), 'ystd', np.round(sy,2).tolist(), 'rms dx %.3f dstd %.3f' % (np.sqrt(((mx-pub_x)**2).mean()), np.sqrt(((sy-pub_s)**2).mean())), flush=True)
