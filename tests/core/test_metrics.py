"""GET /metrics/: Prometheus's text, for the operator's scraper only, counting what every
process did: requests by route name, day writes and conflicts, reminders by outcome and their
lateness, and the states read when scraped (the tick's age, open reminders, export jobs,
heartbeats). Under gunicorn with several workers, and with Celery workers beside it, one scrape
adds up every process's counts (PROMETHEUS_MULTIPROC_DIR)."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from reminders import heartbeats
from reminders.delivery import send_delivery
from reminders.models import TickRecord
from reminders.schedules import send_test_reminder
from reports.models import ExportJob
from tests.support.days import realistic_day
from tests.support.production_stack import Client, free_port, wait_until
from tests.support.push_receiver import subscribe
from tests.support.worker import worker_environment

ROOT = settings.BASE_DIR

pytestmark = pytest.mark.django_db
TOKEN = "a-scrapers-token-of-some-length"


def scrape(client, **headers) -> dict[tuple[str, tuple], float]:
    response = client.get("/metrics/", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", **headers)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return samples(response.content.decode())


def samples(text: str) -> dict[tuple[str, tuple], float]:
    """{(sample name, sorted labels): value}"""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


@pytest.fixture
def token(settings):
    settings.METRICS_TOKEN = TOKEN


def test_metrics_are_off_until_a_token_or_networks_are_set(client):
    assert client.get("/metrics/").status_code == 404


def test_a_token_is_needed_when_one_is_set(client, token):
    assert client.get("/metrics/").status_code == 403
    assert client.get("/metrics/", HTTP_AUTHORIZATION="Bearer wrong").status_code == 403
    assert client.get("/metrics/", HTTP_AUTHORIZATION=f"Token {TOKEN}").status_code == 403
    scrape(client)


def test_an_address_outside_the_networks_is_refused(client, settings):
    settings.METRICS_ALLOWED_NETWORKS = ["10.1.0.0/16"]
    assert client.get("/metrics/", REMOTE_ADDR="10.2.0.1").status_code == 403
    assert client.get("/metrics/", REMOTE_ADDR="10.1.3.4").status_code == 200
    settings.METRICS_TOKEN = TOKEN  # both set: both are needed
    assert client.get("/metrics/", REMOTE_ADDR="10.1.3.4").status_code == 403
    assert scrape(client, REMOTE_ADDR="10.1.3.4")


def test_requests_are_counted_by_route_name_and_day_conflicts_by_outcome(api, client, token):
    before = scrape(client)
    created = api.put("/api/v1/days/2026-11-20/", realistic_day(), format="json")
    stale = api.put(
        "/api/v1/days/2026-11-20/", realistic_day(), format="json", HTTP_IF_MATCH='"stale"'
    )
    assert (created.status_code, stale.status_code) == (201, 412)
    after = scrape(client)

    def grew(name: str, **labels) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    assert grew("backcare_day_writes_total", outcome="created") == 1
    assert grew("backcare_day_writes_total", outcome="conflict") == 1
    assert grew("backcare_http_requests_total", view="api-day", method="PUT", status="412") == 1
    assert grew("backcare_http_request_duration_seconds_count", view="api-day", method="PUT") == 2
    assert not any("2026-11-20" in str(labels) for _name, labels in after)  # never the path


def test_a_sent_reminder_is_counted_with_its_lateness(user, client, token, push_receiver):
    before = scrape(client)
    subscribe(user, push_receiver)
    delivery = send_test_reminder(user, timezone.now() - timedelta(seconds=4))
    assert send_delivery(delivery.pk) == "sent"
    after = scrape(client)
    key = ("backcare_reminder_deliveries_total", (("outcome", "sent"),))
    assert after[key] - before.get(key, 0) == 1
    pushes = ("backcare_push_results_total", (("outcome", "delivered"),))
    assert after[pushes] - before.get(pushes, 0) == 1
    late = ("backcare_reminder_lateness_seconds_bucket", (("le", "5.0"),))
    early = ("backcare_reminder_lateness_seconds_bucket", (("le", "2.0"),))
    assert after[late] - before[late] == 1 and after[early] == before[early]  # 4 s late


def test_states_are_read_when_scraped(user, client, token):
    TickRecord.record(timezone.now() - timedelta(seconds=30), 0.2, {"deliveries": 1,
                      "missed": 0, "enqueued": 1})  # fmt: skip
    heartbeats.record("beat@host:1", "beat", [], timezone.now() - timedelta(seconds=3))
    ExportJob.objects.create(user=user, format="pdf", start_date="2026-11-01",
                             end_date="2026-11-20", state="running")  # fmt: skip
    found = scrape(client)
    assert 29 < found[("backcare_reminder_tick_age_seconds", ())] < 60
    assert found[("backcare_export_jobs", (("state", "running"),))] == 1
    assert found[("backcare_export_jobs", (("state", "failed"),))] == 0
    assert 2 < found[("backcare_process_heartbeat_age_seconds", (("kind", "beat"),))] < 30
    assert ("backcare_reminders_open", (("state", "pending"),)) in found


@pytest.mark.django_db(transaction=True)
def test_one_scrape_adds_up_every_gunicorn_worker_and_every_other_process(tmp_path):
    """Two gunicorn workers answer the requests, and another process (a Celery worker would)
    counts a sent reminder: the scrape has all of them, exactly."""
    port = free_port()
    env = worker_environment(
        PROMETHEUS_MULTIPROC_DIR=str(tmp_path), METRICS_TOKEN=TOKEN, PORT=str(port),
        WEB_CONCURRENCY="2", WEB_ACCESS_LOG="",
    )  # fmt: skip
    env.pop("DJANGO_SETTINGS_MODULE", None)
    log = (tmp_path / "gunicorn.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    try:
        web = Client(f"http://127.0.0.1:{port}")

        def answers() -> bool:
            # Not the route counted below: a probe that timed out may still be answered later.
            try:
                return web.get("/healthz/").status in (200, 503)
            except OSError:
                return False

        wait_until(answers, 60, "gunicorn to answer")
        authorization = {"Authorization": f"Bearer {TOKEN}"}
        for _ in range(40):
            assert web.get("/api/v1/catalogue/").status == 401
        subprocess.run(
            [sys.executable, "-c", "import django; django.setup(); from core import metrics; "
             "metrics.REMINDER_DELIVERIES.labels('sent').inc(7)"],
            cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "config.settings"}, check=True,
        )  # fmt: skip
        scraped = web.get("/metrics/", headers=authorization)
        assert scraped.status == 200
        found = samples(scraped.text)
        requests = ("backcare_http_requests_total",
                    (("method", "GET"), ("status", "401"), ("view", "api-catalogue")))  # fmt: skip
        assert found[requests] == 40
        assert found[("backcare_reminder_deliveries_total", (("outcome", "sent"),))] == 7
        # A file per process that counts: both gunicorn workers, and the other process.
        assert len(list(tmp_path.glob("histogram_*.db"))) == 3
    finally:
        os.killpg(server.pid, 15)
        server.wait(30)
