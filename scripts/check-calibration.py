"""Independent check of the back-test's calibrated coverage, PIT and CRPS (numpy/scipy, not gaibo's code).

Input: a CSV written by `node scripts/export-back-test-points.js` with one row per scored point:
origin, county, date, horizon (months), y (the later report), pit (gaibo's), d0..dN (calibrated draws).
Usage: /usr/bin/python3 scripts/check-calibration.py points.csv
"""
import sys
import numpy as np
from scipy import stats

path = sys.argv[1]
head = open(path).readline().strip().split(",")
raw = np.genfromtxt(path, delimiter=",", skip_header=1, usecols=range(3, len(head)))
h, y, pit_gaibo = raw[:, 0], raw[:, 1], raw[:, 2]
draws = raw[:, 3:]
bands = {"0–6": (h <= 6 + 1e-9), "6–12": (h > 6 + 1e-9) & (h <= 12 + 1e-9), "12–24": h > 12 + 1e-9, "all": np.ones_like(h, bool)}
for name, m in bands.items():
    d, yy = draws[m], y[m]
    cov = []
    for lv in (0.5, 0.8, 0.95):
        lo = np.quantile(d, (1 - lv) / 2, axis=1)  # numpy's default is type 7, as gaibo's
        hi = np.quantile(d, (1 + lv) / 2, axis=1)
        cov.append(np.mean((yy >= lo - 1e-12) & (yy <= hi + 1e-12)))
    # CRPS of the empirical distribution: E|X - y| - 0.5 E|X - X'|
    n = d.shape[1]
    e1 = np.mean(np.abs(d - yy[:, None]), axis=1)
    ds = np.sort(d, axis=1)
    e2 = np.sum((2 * np.arange(1, n + 1) - n - 1) * ds, axis=1) * 2 / n**2
    crps = np.mean(e1 - 0.5 * e2)
    mae = np.mean(np.abs(np.median(d, axis=1) - yy))
    print(f"{name:6s} n={m.sum():5d} coverage50={cov[0]:.3f} coverage80={cov[1]:.3f} coverage95={cov[2]:.3f} mae_pp={100*mae:.2f} crps_pp={100*crps:.2f}")
# PIT (mid-rank for ties, not randomised) and the chi-square test of 10 equal bins
below = np.sum(draws < y[:, None], axis=1)
equal = np.sum(draws == y[:, None], axis=1)
pit = (below + 0.5 * (equal + 1)) / (draws.shape[1] + 1)
counts = np.histogram(pit, bins=10, range=(0, 1))[0]
chi = stats.chisquare(counts)
print("pit counts (mid-rank)", counts.tolist(), f"chi2={chi.statistic:.2f} p={chi.pvalue:.3g}")
counts_g = np.histogram(pit_gaibo, bins=10, range=(0, 1))[0]
print("pit counts (gaibo's randomised)", counts_g.tolist(), f"p={stats.chisquare(counts_g).pvalue:.3g}", f"KS p={stats.kstest(pit_gaibo, 'uniform').pvalue:.3g}")
