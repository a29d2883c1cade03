"""The Celery app. Every worker and beat, as it starts, refuses to run in production with a
VAPID key its subscriptions were not made with (reminders.checks), then writes a heartbeat
until it stops (reminders.heartbeats), which /healthz/ reads."""

import atexit
import os

from celery import Celery
from celery.signals import (
    beat_init,
    task_postrun,
    task_prerun,
    worker_init,
    worker_ready,
    worker_shutdown,
)

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("backcare")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_broker_folders(sender: Celery, **kwargs) -> None:
    # The file-system transport expects its folders to exist before the first message.
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if key in options:
            os.makedirs(options[key], exist_ok=True)


@task_prerun.connect
@task_postrun.connect
def _replace_broken_database_connections(task=None, **kwargs) -> None:
    """Around every task, as Django does around every request: drop a connection that broke
    (the database restarted, a proxy cut it) or outlived DB_CONN_MAX_AGE, and check the others
    before their next use. Without it a worker keeps failing on a dead connection for good."""
    if task is not None and task.request.is_eager:
        return  # run inside the caller (tests): its connection is the caller's to manage
    from django.db import close_old_connections

    close_old_connections()


def _refuse_to_start_if_unsafe() -> None:
    import django
    from django.apps import apps

    if not apps.ready:
        django.setup()
    from reminders.checks import startup_problem

    if problem := startup_problem():
        raise SystemExit(problem)


@worker_init.connect
def _check_worker_may_start(sender=None, **kwargs) -> None:
    _refuse_to_start_if_unsafe()


@worker_ready.connect
def _start_worker_heartbeat(sender=None, **kwargs) -> None:
    from reminders import heartbeats

    queues = sorted(queue.name for queue in sender.task_consumer.queues)
    heartbeats.start(sender.hostname, heartbeats.WORKER, queues)


@worker_shutdown.connect
def _stop_worker_heartbeat(sender=None, **kwargs) -> None:
    from reminders import heartbeats

    heartbeats.stop_all()


@beat_init.connect
def _start_beat_heartbeat(sender=None, **kwargs) -> None:
    _refuse_to_start_if_unsafe()
    from reminders import heartbeats

    heartbeats.start(heartbeats.beat_name(), heartbeats.BEAT, [])
    # Beat has no shutdown signal; it exits through SystemExit or KeyboardInterrupt.
    atexit.register(heartbeats.stop_all)
