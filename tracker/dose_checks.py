"""Her logged painkiller doses checked against the limits (habits.dose_limits), as the day's API
answer, her pages and her report show them.

A date's checks read the doses of the day before too (the 24 hours roll across midnight), in
her profile's time zone. They only ever read: a dose over a limit is saved exactly as she
logged it, and the alert says what to do.
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.utils import translation

from habits.dose_limits import Dose, DoseAlert, alerts_on, doses_of_day
from habits.medicine_advice import alert_payload
from tracker.models import DayLog, Profile, User


def medicines_on(user: User, days: Iterable[date]) -> dict[date, list[dict]]:
    """The medicine items logged on these dates, by date (one query)."""
    return dict(
        DayLog.objects.filter(user=user, date__in=list(days)).values_list("date", "medicines")
    )


def doses(medicines_by_date: dict[date, list[dict]]) -> list[Dose]:
    return [
        dose for day, items in medicines_by_date.items() for dose in doses_of_day(day, items or [])
    ]


def day_alerts(profile: Profile, day: date, medicines: list[dict]) -> list[DoseAlert]:
    """The limits passed on `day` by these medicines (the day's, as stored or as sent)."""
    before = day - timedelta(days=1)
    logged = {**medicines_on(profile.user, [before]), day: medicines}
    return alerts_on(day, doses(logged), profile.zone)


def alerts_payload(profile: Profile, alerts: Iterable[DoseAlert]) -> list[dict]:
    """The alerts in her language (her profile's, even for a script whose token request
    carries none), with the numbers to call in her region."""
    region = profile.emergency_region
    with translation.override(profile.language or None):
        return [alert_payload(alert, region) for alert in alerts]


def alerts_for_days(profile: Profile, days: list[DayLog]) -> dict[date, list[dict]]:
    """The alerts of each of these days, reading each one's day before once (a page of days)."""
    logged = {day.date: day.medicines for day in days}
    missing = {day.date - timedelta(days=1) for day in days} - set(logged)
    logged.update(medicines_on(profile.user, missing))
    every_dose = doses(logged)
    return {
        day.date: alerts_payload(profile, alerts_on(day.date, every_dose, profile.zone))
        for day in days
    }


def alerts_in_range(profile: Profile, days: list[DayLog], start: date) -> list[DoseAlert]:
    """Every alert of these days (a report's range from `start`), oldest first."""
    logged = {day.date: day.medicines for day in days}
    logged.update(medicines_on(profile.user, [start - timedelta(days=1)]))
    every_dose = doses(logged)
    return [
        alert
        for day in sorted(day.date for day in days)
        for alert in alerts_on(day, every_dose, profile.zone)
    ]
