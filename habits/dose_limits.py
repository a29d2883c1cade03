"""Painkiller limits, checked over a rolling 24 hours: the one rule set for the server, the day
page (frontend/src/day/dose-limits.ts runs the same algorithm on RULES, served to it as JSON,
also offline) and the doctor's report. Only limits: it never suggests a dose.

The limits, for an adult (habits.medicine_advice says what to do when one is passed):
- paracetamol: more than 1 g in one dose, more than 4 g in any 24 hours, or two doses less than
  4 hours apart (NHS medicines A-Z, "Paracetamol for adults"; BNF, paracetamol: 0.5-1 g every
  4-6 hours, at most 4 g daily). Less for a woman under 50 kg, and less where a packet says so:
  the message tells her, as we do not know her weight or her packet.
- ibuprofen: more than 1,200 mg in 24 hours is over the over-the-counter limit (NHS, "Ibuprofen
  for adults"; BNF: 1.2 g daily without a prescription); more than 2,400 mg in 24 hours, the
  most a doctor prescribes (BNF: at most 2.4 g daily), or more than 800 mg in one dose (FDA
  prescribing information for ibuprofen tablets: 400 to 800 mg a dose), needs a doctor or
  pharmacist today.

What "24 hours" means. The day log keeps each dose as she logged it: a local date and a local
time, with no zone. A dose's moment is that date and time read in her profile's time zone
(the zone her days are dated in), as a real instant, so a change of daylight saving time counts
as the hour it is: across the night the clocks go forward, 23:00 to 03:30 is 3 hours 30 minutes.
A time that does not exist that night, or exists twice, reads as the first reading (Python's
fold=0; the page does the same). The 24 hours up to a dose hold the doses taken less than 24
hours before it, and itself: 1 g at 08:00 every day is one dose in each 24 hours, not two.
Doses roll across midnight: 1 g at 22:00 and 1 g at 02:00 are 4 hours apart, and the checks of
a date read the doses of the day before.

A dose logged without a time counts with the doses of its own date (any two doses on one date
are less than 24 hours apart; on the 25-hour night the clocks go back this errs on the side of
an alert), never with the day before, and is not checked for the 4-hour gap: nothing says how
far it was from the others. A dose without an amount counts for the gap, not for a total.

When she moves her profile to another time zone, the doses logged before the move are read in
the new zone too, because the log never knew the old one: on the day of a journey, the hours
between a dose before it and a dose after it are off by the difference between the zones.

A check never stops a dose from being saved: the dose is kept exactly as she logged it, and the
alert says what to do.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

PARACETAMOL = "paracetamol"
IBUPROFEN = "ibuprofen"
SINGLE = "single"  # one dose over `over_mg`
TOTAL = "total"  # the doses of any 24 hours together over `over_mg`
GAP = "gap"  # a dose under `under_minutes` after the one before
WINDOW = timedelta(hours=24)


@dataclass(frozen=True)
class Rule:
    medicine: str
    rule: str  # its name in alerts: "single_dose", "daily_total", "too_soon", "over_counter"
    kind: str  # SINGLE, TOTAL or GAP
    over_mg: int | None = None
    under_minutes: int | None = None
    # Not reported on a date when this rule of the same medicine is: the graver one says it.
    unless: str = ""


# In the order alerts are listed: by medicine, the gravest first.
RULES: tuple[Rule, ...] = (
    Rule(PARACETAMOL, "single_dose", SINGLE, over_mg=1000),
    Rule(PARACETAMOL, "daily_total", TOTAL, over_mg=4000),
    Rule(PARACETAMOL, "too_soon", GAP, under_minutes=240),
    Rule(IBUPROFEN, "single_dose", SINGLE, over_mg=800),
    Rule(IBUPROFEN, "daily_total", TOTAL, over_mg=2400),
    Rule(IBUPROFEN, "over_counter", TOTAL, over_mg=1200, unless="daily_total"),
)
CHECKED_MEDICINES = tuple(dict.fromkeys(rule.medicine for rule in RULES))


@dataclass(frozen=True)
class Dose:
    """One logged dose: the day's item with the date it was logged on."""

    day: date
    time: time | None
    medicine: str
    dose_mg: int | None


@dataclass(frozen=True)
class DoseAlert:
    """A limit passed on a date: by which dose first (its time), and by how much."""

    day: date
    medicine: str
    rule: str
    time: str | None  # "HH:MM" of the first dose that passed it; None when it had no time
    amount_mg: int | None  # the largest single dose or 24-hour total over the limit
    gap_minutes: int | None  # the shortest gap under the limit

    def as_json(self) -> dict:
        return {
            "medicine": self.medicine,
            "rule": self.rule,
            "time": self.time,
            "amount_mg": self.amount_mg,
            "gap_minutes": self.gap_minutes,
        }


def rules_payload() -> list[dict]:
    """RULES for the page's script, which checks what she logs with the same limits."""
    return [
        {key: value for key, value in vars(rule).items() if value not in (None, "")}
        for rule in RULES
    ]


def doses_of_day(day: date, medicines: Iterable[dict]) -> list[Dose]:
    """The checked painkillers among a day's medicine items (the API's JSON)."""
    return [
        Dose(day, parse_time(item.get("time")), item["medicine"], item.get("dose_mg"))
        for item in medicines
        if item.get("medicine") in CHECKED_MEDICINES
    ]


def parse_time(value: str | None) -> time | None:
    """'07:30:00' or '07:30' -> 07:30; seconds are never logged."""
    if not value:
        return None
    hours, minutes = value.split(":")[:2]
    return time(int(hours), int(minutes))


def instant(dose: Dose, zone: ZoneInfo) -> datetime:
    """The real moment of a timed dose: its local date and time in `zone` (fold=0), in UTC,
    because Python subtracts two times of one zone on the wall clock."""
    return datetime.combine(dose.day, dose.time, tzinfo=zone).astimezone(UTC)


def alerts_on(day: date, doses: Iterable[Dose], zone: ZoneInfo) -> list[DoseAlert]:
    """The limits passed by the doses logged on `day`. `doses` must hold those of the day
    before as well (the 24 hours roll across midnight); other days are ignored."""
    relevant = [dose for dose in doses if dose.day in (day, day - timedelta(days=1))]
    alerts: dict[tuple[str, str], DoseAlert] = {}
    for rule in RULES:
        own = [dose for dose in relevant if dose.medicine == rule.medicine]
        found = check(rule, day, own, zone)
        if found and not (rule.unless and (rule.medicine, rule.unless) in alerts):
            alerts[(rule.medicine, rule.rule)] = found
    return list(alerts.values())


def check(rule: Rule, day: date, doses: list[Dose], zone: ZoneInfo) -> DoseAlert | None:
    """Whether `rule` is broken by a dose of `day`; `doses` are the medicine's, with the day
    before's. The alert names the first dose that broke it and the largest excess."""
    timed = sorted(
        (dose for dose in doses if dose.time is not None), key=lambda d: instant(d, zone)
    )
    first: Dose | None = None
    worst: int | None = None
    # The day's doses by time, untimed ones last: the first that breaks the rule is named.
    todays = sorted(
        (dose for dose in doses if dose.day == day),
        key=lambda d: (d.time is None, d.time or time()),
    )
    for dose in todays:
        figure = figure_for(rule, dose, doses, timed, zone)
        if figure is None:
            continue
        first = first or dose
        if worst is None:
            worst = figure
        else:
            worst = min(worst, figure) if rule.kind == GAP else max(worst, figure)
    if first is None:
        return None
    return DoseAlert(
        day=day,
        medicine=rule.medicine,
        rule=rule.rule,
        time=first.time.strftime("%H:%M") if first.time else None,
        amount_mg=None if rule.kind == GAP else worst,
        gap_minutes=worst if rule.kind == GAP else None,
    )


def figure_for(
    rule: Rule, dose: Dose, doses: list[Dose], timed: list[Dose], zone: ZoneInfo
) -> int | None:
    """What `dose` shows against `rule` when it breaks it: its amount, the 24-hour total up to
    it, or the minutes since the dose before; None when it keeps within it."""
    if rule.kind == SINGLE:
        return dose.dose_mg if (dose.dose_mg or 0) > rule.over_mg else None
    if rule.kind == TOTAL:
        total = sum(item.dose_mg or 0 for item in in_24_hours(dose, doses, timed, zone))
        return total if total > rule.over_mg else None
    if dose.time is None:
        return None
    moment = instant(dose, zone)
    before = [item for item in timed if item is not dose and instant(item, zone) <= moment]
    if not before:
        return None
    minutes = int((moment - instant(before[-1], zone)).total_seconds() // 60)
    return minutes if minutes < rule.under_minutes else None


def in_24_hours(dose: Dose, doses: list[Dose], timed: list[Dose], zone: ZoneInfo) -> list[Dose]:
    """The doses counted with `dose`: the timed ones less than 24 hours before it and up to
    it, and the untimed ones of its date; for an untimed dose, every dose of its date."""
    same_date = [item for item in doses if item.day == dose.day]
    if dose.time is None:
        return same_date
    moment = instant(dose, zone)
    window = [item for item in timed if moment - WINDOW < instant(item, zone) <= moment]
    return window + [item for item in same_date if item.time is None]
