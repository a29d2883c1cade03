"""Each day keeps a summary of its items (pain and what happened) for insights to read."""

from datetime import date

import pytest

from tests.support.days import realistic_day
from tracker.models import DayLog, User, unknown_sleep_exposures

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 20)


def test_saving_a_day_keeps_its_summary(api, user):
    body = realistic_day()
    body["mood"] = 2
    created = api.put(f"/api/v1/days/{DAY}/", body, format="json")
    assert created.status_code == 201
    day = DayLog.objects.get(user=user, date=DAY)
    assert (day.pain_mean, day.pain_worst, day.pain_count) == (5.0, 6, 2)
    assert set(day.exposures) >= {
        "bent_knees_lift", "flat_shoes", "side_lying", "football", "back_support",
        "pillow_under_baby", "low_mood",
    }  # fmt: skip

    body["pain_ratings"] = body["pain_ratings"][:1]
    body["mood"] = 4
    body["habits"] = []
    changed = api.put(f"/api/v1/days/{DAY}/", body, format="json", HTTP_IF_MATCH=created["ETag"])
    assert changed.status_code == 200
    day.refresh_from_db()
    assert (day.pain_mean, day.pain_worst, day.pain_count) == (6.0, 6, 1)
    assert "low_mood" not in day.exposures and "flat_shoes" not in day.exposures


def day_with(user: User, **fields) -> DayLog:
    day = DayLog(user=user, date=date(2026, 1, 15), **fields)
    day.summarize()
    return day


def test_medicines_and_sleep_are_exposures(user):
    day = day_with(
        user,
        medicines=[{"medicine": "ibuprofen"}, {"medicine": "other_medicine"}],
        sleep_hours=5.5,
        sleep_quality="hardly",
    )
    assert {"ibuprofen", "other_medicine", "painkiller", "short_sleep", "broken_sleep"} <= set(
        day.exposures
    )
    assert day.sleep_logged and day.unknown_exposures == frozenset()


def test_a_good_night_and_other_medicines_expose_nothing_of_them(user):
    day = day_with(
        user, medicines=[{"medicine": "other_medicine"}], sleep_hours=6, sleep_quality="woke_few"
    )
    assert "painkiller" not in day.exposures
    assert not {"short_sleep", "broken_sleep"} & set(day.exposures)
    assert day.unknown_exposures == frozenset()


def test_a_day_without_sleep_says_nothing_about_it(user):
    day = day_with(user)
    assert not day.sleep_logged
    assert day.unknown_exposures == {"short_sleep", "broken_sleep"}
    assert unknown_sleep_exposures(7.0, "") == {"broken_sleep"}
    assert unknown_sleep_exposures(None, "unbroken") == {"short_sleep"}
