"""The dates a day can have, and how a date is written: one spelling, one range.

Every path that takes a date from outside (the day API, a page's URL, a backup, a report's
range) checks it here, so a date before 2000 or past the last place on Earth's today is
refused in the same words everywhere.
"""

import re
from datetime import date
from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.translation import gettext as _

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EARLIEST_DATE = date(2000, 1, 1)
# The last place on Earth to start a new day; a date later than its today is in the future
# for everyone, whatever zone her phone or profile is in while she travels.
LATEST_ZONE = ZoneInfo("Pacific/Kiritimati")


def latest_possible_date() -> date:
    return timezone.now().astimezone(LATEST_ZONE).date()


def parse_iso_date(value: str) -> date:
    """A date written exactly YYYY-MM-DD, so that a day has one spelling (strptime would take
    2024-2-3 too, fromisoformat 20240203); raises ValueError with a message for the user."""
    if not ISO_DATE.fullmatch(value):
        raise ValueError(_("Enter a date as YYYY-MM-DD."))
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(_("Enter a date as YYYY-MM-DD.")) from None


def parse_day_date(value: str) -> date:
    """Parse a YYYY-MM-DD date of a day she may log; raises ValueError with a message for the
    user."""
    parsed = parse_iso_date(value)
    if parsed < EARLIEST_DATE:
        raise ValueError(_("The date is too far in the past."))
    if parsed > latest_possible_date():
        raise ValueError(_("The date is in the future."))
    return parsed
