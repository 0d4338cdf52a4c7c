"""Independent check of the back-test's calibrated coverage, PIT and CRPS (numpy/scipy, not gaibo's code).

Input: a CSV written by `node scripts/export-back-test-points.js` with one row per scored point:
indicator, origin, county, date, horizon (months), y (the later report), pit (gaibo's), d0..dN (calibrated draws).
Usage: /usr/bin/python3 scripts/check-calibration.py points.csv

Coverage is counted two ways: on a randomised PIT drawn here with numpy's own uniforms (inside the central
level when (1 - level)/2 <= PIT <= (1 + level)/2: exact for forecasts with point masses, such as a county that
stays at its plan) and on the closed interval between numpy's type-7 quantiles (what the drawn band holds).
The PIT chi-square test is reported as independent (scipy) and Rao-Scott corrected for county x origin clusters.
"""
import sys
import numpy as np
from scipy import stats

path = sys.argv[1]
head = open(path).readline().strip().split(",")
meta = np.genfromtxt(path, delimiter=",", skip_header=1, usecols=(0, 1, 2), dtype=str)
raw = np.genfromtxt(path, delimiter=",", skip_header=1, usecols=range(4, len(head)))
rng = np.random.default_rng(20261206)
for ind in dict.fromkeys(meta[:, 0]):
    sel = meta[:, 0] == ind
    h, y, draws = raw[sel, 0], raw[sel, 1], raw[sel, 3:]
    clusters = np.char.add(meta[sel, 1], meta[sel, 2])
    n_draws = draws.shape[1]
    below = np.sum(draws < y[:, None], axis=1)
    equal = np.sum(draws == y[:, None], axis=1)
    pit = (below + rng.uniform(size=len(y)) * (equal + 1)) / (n_draws + 1)
    print(f"== {ind}")
    bands = {"0–6": h <= 6 + 1e-9, "6–12": (h > 6 + 1e-9) & (h <= 12 + 1e-9), "12–24": h > 12 + 1e-9, "all": np.ones_like(h, bool)}
    for name, m in bands.items():
        d, yy, pp = draws[m], y[m], pit[m]
        cov = [np.mean((pp >= (1 - lv) / 2) & (pp <= (1 + lv) / 2)) for lv in (0.5, 0.8, 0.95)]
        closed = []
        for lv in (0.5, 0.8, 0.95):
            lo = np.quantile(d, (1 - lv) / 2, axis=1)  # numpy's default is type 7, as gaibo's
            hi = np.quantile(d, (1 + lv) / 2, axis=1)
            closed.append(np.mean((yy >= lo - 1e-12) & (yy <= hi + 1e-12)))
        # CRPS of the empirical distribution: E|X - y| - 0.5 E|X - X'|
        e1 = np.mean(np.abs(d - yy[:, None]), axis=1)
        ds = np.sort(d, axis=1)
        e2 = np.sum((2 * np.arange(1, n_draws + 1) - n_draws - 1) * ds, axis=1) * 2 / n_draws**2
        crps = np.mean(e1 - 0.5 * e2)
        mae = np.mean(np.abs(np.median(d, axis=1) - yy))
        print(f"{name:6s} n={m.sum():5d} coverage {cov[0]:.3f}/{cov[1]:.3f}/{cov[2]:.3f} closed {closed[0]:.3f}/{closed[1]:.3f}/{closed[2]:.3f} mae_pp={100*mae:.2f} crps_pp={100*crps:.2f}")
    counts = np.histogram(pit, bins=10, range=(0, 1))[0]
    chi = stats.chisquare(counts)
    # Rao-Scott first-order correction: divide by the mean design effect of the bin shares over clusters.
    bins = np.minimum((pit * 10).astype(int), 9)
    ids, inv = np.unique(clusters, return_inverse=True)
    C, n = len(ids), len(pit)
    m_c = np.bincount(inv, minlength=C)
    deffs = []
    for k in range(10):
        p = counts[k] / n
        x_c = np.bincount(inv, weights=(bins == k).astype(float), minlength=C)
        var = C / (C - 1) * np.sum((x_c - p * m_c) ** 2) / n**2
        deffs.append(var / (p * (1 - p) / n))
    deff = max(1.0, float(np.mean(deffs)))
    p_rs = stats.chi2.sf(chi.statistic / deff, 9)
    print(f"pit counts {counts.tolist()} chi2={chi.statistic:.2f} p={chi.pvalue:.3g} design effect={deff:.2f} Rao-Scott p={p_rs:.3g}; gaibo's own PIT: p={stats.chisquare(np.histogram(raw[sel, 2], bins=10, range=(0, 1))[0]).pvalue:.3g}")
