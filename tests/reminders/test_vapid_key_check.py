"""A server whose VAPID key is not the one the phones subscribed with would fail every push
quietly: each subscription remembers the key it was made with, and such a server says so
(`check --database default`, reminders.E002) and, in production, refuses to start.

The real processes refusing (gunicorn and a Celery worker) are in test_restore_drill.py.
"""

import os
import subprocess
import sys
from io import StringIO

import pytest
from django.conf import settings
from django.core.checks import run_checks
from django.core.management import call_command

from reminders.checks import startup_problem
from reminders.models import PushSubscription
from reminders.push import vapid_public_key
from reminders.server_key import current_key_id, key_id
from tests.support.push_receiver import new_vapid_key_pair
from tests.support.worker import worker_environment

ROOT = settings.BASE_DIR

pytestmark = pytest.mark.django_db


def subscription(user, vapid_key_id: str, number: int = 1) -> PushSubscription:
    return PushSubscription.objects.create(
        user=user, endpoint=f"https://fcm.googleapis.com/fcm/send/{number}", p256dh="k",
        auth="a", vapid_key_id=vapid_key_id,
    )  # fmt: skip


def key_errors() -> list[str]:
    return [e.msg for e in run_checks(databases=["default"]) if e.id == "reminders.E002"]


def test_a_subscription_remembers_the_key_it_was_made_with(api, push_receiver):
    browser = push_receiver.new_subscription(vapid_public_key())
    assert api.post("/api/v1/push-subscriptions/", browser, format="json").status_code == 201
    stored = PushSubscription.objects.get()
    assert stored.vapid_key_id == current_key_id() == key_id(vapid_public_key())
    assert len(stored.vapid_key_id) == 16


def test_subscriptions_made_with_this_key_or_unrecorded_ones_are_fine(user):
    subscription(user, current_key_id(), 1)
    subscription(user, "", 2)  # kept before keys were recorded: nothing to compare
    assert key_errors() == []


def test_subscriptions_made_with_another_key_are_an_error_naming_both(user, settings):
    other = key_id(new_vapid_key_pair().public_key)
    subscription(user, other)
    [error] = key_errors()
    assert f"made with the VAPID key {other}" in error
    assert f"holds the key {current_key_id()}" in error
    assert "secrets.env" in error and "--forget-other-keys" in error

    assert startup_problem() == ""  # not in production: `make run` still starts
    settings.PRODUCTION = True
    assert startup_problem().startswith("Refusing to start: 1 push subscription(s)")


def test_the_check_runs_only_where_it_can_read_the_database(user):
    subscription(user, key_id(new_vapid_key_pair().public_key))
    assert not [e for e in run_checks() if e.id == "reminders.E002"]  # `check` alone


def test_subscriptions_of_a_replaced_key_can_be_forgotten(user):
    subscription(user, key_id(new_vapid_key_pair().public_key), 1)
    subscription(user, current_key_id(), 2)
    out = StringIO()
    call_command("vapid_status", "--forget-other-keys", stdout=out)
    assert "forgot 1 subscription(s)" in out.getvalue()
    assert list(PushSubscription.objects.values_list("vapid_key_id", flat=True)) == [
        current_key_id()
    ]
    assert key_errors() == []


@pytest.mark.django_db(transaction=True)
def test_check_with_the_database_fails_on_another_key(user):
    subscription(user, key_id(new_vapid_key_pair().public_key))
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--database", "default"],
        cwd=ROOT, env=worker_environment(), capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert "reminders.E002" in result.stderr


PRODUCTION = {
    "PRODUCTION": "true",
    "SECRET_KEY": "p" * 64,
    "ALLOWED_HOSTS": "127.0.0.1",
    "VAPID_SUBJECT": "mailto:ops@example.org",
    "SECURE_SSL_REDIRECT": "false",
    # Production needs a mail server and a shared cache; the processes stop before either.
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"),
}


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "command",
    [
        ["gunicorn", "-c", "config/gunicorn.conf.py", "config.wsgi"],
        ["celery", "-A", "config", "worker", "--pool=solo", "-n", "refused@%h"],
        ["celery", "-A", "config", "beat"],
    ],
    ids=["web", "worker", "beat"],
)
def test_each_production_process_refuses_to_start_with_another_key(user, command, tmp_path):
    subscription(user, key_id(new_vapid_key_pair().public_key))
    env = worker_environment(**PRODUCTION, PORT="0")
    if "beat" in command:
        command = [*command, f"--schedule={tmp_path / 'beat-schedule'}"]
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Refusing to start: 1 push subscription(s) were made with the VAPID key" in output
