"""Which Celery processes are alive: every worker and beat writes a heartbeat row every
PROCESS_HEARTBEAT_SECONDS from a thread of its own, and deletes it when it stops cleanly.

/healthz/ reads them (missing_processes): each queue must have a worker that wrote one less
than three intervals ago, and so must beat. A process stopped cleanly is missed at once; one
that was killed, within three intervals. The rows live in the database, like the tick's, so
the check works the same on the embedded defaults and in production.
"""

import logging
import os
import socket
import threading
from datetime import datetime, timedelta

from django.conf import settings
from django.db import close_old_connections
from django.utils import timezone

from reminders.models import ProcessHeartbeat

log = logging.getLogger(__name__)
BEAT = "beat"
WORKER = "worker"
# Rows of processes that vanished without a word are deleted after this long.
FORGET_AFTER = timedelta(days=1)

_running: dict[str, "Heartbeat"] = {}


def stale_after() -> timedelta:
    return timedelta(seconds=3 * settings.PROCESS_HEARTBEAT_SECONDS)


def beat_name() -> str:
    return f"beat@{socket.gethostname()}:{os.getpid()}"


def record(name: str, kind: str, queues: list[str], now: datetime | None = None) -> None:
    ProcessHeartbeat.objects.update_or_create(
        name=name, defaults={"kind": kind, "queues": queues, "beat_at": now or timezone.now()}
    )


class Heartbeat(threading.Thread):
    """Writes one process's heartbeat now and every interval until stopped."""

    def __init__(self, name: str, kind: str, queues: list[str]) -> None:
        super().__init__(name=f"heartbeat-{kind}", daemon=True)
        self.process_name, self.kind, self.queues = name, kind, queues
        self.stopped = threading.Event()

    def run(self) -> None:
        interval = settings.PROCESS_HEARTBEAT_SECONDS
        while True:
            # As around a request: a connection the database dropped is replaced.
            close_old_connections()
            try:
                record(self.process_name, self.kind, self.queues)
                ProcessHeartbeat.objects.filter(beat_at__lt=timezone.now() - FORGET_AFTER).delete()
            except Exception:  # the database is down: /healthz/ says so; try again later
                log.warning("Could not write the heartbeat of %s", self.process_name, exc_info=True)
            if self.stopped.wait(interval):
                return

    def stop(self) -> None:
        """Stop beating and delete the row, so that /healthz/ misses this process at once."""
        self.stopped.set()
        self.join(timeout=5)
        close_old_connections()
        try:
            ProcessHeartbeat.objects.filter(name=self.process_name).delete()
        except Exception:
            log.warning("Could not delete the heartbeat of %s", self.process_name, exc_info=True)


def start(name: str, kind: str, queues: list[str]) -> None:
    if settings.PROCESS_HEARTBEAT_SECONDS <= 0 or name in _running:
        return
    heartbeat = _running[name] = Heartbeat(name, kind, queues)
    heartbeat.start()


def stop_all() -> None:
    while _running:
        _name, heartbeat = _running.popitem()
        heartbeat.stop()


def expected_queues() -> list[str]:
    """Every queue a task can be sent to: each needs a worker."""
    routed = [route["queue"] for route in settings.CELERY_TASK_ROUTES.values()]
    return list(dict.fromkeys([settings.CELERY_TASK_DEFAULT_QUEUE, *routed]))


def process_kind(queue: str) -> str:
    return settings.CELERY_QUEUE_WORKERS.get(queue, queue)


def missing_processes(now: datetime) -> dict[str, str]:
    """The kinds of process none of which is alive ("worker", "ticker", "beat"), and why."""
    alive = list(ProcessHeartbeat.objects.filter(beat_at__gte=now - stale_after()))
    seconds = int(stale_after().total_seconds())
    problems = {}
    for queue in expected_queues():
        if not any(queue in heartbeat.queues for heartbeat in alive if heartbeat.kind == WORKER):
            problems[process_kind(queue)] = (
                f"no worker of the queue {queue} has reported in the last {seconds} s"
            )
    if not any(heartbeat.kind == BEAT for heartbeat in alive):
        problems[BEAT] = f"Celery beat has not reported in the last {seconds} s"
    return problems


def ages(now: datetime) -> dict[str, float]:
    """Seconds since the newest heartbeat of each kind of process (for the metrics)."""
    newest: dict[str, datetime] = {}
    for heartbeat in ProcessHeartbeat.objects.all():
        kinds = [BEAT] if heartbeat.kind == BEAT else [process_kind(q) for q in heartbeat.queues]
        for kind in kinds:
            if kind not in newest or heartbeat.beat_at > newest[kind]:
                newest[kind] = heartbeat.beat_at
    return {kind: (now - at).total_seconds() for kind, at in newest.items()}
