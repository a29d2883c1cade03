"""Long exports run on a worker while her page shows progress; short ones come at once."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from reports import exports
from reports.models import ExportJob
from tests.support.export_history import FIRST_DAY, write_known_history


def test_a_short_export_is_made_while_she_waits(user, client):
    write_known_history(user, days=10)
    client.force_login(user)
    response = client.post("/export/download/", {"range": "2w", "paper": "a4", "format": "pdf"})
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not ExportJob.objects.exists()


def test_what_counts_as_long():
    # About a second of work, by the costs tests/bench/bench_exports.py measures.
    assert exports.in_background("pdf", FIRST_DAY, FIRST_DAY + timedelta(days=3 * 365))
    assert not exports.in_background("pdf", FIRST_DAY, FIRST_DAY + timedelta(days=365))
    assert not exports.in_background("fhir", FIRST_DAY, FIRST_DAY + timedelta(days=3 * 365))


@pytest.fixture
def every_export_is_long(monkeypatch):
    """Any export goes to a worker: a range is as long as the days she logged (and a report's
    at most three years), and writing years of days would make these tests slow."""
    monkeypatch.setattr(exports, "WAIT_SECONDS", 0)


def long_export(client: Client) -> ExportJob:
    last = FIRST_DAY + timedelta(days=29)
    response = client.post(
        "/export/download/",
        {"range": "custom", "start": FIRST_DAY.isoformat(), "end": last.isoformat(),
         "paper": "letter", "format": "pdf"},
    )  # fmt: skip
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/export/jobs/{job.pk}/"
    return job


def test_a_long_export_shows_its_progress_and_then_the_file(
    user, client, django_capture_on_commit_callbacks, monkeypatch, every_export_is_long
):
    write_known_history(user, days=30)
    client.force_login(user)
    queued = []
    monkeypatch.setattr("reports.exports.queue_job", queued.append)
    with django_capture_on_commit_callbacks(execute=True):
        job = long_export(client)
    assert queued == [job.pk]
    page = client.get(f"/export/jobs/{job.pk}/").content.decode()
    assert "Preparing your file" in page and '<progress max="100" value="0"' in page
    assert client.get(f"/export/jobs/{job.pk}/", HTTP_ACCEPT="application/json").json() == {
        "state": "queued", "label": "Waiting", "progress": 0, "download_url": None,
    }  # fmt: skip
    exports.run_job(job.pk)
    status = client.get(f"/export/jobs/{job.pk}/", HTTP_ACCEPT="application/json").json()
    assert status["state"] == "done" and status["progress"] == 100
    file = client.get(status["download_url"])
    assert file.content.startswith(b"%PDF")
    assert file["Content-Disposition"].endswith('.pdf"')
    # A task delivered twice makes the file once.
    finished = ExportJob.objects.get().finished_at
    exports.run_job(job.pk)
    assert ExportJob.objects.get().finished_at == finished


def test_a_job_whose_worker_died_is_taken_again(user, monkeypatch):
    job = ExportJob.objects.create(
        user=user, format="csv", start_date=FIRST_DAY, end_date=FIRST_DAY, state="running",
        started_at=timezone.now() - timedelta(minutes=11),
    )  # fmt: skip
    exports.run_job(job.pk)
    assert ExportJob.objects.get().state == "done"


def test_nobody_else_sees_her_export(user, other_user, client, monkeypatch, every_export_is_long):
    monkeypatch.setattr("reports.exports.queue_job", lambda job_id: None)
    write_known_history(user, days=30)
    client.force_login(user)
    job = long_export(client)
    exports.run_job(job.pk)
    other = Client()
    other.force_login(other_user)
    assert other.get(f"/export/jobs/{job.pk}/").status_code == 404
    assert other.get(f"/export/jobs/{job.pk}/file/").status_code == 404


def test_old_exports_are_deleted(user):
    job = ExportJob.objects.create(user=user, format="csv", start_date=FIRST_DAY,
                                   end_date=FIRST_DAY)  # fmt: skip
    ExportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(days=2))
    assert ExportJob.delete_expired() == 1
