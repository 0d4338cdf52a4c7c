"""Reference fits for test/progress/fit-curve.test.ts, computed with scipy.optimize.curve_fit.

Run with Debian's scipy:  /usr/bin/python3 test/progress/reference/fit-curve-scipy.py
(The Richards fit of series B is left out: scipy reaches nu < 0, outside gaibo's nu > 0 domain.)
It prints the two synthetic completion series (rounded to 4 decimals, so the TypeScript test uses
exactly the same numbers) and, per model, the least-squares estimates and standard errors
sqrt(diag(pcov)) (curve_fit's default absolute_sigma=False, i.e. s^2 (J'J)^-1 with s^2 = RSS/(n-p)).
"""
import json

import numpy as np
import scipy
from scipy.optimize import curve_fit


def logistic(t, cap, k, t0):
    return cap / (1 + np.exp(-k * (t - t0)))


def gompertz(t, cap, k, t0):
    return cap * np.exp(-np.exp(-k * (t - t0)))


def richards(t, cap, k, t0, nu):
    return cap * (1 + nu * np.exp(-k * (t - t0))) ** (-1 / nu)


def weibull(t, cap, k, lam):
    return cap * (1 - np.exp(-((t / lam) ** k)))


rng = np.random.default_rng(20140101)
t = np.arange(2.0, 41.0, 2.0)
# Series A: a county reaching its target on a logistic path (k = 0.25/month, half-way at month 18).
ya = np.round(logistic(t, 1.0, 0.25, 18.0) + rng.normal(0, 0.02, t.size), 4)
# Series B: a province over-delivering to 120 % on a Gompertz path.
yb = np.round(gompertz(t, 1.2, 0.15, 14.0) + rng.normal(0, 0.03, t.size), 4)

opts = dict(method="lm", ftol=1e-15, xtol=1e-15, gtol=1e-15, maxfev=100000)


def fit(f, y, p0, fixed_cap=None):
    if fixed_cap is not None:
        g = lambda tt, *p: f(tt, fixed_cap, *p)
    else:
        g = f
    p, cov = curve_fit(g, t, y, p0=p0, **opts)
    rss = float(np.sum((y - g(t, *p)) ** 2))
    return {"params": [float(v) for v in p], "se": [float(v) for v in np.sqrt(np.diag(cov))], "rss": rss}


out = {
    "scipy": scipy.__version__,
    "t": t.tolist(),
    "seriesA": ya.tolist(),
    "seriesB": yb.tolist(),
    "A_logistic_cap1": fit(logistic, ya, [0.2, 20], fixed_cap=1.0),
    "A_logistic_capfree": fit(logistic, ya, [1.0, 0.2, 20]),
    "A_gompertz_cap1": fit(gompertz, ya, [0.2, 20], fixed_cap=1.0),
    "A_richards_cap1": fit(richards, ya, [0.2, 20, 1.0], fixed_cap=1.0),
    "A_weibull_cap1": fit(weibull, ya, [2.0, 20.0], fixed_cap=1.0),
    "B_gompertz_capfree": fit(gompertz, yb, [1.0, 0.2, 15]),
    "B_logistic_capfree": fit(logistic, yb, [1.0, 0.2, 15]),
    "B_weibull_capfree": fit(weibull, yb, [1.0, 1.5, 20.0]),
}
print(json.dumps(out, indent=1))
