import copy
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support.accounts import token_client
from tests.support.days import new_id, realistic_day
from tracker.models import DAY_FIELDS, DayLog, content_version

pytestmark = pytest.mark.django_db

DAY = "2026-01-15"
URL = f"/api/v1/days/{DAY}/"
# What a doctor asks about the day, after the fields every day had from the start.
DOCTOR_FIELDS = ("medicines", "sleep_hours", "sleep_quality", "pain_interference")


def test_put_creates_the_whole_day_and_get_reads_it_back(api):
    body = realistic_day()
    response = api.put(URL, body, format="json")
    assert response.status_code == 201, response.json()

    got = api.get(URL).json()
    assert got["date"] == DAY
    assert got["mood"] == 3 and got["mood_tags"] == ["exhausted"]
    assert got["note"] == body["note"]
    assert [r["id"] for r in got["pain_ratings"]] == [r["id"] for r in body["pain_ratings"]]
    assert got["pain_ratings"][1]["body_areas"] == ["lower_back", "pelvis"]
    assert got["feedings"][1]["supports"] == ["back_support", "pillow_under_baby"]
    assert got["exercises"][0] == {
        "id": body["exercises"][0]["id"],
        "time": None,
        "exercise": "pelvic_floor",
        "reps": 10,
        "minutes": None,
    }


def test_the_doctor_fields_follow_the_others_in_the_agreed_order():
    assert DAY_FIELDS[7:12] == ("exercises", *DOCTOR_FIELDS)


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


def test_replaying_the_same_body_changes_nothing(api):
    body = realistic_day()
    first = api.put(URL, body, format="json").json()
    second = api.put(URL, body, format="json", HTTP_IF_MATCH=f'"{first["version"]}"')
    assert second.status_code == 200
    assert second.json() == first  # updated_at included: nothing was written
    day = DayLog.objects.get()
    assert len(day.pain_ratings) == 2 and len(day.feedings) == 2


def test_a_client_can_put_back_what_it_got(api):
    api.put(URL, realistic_day(), format="json")
    got = api.get(URL).json()
    assert api.put(URL, got, format="json", HTTP_IF_MATCH=f'"{got["version"]}"').json() == got


def test_put_updates_keeps_and_removes_items_by_id(api):
    body = realistic_day()
    version = api.put(URL, body, format="json").json()["version"]
    kept, dropped = body["pain_ratings"]
    changed = copy.deepcopy(body)
    changed["pain_ratings"] = [dict(kept, score=2), {"id": new_id(), "score": 1, "time": "21:00"}]
    result = api.put(URL, changed, format="json", HTTP_IF_MATCH=f'"{version}"').json()
    ids = {r["id"]: r["score"] for r in result["pain_ratings"]}
    assert ids[kept["id"]] == 2
    assert dropped["id"] not in ids
    assert len(ids) == 2


def test_the_same_ids_on_another_users_day_leave_hers_alone(api, other_api):
    body = realistic_day()
    mine = api.put(URL, body, format="json").json()
    changed = copy.deepcopy(body)
    changed["pain_ratings"][0]["score"] = 0
    assert other_api.put(URL, changed, format="json").status_code == 201
    assert api.get(URL).json() == mine


def medicine(day: dict, **fields) -> None:
    day["medicines"][0].update(fields)


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["pain_ratings"][0].update(score=11), "pain_ratings"),
        (lambda d: d["pain_ratings"][0].update(score=-1), "pain_ratings"),
        (lambda d: d["pain_ratings"][0].update(score=4.5), "pain_ratings"),
        (lambda d: d["pain_ratings"][0].update(score="4"), "pain_ratings"),
        (lambda d: d["pain_ratings"][0].update(score=True), "pain_ratings"),
        (lambda d: d["pain_ratings"][0].update(body_areas=["elbow"]), "pain_ratings"),
        (lambda d: d["feedings"][0].update(position="upside_down"), "feedings"),
        (lambda d: d["feedings"][0].update(minutes=1000), "feedings"),
        (lambda d: d["exercises"][0].update(exercise="crunches"), "exercises"),
        (lambda d: d.update(habits=["bent_knees_lift", "bent_knees_lift"]), "habits"),
        (lambda d: d.update(habits="flat_shoes"), "habits"),
        (lambda d: d.update(mood=6), "mood"),
        (lambda d: d.update(mood="3"), "mood"),
        (lambda d: d.update(note="x" * 2001), "note"),
        (lambda d: d.update(note=12), "note"),
        (lambda d: d.update(warning_signs=["feeling_sad"]), "warning_signs"),
        (lambda d: d.update(moood=3), "moood"),
        (lambda d: d["pain_ratings"][0].update(id="not-a-uuid"), "pain_ratings"),
        (lambda d: d["pain_ratings"].append(dict(d["pain_ratings"][0])), "pain_ratings"),
        (lambda d: d.update(pain_ratings={"score": 3}), "pain_ratings"),
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


def test_a_failed_update_leaves_the_stored_day_as_it_was(api):
    body = realistic_day()
    before = api.put(URL, body, format="json").json()
    body["note"] = "changed"
    body["pain_ratings"][0]["score"] = 42
    response = api.put(URL, body, format="json", HTTP_IF_MATCH=f'"{before["version"]}"')
    assert response.status_code == 400
    assert api.get(URL).json() == before


def test_the_error_names_the_field_inside_the_medicine(api):
    body = realistic_day()
    medicine(body, medicine="other_medicine")
    errors = api.put(URL, body, format="json").json()
    assert errors["medicines"] == {"0": {"name": ["Say which medicine it was."]}}, errors


@pytest.mark.parametrize("field", DOCTOR_FIELDS)
def test_a_put_without_a_doctor_field_is_refused(api, field):
    body = realistic_day()
    del body[field]
    response = api.put(URL, body, format="json")
    assert response.status_code == 400
    assert "whole day" in response.json()[field][0]


def test_a_full_day_is_still_complete_after_a_copy(api):
    # realistic_day holds every field a PUT needs, now the new ones too.
    body = copy.deepcopy(realistic_day())
    assert set(DAY_FIELDS) <= set(body)


@pytest.mark.parametrize(
    "bad", ["2026-13-01", "2026-02-30", "yesterday", "15-01-2026", "1999-12-31"]
)
def test_a_malformed_date_is_refused(api, bad):
    response = api.put(f"/api/v1/days/{bad}/", realistic_day(), format="json")
    assert response.status_code == 400
    assert "date" in response.json()


def test_a_future_date_is_refused(api):
    future = (date.today() + timedelta(days=2)).isoformat()
    response = api.put(f"/api/v1/days/{future}/", realistic_day(), format="json")
    assert response.status_code == 400
    assert response.json()["date"] == ["The date is in the future."]


def test_an_oversized_body_is_refused(api, settings):
    settings.API_MAX_BODY_BYTES = 2000
    body = realistic_day()
    body["note"] = "x" * 1900
    response = api.put(URL, body, format="json")
    assert response.status_code == 413
    assert "body" in response.json()


def test_invalid_json_is_refused(api):
    response = api.put(URL, "{not json", content_type="application/json")
    assert response.status_code == 400
    assert "body" in response.json()


def test_another_users_day_is_not_found(api, other_api):
    api.put(URL, realistic_day(), format="json")
    assert other_api.get(URL).status_code == 404
    assert other_api.delete(URL).status_code == 404
    assert other_api.get("/api/v1/days/").json()["count"] == 0
    assert api.get(URL).status_code == 200


def test_delete_removes_the_day_and_its_items(api):
    etag = api.put(URL, realistic_day(), format="json")["ETag"]
    assert api.delete(URL, HTTP_IF_MATCH=etag).status_code == 204
    assert api.get(URL).status_code == 404
    assert DayLog.objects.count() == 0


def test_without_credentials_the_api_refuses(client, user):
    assert client.get(URL).status_code in (401, 403)
    assert client.put(URL, realistic_day(), content_type="application/json").status_code in (
        401,
        403,
    )
    assert client.get("/api/v1/days/").status_code in (401, 403)


def test_a_wrong_token_is_refused(client, user):
    response = client.get(URL, HTTP_AUTHORIZATION="Token not-a-real-token")
    assert response.status_code == 401


def test_list_filters_by_range_newest_first_and_paginates(api):
    start = date(2026, 1, 1)
    for offset in range(40):
        api.put(
            f"/api/v1/days/{(start + timedelta(days=offset)).isoformat()}/",
            realistic_day(),
            format="json",
        )
    page = api.get("/api/v1/days/?from=2026-01-05&to=2026-01-10").json()
    assert page["count"] == 6
    assert [d["date"] for d in page["results"]] == [f"2026-01-{n:02d}" for n in range(10, 4, -1)]
    everything = api.get("/api/v1/days/").json()
    assert everything["count"] == 40 and len(everything["results"]) == 31 and everything["next"]


def test_list_rejects_bad_ranges(api):
    assert "from" in api.get("/api/v1/days/?from=2026-02-01&to=2026-01-01").json()
    assert "to" in api.get("/api/v1/days/?to=soon").json()


def test_list_query_count_does_not_grow_with_days(user):
    client = token_client(user)

    def queries_for_listing() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/api/v1/days/").status_code == 200
        return len(captured)

    client.put("/api/v1/days/2026-01-01/", realistic_day(), format="json")
    few = queries_for_listing()
    for offset in range(1, 25):
        client.put(
            f"/api/v1/days/{(date(2026, 1, 1) + timedelta(days=offset)).isoformat()}/",
            realistic_day(),
            format="json",
        )
    many = queries_for_listing()
    assert many == few


def test_days_postpartum_comes_from_the_profile(api, user):
    user.profile.baby_birth_date = date(2026, 1, 1)
    user.profile.save()
    api.put(URL, realistic_day(), format="json")
    assert api.get(URL).json()["days_postpartum"] == 14
