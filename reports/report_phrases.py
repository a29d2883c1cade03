"""The phrases the report's sentences are made of (reports.report_text): a date, a share, a
list, a figure not logged, a medicine with its most recent dose, a warning sign with what to do,
a week's row of the weekly table. Each is said one way, in the active language.
"""

from dataclasses import dataclass
from datetime import date

from django.utils.dateformat import format as format_date
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from reports.summary import Count, MedicineUse, WarningSummary, Week

# A "most often" list printed inline shows this many; the CSV has the rest.
TOP_ITEMS = 5
# A figure that was not logged.
NONE_SHOWN = "–"


@dataclass(frozen=True)
class WeekRow:
    """A row of the week-by-week table: its names and its five figures, as text."""

    label: str  # "Week 5 after the birth"
    short_label: str  # "Wk 5", for a narrow screen
    dated_label: str  # "Week 5 after the birth (24 Aug–28 Aug)", for the printed page
    cells: list[str]  # days rated, average, lowest day, highest rating, interference


def long_date(day: date) -> str:
    """A date in the one style of her language (config/formats): 28 Nov 2026, 2026年11月28日."""
    return date_format(day, "DATE_FORMAT")


def percent(share: float) -> str:
    return f"{round(share * 100)}%"


def one_decimal(value: float | None) -> str:
    return NONE_SHOWN if value is None else f"{value:.1f}"


def listed(texts) -> str:
    """Texts in a list within a sentence: "a, b, c" (a Chinese list takes "、")."""
    return pgettext("list separator", ", ").join(texts)


def dated(day: date, text: str) -> str:
    """A line that starts with its date ("13 Sep 2026: ..."), punctuated for the language."""
    return pgettext("dated line", "%(date)s: %(text)s") % {"date": long_date(day), "text": text}


def inline(counts: list[Count], limit: int = TOP_ITEMS) -> str:
    """The most frequent first, with their shares, in a line: "Lower back 100%, Pelvis 50%"."""
    shown = [f"{count.name} {percent(count.share)}" for count in counts[:limit]]
    if len(counts) > limit:
        shown.append(_("%(number)s more") % {"number": len(counts) - limit})
    return listed(shown)


def week_row(week: Week) -> WeekRow:
    if week.number is not None:
        number = {"number": week.number}
        label = _("Week %(number)s after the birth") % number
        short_label = pgettext("short week label", "Wk %(number)s") % number
    else:
        short_label = date_format(week.begins, "MONTH_DAY_FORMAT")
        label = _("Week of %(date)s") % {"date": short_label}
    chart_date = pgettext("chart date", "j M")
    dates = f"{format_date(week.start, chart_date)}–{format_date(week.end, chart_date)}"
    interference = NONE_SHOWN if week.interference is None else f"{week.interference:g}"
    return WeekRow(
        label=label,
        short_label=short_label,
        dated_label=pgettext("week with its dates", "%(week)s (%(dates)s)")
        % {"week": label, "dates": dates},
        cells=[
            str(week.rated_days),
            one_decimal(week.average),
            one_decimal(week.lowest),
            NONE_SHOWN if week.worst is None else str(week.worst),
            interference,
        ],
    )


def medicine_text(use: MedicineUse) -> str:
    """E.g. "Paracetamol on 12 days (most recent 27 Nov 2026, 1000 mg; highest daily total
    3000 mg)"."""
    recent = long_date(use.last_day)
    if use.last_dose_mg:
        recent = pgettext("date with dose", "%(date)s, %(dose)s mg") % {
            "date": recent,
            "dose": use.last_dose_mg,
        }
    details = _("most recent %(recent)s") % {"recent": recent}
    if use.most_in_a_day_mg and use.most_in_a_day_mg != use.last_dose_mg:
        details = pgettext("clause separator", "; ").join(
            # A figure, not an instruction ("up to" read as one).
            [details, _("highest daily total %(dose)s mg") % {"dose": use.most_in_a_day_mg}]
        )
    counted_days = ngettext("%(name)s on %(days)s day", "%(name)s on %(days)s days", use.days) % {
        "name": use.name,
        "days": use.days,
    }
    return pgettext("text with details", "%(text)s (%(details)s)") % {
        "text": counted_days,
        "details": details,
    }


def warning_text(sign: WarningSummary) -> str:
    if sign.days == 1:
        text = _("%(name)s on %(date)s") % {"name": sign.name, "date": long_date(sign.last)}
    else:
        text = _("%(name)s on %(days)s days, last %(date)s") % {
            "name": sign.name,
            "days": sign.days,
            "date": long_date(sign.last),
        }
    return with_urgency(text, sign.urgency)


def with_urgency(text: str, urgency: str) -> str:
    """A warning sign followed by what to do about it, in brackets, if anything."""
    if not urgency:
        return text
    return pgettext("warning sign with urgency", "%(sign)s (%(urgency)s)") % {
        "sign": text,
        "urgency": urgency,
    }
