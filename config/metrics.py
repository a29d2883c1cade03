"""GET /metrics/: the Prometheus metrics, for the operator's scraper only.

Not public: it answers only a request with `Authorization: Bearer <METRICS_TOKEN>` and/or from
an address in METRICS_ALLOWED_NETWORKS (both, when both are set), 403 otherwise, and 404 while
neither is set. The counts (core.metrics) are every process's: with PROMETHEUS_MULTIPROC_DIR set,
the files of every gunicorn and Celery worker on this machine are added up. The states are
read when scraped: the tick's age, open reminders, each queue's depth in Redis, export jobs by
state and each kind of process's last heartbeat. A part that cannot be read (the database is
down) is left out of the answer rather than failing it; /healthz/ names what is down.
"""

import hmac
import ipaddress
import logging
import os
from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from prometheus_client import REGISTRY, CollectorRegistry
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import choose_encoder
from prometheus_client.multiprocess import MultiProcessCollector

from config.celery import app as celery_app
from core.throttles import client_address
from reminders import heartbeats
from reminders.health import pipeline_counts
from reminders.models import TickRecord
from reports.models import ExportJob

log = logging.getLogger(__name__)
# kombu's Redis transport keeps a queue's messages of priority N > 0 under these keys.
PRIORITY_SEPARATOR = "\x06\x16"
PRIORITY_STEPS = (3, 6, 9)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    token, networks = settings.METRICS_TOKEN, settings.METRICS_ALLOWED_NETWORKS
    if not token and not networks:
        raise Http404("Metrics are off: set METRICS_TOKEN or METRICS_ALLOWED_NETWORKS")
    if not allowed(request, token, networks):
        return HttpResponseForbidden()
    # The format the scraper asks for (Accept): Prometheus's text, or OpenMetrics.
    encode, content_type = choose_encoder(request.headers.get("Accept", ""))
    return HttpResponse(
        encode(counts_registry()) + encode(STATE_REGISTRY), content_type=content_type
    )


def allowed(request: HttpRequest, token: str, networks: list[str]) -> bool:
    if token:
        given = request.headers.get("Authorization", "")
        if not hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return False
    if networks:
        address = ipaddress.ip_address(client_address(request))
        return any(address in ipaddress.ip_network(network) for network in networks)
    return True


def counts_registry() -> CollectorRegistry:
    """Every process's counts when they share PROMETHEUS_MULTIPROC_DIR, else this process's."""
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    return registry


class StateCollector:
    """What is true now, read at each scrape."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        for part in (self.pipeline, self.queues, self.export_jobs, self.heartbeats):
            try:
                yield from part()
            except Exception:  # the database or Redis is down: /healthz/ says which
                log.warning("Metrics: %s could not be read", part.__name__, exc_info=True)

    def pipeline(self) -> Iterator[GaugeMetricFamily]:
        now = timezone.now()
        last = TickRecord.last()
        if last is not None:
            yield GaugeMetricFamily(
                "backcare_reminder_tick_age_seconds",
                "Seconds since the last reminder tick finished (alert over 120).",
                value=(now - last.finished_at).total_seconds(),
            )
            yield GaugeMetricFamily(
                "backcare_reminder_tick_duration_seconds",
                "How long the last reminder tick took.",
                value=last.seconds,
            )
        counts = pipeline_counts(now)
        family = GaugeMetricFamily(
            "backcare_reminders_open",
            "Reminders not done yet: due (schedules the tick has not claimed), pending, sending.",
            labels=["state"],
        )
        for state, count in counts.items():
            family.add_metric([state], count)
        yield family

    def queues(self) -> Iterator[GaugeMetricFamily]:
        if not settings.REDIS_URL:
            return  # the embedded file broker: no depth to read
        family = GaugeMetricFamily(
            "backcare_queue_depth", "Messages waiting in each Celery queue.", labels=["queue"]
        )
        with celery_app.connection_for_read() as connection:
            client = connection.default_channel.client
            for queue in heartbeats.expected_queues():
                keys = [queue] + [f"{queue}{PRIORITY_SEPARATOR}{step}" for step in PRIORITY_STEPS]
                family.add_metric([queue], sum(client.llen(key) for key in keys))
        yield family

    def export_jobs(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "backcare_export_jobs",
            "Export jobs kept (a day), by state: queued, running, done, failed.",
            labels=["state"],
        )
        counts = dict(ExportJob.objects.values_list("state").annotate(count=Count("id")))
        for state in ExportJob.State.values:
            family.add_metric([state], counts.get(state, 0))
        yield family

    def heartbeats(self) -> Iterator[GaugeMetricFamily]:
        family = GaugeMetricFamily(
            "backcare_process_heartbeat_age_seconds",
            "Seconds since the newest heartbeat of each kind of process (worker, ticker, beat).",
            labels=["kind"],
        )
        for kind, age in sorted(heartbeats.ages(timezone.now()).items()):
            family.add_metric([kind], age)
        yield family


STATE_REGISTRY = CollectorRegistry()
STATE_REGISTRY.register(StateCollector())
