"""How the Insights page lays out her insights: its ranges, the answer at the top, the groups
of effects, the chart frame and the table of logged days.

It reads what insights.series builds. The strips' pixel sizes mirror frontend/src/insights.ts,
so the page reserves the charts' final height before the script draws them. The report for
her doctor never reads this module (lint-imports keeps it so): it has its own layout.
"""

from collections import defaultdict
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from insights.series import GROUPS, RankedEffect, headline_effects
from insights.wording import Exposure, on_days, when_words

DEFAULT_RANGE = "6w"
# The pain chart is drawn once a single day in the range has a rating (insights.ts).
MIN_RATED_DAYS_FOR_CHART = 1
# At most this many plain sentences head the page; the rest are in the details below.
HEADLINE_CARDS = 3


def range_labels() -> list[tuple[str, str]]:
    return [
        ("2w", _("2 weeks")),
        ("6w", _("6 weeks")),
        ("3m", _("3 months")),
        ("all", _("Everything")),
    ]


def effects_by_group(data: dict[str, Any]) -> dict[str, list[RankedEffect]]:
    """The ranked effects split into less pain, more pain, unclear and not enough data."""
    groups: dict[str, list[RankedEffect]] = {group: [] for group in GROUPS}
    for effect in data["effects"]:
        groups[effect.group].append(effect)
    return groups


def headline_cards(data: dict[str, Any], limit: int = HEADLINE_CARDS) -> list[str]:
    """The page's answer first: a short sentence for each difference that matters."""
    return [headline_card(effect) for effect in headline_effects(data["effects"])[:limit]]


def headline_notes(data: dict[str, Any], limit: int = HEADLINE_CARDS) -> list[str]:
    """The notes of the headline's effects, once each: a painkiller's caveat goes wherever
    its sentence goes."""
    headline = headline_effects(data["effects"])[:limit]
    return list(dict.fromkeys(effect.note for effect in headline if effect.note))


def headline_card(effect: RankedEffect) -> str:
    """E.g. "On days you fed hunched over, your pain the same day was about 3 points higher."""
    size = round(abs(effect.difference))
    values = {
        "on_days": on_days(Exposure(effect.key, effect.kind, effect.name)),
        "when": when_words(effect.lag, effect.kind),
        "points": size,
    }
    if effect.group == "less":
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
