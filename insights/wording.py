"""What she reads about each comparison of her pain with something she logged, in her language.

Spoken to her ("your pain") on the Insights page and in its API, or of her ("her pain") in the
report for her doctor (reports), from the same figures and in the same careful words: "went
with", never "helps" or "causes". Here are the names of what is not a catalogue item (a
hunched posture, low mood, short or broken nights, any painkiller), the sentence for each
comparison and the note to keep in mind when reading it. `Exposure` lives here, not in
insights.series, because every sentence is about one.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from insights import pain_effects
from tracker.models import (
    BROKEN_SLEEP,
    HUNCHED,
    LOW_MOOD,
    PAINKILLER,
    SHORT_SLEEP,
    SHORT_SLEEP_UNDER_HOURS,
)


@dataclass(frozen=True)
class Exposure:
    """Something she logged that her pain is compared with: its key, kind and name."""

    key: str
    kind: str
    name: str


def derived_name(key: str) -> str:
    """The name of an exposure that is no catalogue item, but read from a day's other facts."""
    names = {
        HUNCHED: _("Fed hunched over"),
        LOW_MOOD: _("Low mood (1 or 2 of 5)"),
        SHORT_SLEEP: _("Under %(hours)s hours of sleep") % {"hours": SHORT_SLEEP_UNDER_HOURS},
        BROKEN_SLEEP: _("Badly broken sleep"),
        PAINKILLER: _("Any painkiller"),
    }
    return names[key]


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
    if effect.every_day:
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
