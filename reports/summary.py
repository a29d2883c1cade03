"""What her doctor reads: her pain history for a range of days, summed up in figures.

One summary feeds the PDF report and the share page, so a doctor sees the same figures in
both; reports.report_text puts them into words. Figures are plain counts and averages of what
she logged; the comparisons with habits are those of the Insights page (insights.series), in
the same careful words (insights.wording).
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from statistics import mean, median
from typing import Any

from django.utils import timezone

from habits.dose_limits import DoseAlert
from habits.medicines import OTHER_MEDICINE, PAINKILLERS
from habits.models import CatalogueItem
from habits.warning_guidance import GUIDANCE
from insights import series
from insights.series import RankedEffect
from reports.recovery_summary import RecoverySummary, build_recovery_summary
from tracker import dose_checks, low_mood
from tracker.low_mood import LowMoodRun
from tracker.models import (
    DOCTOR_QUESTIONS,
    HUNCHED,
    PELVIC_FLOOR,
    DayLog,
    LegSymptom,
    Profile,
    SleepQuality,
    User,
)

# A note longer than this is cut in the summary; the CSV and the backup keep every word.
NOTE_SUMMARY_CHARS = 240
# Three months of daily notes would not fit on two pages: the most recent ones are shown.
NOTES_SHOWN = 12
# Effects shown: the largest of those that matter (2 points or more, holding up across all
# the comparisons made).
EFFECTS_SHOWN = 6
# Most urgent first in the warning-sign summary.
URGENCY_ORDER = ("emergency", "doctor_today", "gp", "")


@dataclass(frozen=True)
class Week:
    number: int | None  # the week after the birth (week 1: days 0-6), if she gave the date
    begins: date  # its first day, which may be before the report's
    start: date  # its first and last days within the report
    end: date
    rated_days: int
    average: float | None
    lowest: float | None  # the lowest day's average
    worst: int | None  # the highest single rating
    interference: float | None = None  # the median of the days she said how pain got in the way


@dataclass(frozen=True)
class Count:
    name: str
    count: int
    share: float  # of the days (or feeds, or ratings) it is counted among


@dataclass(frozen=True)
class MedicineUse:
    """One medicine over the range: on how many days, and her most recent dose of it."""

    name: str
    painkiller: bool
    days: int
    last_day: date
    last_dose_mg: int | None  # the dose of the most recent intake, when she gave it
    most_in_a_day_mg: int | None  # the largest total of the doses she gave in one day


@dataclass(frozen=True)
class SleepSummary:
    """Last night's sleep, over the nights she logged it."""

    nights: int  # nights with hours logged
    median_hours: float | None
    quality_nights: int  # nights she said how broken her sleep was
    woke_often_nights: int  # of those, woke three times or more (often normal with night feeds)
    hardly_nights: int  # of those, hardly slept


@dataclass(frozen=True)
class WarningEntry:
    day: date
    name: str
    urgency: str  # what to do, in words
    level: str  # the urgency's value: "emergency", "doctor_today", "gp" or ""


@dataclass(frozen=True)
class WarningSummary:
    """One warning sign over the range: on how many days, the last of them, how urgent."""

    name: str
    days: int
    last: date
    urgency: str
    level: str


@dataclass
class Summary:
    name: str
    email: str
    birth_date: date | None
    days_after_birth: int | None  # on the report's last day
    delivery_type: str
    feeding_mode: str
    profile_answers: dict[str, str]  # what she said of the doctor's first questions
    start: date
    end: date
    made_at: datetime
    days_in_range: int
    days_logged: int
    rated_days: int
    ratings: int
    average: float | None
    first_week_average: float | None
    last_week_average: float | None
    insights: dict[str, Any]
    weeks: list[Week]
    body_areas: list[Count]
    down_leg_days: int
    numb_tingling_days: int
    interference_days: int
    interference_median: float | None
    medicines: list[MedicineUse]
    painkiller_days: int
    sleep: SleepSummary
    positions: list[Count]
    supports: list[Count]
    feeds: int
    hunched_feeds: int
    exercise_days: int
    exercises: list[Count]
    habits: list[Count]
    mood_days: int
    mood_average: float | None
    low_mood_days: int
    longest_low_mood: LowMoodRun | None
    recent_mood_days: int  # days with a mood logged among the last 14 of the report
    recent_low_mood_days: int
    # Low mood for two weeks, or on most of the last two (tracker.low_mood).
    suggest_depression_screen: bool
    mood_tags: list[Count]
    warnings: list[WarningEntry]
    effects: list[RankedEffect]
    small_effects: int  # clear, but under 2 points or not holding up: left out
    notes: list[tuple[date, str]]
    notes_total: int
    questions: str
    # Painkiller limits passed over the rolling 24 hours (habits.dose_limits), oldest first.
    dose_alerts: list[DoseAlert] = field(default_factory=list)
    # Her pelvic-floor sessions, symptom checks, function score and running checklist.
    recovery: RecoverySummary | None = None

    @property
    def week_after_birth(self) -> int | None:
        """The week the report ends in, counted as the weekly table counts (week 1: days 0-6)."""
        return None if self.days_after_birth is None else self.days_after_birth // 7 + 1

    @property
    def warning_summary(self) -> list[WarningSummary]:
        """Each sign she reported once, the most urgent first, then the most recent."""
        by_name: dict[str, list[WarningEntry]] = defaultdict(list)
        for entry in self.warnings:
            by_name[entry.name].append(entry)
        summaries = [
            WarningSummary(
                name=name,
                days=len({entry.day for entry in entries}),
                last=max(entry.day for entry in entries),
                urgency=entries[0].urgency,
                level=entries[0].level,
            )
            for name, entries in by_name.items()
        ]
        return sorted(
            summaries,
            key=lambda sign: (urgency_rank(sign.level), -sign.last.toordinal(), sign.name),
        )

    @property
    def urgent_warning(self) -> bool:
        """A sign that needs a doctor today or emergency care."""
        return any(entry.level in ("emergency", "doctor_today") for entry in self.warnings)

    @property
    def function_first(self) -> float | None:
        """The function score (0-10, habits.function_score) of the first week she rated."""
        row = self.recovery.function_first if self.recovery else None
        return row.score if row else None

    @property
    def function_latest(self) -> float | None:
        """The function score of the latest week she rated, when there are two or more."""
        row = self.recovery.function_latest if self.recovery else None
        return row.score if row else None

    @property
    def function_change(self) -> float | None:
        """The latest week's function score minus the first's: positive is more she can do."""
        return self.recovery.function_change if self.recovery else None

    @property
    def change(self) -> float | None:
        """Last week's average minus the first week's: negative is less pain."""
        if self.first_week_average is None or self.last_week_average is None:
            return None
        return round(self.last_week_average - self.first_week_average, 1)


def catalogue_names() -> dict[str, CatalogueItem]:
    """Every catalogue item by key, retired ones too: old logs still name them."""
    return {item.key: item for item in CatalogueItem.objects.all()}


def display_names() -> dict[str, str]:
    """Every catalogue key with its name in the active language."""
    return {key: item.name for key, item in catalogue_names().items()}


def build_summary(user: User, start: date, end: date, now: datetime | None = None) -> Summary:
    profile: Profile = user.profile
    days = list(DayLog.objects.filter(user=user, date__gte=start, date__lte=end).order_by("date"))
    names = catalogue_names()
    data = series.build_insights(user, start, end, third_person=True)
    rated = [day for day in days if day.pain_ratings]
    daily = {day.date: day.pain_mean for day in rated}
    feeds = [feeding for day in days for feeding in day.feedings]
    ratings = [rating for day in days for rating in day.pain_ratings]
    notes = [(day.date, day.note) for day in days if day.note.strip()]
    days_after_birth = None
    if profile.baby_birth_date:
        days_after_birth = max(0, (end - profile.baby_birth_date).days)
    moods = {day.date: day.mood for day in days if day.mood is not None}
    recent = low_mood.recent_moods(moods, end)
    effects = data["effects"]
    interference = {
        day.date: day.pain_interference for day in days if day.pain_interference is not None
    }
    return Summary(
        name=profile.display_name,
        email=user.email,
        birth_date=profile.baby_birth_date,
        days_after_birth=days_after_birth,
        delivery_type=profile.get_delivery_type_display() if profile.delivery_type else "",
        feeding_mode=profile.get_feeding_mode_display() if profile.feeding_mode else "",
        profile_answers={field: getattr(profile, field) for field in DOCTOR_QUESTIONS},
        start=start,
        end=end,
        made_at=(now or timezone.now()).astimezone(profile.zone),
        days_in_range=(end - start).days + 1,
        days_logged=len(days),
        rated_days=len(rated),
        ratings=len(ratings),
        average=rounded_mean(daily.values()),
        first_week_average=rounded_mean(v for d, v in daily.items() if d < start + timedelta(7)),
        last_week_average=rounded_mean(v for d, v in daily.items() if d > end - timedelta(7)),
        insights=data,
        weeks=weekly(
            daily, {day.date: day.pain_worst for day in rated}, interference, start, end, profile
        ),
        body_areas=counted(
            Counter(area for rating in ratings for area in rating.get("body_areas") or ()),
            len(ratings),
            names,
        ),
        down_leg_days=days_with_leg_symptom(rated, LegSymptom.DOWN_LEG),
        numb_tingling_days=days_with_leg_symptom(rated, LegSymptom.NUMB_TINGLING),
        interference_days=len(interference),
        interference_median=median(interference.values()) if interference else None,
        medicines=medicine_uses(days, names),
        painkiller_days=sum(1 for day in days if day.took_painkiller),
        sleep=sleep_summary(days),
        positions=counted(Counter(feeding["position"] for feeding in feeds), len(feeds), names),
        supports=counted(
            Counter(key for feeding in feeds for key in feeding.get("supports") or ()),
            len(feeds),
            names,
        ),
        feeds=len(feeds),
        hunched_feeds=sum(1 for feeding in feeds if feeding.get("posture") == HUNCHED),
        exercise_days=sum(1 for day in days if day.exercises or day.pelvic_floor_sessions),
        exercises=counted(
            Counter(key for day in days for key in exercises_of(day)), len(days), names
        ),
        habits=counted(Counter(key for day in days for key in day.habits), len(days), names),
        mood_days=sum(1 for day in days if day.mood is not None),
        mood_average=rounded_mean(day.mood for day in days if day.mood is not None),
        low_mood_days=sum(1 for mood in moods.values() if low_mood.is_low(mood)),
        longest_low_mood=low_mood.longest_low_mood(moods),
        recent_mood_days=len(recent),
        recent_low_mood_days=sum(1 for mood in recent.values() if low_mood.is_low(mood)),
        suggest_depression_screen=low_mood.suggest_depression_screen(moods, end),
        mood_tags=counted(Counter(tag for day in days for tag in day.mood_tags), len(days), names),
        warnings=warning_entries(days, names),
        effects=telling_effects(effects),
        small_effects=sum(1 for effect in effects if effect.group == "small"),
        notes=[(day, shortened(note)) for day, note in notes[-NOTES_SHOWN:]],
        notes_total=len(notes),
        questions=profile.visit_questions.strip(),
        dose_alerts=dose_checks.alerts_in_range(profile, days, start),
        recovery=build_recovery_summary(user, start, end),
    )


def exercises_of(day: DayLog) -> set[str]:
    """The exercises of a day: those she ticked, and the pelvic-floor exercise when she did a
    timed session (as Insights counts it)."""
    keys = {item["exercise"] for item in day.exercises}
    return keys | {PELVIC_FLOOR} if day.pelvic_floor_sessions else keys


def rounded_mean(values) -> float | None:
    values = [value for value in values if value is not None]
    return round(mean(values), 1) if values else None


def weekly(
    daily: dict[date, float],
    worst: dict[date, int],
    interference: dict[date, int],
    start: date,
    end: date,
    profile: Profile,
) -> list[Week]:
    """A row per week: weeks after the birth when she gave the date, else Monday to Sunday.

    A week is listed when she rated her pain or said how it interfered on any of its days.
    """
    birth = profile.baby_birth_date
    groups: dict[date, list[date]] = defaultdict(list)
    for day in sorted(set(daily) | set(interference)):
        if birth and day >= birth:
            week_start = birth + timedelta(days=(day - birth).days // 7 * 7)
        else:
            week_start = day - timedelta(days=day.weekday())
        groups[week_start].append(day)
    weeks = []
    for week_start in sorted(groups):
        days = [day for day in groups[week_start] if day in daily]
        interfered = [interference[day] for day in groups[week_start] if day in interference]
        first, last = max(week_start, start), min(week_start + timedelta(days=6), end)
        weeks.append(
            Week(
                number=(week_start - birth).days // 7 + 1
                if birth and week_start >= birth
                else None,
                begins=week_start,
                start=first,
                end=last,
                rated_days=len(days),
                average=rounded_mean(daily[day] for day in days),
                lowest=round(min(daily[day] for day in days), 1) if days else None,
                worst=max(worst[day] for day in days) if days else None,
                interference=median(interfered) if interfered else None,
            )
        )
    return weeks


def days_with_leg_symptom(days: list[DayLog], symptom: str) -> int:
    return sum(
        1
        for day in days
        if any(symptom in (rating.get("leg_symptoms") or ()) for rating in day.pain_ratings)
    )


def medicine_uses(days: list[DayLog], names: dict[str, CatalogueItem]) -> list[MedicineUse]:
    """Each medicine she took, the most days first. Other medicines go by the name she typed
    (the same name in any case is one medicine)."""
    intakes: dict[tuple[str, str], list[tuple[date, dict]]] = defaultdict(list)
    shown: dict[tuple[str, str], str] = {}
    for day in days:
        for item in day.medicines:
            key = item["medicine"]
            if key == OTHER_MEDICINE:
                identity = (key, item["name"].strip().casefold())
                shown.setdefault(identity, item["name"].strip())
            else:
                identity = (key, "")
                shown.setdefault(identity, names[key].name if key in names else key)
            intakes[identity].append((day.date, item))
    uses = []
    for identity, taken in intakes.items():
        # The most recent intake: the last day, and on it the latest time (untimed ones first).
        last_day, last = max(taken, key=lambda entry: (entry[0], entry[1].get("time") or ""))
        daily_mg: dict[date, int] = defaultdict(int)
        for day, item in taken:
            if item.get("dose_mg"):
                daily_mg[day] += item["dose_mg"]
        uses.append(
            MedicineUse(
                name=shown[identity],
                painkiller=identity[0] in PAINKILLERS,
                days=len({day for day, _item in taken}),
                last_day=last_day,
                last_dose_mg=last.get("dose_mg"),
                most_in_a_day_mg=max(daily_mg.values(), default=None),
            )
        )
    return sorted(uses, key=lambda use: (-use.days, use.name))


def sleep_summary(days: list[DayLog]) -> SleepSummary:
    """Over the nights she logged: a day without sleep logged says nothing about it."""
    hours = [day.sleep_hours for day in days if day.sleep_hours is not None]
    qualities = [day.sleep_quality for day in days if day.sleep_quality]
    return SleepSummary(
        nights=len(hours),
        median_hours=median(hours) if hours else None,
        quality_nights=len(qualities),
        woke_often_nights=qualities.count(SleepQuality.WOKE_OFTEN),
        hardly_nights=qualities.count(SleepQuality.HARDLY),
    )


def counted(counts: Counter, total: int, names: dict[str, CatalogueItem]) -> list[Count]:
    """Most frequent first, each with its share of `total`."""
    return [
        Count(names[key].name if key in names else key, count, count / total if total else 0.0)
        for key, count in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    ]


def warning_entries(days: list[DayLog], names: dict[str, CatalogueItem]) -> list[WarningEntry]:
    entries = []
    for day in days:
        for key in day.warning_signs:
            item = names.get(key)
            urgency = GUIDANCE.get(item.urgency) if item else None
            entries.append(
                WarningEntry(
                    day=day.date,
                    name=item.name if item else key,
                    urgency=str(urgency["title"]) if urgency else "",
                    level=str(item.urgency) if item else "",
                )
            )
    return entries


def urgency_rank(level: str) -> int:
    return URGENCY_ORDER.index(level) if level in URGENCY_ORDER else len(URGENCY_ORDER)


def telling_effects(effects: list[RankedEffect]) -> list[RankedEffect]:
    """The differences that matter (the page's headline groups), largest first."""
    return series.headline_effects(effects)[:EFFECTS_SHOWN]


def shortened(note: str) -> str:
    note = " ".join(note.split())
    if len(note) <= NOTE_SUMMARY_CHARS:
        return note
    return note[: NOTE_SUMMARY_CHARS - 1].rstrip() + "…"
