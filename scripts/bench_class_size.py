# numpy peer of gaibo's exact big-class Monte Carlo kernel (simulateBigClasses, method "exact"), for
# scripts/bench-class-size.js. Same model, same inputs (the packed units, each draw's flow rates and births
# factor written by the bench as float64 files), vectorised over draws × counties; Φ from scipy.special.ndtr
# (exact) where gaibo interpolates a 1/1024 table. Prints one JSON line: seconds and the totals.
#   python3 scripts/bench_class_size.py <dir>   (dir holds meta.json and *.f64 files)
import json, os, sys, time
import numpy as np
from scipy.special import ndtr

d = sys.argv[1]
meta = json.load(open(os.path.join(d, "meta.json")))
f = lambda name: np.fromfile(os.path.join(d, name + ".f64"), dtype=np.float64)
U, Y, D = meta["units"], meta["years"], meta["draws"]
Z = meta["maxZ"]
std = meta["standard"]  # [primary, junior]
pupils = f("pupils").reshape(U, 2, Y)
proj = f("projected").reshape(U, 2, Y)
shares = f("shares").reshape(U, 2, 3)
rooms = f("classrooms").reshape(U, 2, 3, Y)
spread = f("spread").reshape(U, 2, 3)
rt = f("rt").reshape(D, Y)
ru = f("ru").reshape(D, Y)
tu = f("tu").reshape(D, Y)
extra = f("birthsExtra")  # D

t0 = time.perf_counter()
phiZ = ndtr(Z)
big = np.zeros((D, 2, 3, Y))
very = np.zeros((D, 2, 3, Y))
classes = np.zeros((D, 2, 3, Y))
for level in range(2):
    s = std[level]
    sigma = spread[:, level, :]                       # U × 3
    phiZs = ndtr(Z - sigma)
    k1 = sigma * sigma / 2 + np.log(phiZs / phiZ)
    su = np.broadcast_to(shares[:, level, 0], (D, U)).copy()
    st = np.broadcast_to(shares[:, level, 1], (D, U)).copy()
    sr = np.broadcast_to(shares[:, level, 2], (D, U)).copy()
    for y in range(Y):
        if y > 0:
            mrt = sr * rt[:, y, None]
            mru = sr * ru[:, y, None]
            mtu = st * tu[:, y, None]
            sr = sr - (mrt + mru)
            st = st + (mrt - mtu)
            su = su + (mru + mtu)
        tot = pupils[None, :, level, y] + extra[:, None] * proj[None, :, level, y]   # D × U
        for area, share in enumerate((su, st, sr)):
            r = rooms[:, level, area, y]                 # U
            ok = r > 0
            if not ok.any():
                continue
            p = share[:, ok] * tot[:, ok]                # D × U'
            rr = r[ok]
            sg = sigma[ok, area]
            kk = k1[ok, area]
            with np.errstate(divide="ignore", invalid="ignore"):
                L = np.log(p / rr)
                # a_t = (ln t + k1 − L)/σ, clamped at Z (beyond it every school fits: the formulas give pupils ÷ s).
                a_std = np.minimum((np.log(s) + kk - L) / sg, Z)
                a_big = np.minimum((np.log(55.5) + kk - L) / sg, Z)
                a_very = np.minimum((np.log(65.5) + kk - L) / sg, Z)
                c = rr * ((p / rr) * ndtr(a_std - sg) / ndtr(Z - sg) / s + (phiZ - ndtr(a_std)) / phiZ)
                b = rr * (phiZ - ndtr(a_big)) / phiZ
                v = rr * (phiZ - ndtr(a_very)) / phiZ
            pos = p > 0
            classes[:, level, area, y] = np.where(pos, c, 0).sum(axis=1)
            big[:, level, area, y] = np.where(pos, b, 0).sum(axis=1)
            very[:, level, area, y] = np.where(pos, v, 0).sum(axis=1)
seconds = time.perf_counter() - t0
big.tofile(os.path.join(d, "out_big.f64"))
very.tofile(os.path.join(d, "out_very.f64"))
classes.tofile(os.path.join(d, "out_classes.f64"))
print(json.dumps({"seconds": seconds, "numpy": np.__version__}))
