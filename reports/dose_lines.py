"""The report's red lines for painkiller limits passed (habits.dose_limits): which limit, and
on which dates, for her doctor to see at the top, on the PDF and the share page alike."""

from collections import defaultdict
from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from habits.dose_limits import IBUPROFEN, PARACETAMOL, DoseAlert

# The header's red line for each painkiller limit passed (habits.dose_limits), with its dates.
DOSE_ALERT_LINES = {
    (PARACETAMOL, "single_dose"): gettext_lazy("Paracetamol over 1 g in one dose on %(dates)s."),
    (PARACETAMOL, "daily_total"): gettext_lazy("Paracetamol over 4 g in 24 hours on %(dates)s."),
    (PARACETAMOL, "too_soon"): gettext_lazy("Paracetamol doses under 4 hours apart on %(dates)s."),
    (IBUPROFEN, "single_dose"): gettext_lazy("Ibuprofen over 800 mg in one dose on %(dates)s."),
    (IBUPROFEN, "daily_total"): gettext_lazy("Ibuprofen over 2,400 mg in 24 hours on %(dates)s."),
    (IBUPROFEN, "over_counter"): gettext_lazy(
        "Ibuprofen over 1,200 mg in 24 hours (the over-the-counter limit) on %(dates)s."
    ),
}


def dose_alert_lines(alerts: list[DoseAlert]) -> list[str]:
    """ "Paracetamol over 4 g in 24 hours on 12 Nov, 14 Nov.", a line per limit passed."""
    dates: dict[tuple[str, str], list[date]] = defaultdict(list)
    for alert in alerts:
        dates[(alert.medicine, alert.rule)].append(alert.day)
    return [
        str(DOSE_ALERT_LINES[key]) % {"dates": dates_text(days)}
        for key in DOSE_ALERT_LINES
        if (days := dates.get(key))
    ]


def dates_text(days: list[date], shown: int = 6) -> str:
    """Dates in short: "12 Nov, 14 Nov", the first few of a long list and how many more."""
    words = [date_format(day, pgettext("chart date", "j M")) for day in days[:shown]]
    if len(days) > shown:
        words.append(_("%(number)s more") % {"number": len(days) - shown})
    return pgettext("list separator", ", ").join(words)
