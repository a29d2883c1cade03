"""Her own recovery documents in the API: the function score's activities and weekly ratings,
and the running checklist. Conditional writes as for a day, strict validation (400 naming the
field, nothing saved), her documents only (another user's id is a 404)."""

from datetime import timedelta

import pytest

from tests.support.days import new_id
from tracker.recovery_models import FunctionActivity, FunctionWeek, RunningReadiness

pytestmark = pytest.mark.django_db


def activity_url(uid: str) -> str:
    return f"/api/v1/function-activities/{uid}/"


def create_activity(api, name: str = "Lifting the baby from the cot", **fields) -> dict:
    uid = new_id()
    body = {"name": name, "suggestion": "", "retired": False, **fields}
    response = api.put(activity_url(uid), body, format="json", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 201, response.json()
    return response.json()


def this_monday(user):
    today = user.profile.local_today()
    return today - timedelta(days=today.weekday())


def week_url(monday) -> str:
    return f"/api/v1/function-weeks/{monday.isoformat()}/"


def test_an_activity_is_created_read_and_changed_with_its_etag(api, user):
    made = create_activity(api, suggestion="lift_baby_from_cot")
    assert made["name"] == "Lifting the baby from the cot" and made["retired"] is False
    got = api.get(activity_url(made["id"]))
    assert got.status_code == 200 and got["ETag"] == f'"{made["version"]}"'
    assert api.get(activity_url(made["id"]), HTTP_IF_NONE_MATCH=got["ETag"]).status_code == 304
    changed = api.put(
        activity_url(made["id"]),
        {**made, "name": "Lifting the baby"},
        format="json",
        HTTP_IF_MATCH=got["ETag"],
    )
    assert changed.status_code == 200 and changed.json()["name"] == "Lifting the baby"
    listed = api.get("/api/v1/function-activities/").json()
    assert [item["id"] for item in listed] == [made["id"]]


def test_a_stale_or_missing_precondition_writes_nothing(api, user):
    made = create_activity(api)
    body = {"name": "Car seat", "suggestion": "", "retired": False}
    stale = api.put(activity_url(made["id"]), body, format="json", HTTP_IF_MATCH='"old"')
    assert stale.status_code == 412
    assert stale.json()["current"]["name"] == made["name"] and stale["ETag"]
    blind = api.put(activity_url(made["id"]), body, format="json")
    assert blind.status_code == 428
    again = api.put(activity_url(made["id"]), body, format="json", HTTP_IF_NONE_MATCH="*")
    assert again.status_code == 412
    assert FunctionActivity.objects.get().name == made["name"]


def test_a_replayed_change_writes_nothing_and_answers_the_same(api, user):
    made = create_activity(api)
    etag = f'"{made["version"]}"'
    body = {"name": made["name"], "suggestion": "", "retired": False}
    replay = api.put(activity_url(made["id"]), body, format="json", HTTP_IF_MATCH=etag)
    assert replay.status_code == 200 and replay.json() == made


def test_at_most_three_activities_are_rated_at_once(api, user):
    first = create_activity(api, "Cot")
    create_activity(api, "Car seat")
    create_activity(api, "Floor")
    fourth = api.put(
        activity_url(new_id()),
        {"name": "Bath", "suggestion": "", "retired": False},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert fourth.status_code == 400 and "retired" in fourth.json()
    assert FunctionActivity.objects.count() == 3
    retire = api.put(
        activity_url(first["id"]),
        {"name": "Cot", "retired": True},
        format="json",
        HTTP_IF_MATCH=f'"{first["version"]}"',
    )
    assert retire.status_code == 200
    create_activity(api, "Bath")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "x" * 81}, "name"),
        ({"name": 7}, "name"),
        ({"name": "Cot", "suggestion": "juggling"}, "suggestion"),
        ({"name": "Cot", "retired": "no"}, "retired"),
        ({"name": "Cot", "colour": "red"}, "colour"),
        ({}, "name"),
    ],
)
def test_a_bad_activity_is_refused_naming_the_field(api, user, body, field):
    response = api.put(activity_url(new_id()), body, format="json", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 400 and field in response.json()
    assert not FunctionActivity.objects.exists()


def test_another_users_activity_is_not_found_and_her_own_id_space_is_separate(
    api, other_api, user, other_user
):
    mine = create_activity(api)
    assert other_api.get(activity_url(mine["id"])).status_code == 404
    assert other_api.get("/api/v1/function-activities/").json() == []
    # The same id written by the other user is hers alone, and leaves mine as it was.
    body = {"name": "Someone else's", "suggestion": "", "retired": False}
    theirs = other_api.put(activity_url(mine["id"]), body, format="json", HTTP_IF_NONE_MATCH="*")
    assert theirs.status_code == 201
    assert api.get(activity_url(mine["id"])).json()["name"] == mine["name"]


def test_a_week_is_rated_and_its_average_served(api, user):
    cot, seat = create_activity(api, "Cot"), create_activity(api, "Car seat")
    monday = this_monday(user)
    body = {"scores": [{"activity": cot["id"], "score": 3}, {"activity": seat["id"], "score": 6}]}
    made = api.put(week_url(monday), body, format="json", HTTP_IF_NONE_MATCH="*")
    assert made.status_code == 201, made.json()
    assert made.json()["average"] == 4.5 and made.json()["week"] == monday.isoformat()
    lower = {"scores": [{"activity": cot["id"], "score": 2}]}
    stale = api.put(week_url(monday), lower, format="json", HTTP_IF_MATCH='"old"')
    assert stale.status_code == 412 and stale.json()["current"]["average"] == 4.5
    listed = api.get("/api/v1/function-weeks/").json()
    assert listed["results"][0]["scores"] == body["scores"]
    gone = api.delete(week_url(monday), HTTP_IF_MATCH=made["ETag"])
    assert gone.status_code == 204 and not FunctionWeek.objects.exists()


@pytest.mark.parametrize(
    ("week", "scores", "field"),
    [
        ("tuesday", lambda ids: [], "week"),
        ("next", lambda ids: [], "week"),
        ("this", lambda ids: [{"activity": ids[0], "score": 11}], "scores"),
        ("this", lambda ids: [{"activity": ids[0], "score": "7"}], "scores"),
        ("this", lambda ids: [{"activity": new_id(), "score": 5}], "scores"),
        ("this", lambda ids: [{"activity": ids[0], "score": 5}] * 2, "scores"),
        ("this", lambda ids: [{"activity": ids[0], "score": 5, "note": ""}], "scores"),
    ],
)
def test_a_bad_week_is_refused_naming_the_field(api, user, week, scores, field):
    ids = [create_activity(api)["id"]]
    monday = this_monday(user)
    day = {
        "this": monday,
        "tuesday": monday + timedelta(days=1),
        "next": monday + timedelta(days=7),
    }[week]
    response = api.put(
        week_url(day), {"scores": scores(ids)}, format="json", HTTP_IF_NONE_MATCH="*"
    )
    assert response.status_code == 400 and field in response.json(), response.json()
    assert not FunctionWeek.objects.exists()


def test_a_week_cannot_rate_another_users_activity(api, other_api, user, other_user):
    theirs = create_activity(other_api)
    response = api.put(
        week_url(this_monday(user)),
        {"scores": [{"activity": theirs["id"], "score": 5}]},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert response.status_code == 400 and "scores" in response.json()


def test_weeks_are_hers_alone(api, other_api, user, other_user):
    cot = create_activity(api)
    monday = this_monday(user)
    body = {"scores": [{"activity": cot["id"], "score": 4}]}
    assert api.put(week_url(monday), body, format="json").status_code == 201
    assert other_api.get(week_url(monday)).status_code == 404
    assert other_api.get("/api/v1/function-weeks/").json()["results"] == []


def readiness_body(*tests: tuple[str, str], day=None) -> dict:
    return {"tests": [{"test": t, "result": r, "date": day} for t, r in tests]}


def test_the_running_checklist_is_one_document_written_with_its_etag(api, user):
    today = user.profile.local_today().isoformat()
    assert api.get("/api/v1/running-readiness/").status_code == 404
    body = readiness_body(("walk_30_minutes", "passed"), day=today)
    made = api.put("/api/v1/running-readiness/", body, format="json", HTTP_IF_NONE_MATCH="*")
    assert made.status_code == 201, made.json()
    more = readiness_body(("walk_30_minutes", "passed"), ("hop_on_the_spot", "failed"), day=today)
    stale = api.put("/api/v1/running-readiness/", more, format="json", HTTP_IF_MATCH='"x"')
    assert stale.status_code == 412
    changed = api.put("/api/v1/running-readiness/", more, format="json", HTTP_IF_MATCH=made["ETag"])
    assert changed.status_code == 200 and len(changed.json()["tests"]) == 2
    state = api.get("/api/v1/recovery/").json()
    assert state["running"]["failed"] == ["hop_on_the_spot"]


@pytest.mark.parametrize(
    ("tests", "day"),
    [
        ((("walk_30_minutes", "maybe"),), "today"),
        ((("marathon", "passed"),), "today"),
        ((("walk_30_minutes", "passed"),), "tomorrow"),
        ((("walk_30_minutes", "passed"), ("walk_30_minutes", "failed")), "today"),
    ],
)
def test_a_bad_checklist_is_refused_naming_tests(api, user, tests, day):
    today = user.profile.local_today()
    when = {"today": today, "tomorrow": today + timedelta(days=3)}[day].isoformat()
    response = api.put(
        "/api/v1/running-readiness/", readiness_body(*tests, day=when), format="json"
    )
    assert response.status_code == 400 and "tests" in response.json(), response.json()
    assert not RunningReadiness.objects.exists()


def test_the_checklists_are_hers_alone(api, other_api, user, other_user):
    today = user.profile.local_today().isoformat()
    body = readiness_body(("walk_30_minutes", "passed"), day=today)
    assert api.put("/api/v1/running-readiness/", body, format="json").status_code == 201
    assert other_api.get("/api/v1/running-readiness/").status_code == 404


def test_the_schema_documents_the_documents_and_their_preconditions(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    paths = schema["paths"]
    for path in (
        "/api/v1/function-activities/{id}/",
        "/api/v1/function-weeks/{week}/",
        "/api/v1/running-readiness/",
    ):
        put = paths[path]["put"]
        names = {parameter["name"] for parameter in put["parameters"]}
        assert {"If-Match", "If-None-Match"} <= names, path
        assert {"200", "201", "400", "412", "428"} <= set(put["responses"]), path
    score = schema["components"]["schemas"]["FunctionScore"]["properties"]["score"]
    assert (score["minimum"], score["maximum"]) == (0, 10)
    assert schema["components"]["schemas"]["FunctionWeekRequest"]["additionalProperties"] is False
