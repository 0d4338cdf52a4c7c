# Cross-check for test/progress/fit-curve.test.ts with R's nls (Gauss-Newton) and AIC().
# Run: /usr/bin/Rscript test/progress/reference/fit-curve-r.R
# Series A and B are the rounded series printed by fit-curve-scipy.py.
t <- seq(2, 40, by = 2)
ya <- c(-0.0138, -0.0074, 0.0415, 0.0534, 0.1047, 0.1621, 0.256, 0.3699, 0.4858, 0.6144, 0.7771, 0.8337, 0.8857, 0.8925, 0.9633, 0.9608, 0.9593, 0.9871, 1.0154, 1.0247)
yb <- c(0.02, -0.0149, 0.0599, 0.1216, 0.1574, 0.3123, 0.5013, 0.5456, 0.6938, 0.7721, 0.8943, 0.9653, 1.0067, 1.0987, 1.1176, 1.1353, 1.1239, 1.1758, 1.1937, 1.1664)
ctl <- nls.control(tol = 1e-8, maxiter = 1000, minFactor = 1e-10)
show <- function(label, fit) {
  s <- summary(fit)$coefficients
  cat(label, "\n")
  cat("  estimate:", sprintf("%.12g", s[, 1]), "\n")
  cat("  se:      ", sprintf("%.12g", s[, 2]), "\n")
  cat("  AIC:     ", sprintf("%.12g", AIC(fit)), " RSS:", sprintf("%.12g", deviance(fit)), "\n")
}
show("A logistic, cap = 1", nls(ya ~ 1 / (1 + exp(-k * (t - t0))), start = list(k = 0.2, t0 = 20), control = ctl))
show("B gompertz, cap estimated", nls(yb ~ cap * exp(-exp(-k * (t - t0))), start = list(cap = 1, k = 0.2, t0 = 15), control = ctl))
cat(R.version.string, "\n")
