"""Each day keeps a summary of its items (pain and what happened) for insights to read."""

import importlib
from datetime import date

import pytest
from django.apps import apps

from tests.support.days import realistic_day
from tracker.models import DayLog

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


def test_days_stored_before_the_summary_get_one(user):
    day = DayLog(user=user, date=DAY, mood=1, habits=["rested"], pain_ratings=[{"score": 7}])
    DayLog.objects.bulk_create([day])  # as the rows were: no summary
    migration = importlib.import_module("tracker.migrations.0003_daylog_summary")
    migration.summarize_existing_days(apps, None)
    day = DayLog.objects.get(pk=day.pk)
    assert (day.pain_mean, day.pain_worst, day.pain_count) == (7.0, 7, 1)
    assert day.exposures == ["low_mood", "rested"]
