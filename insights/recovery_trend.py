"""The recovery trend: how her back pain falls by itself over the weeks after the birth.

Pure Python and numpy: no Django, no database. ``insights.pain_effects`` compares days with and
without a habit on what is left once this trend is set aside; the Insights chart draws it.

The curve
---------
``fit_trend`` fits a smooth curve of pain against ``day_number`` by least squares. The curve
is a *restricted cubic spline*: cubic pieces joined smoothly at a few "knots", forced to be
straight beyond the outer knots so it does not swing wildly at the ends of the data. It can
follow a fast early fall and then a plateau without assuming a formula such as an exponential.
Two choices make it fit recovery well:

- *The clock.* The spline runs on ``log(1 + days since the birth / 14)`` (since the first rated
  day when the birth date is not known), which ticks almost evenly through the first two weeks
  and ever more slowly after. Recovery is fast early and slow late; on this clock it is a
  gentle curve, so a few knots follow it even in a diary that runs for a year (on plain days,
  five knots spread over a year leave the first month's steep fall to one straight piece and
  miss it by a point or more).
- *The knots* sit at quantiles of the rated days (Harrell's standard positions), so each piece
  has data behind it. How many depends on the span of the diary: under 3 weeks a straight line
  on that clock (too little data to see a bend), under 6 weeks 3 knots, under 4 months 4, and 5
  beyond. A diary with too few days for them gets fewer (at least 5 days per fitted number).

Below ``MIN_TREND_DAYS`` rated days there is no curve at all.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

MIN_TREND_DAYS = 5
RECOVERY_CLOCK_DAYS = 14.0

# Harrell's knot quantiles for restricted cubic splines (Regression Modeling Strategies, 2.4.6).
_KNOT_QUANTILES = {
    3: (0.10, 0.50, 0.90),
    4: (0.05, 0.35, 0.65, 0.95),
    5: (0.05, 0.275, 0.50, 0.725, 0.95),
}
_DAYS_PER_TREND_TERM = 5


class RatedDay(Protocol):
    """A logged day as the trend sees it (``pain_effects.DayObservation`` is one)."""

    @property
    def day_number(self) -> int: ...

    @property
    def pain(self) -> float | None: ...


@dataclass(frozen=True)
class Trend:
    """A restricted cubic spline on the recovery clock; ``knots`` empty means a straight line."""

    origin: float
    span: float
    knots: tuple[float, ...]
    coefficients: tuple[float, ...]

    def basis(self, day_numbers: Sequence[float] | np.ndarray) -> np.ndarray:
        """The design matrix of the curve (intercept, clock, spline terms) at these days."""
        clock = _recovery_clock(np.asarray(day_numbers, dtype=float), self.origin, self.span)
        knots = _recovery_clock(np.asarray(self.knots, dtype=float), self.origin, self.span)
        return _spline_basis(clock, knots)

    def at(self, day_number: int) -> float:
        return self.curve([day_number])[0]

    def curve(self, day_numbers: Sequence[int]) -> list[float]:
        """The fitted pain at each of these days, clipped to the 0-10 scale."""
        values = self.basis(day_numbers) @ np.asarray(self.coefficients)
        return np.clip(values, 0.0, 10.0).tolist()


def fit_trend(days: Sequence[RatedDay], origin: int | None = None) -> Trend | None:
    """The recovery curve fitted to the days with a pain rating; None below MIN_TREND_DAYS.

    `origin` is the day recovery started (the birth) when known; otherwise the clock starts at
    the first rated day. A diary that begins months after the birth is then not mistaken for
    the steep first weeks.
    """
    day_numbers = np.array([day.day_number for day in days], dtype=float)
    pain = np.array([np.nan if day.pain is None else day.pain for day in days], dtype=float)
    rated = ~np.isnan(pain)
    return fit_trend_to_ratings(day_numbers[rated], pain[rated], origin)


def fit_trend_to_ratings(
    day_numbers: np.ndarray, pain: np.ndarray, origin: int | None
) -> Trend | None:
    """As fit_trend, for rated days already laid out as arrays (no missing pain)."""
    if len(pain) < MIN_TREND_DAYS:
        return None
    first = float(day_numbers.min())
    origin = first if origin is None else min(float(origin), first)
    span = max(float(day_numbers.max()) - origin, 1.0)
    trend = Trend(origin, span, _knots_for(day_numbers), ())
    coefficients, *_ = np.linalg.lstsq(trend.basis(day_numbers), pain, rcond=None)
    return Trend(origin, span, trend.knots, tuple(coefficients.tolist()))


def _recovery_clock(day_numbers: np.ndarray, origin: float, span: float) -> np.ndarray:
    """Days since the origin, stretched early and compressed late, scaled to 0..1.

    Days before the origin read as the origin: the curve is not carried backwards.
    """
    # Recovery is fast in the first weeks and slow later. On this clock (near-linear for the
    # first couple of weeks, logarithmic after) that shape is gentle, so a few knots spread by
    # the data follow it closely even when the diary runs for a year or more.
    elapsed = np.clip(day_numbers - origin, 0.0, None)
    return np.log1p(elapsed / RECOVERY_CLOCK_DAYS) / math.log1p(span / RECOVERY_CLOCK_DAYS)


def _knot_count(span_days: float, n_days: int) -> int:
    """0 (a straight line) for under three weeks of diary, then 3, 4 and 5 knots."""
    wanted = 0 if span_days < 21 else 3 if span_days < 42 else 4 if span_days < 120 else 5
    affordable = [k for k in (5, 4, 3) if k <= wanted and n_days >= _DAYS_PER_TREND_TERM * k]
    return affordable[0] if affordable else 0


def _knots_for(day_numbers: np.ndarray) -> tuple[float, ...]:
    distinct = np.unique(day_numbers)
    count = _knot_count(float(distinct[-1] - distinct[0]), len(distinct))
    if count == 0:
        return ()
    return tuple(np.quantile(distinct, _KNOT_QUANTILES[count]).tolist())


def _spline_basis(x: np.ndarray, knots: np.ndarray) -> np.ndarray:
    columns = [np.ones_like(x), x]
    if len(knots):
        last, second_last = knots[-1], knots[-2]
        # Harrell's normalisation by the squared knot range keeps these terms on the x scale.
        norm = (last - knots[0]) ** 2

        def cube(knot: float) -> np.ndarray:
            return np.clip(x - knot, 0.0, None) ** 3

        for knot in knots[:-2]:
            # The two correction terms cancel the quadratic and cubic parts beyond the last
            # knot, which is what makes the curve straight (and tame) past the data's ends.
            term = (
                cube(knot)
                - cube(second_last) * (last - knot) / (last - second_last)
                + cube(last) * (second_last - knot) / (last - second_last)
            )
            columns.append(term / norm)
    return np.column_stack(columns)
