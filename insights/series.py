"""Her pain against each habit, from her day logs: the figures the Insights page, its API and
the report for her doctor are made of.

The statistics live in insights.pain_effects. This module turns day logs into its input, and
its results into a daily series, the exposures and the ranked effects, each effect a
`RankedEffect` with its sentence and note from insights.wording (spoken to her, or of her for
the report). How the Insights page lays them out is insights.page.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from habits.models import CatalogueItem
from insights import pain_effects, wording
from insights.wording import Exposure
from tracker.models import (
    BROKEN_SLEEP,
    HUNCHED,
    LOW_MOOD,
    PAINKILLER,
    SHORT_SLEEP,
    DayLog,
    User,
    unknown_sleep_exposures,
)

# The ranges the Insights page offers, in days; None is everything she has logged.
RANGES: dict[str, int | None] = {"2w": 14, "6w": 42, "3m": 91, "all": None}
# The API answers for at most this many days at once.
MAX_DAYS = 3 * 366
# A 7-day average over fewer rated days would swing with a single rating.
AVERAGE_DAYS = 7
AVERAGE_MIN_RATED = 4
# The order kinds are listed in, on the page and in the API.
KINDS = ("position", "support", "posture", "exercise", "habit", "mood", "sleep", "medicine")
CATALOGUE_KINDS = {
    CatalogueItem.Kind.POSITION: "position",
    CatalogueItem.Kind.SUPPORT: "support",
    CatalogueItem.Kind.EXERCISE: "exercise",
    CatalogueItem.Kind.HABIT: "habit",
    CatalogueItem.Kind.MEDICINE: "medicine",
}
# Exposures read from a day's other facts rather than catalogue items, and their kinds.
DERIVED_KINDS = {HUNCHED: "posture", LOW_MOOD: "mood", SHORT_SLEEP: "sleep", BROKEN_SLEEP: "sleep"}
# "less" and "more" hold only meaningful differences (2 points or more, still clear after the
# correction for many comparisons); "small" the other clear ones, which may be chance.
GROUPS = ("less", "more", "small", "unclear", "not_enough")
HEADLINE_GROUPS = ("less", "more")


@dataclass(frozen=True)
class LoggedDay:
    mean: float | None
    worst: int | None
    count: int
    keys: frozenset[str]
    # What the day says nothing about (sleep not logged): left out of those comparisons.
    unknown: frozenset[str] = frozenset()


@dataclass(frozen=True)
class RankedEffect:
    """One comparison as she reads it: how pain differed on days with and without something,
    its group, and its sentence and note. The API serves its fields in this order."""

    key: str
    kind: str
    name: str
    lag: int
    status: str
    group: str
    difference: float | None
    low: float | None
    high: float | None
    p_value: float | None
    days_with: int
    days_without: int
    every_day: bool
    clear: bool
    clear_after_correction: bool
    meaningful: bool
    could_be_meaningful: bool
    sentence: str
    note: str


def range_dates(user: User, range_key: str) -> tuple[date, date]:
    """The first and last day of a named range, ending today in her time zone."""
    days = RANGES[range_key]
    if days is None:
        return open_range(user, None, None)
    today = user.profile.local_today()
    return today - timedelta(days=days - 1), today


def open_range(user: User, start: date | None, end: date | None) -> tuple[date, date]:
    """Fill in an open range and keep it to the days she can have logged: from her first
    logged day (or `start`, if later) up to today in her time zone (or `end`, if earlier).
    So no list of days is ever built for dates before she began (a range from 2000, or a link
    stored from 0001-01-01) or after today; with nothing logged, the range is the end day."""
    today = user.profile.local_today()
    end = min(end or today, today)
    first = DayLog.objects.filter(user=user).order_by("date").values_list("date", flat=True)
    first_logged = first.first() or end
    start = max(start or first_logged, first_logged)
    return min(start, end), end


def build_insights(
    user: User, start: date, end: date, third_person: bool = False
) -> dict[str, Any]:
    """Series, trend and effects for her days from `start` to `end`, both included.

    The sentences speak to her ("your pain"), or of her ("her pain") for her doctor's report.
    The effects are RankedEffects, ranked; as_json turns the answer into plain JSON data.
    """
    # The days' summaries (DayLog.summarize), not their items: a few values a day.
    logged = {
        day: LoggedDay(mean, worst, count, frozenset(keys), unknown_sleep_exposures(hours, quality))
        for day, mean, worst, count, keys, hours, quality in DayLog.objects.filter(
            user=user, date__gte=start, date__lte=end
        ).values_list(
            "date",
            "pain_mean",
            "pain_worst",
            "pain_count",
            "exposures",
            "sleep_hours",
            "sleep_quality",
        )
    }
    birth = user.profile.baby_birth_date
    origin = birth or min(logged, default=start)
    # Sleep is last night's, logged on the day after it, so the same day's pain follows it.
    observations = [
        pain_effects.DayObservation((day - origin).days, entry.mean, entry.keys, entry.unknown)
        for day, entry in logged.items()
    ]
    exposures = describe_exposures(set().union(*(entry.keys for entry in logged.values())))
    trend = pain_effects.fit_trend(observations, origin=0 if birth else None)
    effects = pain_effects.estimate_effects(
        observations, [exposure.key for exposure in exposures], origin=0 if birth else None
    )
    days = daily_series(start, end, origin, logged, trend)
    happened = days_by_exposure(start, logged)
    unknown = days_unknown(start, logged)
    return {
        "from": start,
        "to": end,
        "days": days,
        "exposures": [
            {**vars(exposure), "days": happened[exposure.key], "unknown": unknown[exposure.key]}
            for exposure in exposures
        ],
        "effects": ranked_effects(
            effects, {exposure.key: exposure for exposure in exposures}, third_person
        ),
        "comparisons": sum(1 for effect in effects if effect.status == "ok"),
        "min_days": pain_effects.MIN_DAYS_PER_GROUP,
        "meaningful_points": pain_effects.MEANINGFUL_POINTS,
        "false_discovery_rate": pain_effects.FALSE_DISCOVERY_RATE,
    }


def describe_exposures(keys: set[str]) -> list[Exposure]:
    """What happened in the range, named in her language, in display order."""
    found = [
        Exposure(item.key, CATALOGUE_KINDS[item.kind], item.name)
        for item in CatalogueItem.objects.filter(key__in=keys, kind__in=CATALOGUE_KINDS).order_by(
            "sort_order", "key"
        )
    ]
    found += [
        Exposure(key, kind, wording.derived_name(key))
        for key, kind in DERIVED_KINDS.items()
        if key in keys
    ]
    if PAINKILLER in keys:
        # First among the medicines: the one comparison that pools them.
        found.insert(0, Exposure(PAINKILLER, "medicine", wording.derived_name(PAINKILLER)))
    return sorted(found, key=lambda exposure: KINDS.index(exposure.kind))


def daily_series(
    start: date,
    end: date,
    origin: date,
    logged: dict[date, LoggedDay],
    trend: pain_effects.Trend | None,
) -> list[dict[str, Any]]:
    """One entry per calendar day, logged or not, so charts and tables line up by index."""
    dates = [start + timedelta(days=offset) for offset in range((end - start).days + 1)]
    curve = trend.curve([(day - origin).days for day in dates]) if trend else [None] * len(dates)
    means = [logged[day].mean if day in logged else None for day in dates]
    series = []
    for index, day in enumerate(dates):
        entry = logged.get(day)
        series.append(
            {
                "date": day.isoformat(),
                "logged": entry is not None,
                "pain": rounded(means[index]),
                "worst": entry.worst if entry else None,
                "ratings": entry.count if entry else 0,
                "average": seven_day_average(means, index),
                "trend": rounded(curve[index]),
            }
        )
    return series


def seven_day_average(means: list[float | None], index: int) -> float | None:
    """The mean of the rated days among the 7 ending at `index`; None with too few of them."""
    window = [
        pain for pain in means[max(0, index - AVERAGE_DAYS + 1) : index + 1] if pain is not None
    ]
    return rounded(sum(window) / len(window)) if len(window) >= AVERAGE_MIN_RATED else None


def rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def days_by_exposure(start: date, logged: dict[date, LoggedDay]) -> dict[str, list[int]]:
    """For each exposure, the indexes in the daily series of the days it happened."""
    happened: dict[str, list[int]] = defaultdict(list)
    for day in sorted(logged):
        for key in logged[day].keys:
            happened[key].append((day - start).days)
    return happened


def days_unknown(start: date, logged: dict[date, LoggedDay]) -> dict[str, list[int]]:
    """For each exposure, the indexes of the logged days that say nothing about it."""
    unknown: dict[str, list[int]] = defaultdict(list)
    for day in sorted(logged):
        for key in logged[day].unknown:
            unknown[key].append((day - start).days)
    return unknown


def ranked_effects(
    effects: Iterable[pain_effects.Effect],
    exposures: dict[str, Exposure],
    third_person: bool = False,
) -> list[RankedEffect]:
    """Less pain first (largest first), then more pain, then small differences, unclear, and
    too little data. A thing done on every day she logged is listed once, not once a lag."""
    effects = list(effects)
    every_day = {effect.exposure for effect in effects if effect.lag == 0 and effect.every_day}
    described = [
        describe_effect(effect, exposures[effect.exposure], third_person)
        for effect in effects
        if effect.lag == 0 or effect.exposure not in every_day
    ]
    return sorted(
        described,
        key=lambda item: (
            GROUPS.index(item.group),
            -abs(item.difference or 0) if item.group != "unclear" else 0,
            KINDS.index(item.kind),
        ),
    )


def effect_group(effect: pain_effects.Effect) -> str:
    if effect.status != "ok":
        return "not_enough"
    if effect.meaningful:
        return effect.direction
    return "small" if effect.clear else "unclear"


def describe_effect(
    effect: pain_effects.Effect, exposure: Exposure, third_person: bool = False
) -> RankedEffect:
    return RankedEffect(
        key=exposure.key,
        kind=exposure.kind,
        name=exposure.name,
        lag=effect.lag,
        status=effect.status,
        group=effect_group(effect),
        difference=rounded(effect.difference),
        low=rounded(effect.low),
        high=rounded(effect.high),
        p_value=effect.p_value,
        days_with=effect.days_with,
        days_without=effect.days_without,
        every_day=effect.every_day,
        clear=effect.clear,
        clear_after_correction=effect.clear_after_correction,
        meaningful=effect.meaningful,
        could_be_meaningful=effect.could_be_meaningful,
        sentence=wording.sentence(effect, exposure, third_person),
        note=wording.effect_note(effect, exposure, third_person),
    )


def headline_effects(effects: list[RankedEffect]) -> list[RankedEffect]:
    """The differences that matter, largest first: clear after the correction for many
    comparisons, and of the clinical size; never the small ones that may be chance."""
    return [effect for effect in effects if effect.group in HEADLINE_GROUPS]


def as_json(data: dict[str, Any]) -> dict[str, Any]:
    """build_insights' answer as plain data for JSON: each effect a dict of its fields."""
    return {**data, "effects": [asdict(effect) for effect in data["effects"]]}
