"""Her sessions and symptom checks are items of her day (PUT /api/v1/days/{date}/), validated
strictly; GET /api/v1/recovery/ says where her recovery stands, worked out from them."""

import copy
from datetime import timedelta

import pytest

from habits.pelvic_floor import level
from tests.support.days import new_id, realistic_day
from tracker.models import DayLog, content_version

pytestmark = pytest.mark.django_db


def day_url(day) -> str:
    return f"/api/v1/days/{day.isoformat()}/"


def session(number: int = 1, **changes) -> dict:
    plan = level(number)
    return {"id": new_id(), "time": "09:00", "level": number, "holds": plan.holds,
            "hold_seconds": plan.hold_seconds, "quick_squeezes": plan.quick_squeezes,
            "effort": "comfortable", **changes}  # fmt: skip


def check(*symptoms: str, context: str = "after_session", **changes) -> dict:
    return {"id": new_id(), "time": "09:05", "context": context, "symptoms": list(symptoms),
            **changes}  # fmt: skip


def put_day(api, day, **fields):
    body = {**realistic_day(), "pelvic_floor_sessions": [], "symptom_checks": [], **fields}
    current = api.get(day_url(day))
    headers = {"HTTP_IF_MATCH": current["ETag"]} if current.status_code == 200 else {}
    if not headers:
        headers = {"HTTP_IF_NONE_MATCH": "*"}
    response = api.put(day_url(day), body, format="json", **headers)
    assert response.status_code in (200, 201), response.json()
    return response.json()


def test_sessions_and_checks_are_stored_with_the_day_as_sent(api, user):
    today = user.profile.local_today()
    sent = [session(2), session(1, effort="hard", time=None)]
    checks = [check("leak_cough_sneeze", "doming"), check(context="tummy_gap", tummy_gap_fingers=3)]
    got = put_day(api, today, pelvic_floor_sessions=sent, symptom_checks=checks)
    assert [item["id"] for item in got["pelvic_floor_sessions"]] == [s["id"] for s in sent]
    assert got["pelvic_floor_sessions"][0]["time"] == "09:00:00"
    assert got["symptom_checks"][0]["symptoms"] == ["leak_cough_sneeze", "doming"]
    assert got["symptom_checks"][0]["tummy_gap_fingers"] is None
    assert got["symptom_checks"][1]["tummy_gap_fingers"] == 3
    day = DayLog.objects.get(user=user)
    assert day.version == content_version(day.document) == got["version"]
    # A client can put back what it got: the same version.
    again = api.put(day_url(today), got, format="json", HTTP_IF_MATCH=f'"{got["version"]}"')
    assert again.status_code == 200 and again.json() == got


def test_a_timed_session_makes_the_day_a_pelvic_floor_day_for_insights(api, user):
    today = user.profile.local_today()
    put_day(api, today, exercises=[], pelvic_floor_sessions=[session()])
    assert "pelvic_floor" in DayLog.objects.get(user=user).exposures
    put_day(api, today, exercises=[], pelvic_floor_sessions=[])
    assert "pelvic_floor" not in DayLog.objects.get(user=user).exposures


@pytest.mark.parametrize(
    ("field", "item", "named"),
    [
        ("pelvic_floor_sessions", session(level=6), "level"),
        ("pelvic_floor_sessions", session(level="2"), "level"),
        ("pelvic_floor_sessions", session(holds=0, quick_squeezes=0), "holds"),
        ("pelvic_floor_sessions", session(hold_seconds=0), "hold_seconds"),
        ("pelvic_floor_sessions", session(effort="easy"), "effort"),
        ("pelvic_floor_sessions", session(extra=1), "extra"),
        ("pelvic_floor_sessions", {**session(), "id": "not-a-uuid"}, "id"),
        ("symptom_checks", check("leaking"), "symptoms"),
        ("symptom_checks", check("doming", "doming"), "symptoms"),
        ("symptom_checks", check(context="monthly"), "context"),
        ("symptom_checks", check(tummy_gap_fingers=6), "tummy_gap_fingers"),
        ("symptom_checks", check(tummy_gap_fingers=True), "tummy_gap_fingers"),
    ],
)
def test_a_bad_item_is_refused_naming_its_field_and_nothing_is_saved(api, user, field, item, named):
    response = api.put(
        day_url(user.profile.local_today()),
        {**realistic_day(), field: [item]},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert response.status_code == 400
    assert named in response.json()[field]["0"]
    assert not DayLog.objects.exists()


def test_an_item_id_used_twice_in_a_day_is_refused(api, user):
    first = session()
    response = api.put(
        day_url(user.profile.local_today()),
        {**realistic_day(), "pelvic_floor_sessions": [first, dict(first)]},
        format="json",
    )
    assert response.status_code == 400 and "pelvic_floor_sessions" in response.json()


def test_a_put_without_the_new_lists_is_refused_rather_than_emptying_them(api, user):
    today = user.profile.local_today()
    put_day(api, today, pelvic_floor_sessions=[session()])
    body = copy.deepcopy(realistic_day())
    del body["pelvic_floor_sessions"]
    etag = api.get(day_url(today))["ETag"]
    response = api.put(day_url(today), body, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 400 and "pelvic_floor_sessions" in response.json()
    assert len(DayLog.objects.get(user=user).pelvic_floor_sessions) == 1


def recovery(api) -> dict:
    response = api.get("/api/v1/recovery/")
    assert response.status_code == 200
    return response.json()


def test_recovery_starts_her_at_level_1_with_everything_due(api, user):
    state = recovery(api)
    assert state["level"]["number"] == 1 and state["level"]["holds"] == 5
    assert state["level"]["plan"].startswith("Level 1: 5 slow squeezes held for 3 seconds")
    assert state["sessions_today"] == 0 and state["sessions_target"] == 3
    assert state["symptom_check_due"] and state["suggestions"] == []
    # 30 days after the birth (the fixture): running waits.
    assert state["running"]["state"] == "too_early" and state["running"]["total"] == 11


def test_a_week_of_sessions_moves_her_up_and_leaking_steps_her_back_with_a_physio(api, user):
    today = user.profile.local_today()
    for back in range(8, 0, -1):
        put_day(api, today - timedelta(days=back), pelvic_floor_sessions=[session(1)])
    state = recovery(api)
    assert state["level"]["number"] == 2 and state["step_back_to"] == 1
    put_day(
        api,
        today,
        pelvic_floor_sessions=[session(2)],
        symptom_checks=[check("leak_cough_sneeze")],
    )
    state = recovery(api)
    assert state["level"]["number"] == 1 and state["sessions_today"] == 1
    (suggestion,) = state["suggestions"]
    assert suggestion["rule"] == "symptoms_step_back" and suggestion["steps_back"]
    assert "NICE NG210" in suggestion["source"]
    assert "pelvic-health physiotherapist" in suggestion["message"]
    assert "level 1" in suggestion["message"]
    assert not state["symptom_check_due"]
    assert state["running"]["state"] == "too_early"


def test_recovery_speaks_her_language(api, user):
    user.profile.language = "zh-hans"
    user.profile.save()
    state = api.get("/api/v1/recovery/", HTTP_ACCEPT_LANGUAGE="zh-hans").json()
    assert "第1级" in state["level"]["plan"]


def test_recovery_is_hers_alone(api, other_api, user, other_user):
    put_day(api, user.profile.local_today(), symptom_checks=[check("heaviness")])
    assert recovery(other_api)["suggestions"] == []


def test_the_schema_documents_sessions_checks_and_recovery(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    day = components["Day"]["properties"]
    assert day["pelvic_floor_sessions"]["description"] and day["symptom_checks"]["description"]
    session_fields = components["PelvicFloorSession"]["properties"]
    assert session_fields["level"]["maximum"] == 5 and session_fields["effort"]
    symptoms = components["SymptomCheck"]["properties"]["symptoms"]
    enum = components[symptoms["items"]["$ref"].rsplit("/", 1)[1]]["enum"]
    assert symptoms["uniqueItems"] and "leak_urgency" in enum
    assert components["SymptomCheckRequest"]["additionalProperties"] is False
    assert "/api/v1/recovery/" in schema["paths"]


def test_a_suggestion_names_the_level_it_stepped_her_back_to_after_she_climbs_again(api, user):
    today = user.profile.local_today()
    for back in range(17, 9, -1):  # up to level 2 after a week
        put_day(api, today - timedelta(days=back), pelvic_floor_sessions=[session(1)])
    put_day(
        api,
        today - timedelta(days=9),
        pelvic_floor_sessions=[session(2)],
        symptom_checks=[check("doming")],
    )  # back to 1
    for back in range(8, -1, -1):  # a week at level 1 again: up to 2
        put_day(api, today - timedelta(days=back), pelvic_floor_sessions=[session(1)])
    state = recovery(api)
    assert state["level"]["number"] == 2
    (suggestion,) = state["suggestions"]
    assert "to level 1" in suggestion["message"]
