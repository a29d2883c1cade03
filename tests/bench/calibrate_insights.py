"""Calibration of the Insights comparisons: how often a habit with no effect is called "clear".

Makes the statistical audit's no-effect diaries (tests/support/null_diaries.py: 25 habits, none
with any effect, in the audit's 28 settings plus its 42-day check) and runs the app's own
``insights.pain_effects.estimate_effects`` on each, as insights.series calls it (days counted
from the birth, ``origin=0``). It prints, per setting:

- the share of comparisons (habit x same/next day, those with numbers) whose 95% interval
  leaves out zero ("clear"), overall and by habit pattern; 5% is the target;
- the share of diaries with at least one clear comparison, with at least one that stays clear
  after the correction for the number of comparisons (Benjamini-Hochberg), and with at least
  one "meaningful" one, 2 points or more after the correction: what the Insights page lists at
  the top;
- the Monte Carlo standard error of the per-comparison rate, counting diaries as clusters.

Run it from the project root:
    uv run --frozen python tests/bench/calibrate_insights.py [--diaries 1000] [--quick]
"""

from __future__ import annotations

import argparse
import math
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# Run as a file, so the project root is not on the path.
sys.path.insert(0, str(BASE_DIR))

from insights.pain_effects import estimate_effects  # noqa: E402
from tests.support.null_diaries import (  # noqa: E402
    BASE,
    CLUSTERED,
    CONSTANT,
    HABITS,
    PATTERN_OF,
    TRENDING,
    Setting,
    null_diary,
)

PER_COMPARISON_LIMIT = 0.06


def audit_settings() -> list[Setting]:
    """The audit's 28 settings (section 1), then its two 42-day checks."""
    grid = [
        Setting(days, phi, sd, gappy)
        for days in (56, 120)
        for gappy in (False, True)
        for sd in (1.0, 1.5)
        for phi in (0.0, 0.3, 0.6)
    ]
    misspecified = [
        Setting(days, 0.3, 1.0, True, noise)
        for days in (56, 120)
        for noise in ("two_speed", "hetero")
    ]
    checks = [Setting(42, 0.3, 1.0, True), Setting(42, 0.6, 1.5, True)]
    return grid + misspecified + checks


@dataclass
class Tally:
    diaries: int = 0
    comparisons: int = 0
    clear: int = 0
    by_pattern: dict[str, list[int]] = field(
        default_factory=lambda: {CONSTANT: [0, 0], TRENDING: [0, 0], CLUSTERED: [0, 0]}
    )
    per_diary: list[tuple[int, int]] = field(default_factory=list)
    any_clear: int = 0
    any_corrected: int = 0
    any_headline: int = 0

    def add(self, effects) -> None:
        ok = [effect for effect in effects if effect.status == "ok"]
        clear = [effect for effect in ok if effect.clear]
        self.diaries += 1
        self.comparisons += len(ok)
        self.clear += len(clear)
        self.per_diary.append((len(ok), len(clear)))
        for effect in ok:
            counts = self.by_pattern[PATTERN_OF[effect.exposure]]
            counts[0] += 1
            counts[1] += effect.clear
        self.any_clear += bool(clear)
        self.any_corrected += any(effect.clear_after_correction for effect in ok)
        self.any_headline += any(effect.meaningful for effect in ok)

    def rate(self) -> float:
        return self.clear / self.comparisons

    def standard_error(self) -> float:
        """Of the per-comparison rate, with diaries as clusters (a ratio estimator)."""
        rate, n = self.rate(), len(self.per_diary)
        mean_size = self.comparisons / n
        spread = sum((clear - rate * size) ** 2 for size, clear in self.per_diary) / (n - 1)
        return math.sqrt(spread / n) / mean_size


def run(setting: Setting, diaries: int, first_seed: int) -> Tally:
    tally = Tally()
    for seed in range(first_seed, first_seed + diaries):
        tally.add(estimate_effects(null_diary(setting, seed), HABITS, origin=0))
    return tally


def percent(part: float, whole: float) -> str:
    return f"{100 * part / whole:5.1f}" if whole else "    -"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--diaries", type=int, default=1000, help="diaries per setting")
    parser.add_argument("--seed", type=int, default=0, help="first seed")
    parser.add_argument("--quick", action="store_true", help="the base setting only")
    args = parser.parse_args(argv)
    settings = [BASE] if args.quick else audit_settings()
    print(f"{args.diaries} no-effect diaries per setting, 25 habits x 2 lags each.\n")
    print(
        f"{'setting':<38} {'ok/diary':>8} {'clear %':>8} {'(se)':>6} {'const':>6} {'trend':>6} "
        f"{'clust':>6} | {'diaries: >=1 clear':>18} {'>=1 after corr.':>16} {'>=1 headline':>13}"
    )
    started = time.perf_counter()
    worst = 0.0
    for setting in settings:
        tally = run(setting, args.diaries, args.seed)
        patterns = "".join(
            f" {percent(tally.by_pattern[p][1], tally.by_pattern[p][0]):>6}"
            for p in (CONSTANT, TRENDING, CLUSTERED)
        )
        print(
            f"{setting.label:<38} {tally.comparisons / tally.diaries:8.1f} "
            f"{percent(tally.clear, tally.comparisons):>8} {100 * tally.standard_error():6.2f}"
            f"{patterns} | {percent(tally.any_clear, tally.diaries):>18} "
            f"{percent(tally.any_corrected, tally.diaries):>16} "
            f"{percent(tally.any_headline, tally.diaries):>13}"
        )
        worst = max(worst, tally.rate())
    seconds = time.perf_counter() - started
    print(f"\nHighest per-comparison rate {100 * worst:.1f}% ({seconds:.0f} s).")
    return 0 if worst <= PER_COMPARISON_LIMIT else 2


if __name__ == "__main__":
    sys.exit(main())
