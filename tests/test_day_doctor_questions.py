"""What a doctor asks, in the day's log: medicines taken, last night's sleep, how much pain got
in the way of the day, and leg symptoms with a pain rating (issue 15)."""

import copy
import importlib
from datetime import date

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import new_id, realistic_day
from tracker.models import DAY_FIELDS, DayLog, User, content_version, unknown_sleep_exposures

pytestmark = pytest.mark.django_db

DAY = "2026-01-15"
URL = f"/api/v1/days/{DAY}/"
NEW_FIELDS = ("medicines", "sleep_hours", "sleep_quality", "pain_interference")


def test_the_new_fields_follow_the_others_in_the_agreed_order():
    assert DAY_FIELDS[7:12] == ("exercises", *NEW_FIELDS)


def test_a_day_with_medicines_sleep_and_leg_symptoms_reads_back_as_sent(api):
    body = realistic_day()
    body["pain_ratings"][0]["leg_symptoms"] = ["down_leg", "numb_tingling"]
    body["medicines"].append(
        {"id": new_id(), "time": None, "medicine": "other_medicine", "name": "Codeine",
         "dose_mg": None}
    )  # fmt: skip
    body["sleep_hours"] = 5
    created = api.put(URL, body, format="json")
    assert created.status_code == 201, created.json()
    got = api.get(URL).json()
    assert got == created.json()
    assert got["pain_ratings"][0]["leg_symptoms"] == ["down_leg", "numb_tingling"]
    assert got["pain_ratings"][1]["leg_symptoms"] == []  # left out: none
    assert got["medicines"] == [
        {"id": body["medicines"][0]["id"], "time": "07:45:00", "medicine": "paracetamol",
         "name": "", "dose_mg": 500},
        {"id": body["medicines"][1]["id"], "time": None, "medicine": "other_medicine",
         "name": "Codeine", "dose_mg": None},
    ]  # fmt: skip
    assert got["sleep_hours"] == 5 and isinstance(got["sleep_hours"], float)
    assert (got["sleep_quality"], got["pain_interference"]) == ("woke_often", 4)
    # What it got, put back, is the same day: 5 and 5.0 are one version.
    again = api.put(URL, got, format="json", HTTP_IF_MATCH=f'"{got["version"]}"')
    assert again.status_code == 200 and again.json() == got
    day = DayLog.objects.get()
    assert day.version == content_version(day.document) == got["version"]


def test_a_medicine_left_without_name_or_dose_gets_their_defaults(api):
    body = realistic_day()
    body["medicines"] = [{"id": new_id(), "medicine": "ibuprofen"}]
    assert api.put(URL, body, format="json").status_code == 201
    (medicine,) = api.get(URL).json()["medicines"]
    assert (medicine["name"], medicine["dose_mg"], medicine["time"]) == ("", None, None)


@pytest.mark.parametrize("hours", [0, 0.5, 7, 13.5, 14])
def test_sleep_hours_take_half_hour_steps_from_0_to_14(api, hours):
    body = realistic_day()
    body["sleep_hours"] = hours
    assert api.put(URL, body, format="json").status_code == 201
    assert api.get(URL).json()["sleep_hours"] == hours


def medicine(day: dict, **fields) -> None:
    day["medicines"][0].update(fields)


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d.update(sleep_hours="5"), "sleep_hours"),
        (lambda d: d.update(sleep_hours=True), "sleep_hours"),
        (lambda d: d.update(sleep_hours=5.25), "sleep_hours"),
        (lambda d: d.update(sleep_hours=-1), "sleep_hours"),
        (lambda d: d.update(sleep_hours=14.5), "sleep_hours"),
        (lambda d: d.update(sleep_hours=[5]), "sleep_hours"),
        (lambda d: d.update(sleep_quality="great"), "sleep_quality"),
        (lambda d: d.update(sleep_quality=None), "sleep_quality"),
        (lambda d: d.update(sleep_quality=1), "sleep_quality"),
        (lambda d: d.update(pain_interference=11), "pain_interference"),
        (lambda d: d.update(pain_interference=-1), "pain_interference"),
        (lambda d: d.update(pain_interference=4.5), "pain_interference"),
        (lambda d: d.update(pain_interference="4"), "pain_interference"),
        (lambda d: d.update(pain_interference=False), "pain_interference"),
        (lambda d: medicine(d, medicine="aspirin"), "medicines"),
        (lambda d: medicine(d, medicine="lower_back"), "medicines"),  # a key of another kind
        (lambda d: medicine(d, name="Panadol"), "medicines"),  # a catalogue medicine: no name
        (lambda d: medicine(d, medicine="other_medicine", name=""), "medicines"),
        (lambda d: medicine(d, medicine="other_medicine", name="   "), "medicines"),
        (lambda d: medicine(d, medicine="other_medicine", name="x" * 81), "medicines"),
        (lambda d: medicine(d, medicine="other_medicine"), "medicines"),
        (lambda d: medicine(d, dose_mg=0), "medicines"),
        (lambda d: medicine(d, dose_mg=4001), "medicines"),
        (lambda d: medicine(d, dose_mg="500"), "medicines"),
        (lambda d: medicine(d, dose_mg=500.0), "medicines"),
        (lambda d: medicine(d, strength="500mg"), "medicines"),
        (lambda d: medicine(d, id="not-a-uuid"), "medicines"),
        (lambda d: d["medicines"].append(dict(d["medicines"][0])), "medicines"),
        (lambda d: d.update(medicines=[d["medicines"][0]] * 51), "medicines"),
        (lambda d: d["pain_ratings"][0].update(leg_symptoms=["down_leg", "down_leg"]),
         "pain_ratings"),
        (lambda d: d["pain_ratings"][0].update(leg_symptoms=["sciatica"]), "pain_ratings"),
        (lambda d: d["pain_ratings"][0].update(leg_symptoms="down_leg"), "pain_ratings"),
        (lambda d: d["pain_ratings"][0].update(leg_symptoms=None), "pain_ratings"),
    ],
)  # fmt: skip
def test_bad_input_is_refused_naming_the_field_and_nothing_is_saved(api, mutate, field):
    body = realistic_day()
    mutate(body)
    response = api.put(URL, body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert DayLog.objects.count() == 0


def test_the_error_names_the_field_inside_the_medicine(api):
    body = realistic_day()
    medicine(body, medicine="other_medicine")
    errors = api.put(URL, body, format="json").json()
    assert errors["medicines"] == {"0": {"name": ["Say which medicine it was."]}}, errors


@pytest.mark.parametrize("field", NEW_FIELDS)
def test_a_put_without_a_new_field_is_refused(api, field):
    body = realistic_day()
    del body[field]
    response = api.put(URL, body, format="json")
    assert response.status_code == 400
    assert "whole day" in response.json()[field][0]


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


def test_the_catalogue_offers_the_medicines_in_both_languages(api):
    english = api.get("/api/v1/catalogue/").json()["medicines"]
    assert [item["key"] for item in english] == ["paracetamol", "ibuprofen", "other_medicine"]
    chinese = api.get("/api/v1/catalogue/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()["medicines"]
    assert chinese[1]["name"] == "布洛芬"


def test_the_schema_documents_the_new_fields(api):
    schema = api.get("/api/v1/schema/?format=json").json()["components"]["schemas"]
    day = schema["Day"]["properties"]
    for field in NEW_FIELDS:
        assert day[field].get("description"), field
    assert day["sleep_hours"]["multipleOf"] == 0.5 and day["sleep_hours"]["maximum"] == 14
    assert schema["Medicine"]["properties"]["dose_mg"]["maximum"] == 4000
    assert "leg_symptoms" in schema["PainRating"]["properties"]


# The migration that brought the new fields, and the ones after it that version days.
BEFORE = [("tracker", "0007_apitoken_ordering")]
AFTER = [("tracker", "0010_day_logs_hold_her_recovery")]


@pytest.mark.django_db(transaction=True)
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
    latest = importlib.import_module("tracker.migrations.0010_day_logs_hold_her_recovery")
    assert DAY_FIELDS[: len(migration.FIELDS)] == migration.FIELDS
    assert latest.FIELDS == DAY_FIELDS
    day = day_with(user, **{**realistic_day(), "pain_ratings": [], "feedings": []})
    DayLog.objects.bulk_create([day])
    migration.fill_new_fields(apps, None)
    latest.version_the_new_fields(apps, None)
    stored = DayLog.objects.get()
    assert stored.version == content_version(stored.document) == day.version


def test_a_full_day_is_still_complete_after_a_copy(api):
    # realistic_day holds every field a PUT needs, now the new ones too.
    body = copy.deepcopy(realistic_day())
    assert set(DAY_FIELDS) <= set(body)


def test_the_demo_history_holds_medicines_nights_and_interference(catalogue):
    from tracker.demo import ensure_demo_account

    user, _rebuilt = ensure_demo_account()
    history = list(user.day_logs.order_by("date"))
    early, late = history[:14], history[-14:]
    painkiller_days = [sum(day.took_painkiller for day in part) for part in (early, late)]
    assert painkiller_days[0] > painkiller_days[1] >= 0 and painkiller_days[0] >= 5
    nights = [day.sleep_hours for day in history if day.sleep_hours is not None]
    assert 40 <= len(nights) < len(history) and all(3 <= hours <= 7 for hours in nights)
    assert all((hours * 2).is_integer() for hours in nights)
    assert all(day.sleep_quality for day in history if day.sleep_hours is not None)
    # How much pain got in the way follows the pain.
    rated = [day for day in history if day.pain_interference is not None]
    worse = [day.pain_interference for day in rated if day.mean_pain >= 5]
    better = [day.pain_interference for day in rated if day.mean_pain <= 3]
    assert worse and better and sum(worse) / len(worse) > sum(better) / len(better) + 2
    legs = [r["leg_symptoms"] for day in history for r in day.pain_ratings if r["leg_symptoms"]]
    assert 1 <= len(legs) <= 30
    assert all(day.version == content_version(day.document) for day in history)
