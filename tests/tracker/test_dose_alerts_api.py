"""The day's API answer carries the painkiller limits that day's doses passed (`dose_alerts`):
over the rolling 24 hours, the day before included, never blocking the save."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.support.days import empty_day, new_id
from tracker.models import DayLog

pytestmark = pytest.mark.django_db

DAY = date(2026, 11, 12)


def day_body(*doses: tuple[str | None, str, int | None]) -> dict:
    """A whole day with these doses (time, medicine, mg) and nothing else."""
    medicines = [
        {"id": new_id(), "time": time, "medicine": medicine, "name": "", "dose_mg": mg}
        for time, medicine, mg in doses
    ]
    return {**empty_day(), "medicines": medicines}


def url(day: date) -> str:
    return f"/api/v1/days/{day.isoformat()}/"


def test_a_fifth_gram_of_paracetamol_in_24_hours_is_saved_and_answered_with_an_alert(api):
    doses = [(f"{hour:02d}:00", "paracetamol", 1000) for hour in (6, 10, 14, 18, 22)]
    response = api.put(url(DAY), day_body(*doses), format="json")
    assert response.status_code == 201
    # Saved exactly as she logged it: the alert never blocks a dose.
    stored = DayLog.objects.get(date=DAY).medicines
    assert [(item["time"], item["dose_mg"]) for item in stored] == [
        (f"{hour:02d}:00:00", 1000) for hour in (6, 10, 14, 18, 22)
    ]
    [alert] = response.json()["dose_alerts"]
    assert (alert["medicine"], alert["rule"], alert["time"], alert["amount_mg"]) == (
        "paracetamol",
        "daily_total",
        "22:00",
        5000,
    )
    assert alert["level"] == "urgent"
    assert alert["title"] == "Paracetamol: over 4 g in 24 hours (5000 mg)"
    assert "get urgent advice now" in alert["message"] and "感冒灵" in alert["message"]
    # Her profile's zone is London: the numbers to call are the UK's.
    assert [line["dial"] for line in alert["lines"]] == ["999", "112"]
    assert api.get(url(DAY)).json()["dose_alerts"] == response.json()["dose_alerts"]


def test_four_grams_exactly_pass_no_limit(api):
    doses = [(f"{hour:02d}:00", "paracetamol", 1000) for hour in (6, 10, 14, 18)]
    assert api.put(url(DAY), day_body(*doses), format="json").json()["dose_alerts"] == []


def test_a_single_4000_mg_dose_is_kept_and_flagged(api):
    response = api.put(url(DAY), day_body(("08:00", "paracetamol", 4000)), format="json")
    assert response.status_code == 201
    assert DayLog.objects.get(date=DAY).medicines[0]["dose_mg"] == 4000
    assert [alert["rule"] for alert in response.json()["dose_alerts"]] == ["single_dose"]


def test_the_24_hours_roll_across_midnight(api):
    before = DAY - timedelta(days=1)
    api.put(url(before), day_body(("22:00", "paracetamol", 1000)), format="json")
    today = api.put(url(DAY), day_body(("01:30", "paracetamol", 1000)), format="json").json()
    [alert] = today["dose_alerts"]
    assert (alert["rule"], alert["gap_minutes"]) == ("too_soon", 210)
    # The day before keeps its own checks: nothing of it passed a limit.
    assert api.get(url(before)).json()["dose_alerts"] == []
    # ...and its list of days reads the day before once for the whole page.
    listed = api.get("/api/v1/days/").json()["results"]
    assert {day["date"]: len(day["dose_alerts"]) for day in listed} == {
        DAY.isoformat(): 1,
        before.isoformat(): 0,
    }


def test_ibuprofen_over_the_counter_limit_says_take_it_with_food(api):
    doses = [(time, "ibuprofen", 400) for time in ("07:00", "12:00", "17:00", "22:00")]
    [alert] = api.put(url(DAY), day_body(*doses), format="json").json()["dose_alerts"]
    assert (alert["rule"], alert["level"], alert["lines"]) == ("over_counter", "caution", [])
    assert "with food" in alert["message"]


def test_the_alert_speaks_her_language_with_the_numbers_of_her_region(api, user):
    user.profile.language = "zh-hans"
    user.profile.country = "CN"
    user.profile.save()
    [alert] = api.put(url(DAY), day_body(("08:00", "paracetamol", 2000)), format="json").json()[
        "dose_alerts"
    ]
    assert "对乙酰氨基酚" in alert["title"]
    assert [line["dial"] for line in alert["lines"]] == ["120"]


def test_a_client_can_put_back_an_answer_with_its_alerts(api):
    body = day_body(("08:00", "paracetamol", 2000))
    got = api.put(url(DAY), body, format="json").json()
    again = api.put(url(DAY), got, format="json", HTTP_IF_MATCH=f'"{got["version"]}"')
    assert again.status_code == 200 and again.json() == got


def test_the_list_of_days_checks_a_page_in_a_few_queries(api):
    for offset in range(10):
        day = DAY - timedelta(days=offset)
        api.put(url(day), day_body(("08:00", "paracetamol", 1000)), format="json")
    with CaptureQueriesContext(connection) as queries:
        assert len(api.get("/api/v1/days/").json()["results"]) == 10
    assert len(queries) <= 8


def test_the_schema_documents_dose_alerts_as_read_only(client):
    schema = client.get("/api/v1/schema/?format=json").json()
    components = schema["components"]["schemas"]
    day = next(
        component
        for component in components.values()
        if "dose_alerts" in component.get("properties", {})
    )
    field = day["properties"]["dose_alerts"]
    assert field["readOnly"] is True
    alert = components[field["items"]["$ref"].rsplit("/", 1)[-1]]
    assert {"medicine", "rule", "title", "message", "lines"} <= set(alert["properties"])
    ref = alert["properties"]["rule"]["allOf"][0]["$ref"]
    assert components[ref.rsplit("/", 1)[-1]]["enum"] == [
        "single_dose",
        "daily_total",
        "too_soon",
        "over_counter",
    ]
