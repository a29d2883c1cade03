"""Two phones on one account: every write of a day says which version it was based on.

GET serves the day's version as a strong ETag; PUT and DELETE of a day that exists need
If-Match, a stale one gets 412 with the day as it is now, and a new day is created with
If-None-Match: * (RFC 9110, section 13).
"""

import copy
import importlib
import threading
from datetime import date

import pytest
from django.apps import apps
from django.db import connection

from tests.support.accounts import token_client
from tests.support.days import new_id, realistic_day
from tracker.models import DayLog, content_version

pytestmark = pytest.mark.django_db

URL = "/api/v1/days/2026-01-15/"


def create(api, body=None):
    response = api.put(URL, body or realistic_day(), format="json", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 201, response.json()
    return response


def with_feed(body: dict) -> dict:
    changed = copy.deepcopy(body)
    changed["feedings"].append({"id": new_id(), "position": "cradle", "minutes": 15})
    return changed


def test_get_serves_the_version_as_a_strong_etag(api):
    created = create(api)
    got = api.get(URL)
    assert got["ETag"] == created["ETag"] == f'"{got.json()["version"]}"'
    assert not got["ETag"].startswith("W/")
    assert got.json()["version"] == content_version(DayLog.objects.get().document)


def test_get_with_the_current_etag_is_not_modified(api):
    etag = create(api)["ETag"]
    response = api.get(URL, HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304 and response["ETag"] == etag
    assert api.get(URL, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_a_second_creator_is_told_the_day_exists(api):
    first = create(api).json()
    response = api.put(URL, realistic_day(), format="json", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 412
    assert response.json()["current"] == first
    assert response.json()["etag"] == response["ETag"] == f'"{first["version"]}"'
    assert api.get(URL).json() == first


def test_changing_a_day_without_if_match_is_refused_and_writes_nothing(api):
    first = create(api).json()
    response = api.put(URL, with_feed(first), format="json")
    assert response.status_code == 428
    assert "If-Match" in response.json()["detail"]
    assert response.json()["current"] == first
    assert api.get(URL).json() == first


def test_a_stale_if_match_gets_the_current_day_and_writes_nothing(api):
    body = realistic_day()
    base = create(api, body)["ETag"]
    # Phone B adds a feed first.
    theirs = api.put(URL, with_feed(body), format="json", HTTP_IF_MATCH=base)
    assert theirs.status_code == 200 and theirs["ETag"] != base
    # Phone A, still on the first version, changes the mood.
    mine = dict(body, mood=1)
    response = api.put(URL, mine, format="json", HTTP_IF_MATCH=base)
    assert response.status_code == 412
    assert response["ETag"] == theirs["ETag"]
    assert response.json()["current"] == theirs.json()
    assert api.get(URL).json() == theirs.json()


def test_the_right_version_writes_and_moves_the_version_on(api):
    body = realistic_day()
    base = create(api, body)["ETag"]
    response = api.put(URL, with_feed(body), format="json", HTTP_IF_MATCH=base)
    assert response.status_code == 200
    assert len(response.json()["feedings"]) == 3
    assert response["ETag"] == f'"{response.json()["version"]}"' != base
    stale = api.put(URL, dict(body, mood=5), format="json", HTTP_IF_MATCH=base)
    assert stale.status_code == 412


def test_a_replay_with_the_right_version_writes_nothing(api):
    body = realistic_day()
    created = create(api, body)
    again = api.put(URL, body, format="json", HTTP_IF_MATCH=created["ETag"])
    assert again.status_code == 200
    assert again.json() == created.json()  # same updated_at: nothing was written
    assert again["ETag"] == created["ETag"]


def test_a_replay_whose_answer_was_lost_gets_the_day_it_already_wrote(api):
    body = realistic_day()
    base = create(api, body)["ETag"]
    changed = with_feed(body)
    written = api.put(URL, changed, format="json", HTTP_IF_MATCH=base).json()
    # The answer never reached the phone: it sends the same body on the old version again.
    replay = api.put(URL, changed, format="json", HTTP_IF_MATCH=base)
    assert replay.status_code == 200
    assert replay.json() == written


def test_the_same_content_has_the_same_version_on_any_account(api, other_api):
    body = realistic_day()
    assert create(api, body)["ETag"] == create(other_api, body)["ETag"]


def test_if_match_any_needs_the_day_to_exist(api):
    missing = api.put(URL, realistic_day(), format="json", HTTP_IF_MATCH="*")
    assert missing.status_code == 412 and missing.json()["current"] is None
    assert DayLog.objects.count() == 0
    body = realistic_day()
    create(api, body)
    assert api.put(URL, with_feed(body), format="json", HTTP_IF_MATCH="*").status_code == 200


def test_if_match_on_a_day_that_is_gone_gets_412_with_no_day(api):
    etag = create(api)["ETag"]
    assert api.delete(URL, HTTP_IF_MATCH=etag).status_code == 204
    response = api.put(URL, realistic_day(), format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response.json() == {
        "detail": "This day has changed on another device. Nothing was saved.",
        "current": None,
        "etag": None,
    }


def test_a_weak_etag_never_matches(api):
    version = create(api).json()["version"]
    response = api.put(URL, realistic_day(), format="json", HTTP_IF_MATCH=f'W/"{version}"')
    assert response.status_code == 412


def test_any_of_several_etags_may_match(api):
    body = realistic_day()
    etag = create(api, body)["ETag"]
    response = api.put(URL, with_feed(body), format="json", HTTP_IF_MATCH=f'"old", {etag}')
    assert response.status_code == 200


def test_only_if_none_match_star_is_understood_on_a_write(api):
    response = api.put(URL, realistic_day(), format="json", HTTP_IF_NONE_MATCH='"abc"')
    assert response.status_code == 400
    assert "If-None-Match" in response.json()
    assert DayLog.objects.count() == 0


def test_a_new_day_may_be_created_without_a_precondition(api):
    # Scripts that only ever add days keep working; a day that exists is never replaced so.
    assert api.put(URL, realistic_day(), format="json").status_code == 201


def test_bad_input_is_reported_before_the_version(api):
    create(api)
    body = realistic_day()
    body["mood"] = 9
    response = api.put(URL, body, format="json", HTTP_IF_MATCH='"stale"')
    assert response.status_code == 400 and "mood" in response.json()


def test_delete_needs_the_current_version(api):
    body = realistic_day()
    etag = create(api, body)["ETag"]
    assert api.delete(URL).status_code == 428
    newer = api.put(URL, with_feed(body), format="json", HTTP_IF_MATCH=etag)
    stale = api.delete(URL, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412 and stale.json()["current"] == newer.json()
    assert api.delete(URL, HTTP_IF_MATCH=newer["ETag"]).status_code == 204
    assert api.delete(URL, HTTP_IF_MATCH=newer["ETag"]).status_code == 404
    assert DayLog.objects.count() == 0


def test_versions_are_per_user(api, other_api):
    etag = create(api)["ETag"]
    # Her ETag says nothing about another user's day, and never reaches it.
    response = other_api.put(URL, realistic_day(), format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412 and response.json()["current"] is None
    assert other_api.delete(URL, HTTP_IF_MATCH=etag).status_code == 404
    assert DayLog.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_of_many_phones_writing_on_one_version_exactly_one_wins(user):
    body = realistic_day()
    base = create(token_client(user), body)["ETag"]
    clients = [token_client(user) for _ in range(6)]
    statuses = []

    def write(client, index: int) -> None:
        try:
            changed = dict(body, note=f"phone {index}")
            statuses.append(client.put(URL, changed, format="json", HTTP_IF_MATCH=base).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(c, i)) for i, c in enumerate(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [200] + [412] * 5
    assert DayLog.objects.get().note.startswith("phone ")


def test_the_schema_documents_the_preconditions(api):
    schema = api.get("/api/v1/schema/?format=json").json()
    operations = schema["paths"]["/api/v1/days/{date}/"]
    for method in ("put", "delete"):
        names = {p["name"] for p in operations[method]["parameters"]}
        assert "If-Match" in names
        assert {"412", "428"} <= set(operations[method]["responses"])
    assert "If-None-Match" in {p["name"] for p in operations["put"]["parameters"]}
    assert "ETag" in operations["get"]["responses"]["200"]["headers"]
    assert "ETag" in operations["put"]["responses"]["201"]["headers"]


def test_days_stored_before_versions_get_one(user):
    day = DayLog(user=user, date=date(2026, 1, 15), mood=2, note="早上好", habits=["rested"])
    DayLog.objects.bulk_create([day])  # as the rows were: no version
    migration = importlib.import_module("tracker.migrations.0005_daylog_version")
    migration.version_existing_days(apps, None)
    # The version covers the fields added since; the migration that added them recomputes it.
    later = importlib.import_module("tracker.migrations.0009_day_logs_hold_the_new_fields")
    later.fill_new_fields(apps, None)
    latest = importlib.import_module("tracker.migrations.0011_day_logs_hold_her_recovery")
    latest.version_the_new_fields(apps, None)
    day = DayLog.objects.get(pk=day.pk)
    assert day.version == content_version(day.document)
