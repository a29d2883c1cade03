"""The days a report covers: her range, filled in and bounded.

A report's figures and chart (the PDF, the share page) come from insights over its days, so
it covers at most insights.series.MAX_DAYS, as the Insights API does: a range written out
longer than that is refused, naming its first day; an open one (from her first log, or up to
the day a link is opened, which grows) is cut to its last MAX_DAYS days. The CSV, FHIR and
backup files cost a little per day logged, and cover any range of days that can exist.
"""

from datetime import date, timedelta

from django.utils.translation import gettext as _

from insights.series import MAX_DAYS, open_range
from reports.models import ExportFormat
from tracker.models import User


def report_range(user: User, start: date | None, end: date | None) -> tuple[date, date]:
    """open_range, ending where it ends and at most MAX_DAYS long."""
    start, end = open_range(user, start, end)
    return max(start, end - timedelta(days=MAX_DAYS - 1)), end


def export_range(
    user: User, export_format: str, start: date | None, end: date | None
) -> tuple[date, date]:
    """The days an export of this format covers."""
    if export_format == ExportFormat.PDF:
        return report_range(user, start, end)
    return open_range(user, start, end)


def too_long(start: date | None, end: date | None, today: date) -> str:
    """Why a range written out is too long for a report, or "" when it is not."""
    if start is None or (min(end or today, today) - start).days + 1 <= MAX_DAYS:
        return ""
    return _("A report covers at most %(days)s days: choose a later first day.") % {
        "days": MAX_DAYS
    }
