"""Her pain against each habit, from her day logs: what the Insights page and API show.

The statistics live in insights.pain_effects. This module turns day logs into its input, and
its results into what she reads: in her language, with the number of days behind each figure,
and never in causal words ("went with", not "helps").
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from habits.models import CatalogueItem
from insights import pain_effects
from tracker.models import (
    BROKEN_SLEEP,
    HUNCHED,
    LOW_MOOD,
    PAINKILLER,
    SHORT_SLEEP,
    SHORT_SLEEP_UNDER_HOURS,
    DayLog,
    User,
    unknown_sleep_exposures,
)

# The ranges the page offers, in days; None is everything she has logged.
RANGES: dict[str, int | None] = {"2w": 14, "6w": 42, "3m": 91, "all": None}
DEFAULT_RANGE = "6w"
# The API answers for at most this many days at once.
MAX_DAYS = 3 * 366
# A 7-day average over fewer rated days would swing with a single rating.
AVERAGE_DAYS = 7
AVERAGE_MIN_RATED = 4
# The pain chart is drawn once a single day in the range has a rating (insights.ts).
MIN_RATED_DAYS_FOR_CHART = 1
# The order kinds are listed in, on the page and in the API.
KINDS = ("position", "support", "posture", "exercise", "habit", "mood", "sleep", "medicine")
CATALOGUE_KINDS = {
    CatalogueItem.Kind.POSITION: "position",
    CatalogueItem.Kind.SUPPORT: "support",
    CatalogueItem.Kind.EXERCISE: "exercise",
    CatalogueItem.Kind.HABIT: "habit",
    CatalogueItem.Kind.MEDICINE: "medicine",
}
# "less" and "more" hold only meaningful differences (2 points or more, still clear after the
# correction for many comparisons); "small" the other clear ones, which may be chance.
GROUPS = ("less", "more", "small", "unclear", "not_enough")
# At most this many plain sentences head the page; the rest are in the details below.
HEADLINE_CARDS = 3


@dataclass(frozen=True)
class LoggedDay:
    mean: float | None
    worst: int | None
    count: int
    keys: frozenset[str]
    # What the day says nothing about (sleep not logged): left out of those comparisons.
    unknown: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Exposure:
    key: str
    kind: str
    name: str


def range_labels() -> list[tuple[str, str]]:
    return [
        ("2w", _("2 weeks")),
        ("6w", _("6 weeks")),
        ("3m", _("3 months")),
        ("all", _("Everything")),
    ]


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
    if HUNCHED in keys:
        found.append(Exposure(HUNCHED, "posture", _("Fed hunched over")))
    if LOW_MOOD in keys:
        found.append(Exposure(LOW_MOOD, "mood", _("Low mood (1 or 2 of 5)")))
    if SHORT_SLEEP in keys:
        found.append(
            Exposure(
                SHORT_SLEEP,
                "sleep",
                _("Under %(hours)s hours of sleep") % {"hours": SHORT_SLEEP_UNDER_HOURS},
            )
        )
    if BROKEN_SLEEP in keys:
        found.append(Exposure(BROKEN_SLEEP, "sleep", _("Badly broken sleep")))
    if PAINKILLER in keys:
        # First among the medicines: the one comparison that pools them.
        found.insert(0, Exposure(PAINKILLER, "medicine", _("Any painkiller")))
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
) -> list[dict[str, Any]]:
    """Less pain first (largest first), then more pain, then small differences, unclear, and
    too little data. A thing done on every day she logged is listed once, not once a lag."""
    effects = list(effects)
    every_day = {
        effect.exposure for effect in effects if effect.lag == 0 and done_every_day(effect)
    }
    described = [
        describe_effect(effect, exposures[effect.exposure], third_person)
        for effect in effects
        if effect.lag == 0 or effect.exposure not in every_day
    ]
    return sorted(
        described,
        key=lambda item: (
            GROUPS.index(item["group"]),
            -abs(item["difference"] or 0) if item["group"] != "unclear" else 0,
            KINDS.index(item["kind"]),
        ),
    )


def done_every_day(effect: pain_effects.Effect) -> bool:
    return effect.days_with > 0 and effect.days_without == 0


def effect_group(effect: pain_effects.Effect) -> str:
    if effect.status != "ok":
        return "not_enough"
    if effect.meaningful:
        return effect.direction
    return "small" if effect.clear else "unclear"


def describe_effect(
    effect: pain_effects.Effect, exposure: Exposure, third_person: bool = False
) -> dict[str, Any]:
    return {
        "key": exposure.key,
        "kind": exposure.kind,
        "name": exposure.name,
        "lag": effect.lag,
        "status": effect.status,
        "group": effect_group(effect),
        "difference": rounded(effect.difference),
        "low": rounded(effect.low),
        "high": rounded(effect.high),
        "p_value": effect.p_value,
        "days_with": effect.days_with,
        "days_without": effect.days_without,
        "every_day": done_every_day(effect),
        "clear": effect.clear,
        "clear_after_correction": effect.clear_after_correction,
        "meaningful": effect.meaningful,
        "could_be_meaningful": effect.could_be_meaningful,
        "sentence": sentence(effect, exposure, third_person),
        "note": effect_note(effect, exposure, third_person),
    }


def effect_note(effect: pain_effects.Effect, exposure: Exposure, third_person: bool = False) -> str:
    """What to keep in mind when reading this comparison, if anything."""
    if exposure.kind == "medicine":
        return painkiller_caveat(third_person)
    if exposure.kind == "sleep":
        return sleep_timing_note(third_person)
    if exposure.kind == "exercise" and effect.direction == "more" and not third_person:
        return _(
            "Some soreness the day after a new or harder exercise is normal and usually fades. "
            "Keep up your pelvic-floor exercises whatever this page shows; if an exercise "
            "hurts, ask your physiotherapist how to change it."
        )
    return ""


def painkiller_caveat(third_person: bool = False) -> str:
    """Why days with a painkiller can look worse: she takes it because the pain is bad."""
    if third_person:
        return _(
            "She takes a painkiller because the pain is bad, so days with a painkiller can "
            "look worse. This does not mean the medicine makes her pain worse."
        )
    return _(
        "You take a painkiller because the pain is bad, so days with a painkiller can look "
        "worse. This does not mean the medicine makes your pain worse."
    )


def sleep_timing_note(third_person: bool = False) -> str:
    """Which night and which day are compared, and which days are left out."""
    if third_person:
        return _(
            "Sleep is the night before: “that day” is the day after the night. Only days "
            "with her sleep logged are compared."
        )
    return _(
        "Sleep is the night before: “that day” is the day after the night. Only days with "
        "your sleep logged are compared."
    )


def on_days(exposure: Exposure, third_person: bool = False) -> str:
    """The start of a sentence: on which days."""
    name = {"name": exposure.name}
    hours = {"hours": SHORT_SLEEP_UNDER_HOURS}
    if third_person:
        by_key = {
            PAINKILLER: _("On days she took a painkiller (paracetamol or ibuprofen)"),
            SHORT_SLEEP: _("After nights she slept under %(hours)s hours") % hours,
            BROKEN_SLEEP: _("After nights her sleep was badly broken"),
        }
    else:
        by_key = {
            PAINKILLER: _("On days you took a painkiller (paracetamol or ibuprofen)"),
            SHORT_SLEEP: _("After nights you slept under %(hours)s hours") % hours,
            BROKEN_SLEEP: _("After nights your sleep was badly broken"),
        }
    if exposure.key in by_key:
        return by_key[exposure.key]
    if third_person:
        openings = {
            "position": _("On days she fed in the “%(name)s” position"),
            "support": _("On days she fed with “%(name)s”"),
            "exercise": _("On days she did “%(name)s”"),
            "posture": _("On days she fed hunched over"),
            "mood": _("On days her mood was low"),
            "habit": _("On days she logged “%(name)s”"),
            "medicine": _("On days she took “%(name)s”"),
        }
    else:
        openings = {
            "position": _("On days you fed in the “%(name)s” position"),
            "support": _("On days you fed with “%(name)s”"),
            "exercise": _("On days you did “%(name)s”"),
            "posture": _("On days you fed hunched over"),
            "mood": _("On days your mood was low"),
            "habit": _("On days you logged “%(name)s”"),
            "medicine": _("On days you took “%(name)s”"),
        }
    opening = openings[exposure.kind]
    return opening % name if "%(name)s" in opening else opening


def points(value: float, decimals: int = 1) -> str:
    return f"{abs(value):.{decimals}f}"


def interval_decimals(low: float, high: float) -> int:
    """Enough decimals that a clear interval's end nearest zero does not print as 0.0."""
    nearest = min(abs(low), abs(high))
    for decimals in (1, 2):
        if round(nearest, decimals) != 0:
            return decimals
    return 3


def interval_ends(low: float, high: float) -> tuple[str, str]:
    """Both ends of a clear interval, as sizes (no sign), the nearest to zero first."""
    decimals = interval_decimals(low, high)
    near, far = sorted((abs(low), abs(high)))
    # A clear interval leaves out zero, so its near end is never printed as zero: a value
    # under a thousandth shows as 0.001, up from its true size by less than that.
    near_text = points(max(near, 10**-decimals), decimals)
    return near_text, points(far, decimals)


def signed(value: float) -> str:
    if round(value, 1) == 0:
        return pgettext("pain difference", "no different")
    if value < 0:
        return pgettext("pain difference", "%(points)s points lower") % {"points": points(value)}
    return pgettext("pain difference", "%(points)s points higher") % {"points": points(value)}


def when_words(lag: int, kind: str) -> str:
    """Which day's pain is compared. Sleep is logged on the day after the night, so for sleep
    the same day is the day that followed the night: "that day"."""
    if kind == "sleep":
        return _("that day") if lag == 0 else _("the day after")
    return _("the same day") if lag == 0 else _("the next day")


def sentence(effect: pain_effects.Effect, exposure: Exposure, third_person: bool = False) -> str:
    """One plain sentence, e.g. "On days you fed with “Back supported”, your pain the same day
    was 1.4 points lower, with a 95% range of 0.6 to 2.2 (18 days with it, 37 without)."""
    when = when_words(effect.lag, exposure.kind)
    values = {
        "when": when,
        "with": effect.days_with,
        "without": effect.days_without,
        "needed": pain_effects.MIN_DAYS_PER_GROUP,
    }
    wording = sentence_endings(third_person)
    if done_every_day(effect):
        ending, joined = wording["every_day"], True
    elif effect.status != "ok":
        ending, joined = wording[effect.status], True
    elif effect.clear:
        near, far = interval_ends(effect.low, effect.high)
        values.update(points=points(effect.difference), near=near, far=far)
        ending, joined = wording[effect.direction], False
    else:
        values.update(low=signed(effect.low), high=signed(effect.high))
        ending, joined = wording["unclear"], False
    parts = {"on_days": on_days(exposure, third_person), "rest": ending % values}
    # "On days ...: not enough data" but "On days ..., your pain was ...".
    return (_("%(on_days)s: %(rest)s") if joined else _("%(on_days)s, %(rest)s")) % parts


def sentence_endings(third_person: bool) -> dict[str, str]:
    """What follows "On days you/she ...", by outcome, to be filled in by sentence()."""
    if third_person:
        return {
            "every_day": _(
                "she did this on every day she logged, so there is nothing to compare it with."
            ),
            "too_few_days": _(
                "not enough data yet to compare her pain %(when)s: %(with)s days with it and "
                "%(without)s without, and at least %(needed)s of each are needed."
            ),
            "tied_to_trend": _(
                "this can't be told apart from her recovery, as it happened mostly at one stage "
                "of it (%(with)s days with it, %(without)s without)."
            ),
            "tied_to_same_day": _(
                "her pain the next day can't be told apart from that day's own, as it was "
                "mostly done several days in a row (%(with)s days with it, %(without)s without)."
            ),
            "less": _(
                "her pain %(when)s was %(points)s points lower, with a 95%% range of %(near)s "
                "to %(far)s (%(with)s days with it, %(without)s without)."
            ),
            "more": _(
                "her pain %(when)s was %(points)s points higher, with a 95%% range of %(near)s "
                "to %(far)s (%(with)s days with it, %(without)s without)."
            ),
            "unclear": _(
                "her pain %(when)s was not clearly different: somewhere between %(low)s and "
                "%(high)s (%(with)s days with it, %(without)s without)."
            ),
        }
    return {
        "every_day": _(
            "you did this on every day you logged, so there is nothing to compare it with."
        ),
        "too_few_days": _(
            "not enough data yet to compare your pain %(when)s: %(with)s days with it and "
            "%(without)s without, and at least %(needed)s of each are needed."
        ),
        "tied_to_trend": _(
            "this can't be told apart from your recovery, as it happened mostly at one stage "
            "of it (%(with)s days with it, %(without)s without)."
        ),
        "tied_to_same_day": _(
            "your pain the next day can't be told apart from that day's own, as it was mostly "
            "done several days in a row (%(with)s days with it, %(without)s without)."
        ),
        "less": _(
            "your pain %(when)s was %(points)s points lower, with a 95%% range of %(near)s to "
            "%(far)s (%(with)s days with it, %(without)s without)."
        ),
        "more": _(
            "your pain %(when)s was %(points)s points higher, with a 95%% range of %(near)s to "
            "%(far)s (%(with)s days with it, %(without)s without)."
        ),
        "unclear": _(
            "your pain %(when)s was not clearly different: somewhere between %(low)s and "
            "%(high)s (%(with)s days with it, %(without)s without)."
        ),
    }


def effects_by_group(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The ranked effects split into less pain, more pain, unclear and not enough data."""
    groups: dict[str, list[dict[str, Any]]] = {group: [] for group in GROUPS}
    for effect in data["effects"]:
        groups[effect["group"]].append(effect)
    return groups


def headline_cards(data: dict[str, Any], limit: int = HEADLINE_CARDS) -> list[str]:
    """The page's answer first: a short sentence for each difference that matters.

    Only the headline groups ("less" and "more": clear after the correction for many
    comparisons, and of the clinical size); never the small ones that may be chance.
    """
    exposures = {
        item["key"]: Exposure(item["key"], item["kind"], item["name"]) for item in data["exposures"]
    }
    headline = [effect for effect in data["effects"] if effect["group"] in ("less", "more")]
    return [headline_card(effect, exposures[effect["key"]]) for effect in headline[:limit]]


def headline_notes(data: dict[str, Any], limit: int = HEADLINE_CARDS) -> list[str]:
    """The notes of the headline's effects, once each: a painkiller's caveat goes wherever
    its sentence goes."""
    headline = [effect for effect in data["effects"] if effect["group"] in ("less", "more")]
    return list(dict.fromkeys(effect["note"] for effect in headline[:limit] if effect["note"]))


def headline_card(effect: dict[str, Any], exposure: Exposure) -> str:
    """E.g. "On days you fed hunched over, your pain the same day was about 3 points higher."""
    size = round(abs(effect["difference"]))
    values = {
        "on_days": on_days(exposure),
        "when": when_words(effect["lag"], exposure.kind),
        "points": size,
    }
    if effect["group"] == "less":
        wording = ngettext(
            "%(on_days)s, your pain %(when)s was about %(points)s point lower.",
            "%(on_days)s, your pain %(when)s was about %(points)s points lower.",
            size,
        )
    else:
        wording = ngettext(
            "%(on_days)s, your pain %(when)s was about %(points)s point higher.",
            "%(on_days)s, your pain %(when)s was about %(points)s points higher.",
            size,
        )
    return wording % values


# The strips' layout in px, as insights.ts draws it (its KIND_HEIGHT, ROW_HEIGHT...): the page
# reserves the strips' height before the script draws them, so nothing below them moves.
STRIP_KIND_HEIGHT = 22
STRIP_KIND_GAP = 6
STRIP_ROW_HEIGHT = 34
STRIP_DATES_HEIGHT = 18
STRIP_DATES_FROM_ROWS = 4
# Worst ratings are drawn for ranges up to three months: at 320 px a day is then still 3 px
# wide; in a longer range they would be a haze. Decided here, not from the screen's width, so
# the legend is on the page before the charts are drawn.
WORST_MAX_DAYS = 91


def chart_frame(data: dict[str, Any]) -> dict[str, Any]:
    """What the page lays out before insights.js draws into it: the legend and the strips'
    height, so that the drawn charts fill boxes of their final size."""
    days = data["days"]
    kinds = len({exposure["kind"] for exposure in data["exposures"]})
    rows = len(data["exposures"])
    strips_height = (
        kinds * STRIP_KIND_HEIGHT
        + max(kinds - 1, 0) * STRIP_KIND_GAP
        + rows * STRIP_ROW_HEIGHT
        + (STRIP_DATES_HEIGHT if rows >= STRIP_DATES_FROM_ROWS else 0)
    )
    return {
        "rated": any(day["pain"] is not None for day in days),
        "worst": len(days) <= WORST_MAX_DAYS
        and any(
            day["worst"] is not None and day["pain"] is not None and day["worst"] > day["pain"]
            for day in days
        ),
        "average": any(day["average"] is not None for day in days),
        "trend": any(day["trend"] is not None for day in days),
        "strips_height": strips_height,
    }


def logged_days(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The logged days with the names of what happened on each: the charts as a table.

    Each row's link and date label are made here: for two years of days, the template's url
    tag and date filter would take most of the page's time.
    """
    happened: dict[int, list[str]] = defaultdict(list)
    for exposure in data["exposures"]:
        for index in exposure["days"]:
            happened[index].append(exposure["name"])
    day_url = reverse("day", args=["DATE"])
    label_format = pgettext("history date", "D j M Y")
    separator = pgettext("list separator", ", ")
    return [
        {
            **day,
            "url": day_url.replace("DATE", day["date"]),
            "label": date_format(date.fromisoformat(day["date"]), label_format),
            "happened": separator.join(happened[index]),
        }
        for index, day in enumerate(data["days"])
        if day["logged"]
    ]
