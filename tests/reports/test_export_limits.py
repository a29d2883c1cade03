"""Exports made by a worker are bounded per account: the same file asked for twice is one
job, at most 10 new jobs an hour, at most 100 MB of files kept, each file gone after a day.
They go to a queue of their own, so they never make anyone's reminders late, and the page
starts them with a POST (a link on another site cannot). Scripts download them with their
token."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone

from config.celery import app
from reports import exports
from reports.models import ExportJob
from reports.tasks import delete_old_exports
from tests.support.accounts import token_client
from tests.support.export_history import FIRST_DAY, write_known_history

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def every_export_is_long(monkeypatch):
    """Every export goes to a worker (none is queued here: the test never commits)."""
    monkeypatch.setattr(exports, "WAIT_SECONDS", 0)


@pytest.fixture
def her(user, client):
    write_known_history(user, days=30)
    client.force_login(user)
    return client


def export_on_page(client, export_format="pdf", days=10, **fields):
    last = FIRST_DAY + timedelta(days=days - 1)
    return client.post(
        "/export/download/",
        {"range": "custom", "start": FIRST_DAY.isoformat(), "end": last.isoformat(),
         "paper": "a4", "format": export_format, **fields},
    )  # fmt: skip


def test_the_same_file_asked_for_twice_is_one_job(her):
    first, again = export_on_page(her), export_on_page(her)
    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert ExportJob.objects.count() == 1
    assert export_on_page(her, "csv").status_code == 302
    assert export_on_page(her, days=11).status_code == 302
    assert ExportJob.objects.count() == 3


def test_a_finished_job_is_not_reused_for_a_new_request(her):
    export_on_page(her)
    exports.run_job(ExportJob.objects.get().pk)
    export_on_page(her)
    assert ExportJob.objects.count() == 2


def test_ten_new_jobs_an_hour(her, user):
    statuses = [export_on_page(her, days=days).status_code for days in range(1, 12)]
    assert statuses == [302] * 10 + [429]
    assert ExportJob.objects.count() == 10
    refused = export_on_page(her, days=20).content.decode()
    assert "as many exports as an hour allows" in refused
    # Asking again for one being made is no new job, and is not refused.
    assert export_on_page(her, days=1).status_code == 302


def test_the_api_answers_429_past_them(api, user):
    write_known_history(user, days=30)
    for days in range(1, 11):
        last = FIRST_DAY + timedelta(days=days - 1)
        assert api.get("/api/v1/export/csv/", {"to": last.isoformat()}).status_code == 202
    refused = api.get("/api/v1/export/csv/", {"to": (FIRST_DAY + timedelta(20)).isoformat()})
    assert refused.status_code == 429
    assert "as many exports as an hour allows" in refused.json()["detail"]


def test_her_kept_files_have_a_size_limit(her, user):
    done = {"format": "json", "start_date": FIRST_DAY, "end_date": FIRST_DAY, "state": "done"}
    for _ in range(2):
        ExportJob.objects.create(user=user, **done, size=60 * 1024 * 1024)
    response = export_on_page(her)
    assert response.status_code == 429
    assert "take up all the room they have" in response.content.decode()
    # Files a day old are no longer hers to count.
    ExportJob.objects.update(created_at=timezone.now() - timedelta(days=1, minutes=1))
    assert export_on_page(her).status_code == 302


def test_a_done_job_knows_its_size(her):
    export_on_page(her, "csv")
    job = ExportJob.objects.get()
    exports.run_job(job.pk)
    job.refresh_from_db()
    assert job.size == len(bytes(job.content)) > 0


def test_files_older_than_a_day_are_deleted_and_counted(her, user, caplog):
    export_on_page(her, "csv")
    job = ExportJob.objects.get()
    exports.run_job(job.pk)
    assert her.get(f"/export/jobs/{job.pk}/file/").status_code == 200
    ExportJob.objects.filter(pk=job.pk).update(
        created_at=timezone.now() - timedelta(days=1, seconds=1)
    )
    # Past its day, even before the clean-up ran, it is no longer served.
    assert her.get(f"/export/jobs/{job.pk}/file/").status_code == 404
    with caplog.at_level("INFO", logger="reports.exports"):
        assert delete_old_exports.run() == 1
    assert not ExportJob.objects.exists()
    assert "Deleted 1 old exports" in caplog.text


def test_the_page_export_is_a_post_with_its_csrf_token(user):
    write_known_history(user, days=3)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    query = {"range": "all", "paper": "a4", "format": "json"}
    assert browser.get("/export/download/", query).status_code == 405
    assert browser.post("/export/download/", query).status_code == 403
    token = browser.get("/export/").cookies["csrftoken"].value
    allowed = browser.post("/export/download/", query, HTTP_X_CSRFTOKEN=token)
    assert allowed.status_code in (200, 302)


def test_a_script_downloads_its_export_with_its_token(user, other_user):
    write_known_history(user, days=3)
    api = token_client(user)
    started = api.get("/api/v1/export/csv/")
    assert started.status_code == 202 and started.json()["download_url"] is None
    exports.run_job(started.json()["id"])
    status = api.get(started["Location"]).json()
    assert status["download_url"] == f"/api/v1/export-jobs/{status['id']}/file/"
    file = api.get(status["download_url"])
    assert file.status_code == 200 and file["Content-Type"].startswith("text/csv")
    assert b"lower_back" in file.content or len(file.content) > 100
    assert token_client(other_user).get(status["download_url"]).status_code == 404


def test_exports_have_a_queue_of_their_own():
    route = app.amqp.router.route({}, exports.MAKE_EXPORT_FILE_TASK)
    assert route["queue"].name == settings.CELERY_EXPORT_QUEUE
    assert settings.CELERY_EXPORT_QUEUE not in (
        settings.CELERY_TASK_DEFAULT_QUEUE,
        settings.CELERY_TICK_QUEUE,
    )
    sends = app.amqp.router.route({}, "reminders.tasks.send_deliveries")
    assert sends["queue"].name == settings.CELERY_TASK_DEFAULT_QUEUE


def test_the_procfile_runs_an_exporter_on_that_queue():
    procfile = (settings.BASE_DIR / "Procfile").read_text()
    [line] = [line for line in procfile.splitlines() if line.startswith("exporter:")]
    assert "-Q ${CELERY_QUEUE:-backcare}-export" in line and "--concurrency=1" in line
    [worker] = [line for line in procfile.splitlines() if line.startswith("worker:")]
    assert "-export" not in worker
