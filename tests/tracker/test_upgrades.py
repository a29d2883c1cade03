"""Days stored by an older version are brought up to today's shape by the migrations: a
summary of their items, the medicine, sleep and interference fields, and a version that matches
their content."""

import importlib
from datetime import date

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.support.days import new_id, realistic_day
from tracker.models import DAY_FIELDS, DayLog, content_version

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 20)


def test_days_stored_before_the_summary_get_one(user):
    day = DayLog(user=user, date=DAY, mood=1, habits=["rested"], pain_ratings=[{"score": 7}])
    DayLog.objects.bulk_create([day])  # as the rows were: no summary
    migration = importlib.import_module("tracker.migrations.0003_daylog_summary")
    migration.summarize_existing_days(apps, None)
    day = DayLog.objects.get(pk=day.pk)
    assert (day.pain_mean, day.pain_worst, day.pain_count) == (7.0, 7, 1)
    assert day.exposures == ["low_mood", "rested"]


# The migration that brought medicines, sleep, interference and leg symptoms, and the ones
# after it that version days.
BEFORE = [("tracker", "0007_apitoken_ordering")]
AFTER = [("tracker", "0011_day_logs_hold_her_recovery")]


@pytest.mark.slow  # migrates the database back and forth
@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest")
def test_days_stored_before_get_the_new_fields_and_a_coherent_version():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    executor.loader.build_graph()
    old_apps = executor.loader.project_state(BEFORE).apps
    old_user = old_apps.get_model("tracker", "User").objects.create(email="a@example.com")
    rating = {"id": new_id(), "score": 4, "time": "07:30:00", "body_areas": ["lower_back"]}
    old_days = old_apps.get_model("tracker", "DayLog").objects
    old_days.create(user=old_user, date=date(2026, 1, 14), mood=2, version="old",
                    pain_ratings=[rating, {**rating, "id": new_id(), "score": 6}])  # fmt: skip
    old_days.create(user=old_user, date=date(2026, 1, 15), note="quiet day", version="old")

    MigrationExecutor(connection).migrate(AFTER)

    first, second = DayLog.objects.filter(user_id=old_user.pk).order_by("date")
    assert [r["leg_symptoms"] for r in first.pain_ratings] == [[], []]
    assert first.pain_ratings[0]["score"] == 4 and first.pain_ratings[1]["score"] == 6
    for day in (first, second):
        assert day.medicines == [] and day.sleep_hours is None
        assert day.sleep_quality == "" and day.pain_interference is None
        assert day.version == content_version(day.document)


def test_the_migration_copies_the_version_hash_of_its_time(user):
    """Its frozen copy of content_version agrees with the model's while DAY_FIELDS are these;
    the migration that added fields after it (and versions days again) keeps its own copy."""
    migration = importlib.import_module("tracker.migrations.0009_day_logs_hold_the_new_fields")
    latest = importlib.import_module("tracker.migrations.0011_day_logs_hold_her_recovery")
    assert DAY_FIELDS[: len(migration.FIELDS)] == migration.FIELDS
    assert latest.FIELDS == DAY_FIELDS
    day = DayLog(user=user, date=date(2026, 1, 15),
                 **{**realistic_day(), "pain_ratings": [], "feedings": []})  # fmt: skip
    day.summarize()
    DayLog.objects.bulk_create([day])
    migration.fill_new_fields(apps, None)
    latest.version_the_new_fields(apps, None)
    stored = DayLog.objects.get()
    assert stored.version == content_version(stored.document) == day.version
