"""The History page's month calendar: each day coloured by its worst pain, with marks for
mood, exercise, warning signs and painkillers, and the words a screen reader says for it."""

import calendar
from dataclasses import dataclass
from datetime import date

from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, get_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from core.weekdays import weekday_names
from tracker import days
from tracker.models import DayLog, User

MOOD_WORDS = {
    1: gettext_lazy("Very low"),
    2: gettext_lazy("Low"),
    3: gettext_lazy("Okay"),
    4: gettext_lazy("Good"),
    5: gettext_lazy("Very good"),
}


@dataclass(frozen=True)
class CalendarDay:
    date: date
    log: DayLog | None
    is_future: bool

    @property
    def label(self) -> str:
        """All the cell shows, in words: "Sat 28 Nov: worst pain 6 of 10, mood okay, ..."."""
        day = date_format(self.date, "MONTH_DAY_FORMAT")
        if self.log is None:
            return _("%(day)s: nothing logged") % {"day": day}
        parts = []
        if self.log.pain_worst is not None:
            parts.append(_("worst pain %(pain)s of 10") % {"pain": self.log.pain_worst})
        if self.log.mood is not None:
            parts.append(_("mood: %(mood)s") % {"mood": MOOD_WORDS[self.log.mood]})
        if self.log.exercises:
            parts.append(_("exercised"))
        if self.log.warning_signs:
            parts.append(_("warning sign"))
        if self.log.took_painkiller:
            parts.append(_("took a painkiller"))
        if self.log.sleep_hours is not None:
            parts.append(_("slept %(hours)s hours") % {"hours": hours_text(self.log.sleep_hours)})
        if not parts:
            parts.append(_("logged, without pain or mood"))
        facts = pgettext("between facts about a day", ", ").join(parts)
        return _("%(day)s: %(facts)s") % {"day": day, "facts": facts}


def hours_text(hours: float) -> str:
    """Hours as she wrote them: 5, 5.5 (never 5.0), in the page's number format."""
    return floatformat(hours, -1)


@dataclass(frozen=True)
class MonthCalendar:
    month: date  # its first day
    weeks: list[list[CalendarDay | None]]  # None: a cell of the month before or after
    weekday_names: list[tuple[str, str]]  # (initial, full name), in the order of the columns
    previous_month: date
    next_month: date | None  # None when it would be in the future


def parse_month(value: str | None, today: date) -> date:
    """The first day of "YYYY-MM"; this month for anything else or for a future month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        first = date(year, month, 1)
    except ValueError:
        return today.replace(day=1)
    return min(first, today.replace(day=1))


def add_months(first: date, count: int) -> date:
    index = first.year * 12 + first.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_calendar(user: User, month: date, today: date) -> MonthCalendar:
    first_weekday = int(get_format("FIRST_DAY_OF_WEEK"))  # 0 Sunday, 1 Monday, as Django
    # Python counts 0 as Monday.
    grid = calendar.Calendar(firstweekday=(first_weekday - 1) % 7)
    last = date(month.year, month.month, calendar.monthrange(month.year, month.month)[1])
    logs = {log.date: log for log in days.history_range(user, month, last)}
    weeks = [
        [
            CalendarDay(day, logs.get(day), day > today) if day.month == month.month else None
            for day in week
        ]
        for week in grid.monthdatescalendar(month.year, month.month)
    ]
    names = [weekday_names(weekday) for weekday in grid.iterweekdays()]
    following = add_months(month, 1)
    return MonthCalendar(
        month=month,
        weeks=weeks,
        weekday_names=names,
        previous_month=add_months(month, -1),
        next_month=following if following <= today else None,
    )


def by_month(logs: list[DayLog]) -> list[tuple[date, list[DayLog]]]:
    """The list under the calendar, a heading per month (newest first, as given)."""
    groups: list[tuple[date, list[DayLog]]] = []
    for log in logs:
        month = log.date.replace(day=1)
        if not groups or groups[-1][0] != month:
            groups.append((month, []))
        groups[-1][1].append(log)
    return groups
