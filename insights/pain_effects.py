"""Which habits went with less (or more) back pain, once the natural recovery is set aside.

Pure Python and numpy: no Django, no database. The caller turns a mother's logged days into
``DayObservation`` values and words the ``Effect`` results (always "went with", never "helps"
or "causes": this is an association in one person's diary, not an experiment).

The problem
-----------
Back pain after a birth falls by itself over the first 6-12 weeks. Habits change over the same
weeks: she starts exercises, feeds in new positions, buys a support belt. Comparing "pain on
days with the habit" with "pain on days without" therefore credits any habit that grew over
time with the recovery that would have happened anyway. On the synthetic histories in
``tests/insights/test_pain_effects.py`` a habit with no effect at all, taken up over the first
weeks, shows a naive gap of over 2 points for that reason alone: enough to be called clinically
meaningful.

The method, step by step
------------------------
1. **The recovery trend.** ``insights.recovery_trend.fit_trend`` fits a smooth curve of pain
   against ``day_number``: a restricted cubic spline on a clock that runs fast in the first
   weeks and slowly after, with its knots at quantiles of the rated days. It follows a fast
   early fall and then a plateau without assuming a formula; that module says how and why.

2. **The comparison, after the trend.** For each exposure (a habit, a feeding position, a
   support, "low_mood", ...) we run an ordinary least-squares regression of pain on the trend
   curve plus a 0/1 "exposed that day" indicator. The indicator's coefficient is the
   difference in pain between days with and without the exposure *at the same point of the
   recovery*. By the Frisch-Waugh-Lovell theorem that coefficient equals the one from
   regressing "pain minus its trend" on "exposure minus its trend", so the trend is projected
   out once and all exposures are then handled together with a few matrix operations (about
   7 ms in all for two years of days, 45 exposures and both lags, intervals included).

3. **Same day and next day.** ``lag`` 0 compares pain on the day of the exposure; ``lag`` 1
   compares pain on the *following* day (a bad night's feeding posture may hurt tomorrow).
   Only logged days exist: a day missing from the diary is unknown, never "without the
   habit", and a lag-1 pair needs both day d and day d+1 in the diary. The same holds for one
   exposure on a logged day: a day she logged without saying how she slept says nothing about
   sleep (``DayObservation.unknown``), so it is left out of that exposure's comparison, on
   either side, while the rest of its day counts for everything else. The trend and the
   day-to-day correlation are still fitted on every rated day; only the rows compared change.
   Exposures known on the same days are compared together, so an exposure known on every day
   is handled exactly as before. A day logged without a
   pain rating still says what she did, so it can be day d of a lag-1 pair. The next-day
   regression also holds the outcome day's own exposure (a two-day distributed lag), so "the
   next day" means *over and above that day*: a habit done in runs of days is on most days
   that follow a day with it, and without this a same-day effect showed up the next day too
   (18 of 20 synthetic diaries in the tests; 17-78% in the statistical audit). The same-day
   comparison is not adjusted for the day before, which would cost it every day that follows
   a gap; a true next-day effect of a habit done in runs can therefore still show on the same
   day, and the wording stays modest about it.

4. **Uncertainty: AR(1) errors.** Daily pain is autocorrelated: a bad day tends to follow a
   bad day. Textbook standard errors take every day as independent information and are too
   narrow whenever habits also come in runs, declaring chance patterns "clear". We model what
   the trend leaves as AR(1): errors on days g apart correlate as rho ** g, counted in calendar
   days so gaps in the diary are respected. rho is the lag-1 autocorrelation of the detrended
   pain over consecutive days, plus the usual small-sample correction (1 + 3 rho) / n, kept
   within 0-0.95 (``day_to_day_correlation``). The difference keeps its OLS value e'y / e'e (e:
   the exposure with the trend taken out), and its variance is sigma^2 e'Re / (e'e)^2, with
   sigma^2 the residual sum of squares over tr(MR) rather than n - k, because the fitted terms
   soak up part of autocorrelated noise (like REML). The 95% interval uses Student's t with
   n - k - 1 degrees of freedom (k fitted terms, one more for rho;
   ``insights.student_t.t_quantile``, written to avoid depending on scipy).
   This replaced Newey-West (HAC) errors with a 3-6-day bandwidth, which the statistical audit
   of November 2026 (``../shared/reviews/insights-stats-2026-11.md``) found too narrow: 7.4% of
   no-effect comparisons "clear" in its base setting, up to 10.5% in short diaries and 14% for
   habits done in runs. On the same diaries (``tests/support/null_diaries.py``;
   ``tests/bench/calibrate_insights.py`` prints the table) the AR(1) intervals call 4.9-5.5% of
   them clear in all 30 settings (4.6-6.1% for habits done in runs), including two noises
   that are not AR(1), so they hold a no-effect habit's zero about 95% of the time.
   ``tests/insights/test_pain_effects.py`` fails above 6%. GLS with the same AR(1) errors was tried
   too: it is as well calibrated, but it quasi-differences the days, so an effect on the day
   after leaks into the same-day estimate (the same day came out "clear" in 14 of the 20
   next-day diaries of the tests). OLS keeps each estimate a plain trend-adjusted difference.

5. **Many comparisons.** A page compares every exposure on two days, about 50 comparisons, so
   even exact 95% intervals leave about 9 in 10 no-effect diaries with something "clear".
   ``estimate_effects`` therefore treats everything it is asked about as one family and applies
   Benjamini-Hochberg at a 5% false discovery rate (``correct_for_many_comparisons``): each
   comparison gets a p-value from the same t, and ``clear_after_correction`` says whether it
   survives. Only 4-7% of no-effect diaries then show anything (it was 95-99%), and 0-1.4% a
   difference of 2 points or more.

6. **When we say nothing.** ``status`` is ``"too_few_days"`` when either group has fewer than
   ``MIN_DAYS_PER_GROUP`` (7) days with a pain outcome: with a handful of days one good or bad
   day decides the answer. (The audit found 7 too few for a sandwich variance, but fine for a
   model-based one like this.) It is ``"tied_to_trend"`` when the trend curve explains more
   than 80% of the exposure's pattern (R-squared of the 0/1 exposure on the trend terms). The
   typical case is a habit she did every day until some week and never after (or the
   reverse): unless the switch falls in the first or last tenth of the diary, that scores
   0.8-0.9, because its days *are* the early (or late) recovery, and the only contrast left is
   the few days around the switch, where any misfit of the curve or anything else that changed
   that week would be credited to the habit. A habit taken up gradually, on some days and not
   others (5% of days at first, 90% after two months), scores 0.2-0.5 and is estimated
   normally; even one taken up within three weeks (2% of days before day 10, 98% from day 30)
   scores 0.5-0.8. The next day is ``"tied_to_same_day"`` when the trend and the outcome day's
   own exposure together explain more than 80% of it: a habit done in blocks of weeks, whose
   day before almost always matches the day itself.

7. **Clear and meaningful.** An effect is ``clear`` when its 95% interval excludes zero, and
   ``meaningful`` only when it stays clear after the correction for many comparisons *and*
   the difference is at least ``MEANINGFUL_POINTS`` (2 points on the 0-10 scale): the
   smallest change in pain that people with back pain reliably notice is about 2 points
   (roughly 30%). A clear 0.4-point difference may be real but is not worth changing her
   routine for, and among 50 comparisons it may well be chance. The rule is on the point
   estimate, so a true 2-point effect earns it only about half the time (less near a low
   plateau, where a fall is cut off at 0): ``could_be_meaningful`` says when a clear effect's
   interval reaches 2 points, so the page can say it might be that large. Judging the label
   on the interval instead ("could be 2 or more") would headline sub-threshold differences,
   and the relative criterion (30%: 0.6 points at a plateau of 2) is within the noise of one
   rating among ~50 comparisons, so neither replaced the point estimate.

What it does not do: it does not adjust one exposure for another (two habits always done
together share the credit), and she may do something *because* it hurts (a warm compress),
so a habit can go with more pain without causing it. The wording shown to her says so.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import chain

import numpy as np

from insights.recovery_trend import Trend, fit_trend_to_ratings

# Re-exported: insights.series reaches the trend through this module too.
from insights.recovery_trend import fit_trend as fit_trend
from insights.student_t import t_quantile, t_upper_tail

MIN_DAYS_PER_GROUP = 7
MEANINGFUL_POINTS = 2.0
TIED_TO_TREND_R2 = 0.8
CONFIDENCE = 0.95
FALSE_DISCOVERY_RATE = 0.05
LAGS = (0, 1)
# The day-to-day correlation is estimated, so it is kept away from 1, where the whitening
# would divide by almost nothing.
MAX_DAY_TO_DAY_CORRELATION = 0.95

# Differences below a millionth of a point are floating-point noise; rounding them away keeps
# constant pain from producing a zero-width interval that "excludes" zero.
_DECIMALS = 6


@dataclass(frozen=True)
class DayObservation:
    day_number: int
    pain: float | None
    exposures: frozenset[str]
    # What this day says nothing about (no sleep logged): neither with nor without it.
    unknown: frozenset[str] = frozenset()


# --- effects ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    exposure: str
    lag: int
    status: str
    days_with: int
    days_without: int
    difference: float | None
    low: float | None
    high: float | None
    p_value: float | None = None
    clear_after_correction: bool = False

    @property
    def clear(self) -> bool:
        """The 95% interval of this one comparison leaves out zero."""
        if self.status != "ok" or self.low is None or self.high is None:
            return False
        return self.low > 0 or self.high < 0

    @property
    def meaningful(self) -> bool:
        """Still clear once every comparison made with it is allowed for, and 2 points or more."""
        return self.clear_after_correction and abs(self.difference or 0.0) >= MEANINGFUL_POINTS

    @property
    def could_be_meaningful(self) -> bool:
        """The interval reaches 2 points on its far side: it could be that large."""
        if not self.clear or self.low is None or self.high is None:
            return False
        return max(abs(self.low), abs(self.high)) >= MEANINGFUL_POINTS

    @property
    def every_day(self) -> bool:
        """Done on every day compared: there is nothing to compare it with."""
        return self.days_with > 0 and self.days_without == 0

    @property
    def direction(self) -> str:
        if not self.clear or self.difference is None:
            return "unclear"
        return "less" if self.difference < 0 else "more"


@dataclass(frozen=True)
class _Diary:
    """The logged days as arrays, sorted by day; exposure columns follow ``names``."""

    day_numbers: np.ndarray
    pain: np.ndarray
    exposed: np.ndarray
    known: np.ndarray  # True where the day says whether the exposure happened
    names: tuple[str, ...]


def estimate_effects(
    days: Sequence[DayObservation],
    exposures: Iterable[str],
    min_days: int = MIN_DAYS_PER_GROUP,
    origin: int | None = None,
) -> list[Effect]:
    """One Effect per exposure and lag, in the order given: (a, 0), (a, 1), (b, 0), ...

    All of them are one family for the correction for many comparisons: ask for everything
    that is shown together. `origin` is as for fit_trend.
    """
    requested = list(exposures)
    diary = _diary(days, tuple(dict.fromkeys(requested)))
    rated = ~np.isnan(diary.pain)
    trend = fit_trend_to_ratings(diary.day_numbers[rated].astype(float), diary.pain[rated], origin)
    correlation = day_to_day_correlation(diary.day_numbers[rated], diary.pain[rated], trend)
    by_lag = {lag: _effects_at_lag(diary, trend, correlation, lag, min_days) for lag in LAGS}
    column = {name: index for index, name in enumerate(diary.names)}
    return correct_for_many_comparisons(
        [by_lag[lag][column[name]] for name in requested for lag in LAGS]
    )


def correct_for_many_comparisons(
    effects: list[Effect], rate: float = FALSE_DISCOVERY_RATE
) -> list[Effect]:
    """Benjamini-Hochberg across every comparison with numbers: which stay clear.

    Among the comparisons called clear after it, at most `rate` are expected to be chance.
    """
    tested = sorted(effect.p_value for effect in effects if effect.p_value is not None)
    cutoff = -1.0
    for rank, p_value in enumerate(tested, start=1):
        if p_value <= rank * rate / len(tested):
            cutoff = p_value
    return [
        replace(effect, clear_after_correction=True)
        if effect.clear and effect.p_value is not None and effect.p_value <= cutoff
        else effect
        for effect in effects
    ]


def _diary(days: Sequence[DayObservation], names: tuple[str, ...]) -> _Diary:
    ordered = sorted(days, key=lambda day: day.day_number)
    day_numbers = np.array([day.day_number for day in ordered], dtype=np.int64)
    if np.any(np.diff(day_numbers) == 0):
        raise ValueError("each day_number must appear at most once")
    pain = np.array([np.nan if day.pain is None else day.pain for day in ordered], dtype=float)
    exposed = _exposure_matrix([day.exposures for day in ordered], names)
    unknown = _exposure_matrix([day.unknown for day in ordered], names)
    # A day cannot both have an exposure and say nothing about it: having it wins.
    return _Diary(day_numbers, pain, exposed, (unknown == 0) | (exposed == 1), names)


def _exposure_matrix(keys_by_day: list[frozenset[str]], names: tuple[str, ...]) -> np.ndarray:
    """Rows are days, columns are names, 1.0 where the day's keys hold that name."""
    # One pass over the keys each day actually has (a handful), filled in by a single numpy
    # assignment, is several times faster than asking every day about every name.
    column = {name: index for index, name in enumerate(names)}
    keys = list(chain.from_iterable(keys_by_day))
    columns = np.fromiter((column.get(key, -1) for key in keys), dtype=np.int64, count=len(keys))
    rows = np.repeat(np.arange(len(keys_by_day)), [len(day) for day in keys_by_day])
    wanted = columns >= 0
    exposed = np.zeros((len(keys_by_day), len(names)))
    exposed[rows[wanted], columns[wanted]] = 1.0
    return exposed


def day_to_day_correlation(day_numbers: np.ndarray, pain: np.ndarray, trend: Trend | None) -> float:
    """How much a day's pain, once the trend is set aside, carries over to the next day.

    The lag-1 autocorrelation of what the trend leaves, over pairs of consecutive calendar
    days, plus the usual small-sample correction (1 + 3 rho) / n: the plain estimate is pulled
    towards zero, and more so when it is large. Kept within 0 to MAX_DAY_TO_DAY_CORRELATION.
    """
    if trend is None or len(pain) < 3:
        return 0.0
    left = pain - trend.basis(day_numbers) @ np.asarray(trend.coefficients)
    next_day = np.flatnonzero(np.diff(day_numbers) == 1)
    spread = float(np.mean(left**2))
    # Pain the trend fits exactly leaves only rounding noise, whose correlation means nothing.
    if len(next_day) == 0 or spread < 1e-12:
        return 0.0
    plain = float(np.mean(left[next_day] * left[next_day + 1])) / spread
    corrected = plain + (1 + 3 * plain) / len(pain)
    return min(max(corrected, 0.0), MAX_DAY_TO_DAY_CORRELATION)


def _pairs(diary: _Diary, lag: int) -> tuple[np.ndarray, np.ndarray]:
    """Rows of (exposure day d, outcome day d + lag), both logged and the outcome rated."""
    n = len(diary.day_numbers)
    if n == 0:
        return np.zeros(0, dtype=int), np.zeros(0, dtype=int)
    target = diary.day_numbers + lag
    position = np.searchsorted(diary.day_numbers, target)
    found = (position < n) & (diary.day_numbers[np.minimum(position, n - 1)] == target)
    source = np.flatnonzero(found)
    outcome = position[found]
    rated = ~np.isnan(diary.pain[outcome])
    return source[rated], outcome[rated]


def _effects_at_lag(
    diary: _Diary, trend: Trend | None, correlation: float, lag: int, min_days: int
) -> list[Effect]:
    """Each exposure compared over the pairs on which it is known: those where day d says
    whether it happened, and, the next day, day d + 1 too (its own exposure is held)."""
    source, outcome = _pairs(diary, lag)
    known = diary.known[source] & diary.known[outcome] if lag else diary.known[source]
    results: dict[int, Effect] = {}
    for rows, columns in _known_alike(known):
        compared = _compare(
            diary, trend, correlation, lag, min_days, source[rows], outcome[rows], columns
        )
        results.update(zip(columns, compared, strict=True))
    return [results[column] for column in range(len(diary.names))]


def _known_alike(known: np.ndarray) -> list[tuple[np.ndarray, list[int]]]:
    """The exposure columns grouped by the pairs on which they are known: (rows, columns)."""
    groups: dict[bytes, list[int]] = {}
    for column in range(known.shape[1]):
        groups.setdefault(np.packbits(known[:, column]).tobytes(), []).append(column)
    return [(np.flatnonzero(known[:, columns[0]]), columns) for columns in groups.values()]


def _compare(
    diary: _Diary,
    trend: Trend | None,
    correlation: float,
    lag: int,
    min_days: int,
    source: np.ndarray,
    outcome: np.ndarray,
    columns: list[int],
) -> list[Effect]:
    """The exposures in `columns`, compared over the (source, outcome) pairs given."""
    names = [diary.names[column] for column in columns]
    exposed = diary.exposed[source][:, columns]
    days_with = exposed.sum(axis=0).astype(int).tolist()
    days_without = [len(outcome) - count for count in days_with]
    if trend is None or len(outcome) == 0:
        return [
            _silent(name, lag, "too_few_days", with_, without)
            for name, with_, without in zip(names, days_with, days_without, strict=True)
        ]
    fit = _adjusted_differences(
        pain=diary.pain[outcome],
        exposed=exposed,
        trend_design=trend.basis(diary.day_numbers[outcome]),
        day_numbers=diary.day_numbers[outcome],
        correlation=correlation,
        # The next day is compared over and above that day's own exposure (see the docstring).
        same_day=diary.exposed[outcome][:, columns] if lag else None,
    )
    return [
        _effect(name, lag, with_, without, fit, j, min_days)
        for j, (name, with_, without) in enumerate(zip(names, days_with, days_without, strict=True))
    ]


@dataclass(frozen=True)
class _Fit:
    """Per exposure column: the adjusted difference, its 95% margin, its p-value, and how much
    of the exposure's pattern the trend (and, the next day, that day's exposure) explains."""

    difference: np.ndarray
    margin: np.ndarray
    p_value: list[float]
    r2_on_trend: np.ndarray
    r2_on_same_day: np.ndarray
    degrees_of_freedom: int


def _adjusted_differences(
    pain: np.ndarray,
    exposed: np.ndarray,
    trend_design: np.ndarray,
    day_numbers: np.ndarray,
    correlation: float,
    same_day: np.ndarray | None,
) -> _Fit:
    """OLS of pain on trend + each exposure (+ the outcome day's own exposure), all at once,
    with the variance the estimate has when the day-to-day errors are AR(1)."""
    trend_space = _orthonormal_columns(trend_design)

    def detrend(values: np.ndarray) -> np.ndarray:
        return values - trend_space @ (trend_space.T @ values)

    n = len(pain)
    pain_left, exposed_left = detrend(pain), detrend(exposed)
    counts = exposed.sum(axis=0)
    spread_total = counts - counts**2 / n  # sum of squares about the mean of a 0/1 column
    same_unit, explained_by_same_day = None, 0.0
    with np.errstate(divide="ignore", invalid="ignore"):
        r2_on_trend = _share_explained(exposed_left, spread_total)
        if same_day is not None:
            # Frisch-Waugh-Lovell once more: take the outcome day's own exposure out of both.
            same_left = detrend(same_day)
            same_length = np.sqrt(_column_dots(same_left, same_left))
            same_unit = np.where(same_length > 0, same_left / same_length, 0.0)
            exposed_left = exposed_left - same_unit * _column_dots(same_unit, exposed_left)
            explained_by_same_day = (same_unit.T @ pain_left) ** 2
        spread = _column_dots(exposed_left, exposed_left)
        along = exposed_left.T @ pain_left
        difference = along / spread
        residual = pain_left @ pain_left - explained_by_same_day - along * difference
        residual = np.clip(residual, 0.0, None)
        variance = _ar1_variance(
            exposed_left, trend_space, same_unit, residual, day_numbers, correlation
        )
        standard_error = np.sqrt(variance)
        t = np.abs(difference) / standard_error
    # Trend terms, the exposure (and the same day's), and one for the estimated correlation.
    df = n - trend_space.shape[1] - 1 - (same_day is not None) - 1
    quantile = t_quantile((1 + CONFIDENCE) / 2, df) if df >= 1 else math.inf
    p_values = [
        2 * t_upper_tail(float(value), df) if df >= 1 and math.isfinite(value) else 1.0
        for value in t
    ]
    # With no degrees of freedom left the quantile is infinite; such a fit is never shown.
    with np.errstate(invalid="ignore"):
        margin = quantile * standard_error
    return _Fit(
        difference=difference,
        margin=margin,
        p_value=p_values,
        r2_on_trend=r2_on_trend,
        r2_on_same_day=_share_explained(exposed_left, spread_total),
        degrees_of_freedom=df,
    )


def _share_explained(left: np.ndarray, spread_total: np.ndarray) -> np.ndarray:
    """R-squared of each 0/1 column on the terms already taken out of it (`left` is the rest)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(spread_total > 0, 1.0 - _column_dots(left, left) / spread_total, 1.0)


def _ar1_variance(
    exposed_left: np.ndarray,
    trend_space: np.ndarray,
    same_unit: np.ndarray | None,
    residual: np.ndarray,
    day_numbers: np.ndarray,
    correlation: float,
) -> np.ndarray:
    """The variance of each OLS difference when errors on days g apart correlate as rho ** g.

    With e the exposure column left after the other terms, the difference is e'y / e'e and its
    variance sigma^2 e'Re / (e'e)^2. The residual sum of squares estimates sigma^2 tr(MR), not
    sigma^2 (n - k): the terms of the fit soak up part of autocorrelated noise. So sigma^2 is
    that sum over n - tr(PR), where tr(PR) adds u'Ru over the fit's orthonormal directions u
    (the trend's, the same day's exposure's, the exposure's). With rho = 0 all of this is the
    textbook sigma^2 / e'e with sigma^2 = RSS / (n - k).
    """
    width = exposed_left.shape[1]
    parts = [exposed_left, trend_space] + ([same_unit] if same_unit is not None else [])
    forms = correlated_quadratic_forms(np.column_stack(parts), day_numbers, correlation)
    spread = _column_dots(exposed_left, exposed_left)
    exposure_form = forms[:width]
    absorbed = exposure_form / spread + forms[width : width + trend_space.shape[1]].sum()
    if same_unit is not None:
        absorbed = absorbed + forms[width + trend_space.shape[1] :]
    sigma_squared = residual / (len(day_numbers) - absorbed)
    return sigma_squared * exposure_form / spread**2


def correlated_quadratic_forms(
    columns: np.ndarray, day_numbers: np.ndarray, correlation: float
) -> np.ndarray:
    """v'Rv for each column v, where R[s, t] = correlation ** |day s - day t|.

    The columns are laid on the calendar (zeros on days not in the sample), so gaps count as
    days; Rv is then a convolution with the kernel rho ** |l|, done by FFT for all columns at
    once: O(days log days) rather than O(days^2).
    """
    span = int(day_numbers[-1] - day_numbers[0]) + 1
    calendar = np.zeros((span, columns.shape[1]))
    calendar[day_numbers - day_numbers[0]] = columns
    size = 1 << (2 * span - 1).bit_length()
    # rho ** |l| for l = 0 .. span - 1, wrapped around for the negative distances.
    decay = correlation ** np.arange(span, dtype=float)
    kernel = np.zeros(size)
    kernel[:span] = decay
    kernel[size - span + 1 :] = decay[:0:-1]
    smoothed = np.fft.irfft(
        np.fft.rfft(calendar, size, axis=0) * np.fft.rfft(kernel)[:, None], size, axis=0
    )[:span]
    return _column_dots(calendar, smoothed)


def _orthonormal_columns(design: np.ndarray) -> np.ndarray:
    """An orthonormal basis of the trend's column space, dropping directions the data lacks."""
    # SVD rather than QR: a short lag-1 sample can leave a spline term without support.
    left, singular, _ = np.linalg.svd(design, full_matrices=False)
    keep = singular > singular.max(initial=0.0) * 1e-10
    return left[:, keep]


def _column_dots(left: np.ndarray, right: np.ndarray) -> np.ndarray:
    return np.einsum("ij,ij->j", left, right)


def _effect(
    name: str, lag: int, days_with: int, days_without: int, fit: _Fit, j: int, min_days: int
) -> Effect:
    # A group of zero days has no mean to compare, whatever min_days the caller asked for.
    if min(days_with, days_without) < max(min_days, 1) or fit.degrees_of_freedom < 1:
        return _silent(name, lag, "too_few_days", days_with, days_without)
    if fit.r2_on_trend[j] > TIED_TO_TREND_R2:
        return _silent(name, lag, "tied_to_trend", days_with, days_without)
    if fit.r2_on_same_day[j] > TIED_TO_TREND_R2:
        return _silent(name, lag, "tied_to_same_day", days_with, days_without)
    difference, margin = float(fit.difference[j]), float(fit.margin[j])
    return Effect(
        exposure=name,
        lag=lag,
        status="ok",
        days_with=days_with,
        days_without=days_without,
        difference=round(difference, _DECIMALS),
        low=round(difference - margin, _DECIMALS),
        high=round(difference + margin, _DECIMALS),
        p_value=fit.p_value[j],
    )


def _silent(name: str, lag: int, status: str, days_with: int, days_without: int) -> Effect:
    return Effect(name, lag, status, days_with, days_without, None, None, None)
