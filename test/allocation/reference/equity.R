# Reference values for test/allocation/equity.test.ts, computed independently of gaibo.
# Run: /usr/bin/Rscript test/allocation/reference/equity.R
# Pupil weighting is done by expanding every county into one entry per pupil (rep), so percentiles, the median,
# McLoone and Verstegen come from base R's quantile(type = 1) and mean() on pupils, not from a cumulative-weight
# loop like gaibo's. Gini uses the all-pairs formula via outer(); fiscal neutrality uses cov.wt() and lm(weights=).
x   <- c(812.5, 1040, 655, 1290, 980, 1040, 720.25, 1505, 900, 610, 1175, 1040)   # 元 per pupil
w   <- c(3200, 5400, 1800, 2500, 4100, 2600, 3900, 1200, 6000, 2100, 2800, 3300)  # pupils
cap <- c(2100, 3400, 1500, 6900, 2800, 3900, 1800, 9200, 2600, 1300, 5100, 3000)  # 人均可用财力, 元
gap <- c(3.1e6, 4.0e6, 2.2e6, 1.5e6, 5.0e6, 2.0e6, 3.5e6, 0.9e6, 4.8e6, 2.6e6, 2.0e6, 3.9e6) # 元

xe <- rep(x, w)
q  <- function(p) unname(quantile(xe, p, type = 1))
mu <- sum(w * x) / sum(w)
M  <- q(0.5)
p05 <- q(0.05); p95 <- q(0.95)
cv <- sqrt(sum(w * (x - mu)^2) / sum(w)) / mu
mcloone <- mean(xe[xe <= M]) / M
verstegen <- mean(xe[xe >= M]) / M
gini <- sum(outer(w, w) * abs(outer(x, x, "-"))) / (2 * sum(w)^2 * mu)
theil <- sum((w / sum(w)) * (x / mu) * log(x / mu))
corr <- cov.wt(cbind(x, cap), wt = w / sum(w), cor = TRUE, method = "ML")$cor[1, 2]
elast <- unname(coef(lm(log(x) ~ log(cap), weights = w))[2])
gapclosed <- sum(pmin(x * w, gap)) / sum(gap)

out <- c(mean = mu, median = M, min = min(x), max = max(x), range = max(x) - min(x), p05 = p05, p95 = p95,
         restrictedRange = p95 - p05, federalRangeRatio = (p95 - p05) / p05, coefficientOfVariation = cv,
         mcLooneIndex = mcloone, verstegenIndex = verstegen, gini = gini, theil = theil,
         fiscalCapacityCorrelation = corr, fiscalCapacityElasticity = elast, gapClosedShare = gapclosed)
for (k in names(out)) cat(sprintf("%s: %.15g\n", k, out[[k]]))
