"""An item's id names it within its day, whatever its list: the same id twice in one day, in
one list or in two, is refused with a 400 naming the list, and nothing is written. (A FHIR
export gives each item a resource with that id: two items with one id would give two
resources one id.)"""

import pytest

from tests.support.days import new_id, realistic_day
from tracker.models import DayLog

pytestmark = pytest.mark.django_db

URL = "/api/v1/days/2026-01-15/"


def put(api, body):
    return api.put(URL, body, format="json", HTTP_IF_NONE_MATCH="*")


def test_an_id_used_in_two_lists_is_refused_naming_the_second(api):
    body = realistic_day()
    body["feedings"][1]["id"] = body["pain_ratings"][0]["id"]
    response = put(api, body)
    assert response.status_code == 400
    assert list(response.json()) == ["feedings"]
    assert "Item 1 has the id of an item in pain_ratings" in response.json()["feedings"][0]
    assert DayLog.objects.count() == 0


@pytest.mark.parametrize(
    "first, second", [("exercises", "medicines"), ("pain_ratings", "exercises")]
)
def test_any_two_lists_share_no_id(api, first, second):
    body = realistic_day()
    body[second][0]["id"] = body[first][0]["id"]
    response = put(api, body)
    assert response.status_code == 400 and list(response.json()) == [second]


def test_an_id_twice_in_one_list_is_still_refused(api):
    body = realistic_day()
    body["exercises"][1]["id"] = body["exercises"][0]["id"]
    response = put(api, body)
    assert response.status_code == 400
    assert response.json() == {"exercises": ["Item 1 repeats an id used above."]}


def test_ids_of_their_own_are_saved(api):
    body = realistic_day()
    body["medicines"].append(
        {"id": new_id(), "time": "13:00", "medicine": "ibuprofen", "dose_mg": 400}
    )
    assert put(api, body).status_code == 201


def test_a_backup_with_one_id_in_two_lists_of_a_day_is_refused(user, client):
    from reports.backup import BackupError, validate

    day = realistic_day()
    day["medicines"][0]["id"] = day["feedings"][0]["id"]
    data = {"format": "backcare-backup", "version": 1, "profile": {}, "days": [
        {"date": "2026-01-15", **day}
    ]}  # fmt: skip
    with pytest.raises(BackupError) as refused:
        validate(user, data)
    assert list(refused.value.errors) == ["days[0].medicines"]
