"""Bodies and addresses a client should never send get a clear JSON answer, never a 500."""

import pytest

from tests.support.days import realistic_day

pytestmark = pytest.mark.django_db

DAY_URL = "/api/v1/days/2026-01-05/"
DEEP = "[" * 2000 + "]" * 2000


def test_deep_nesting_is_a_400_naming_the_body_without_logging_in(client):
    response = client.post("/api/v1/inbox/actions/", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert "nested" in response.json()["body"][0]


@pytest.mark.parametrize("depth", [40, 2000, 30000])
def test_deep_nesting_inside_a_day_is_a_400(api, depth):
    body = '{"note": ' + "[" * depth + "]" * depth + "}"
    response = api.put(DAY_URL, body, content_type="application/json")
    assert response.status_code == 400
    assert "body" in response.json()


def test_a_body_nested_as_deep_as_a_day_is_read(api):
    response = api.put(DAY_URL, realistic_day(), format="json", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 201


def test_a_huge_number_is_refused_without_pythons_own_words(api):
    response = api.put(DAY_URL, '{"mood": ' + "1" * 5000 + "}", content_type="application/json")
    assert response.status_code == 400
    message = response.json()["body"][0]
    assert "number" in message and "sys." not in message and "4300" not in message


def test_invalid_json_says_where(api):
    response = api.put(DAY_URL, '{"mood": 3,}', content_type="application/json")
    assert response.status_code == 400
    assert "line 1, column 12" in response.json()["body"][0]


def test_a_body_that_is_not_utf8_is_refused(api):
    response = api.put(DAY_URL, b'{"note": "\xff"}', content_type="application/json")
    assert response.status_code == 400
    assert "UTF-8" in response.json()["body"][0]


def test_a_10_mb_body_is_a_json_413(api, client):
    body = b'{"note": "' + b"x" * (10 * 1024 * 1024) + b'"}'
    for response in (
        api.put(DAY_URL, body, content_type="application/json"),
        client.post("/api/v1/inbox/actions/", body, content_type="application/json"),
    ):
        assert response.status_code == 413
        assert response["Content-Type"] == "application/json"
        assert "larger than" in response.json()["body"][0]


def test_an_api_url_that_matches_no_route_answers_json(api):
    response = api.get("/api/v1/reminders/null%2Cnull/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Not found."}


def test_a_page_that_does_not_exist_is_still_an_html_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_a_partial_day_is_refused_naming_what_is_missing_and_nothing_is_lost(api):
    api.put(DAY_URL, realistic_day(), format="json", HTTP_IF_NONE_MATCH="*")
    before = api.get(DAY_URL)
    response = api.put(DAY_URL, {"mood": 2}, format="json", HTTP_IF_MATCH=before["ETag"])
    assert response.status_code == 400
    missing = {"mood_tags", "habits", "warning_signs", "note", "pain_ratings"}
    missing |= {"feedings", "exercises", "medicines", "sleep_hours", "sleep_quality"}
    missing |= {"pain_interference", "pelvic_floor_sessions", "symptom_checks"}
    assert set(response.json()) == missing
    assert "whole day" in response.json()["note"][0]
    assert api.get(DAY_URL).json() == before.json()


@pytest.mark.parametrize(
    "spelling", ["2024-2-3", "2024-02-3", "20240203", "2024-W05-6", "٢٠٢٤-٠٢-٠٣"]
)
def test_a_date_has_one_spelling(api, spelling):
    response = api.put(f"/api/v1/days/{spelling}/", realistic_day(), format="json")
    assert response.status_code == 400
    assert response.json()["date"] == ["Enter a date as YYYY-MM-DD."]
    for url in ("/api/v1/days/", "/api/v1/insights/", "/api/v1/export/csv/"):
        response = api.get(url, {"from": spelling})
        assert response.status_code == 400, url
        assert "YYYY-MM-DD" in response.json()["from"][0]
    assert api.get("/api/v1/days/", {"from": "2024-02-03"}).status_code == 200


def test_a_share_link_that_is_not_there_is_not_indexed_or_kept(client, catalogue):
    response = client.get("/share/no-such-token/")
    assert response.status_code == 404
    assert response["X-Robots-Tag"] == "noindex, nofollow, noarchive"
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_a_time_with_a_zone_is_refused_not_dropped(api):
    body = realistic_day()
    body["pain_ratings"][0]["time"] = "07:30Z"
    response = api.put(DAY_URL, body, format="json", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 400
    assert response.json()["pain_ratings"] == {"0": {"time": ["Enter a time as HH:MM."]}}
    body["pain_ratings"][0]["time"] = "07:30"
    assert api.put(DAY_URL, body, format="json", HTTP_IF_NONE_MATCH="*").status_code == 201


def test_an_empty_date_in_a_query_is_refused_not_ignored(api):
    for url in ("/api/v1/days/", "/api/v1/insights/", "/api/v1/export/csv/"):
        response = api.get(url, {"to": ""})
        assert response.status_code == 400, url
        assert "to" in response.json()


def test_a_reminder_switch_is_true_or_false_not_0(api):
    reminder = {"purpose": "tip", "times": ["20:30"], "weekdays": [0], "enabled": 0}
    response = api.post("/api/v1/reminders/", reminder, format="json")
    assert response.status_code == 400
    assert response.json()["enabled"] == ["true or false is required."]


def test_forgetting_a_device_that_is_not_hers_is_a_404_whatever_the_text(api):
    for endpoint in ("0" * 900, " ", "https://fcm.googleapis.com/fcm/send/not-hers"):
        response = api.delete("/api/v1/push-subscriptions/", {"endpoint": endpoint}, format="json")
        assert response.status_code == 404
