"""What her doctor reads: her pain history for a range of days, summed up.

One summary feeds the PDF report and the share page, so a doctor sees the same figures in
both. Figures are plain counts and averages of what she logged; the comparisons with habits
are those of the Insights page (insights.series), in the same careful wording.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import mean
from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from habits.models import CatalogueItem
from habits.warning_guidance import GUIDANCE
from insights import series
from tracker.models import LOW_MOOD_AT_MOST, DayLog, Profile, User

# A note longer than this is cut in the summary; the CSV and the backup keep every word.
NOTE_SUMMARY_CHARS = 240
# Three months of daily notes would not fit on two pages: the most recent ones are shown.
NOTES_SHOWN = 12
# Effects shown: the largest of those that matter (2 points or more, holding up across all
# the comparisons made).
EFFECTS_SHOWN = 6
# Low mood for this many days in a row is when a screen for depression is worth considering.
LOW_MOOD_SCREEN_DAYS = 14
# ... or on at least this many of the last LOW_MOOD_SCREEN_DAYS days of the report.
LOW_MOOD_SCREEN_RECENT = 10
# A low-mood run goes on over at most this many days in a row without a mood logged.
LOW_MOOD_GAP_DAYS = 2
# Most urgent first in the warning-sign summary.
URGENCY_ORDER = ("emergency", "doctor_today", "gp", "")


@dataclass(frozen=True)
class Week:
    label: str
    short_label: str  # for a narrow table: "Wk 5"
    start: date
    end: date
    rated_days: int
    average: float | None
    lowest: float | None  # the lowest day's average
    worst: int | None  # the highest single rating


@dataclass(frozen=True)
class Count:
    name: str
    count: int
    share: float  # of the days (or feeds, or ratings) it is counted among


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


@dataclass(frozen=True)
class LowMoodRun:
    """Low mood day after day (days without a mood logged in between do not end it)."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1


@dataclass
class Summary:
    name: str
    email: str
    birth_date: date | None
    days_after_birth: int | None  # on the report's last day
    delivery_type: str
    feeding_mode: str
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
    mood_tags: list[Count]
    warnings: list[WarningEntry]
    effects: list[dict[str, Any]]
    small_effects: int  # clear, but under 2 points or not holding up: left out
    notes: list[tuple[date, str]]
    notes_total: int
    questions: str

    @property
    def method_note(self) -> str:
        """How the comparisons were made, in a sentence a doctor can weigh them by."""
        return _(
            "Pain ratings are momentary, self-reported 0-10 ratings. Each habit is compared on "
            "days with and without it, the same day and the next day, after allowing for the "
            "natural recovery over the weeks, with at least %(days)s days on each side and 95%% "
            "confidence intervals that allow for day-to-day autocorrelation (AR(1) errors). "
            "%(comparisons)s comparisons were made; only differences of %(points)s points or "
            "more that hold up after a Benjamini-Hochberg correction for their number (5%% false "
            "discovery rate) are listed. These are associations in her own diary, not proof of "
            "cause; a difference under %(points)s points is below the usual threshold for a "
            "clinically important change."
        ) % {
            "days": self.insights["min_days"],
            "points": f"{self.insights['meaningful_points']:g}",
            "comparisons": self.insights["comparisons"],
        }

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
    def low_mood_lines(self) -> list[str]:
        """The longest run of low mood, and the low days among the last 14 of the report."""
        lines = []
        run = self.longest_low_mood
        if run is not None and run.days == 1:
            lines.append(
                _("Longest run of low mood: 1 day (%(date)s).") % {"date": long_date(run.first)}
            )
        elif run is not None:
            lines.append(
                _("Longest run of low mood: %(days)s days (%(first)s to %(last)s).")
                % {"days": run.days, "first": long_date(run.first), "last": long_date(run.last)}
            )
        lines.append(
            _("Low on %(low)s of the last 14 days (mood logged on %(logged)s of them).")
            % {"low": self.recent_low_mood_days, "logged": self.recent_mood_days}
        )
        return lines

    @property
    def depression_screen_prompt(self) -> str:
        return _(
            "Low mood has lasted two weeks or more: consider screening for postnatal "
            "depression (for example PHQ-9 or EPDS)."
        )

    @property
    def suggest_depression_screen(self) -> bool:
        """Low mood for two weeks in a row, or on most of the last two weeks."""
        lasting = self.longest_low_mood is not None and (
            self.longest_low_mood.days >= LOW_MOOD_SCREEN_DAYS
        )
        return lasting or self.recent_low_mood_days >= LOW_MOOD_SCREEN_RECENT

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
    recent = {day: mood for day, mood in moods.items() if day > end - timedelta(14)}
    effects = data["effects"]
    return Summary(
        name=profile.display_name,
        email=user.email,
        birth_date=profile.baby_birth_date,
        days_after_birth=days_after_birth,
        delivery_type=profile.get_delivery_type_display() if profile.delivery_type else "",
        feeding_mode=profile.get_feeding_mode_display() if profile.feeding_mode else "",
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
        weeks=weekly(daily, {day.date: day.pain_worst for day in rated}, start, end, profile),
        body_areas=counted(
            Counter(area for rating in ratings for area in rating.get("body_areas") or ()),
            len(ratings),
            names,
        ),
        positions=counted(Counter(feeding["position"] for feeding in feeds), len(feeds), names),
        supports=counted(
            Counter(key for feeding in feeds for key in feeding.get("supports") or ()),
            len(feeds),
            names,
        ),
        feeds=len(feeds),
        hunched_feeds=sum(1 for feeding in feeds if feeding.get("posture") == "hunched"),
        exercise_days=sum(1 for day in days if day.exercises),
        exercises=counted(
            Counter(key for day in days for key in {item["exercise"] for item in day.exercises}),
            len(days),
            names,
        ),
        habits=counted(Counter(key for day in days for key in day.habits), len(days), names),
        mood_days=sum(1 for day in days if day.mood is not None),
        mood_average=rounded_mean(day.mood for day in days if day.mood is not None),
        low_mood_days=sum(1 for mood in moods.values() if mood <= LOW_MOOD_AT_MOST),
        longest_low_mood=longest_low_mood(moods),
        recent_mood_days=len(recent),
        recent_low_mood_days=sum(1 for mood in recent.values() if mood <= LOW_MOOD_AT_MOST),
        mood_tags=counted(Counter(tag for day in days for tag in day.mood_tags), len(days), names),
        warnings=warning_entries(days, names),
        effects=telling_effects(effects),
        small_effects=sum(1 for effect in effects if effect["group"] == "small"),
        notes=[(day, shortened(note)) for day, note in notes[-NOTES_SHOWN:]],
        notes_total=len(notes),
        questions=profile.visit_questions.strip(),
    )


def long_date(day: date) -> str:
    """A date in the one style of her language (config/formats): 28 Nov 2026, 2026年11月28日."""
    return date_format(day, "DATE_FORMAT")


def rounded_mean(values) -> float | None:
    values = [value for value in values if value is not None]
    return round(mean(values), 1) if values else None


def weekly(
    daily: dict[date, float],
    worst: dict[date, int],
    start: date,
    end: date,
    profile: Profile,
) -> list[Week]:
    """A row per week: weeks after the birth when she gave the date, else Monday to Sunday."""
    birth = profile.baby_birth_date
    groups: dict[date, list[date]] = defaultdict(list)
    for day in daily:
        if birth and day >= birth:
            week_start = birth + timedelta(days=(day - birth).days // 7 * 7)
        else:
            week_start = day - timedelta(days=day.weekday())
        groups[week_start].append(day)
    weeks = []
    for week_start in sorted(groups):
        days = groups[week_start]
        first, last = max(week_start, start), min(week_start + timedelta(days=6), end)
        if birth and week_start >= birth:
            number = {"number": (week_start - birth).days // 7 + 1}
            label = _("Week %(number)s after the birth") % number
            short_label = pgettext("short week label", "Wk %(number)s") % number
        else:
            short_label = date_format(week_start, "MONTH_DAY_FORMAT")
            label = _("Week of %(date)s") % {"date": short_label}
        weeks.append(
            Week(
                label=label,
                short_label=short_label,
                start=first,
                end=last,
                rated_days=len(days),
                average=rounded_mean(daily[day] for day in days),
                lowest=round(min(daily[day] for day in days), 1),
                worst=max(worst[day] for day in days),
            )
        )
    return weeks


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


def longest_low_mood(moods: dict[date, int]) -> LowMoodRun | None:
    """The longest stretch of low mood. A logged mood above low ends it; a day or two without
    a mood does not (she may not log on her worst days), a longer gap does."""
    longest, current = None, None
    for day in sorted(moods):
        if moods[day] > LOW_MOOD_AT_MOST:
            current = None
            continue
        if current is None or (day - current.last).days > LOW_MOOD_GAP_DAYS + 1:
            current = LowMoodRun(day, day)
        current = LowMoodRun(current.first, day)
        if longest is None or current.days > longest.days:
            longest = current
    return longest


def telling_effects(effects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The differences that matter (the page's headline groups), largest first."""
    return [effect for effect in effects if effect["group"] in ("less", "more")][:EFFECTS_SHOWN]


def shortened(note: str) -> str:
    note = " ".join(note.split())
    if len(note) <= NOTE_SUMMARY_CHARS:
        return note
    return note[: NOTE_SUMMARY_CHARS - 1].rstrip() + "…"


def percent(share: float) -> str:
    return f"{round(share * 100)}%"
