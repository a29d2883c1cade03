"""The days a report, a share link, an export or insights cover are days that can exist.

Every range date follows the one date rule (2000-01-01 to today: a 400 naming the field
otherwise); an open range starts at her first logged day; a report (the PDF, the share page
and its files) covers at most insights.series.MAX_DAYS; and a share link's page and files are
made once for as long as what they show is unchanged, not for every anonymous request."""

import json
import re
from datetime import date, timedelta

import pytest
from django.test import Client

from insights.series import MAX_DAYS, open_range
from reports.models import AccessLog, ShareLink
from reports.ranges import report_range
from tests.support.days import realistic_day
from tests.support.export_history import FIRST_DAY, write_known_history

pytestmark = pytest.mark.django_db


def test_a_share_link_from_year_one_is_refused_naming_the_field(api):
    response = api.post("/api/v1/share-links/", {"start_date": "0001-01-01"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"start_date": ["The date is too far in the past."]}
    response = api.post("/api/v1/share-links/", {"end_date": "9999-12-31"}, format="json")
    assert response.status_code == 400 and list(response.json()) == ["end_date"]
    assert not ShareLink.objects.exists()


def test_an_export_from_year_one_is_refused_naming_the_field(api):
    for export_format in ("pdf", "csv", "fhir", "json"):
        response = api.get(f"/api/v1/export/{export_format}/", {"from": "0001-01-01"})
        assert response.status_code == 400
        assert response.json() == {"from": ["The date is too far in the past."]}
    assert api.get("/api/v1/export/csv/", {"to": "9999-12-31"}).status_code == 400


def test_insights_are_asked_only_for_days_that_can_exist(api):
    assert list(api.get("/api/v1/insights/", {"to": "9999-12-31"}).json()) == ["to"]
    assert list(api.get("/api/v1/insights/", {"from": "1999-12-31"}).json()) == ["from"]
    # Six weeks back from the first possible day stop at that day.
    answer = api.get("/api/v1/insights/", {"to": "2000-01-10"}).json()
    assert answer["from"] == "2000-01-01" and len(answer["days"]) == 10


@pytest.mark.parametrize("form", ["share", "export"])
def test_the_export_page_names_a_date_from_year_one(user, client, form):
    client.force_login(user)
    fields = {"range": "custom", "start": "0001-01-01", "end": "2026-01-01", "paper": "a4"}
    if form == "share":
        response = client.post("/export/share/", {**fields, "days_valid": 14})
    else:
        response = client.post("/export/download/", {**fields, "format": "csv"})
    assert response.status_code == 400
    html = response.content.decode()
    assert re.search(r'id="(share|export)_start"', html)
    assert "The date is too far in the past." in html
    assert not ShareLink.objects.exists()


def test_an_open_range_starts_at_her_first_logged_day(user):
    write_known_history(user, days=5)
    today = user.profile.local_today()
    assert open_range(user, None, None) == (FIRST_DAY, today)
    # A link stored from year one (before the rule) reads as if it began with her logs.
    assert open_range(user, date(1, 1, 1), None) == (FIRST_DAY, today)
    assert open_range(user, FIRST_DAY + timedelta(days=2), None)[0] == FIRST_DAY + timedelta(2)


def test_with_nothing_logged_the_range_is_one_day(user):
    today = user.profile.local_today()
    assert open_range(user, date(2000, 1, 1), None) == (today, today)


def test_a_stored_link_from_year_one_costs_what_her_days_cost(user, client):
    write_known_history(user, days=5)
    _link, raw = ShareLink.issue(user, 14, start_date=date(1, 1, 1))
    page = Client().get(f"/share/{raw}/")
    assert page.status_code == 200
    today = user.profile.local_today()
    logged = (today - FIRST_DAY).days + 1
    assert f"5 of {logged} days logged" in page.content.decode()


def test_a_report_covers_at_most_max_days(user, api):
    today = user.profile.local_today()
    write_known_history(user, days=1, first=today - timedelta(days=2 * MAX_DAYS))
    write_known_history(user, days=1, first=today)
    assert report_range(user, None, None) == (today - timedelta(days=MAX_DAYS - 1), today)
    too_far = (today - timedelta(days=MAX_DAYS)).isoformat()
    link = api.post("/api/v1/share-links/", {"start_date": too_far}, format="json")
    assert link.status_code == 400 and list(link.json()) == ["start_date"]
    assert "at most 1098 days" in link.json()["start_date"][0]
    assert list(api.get("/api/v1/export/pdf/", {"from": too_far}).json()) == ["from"]
    # A file of her days, not a report: any range that can exist (long enough for a worker).
    assert api.get("/api/v1/export/csv/", {"from": too_far}).status_code == 202
    within = (today - timedelta(days=MAX_DAYS - 1)).isoformat()
    assert (
        api.post("/api/v1/share-links/", {"start_date": within}, format="json").status_code == 201
    )


def test_an_open_link_over_years_of_logs_shows_the_last_max_days(user):
    today = user.profile.local_today()
    write_known_history(user, days=1, first=today - timedelta(days=2 * MAX_DAYS))
    write_known_history(user, days=1, first=today)
    _link, raw = ShareLink.issue(user, 14)
    fhir = json.loads(Client().get(f"/share/{raw}/fhir.json").content)
    dates = {entry["resource"].get("effectiveDateTime", "")[:10] for entry in fhir["entry"]}
    assert (today - timedelta(days=2 * MAX_DAYS)).isoformat() not in dates
    assert today.isoformat() in dates


@pytest.fixture
def shared(user):
    write_known_history(user, days=20)
    _link, raw = ShareLink.issue(user, 14)
    return f"/share/{raw}/"


@pytest.mark.parametrize("suffix", ["", "report.pdf", "pain-history.csv", "fhir.json"])
def test_a_share_link_is_made_once_while_nothing_changes(
    shared, suffix, django_assert_max_num_queries
):
    doctor = Client()
    first = doctor.get(shared + suffix)
    assert first.status_code == 200
    # The link, the fingerprint of her days, the access noted: nothing is made again.
    with django_assert_max_num_queries(8):
        again = doctor.get(shared + suffix)
    assert again.content == first.content
    assert AccessLog.objects.count() == 2


def test_a_changed_day_is_in_the_next_file(user, shared, api):
    doctor = Client()
    before = json.loads(doctor.get(shared + "fhir.json").content)
    day = FIRST_DAY + timedelta(days=3)
    etag = api.get(f"/api/v1/days/{day}/")["ETag"]
    body = realistic_day()
    body["pain_ratings"] = [{**body["pain_ratings"][0], "score": 9}]
    assert (
        api.put(f"/api/v1/days/{day}/", body, format="json", HTTP_IF_MATCH=etag).status_code == 200
    )
    after = json.loads(doctor.get(shared + "fhir.json").content)
    assert after != before
    scores = [
        entry["resource"]["valueQuantity"]["value"]
        for entry in after["entry"]
        if entry["resource"].get("effectiveDateTime", "").startswith(day.isoformat())
        and "valueQuantity" in entry["resource"]
    ]
    assert 9 in scores


def test_a_deleted_day_and_a_changed_name_are_in_the_next_page(user, shared, api):
    doctor = Client()
    in_range = (user.profile.local_today() - FIRST_DAY).days + 1
    assert f"20 of {in_range} days logged" in doctor.get(shared).content.decode()
    # Not the day written last: the count tells, not the latest time of a write.
    middle = FIRST_DAY + timedelta(days=3)
    etag = api.get(f"/api/v1/days/{middle}/")["ETag"]
    assert api.delete(f"/api/v1/days/{middle}/", HTTP_IF_MATCH=etag).status_code == 204
    assert f"19 of {in_range} days logged" in doctor.get(shared).content.decode()
    user.profile.display_name = "Wang Fang"
    user.profile.save()
    assert "Back pain history of Wang Fang" in doctor.get(shared).content.decode()


def test_each_language_gets_its_own_page(shared):
    doctor = Client()
    english = doctor.get(shared, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    chinese = doctor.get(shared, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'lang="en"' in english and 'lang="zh-hans"' in chinese
