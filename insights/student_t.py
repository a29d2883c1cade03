"""Student's t distribution without scipy: the quantile behind the 95% intervals of insights,
and the tail behind their p-values.

A Cornish-Fisher first guess (Abramowitz and Stegun 26.7.5) refined by a bracketed Newton's
method on the upper tail, which is written with the regularized incomplete beta function
(Lentz's continued fraction, Numerical Recipes 6.4). Checked against the printed t table in
tests/insights/test_pain_effects.py.
"""

import math
from functools import lru_cache
from statistics import NormalDist


@lru_cache(maxsize=256)
def t_quantile(p: float, df: int) -> float:
    """The value below which a Student t with ``df`` degrees of freedom falls with probability p."""
    if not 0.0 < p < 1.0:
        raise ValueError("p must be strictly between 0 and 1")
    if df < 1:
        raise ValueError("df must be at least 1")
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if p == 0.5:
        return 0.0
    if df == 1:
        return math.tan(math.pi * (p - 0.5))
    if df == 2:
        return (2 * p - 1) / math.sqrt(2 * p * (1 - p))
    return _solve_upper_tail(1.0 - p, df, start=_cornish_fisher(p, df))


def _cornish_fisher(p: float, df: int) -> float:
    """Abramowitz and Stegun 26.7.5: a close first guess from the normal quantile."""
    z = NormalDist().inv_cdf(p)
    g1 = (z**3 + z) / 4
    g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
    g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
    g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
    return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4


def _solve_upper_tail(tail: float, df: int, start: float) -> float:
    """Newton's method on the upper tail, kept inside a bracket so it cannot wander off."""
    low, high = 0.0, max(start, 1.0)
    while t_upper_tail(high, df) > tail:
        high *= 2
    t = min(max(start, low), high)
    for _ in range(100):
        excess = t_upper_tail(t, df) - tail
        if excess > 0:
            low = t
        else:
            high = t
        candidate = t + excess / _t_density(t, df)
        if not low < candidate < high:
            candidate = (low + high) / 2
        if abs(candidate - t) <= 1e-12 * max(1.0, t):
            return candidate
        t = candidate
    return t


def t_upper_tail(t: float, df: int) -> float:
    """The chance that a Student t with ``df`` degrees of freedom exceeds t (t >= 0)."""
    # Working with the tail probability avoids losing digits to 1 - p near the extremes.
    return 0.5 * _regularized_beta(df / (df + t * t), df / 2, 0.5)


def _t_density(t: float, df: int) -> float:
    log_density = (
        math.lgamma((df + 1) / 2)
        - math.lgamma(df / 2)
        - 0.5 * math.log(df * math.pi)
        - (df + 1) / 2 * math.log1p(t * t / df)
    )
    return math.exp(log_density)


def _regularized_beta(x: float, a: float, b: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    # The continued fraction converges fast only on this side of the mean; use symmetry otherwise.
    if x < (a + 1) / (a + b + 2):
        return math.exp(log_front) * _beta_continued_fraction(x, a, b) / a
    return 1.0 - math.exp(log_front) * _beta_continued_fraction(1.0 - x, b, a) / b


def _beta_continued_fraction(x: float, a: float, b: float) -> float:
    """Lentz's evaluation of the incomplete beta continued fraction (Numerical Recipes 6.4)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return result
