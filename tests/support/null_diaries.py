"""Diaries in which nothing has any effect on pain, made the way the statistical audit made them.

``../shared/reviews/insights-stats-2026-11.md`` (sections "Settings" and 1) measured how often
the Insights comparisons call a habit "clear" when no habit does anything. These diaries follow
its recipe, so the suite and ``tests/bench/calibrate_insights.py`` can measure the same rates:

- pain follows a recovery curve, plateau + (top - plateau) exp(-t / tau), with top 5.5-6.5,
  plateau 1.5-2.5 and tau 10-18 days, drawn per diary; the diary starts 3-10 days after the
  birth, and day numbers count from the birth (``origin=0``);
- day-to-day noise is AR(1) with coefficient ``phi`` and standard deviation ``sd``; "two_speed"
  puts a quarter of the variance in a slow AR(1) (0.9: bad weeks) and "hetero" makes the swings
  proportional to pain, two noises that are not AR(1);
- 1-3 ratings a day (30/40/30%), each the day's pain plus jitter (sd 0.5), rounded to a whole
  number on 0-10; the day's pain is their mean, as DayLog.summarize stores it;
- "gappy" logging misses about 1 day in 7, in runs (a missed day is followed by another half
  the time), and 5% of logged days have no rating;
- 25 habits with no effect: 8 done with the same chance every day (15-75%), 7 trending (5
  taken up from 5-20% to 60-90% of days over 3-7 weeks, 2 dropped the same way) and 10
  clustered (on-off runs from a two-state chain, on 25-60% of days, on-runs 2-8 days long on
  average).

Seeds are fixed: a diary is a function of its setting and its seed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from insights.pain_effects import DayObservation

CONSTANT, TRENDING, CLUSTERED = "constant", "trending", "clustered"
PATTERNS = (CONSTANT,) * 8 + (TRENDING,) * 7 + (CLUSTERED,) * 10
HABITS = tuple(f"{pattern}_{index}" for index, pattern in enumerate(PATTERNS))
PATTERN_OF = dict(zip(HABITS, PATTERNS, strict=True))


@dataclass(frozen=True)
class Setting:
    days: int = 120
    phi: float = 0.3
    sd: float = 1.0
    gappy: bool = True
    noise: str = "ar1"  # or "two_speed", "hetero"

    @property
    def label(self) -> str:
        logging = "gappy" if self.gappy else "complete"
        extra = "" if self.noise == "ar1" else f", {self.noise}"
        return f"{self.days}d phi={self.phi} sd={self.sd} {logging}{extra}"


BASE = Setting()


def null_diary(setting: Setting, seed: int) -> list[DayObservation]:
    """One diary of `setting.days` days; no habit changes pain."""
    rng = np.random.default_rng(seed)
    first = int(rng.integers(3, 11))
    day = np.arange(first, first + setting.days)
    top, plateau, tau = rng.uniform(5.5, 6.5), rng.uniform(1.5, 2.5), rng.uniform(10, 18)
    curve = plateau + (top - plateau) * np.exp(-day / tau)
    pain = curve + _noise(rng, setting, curve)
    habits = _habits(rng, setting.days)
    ratings = _daily_ratings(rng, pain)
    logged = _logged(rng, setting)
    if setting.gappy:
        # 5% of logged days say what she did but have no pain rating.
        ratings = [
            None if drop else value
            for value, drop in zip(ratings, rng.random(setting.days) < 0.05, strict=True)
        ]
    return [
        DayObservation(
            int(day[index]),
            ratings[index],
            frozenset(name for column, name in enumerate(HABITS) if habits[index, column]),
        )
        for index in np.flatnonzero(logged)
    ]


def _ar1(rng: np.random.Generator, n: int, phi: float, sd: float) -> np.ndarray:
    """Stationary AR(1) noise with standard deviation `sd`."""
    shocks = rng.normal(0.0, sd * np.sqrt(1 - phi**2), n)
    noise = np.empty(n)
    noise[0] = rng.normal(0.0, sd)
    for index in range(1, n):
        noise[index] = phi * noise[index - 1] + shocks[index]
    return noise


def _noise(rng: np.random.Generator, setting: Setting, curve: np.ndarray) -> np.ndarray:
    n = setting.days
    if setting.noise == "two_speed":
        quick = _ar1(rng, n, setting.phi, setting.sd * np.sqrt(0.75))
        return quick + _ar1(rng, n, 0.9, setting.sd * np.sqrt(0.25))
    noise = _ar1(rng, n, setting.phi, setting.sd)
    if setting.noise == "hetero":
        # Swings proportional to pain, scaled so their average size is the setting's.
        return noise * curve / curve.mean()
    return noise


def _habits(rng: np.random.Generator, n: int) -> np.ndarray:
    """Days x habits, True where the habit was done; the columns follow HABITS."""
    done = np.zeros((n, len(HABITS)), dtype=bool)
    t = np.arange(n)
    for column, pattern in enumerate(PATTERNS):
        if pattern == CONSTANT:
            done[:, column] = rng.random(n) < rng.uniform(0.15, 0.75)
        elif pattern == TRENDING:
            rare, usual = rng.uniform(0.05, 0.20), rng.uniform(0.60, 0.90)
            ramp = np.clip(t / (7 * rng.uniform(3, 7)), 0, 1)
            chance = rare + (usual - rare) * ramp
            # Two of the seven were dropped over the weeks instead of taken up.
            if column >= PATTERNS.index(TRENDING) + 5:
                chance = chance[::-1]
            done[:, column] = rng.random(n) < chance
        else:
            done[:, column] = _runs(rng, n, rng.uniform(0.25, 0.60), rng.uniform(2, 8))
    return done


def _runs(rng: np.random.Generator, n: int, share_on: float, mean_run: float) -> np.ndarray:
    """A two-state chain: on `share_on` of days, in on-runs `mean_run` days long on average."""
    stop = 1 / mean_run
    start = min(1.0, share_on / (1 - share_on) * stop)
    on = np.empty(n, dtype=bool)
    on[0] = rng.random() < share_on
    draws = rng.random(n)
    for index in range(1, n):
        on[index] = draws[index] >= stop if on[index - 1] else draws[index] < start
    return on


def _daily_ratings(rng: np.random.Generator, pain: np.ndarray) -> list[float | None]:
    """The mean of 1-3 whole-number ratings around each day's pain."""
    counts = rng.choice([1, 2, 3], size=len(pain), p=[0.3, 0.4, 0.3])
    jitter = rng.normal(0.0, 0.5, (len(pain), 3))
    scores = np.clip(np.round(pain[:, None] + jitter), 0, 10)
    taken = np.arange(3)[None, :] < counts[:, None]
    return ((scores * taken).sum(axis=1) / counts).tolist()


def _logged(rng: np.random.Generator, setting: Setting) -> np.ndarray:
    n = setting.days
    if not setting.gappy:
        return np.ones(n, dtype=bool)
    # Missing 1 day in 7 in the long run, and a missed day is followed by another half the time:
    # from a logged day the chance of missing the next is p with p / (p + 0.5) = 1/7.
    miss_after_logged, miss_after_missed = 0.5 / 6, 0.5
    missed = np.empty(n, dtype=bool)
    missed[0] = rng.random() < 1 / 7
    draws = rng.random(n)
    for index in range(1, n):
        chance = miss_after_missed if missed[index - 1] else miss_after_logged
        missed[index] = draws[index] < chance
    return ~missed
