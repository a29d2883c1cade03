"""The exports and share links through the API, for scripts and other clients."""

import json
from datetime import date

from django.test import Client

from reports.models import ExportJob, ShareLink
from tests.support.export_history import FIRST_DAY, write_known_history


def test_an_export_by_api_is_the_same_file_as_on_the_page(api, user):
    write_known_history(user, days=10)
    response = api.get("/api/v1/export/fhir/", {"from": FIRST_DAY.isoformat(), "to": "2026-09-02"})
    assert response.status_code == 200
    bundle = json.loads(response.content)
    # Her, 20 ratings, 9 nights' hours and quality, 10 days' interference, 10 doses.
    assert len(bundle["entry"]) == 1 + 20 + 9 + 9 + 10 + 10
    assert api.get("/api/v1/export/pdf/").content.startswith(b"%PDF")
    backup = json.loads(api.get("/api/v1/export/json/").content)
    assert len(backup["days"]) == 10


def test_bad_export_requests_name_the_field(api):
    response = api.get("/api/v1/export/csv/", {"from": "2026-09-10", "to": "2026-09-01"})
    assert response.status_code == 400 and "from" in response.json()
    assert api.get("/api/v1/export/csv/", {"color": "red"}).status_code == 400
    assert api.get("/api/v1/export/docx/").status_code == 404


def test_a_long_export_by_api_answers_with_a_job(api, user, monkeypatch):
    monkeypatch.setattr("reports.exports.queue_job", lambda job_id: None)
    write_known_history(user, days=1, first=date(2023, 1, 1))
    response = api.get("/api/v1/export/pdf/", {"from": "2023-01-01", "to": "2026-01-01"})
    assert response.status_code == 202
    job = ExportJob.objects.get()
    assert response["Location"] == f"/api/v1/export-jobs/{job.pk}/"
    assert api.get(response["Location"]).json()["state"] == "queued"


def test_share_links_by_api(api, user, other_api):
    write_known_history(user, days=5)
    made = api.post("/api/v1/share-links/", {"label": "Dr Wang", "days_valid": 7}, format="json")
    assert made.status_code == 201
    url = made.json()["url"]
    assert "/share/" in url and made.json()["active"] is True
    listed = api.get("/api/v1/share-links/").json()
    assert [link["url"] for link in listed] == [None]  # never shown again
    path = url.split("testserver", 1)[1]
    assert Client().get(path).status_code == 200
    link_id = made.json()["id"]
    assert other_api.delete(f"/api/v1/share-links/{link_id}/").status_code == 404
    assert other_api.get("/api/v1/share-links/").json() == []
    assert api.delete(f"/api/v1/share-links/{link_id}/").status_code == 204
    assert Client().get(path).status_code == 404
    assert ShareLink.objects.get().revoked_at is not None


def test_share_link_input_is_checked(api):
    for body, field in (
        ({"days_valid": 5}, "days_valid"),
        ({"secret": "x"}, "secret"),
        ({"start_date": "2026-09-10", "end_date": "2026-09-01"}, "start_date"),
    ):
        response = api.post("/api/v1/share-links/", body, format="json")
        assert response.status_code == 400 and field in response.json()
    assert not ShareLink.objects.exists()
