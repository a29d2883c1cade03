"""Weekdays as the pages show them in a narrow column: one letter, read out by full name."""

from django.utils.dates import WEEKDAYS
from django.utils.translation import pgettext_lazy

# Monday is 0, as in Python and django.utils.dates.WEEKDAYS.
WEEKDAY_INITIALS = (
    pgettext_lazy("Monday, one letter", "M"),
    pgettext_lazy("Tuesday, one letter", "T"),
    pgettext_lazy("Wednesday, one letter", "W"),
    pgettext_lazy("Thursday, one letter", "T"),
    pgettext_lazy("Friday, one letter", "F"),
    pgettext_lazy("Saturday, one letter", "S"),
    pgettext_lazy("Sunday, one letter", "S"),
)


def weekday_names(weekday: int) -> tuple[str, str]:
    """(initial, full name) of a weekday, Monday being 0."""
    return str(WEEKDAY_INITIALS[weekday]), str(WEEKDAYS[weekday])
