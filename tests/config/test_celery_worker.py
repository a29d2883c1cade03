"""Celery is wired: a real worker process consumes from the configured broker."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from config.celery import app
from tests.support.worker import wait_for
from tracker.tasks import clear_expired_sessions

pytestmark = pytest.mark.worker


def make_session(expires_in: timedelta) -> str:
    store = SessionStore()
    store["demo"] = True
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() + expires_in
    )
    return store.session_key


def test_the_broker_is_redis_when_redis_url_is_set():
    if settings.REDIS_URL:
        assert app.conf.broker_url.startswith("redis://")
    else:
        assert app.conf.broker_url == "filesystem://"


def test_a_real_worker_clears_expired_sessions(worker_process):
    expired = [make_session(timedelta(days=-1)) for _ in range(3)]
    live = make_session(timedelta(days=1))

    clear_expired_sessions.delay()

    wait_for(
        lambda: not Session.objects.filter(session_key__in=expired).exists(),
        timeout=60,
        what="the worker to clear expired sessions",
        log_path=worker_process.log_path,
    )
    assert Session.objects.filter(session_key=live).exists()


def test_the_beat_schedule_names_registered_tasks():
    app.loader.import_default_modules()
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert entry["task"] in app.tasks
