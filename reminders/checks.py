"""Settings that would let a live send outlast its lease, and so be sent twice; and a VAPID key
that cannot push to the stored subscriptions, which would fail every push quietly."""

import logging

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError

log = logging.getLogger(__name__)


@register()
def lease_outlasts_a_push(app_configs, **kwargs) -> list[Error]:
    """A send must be over well inside its lease: the push deadline, with room to spare for
    the batch's database work and emails (the lease is at least twice the deadline)."""
    if settings.REMINDER_LEASE_SECONDS >= 2 * settings.PUSH_TIMEOUT_SECONDS:
        return []
    return [
        Error(
            f"REMINDER_LEASE_SECONDS ({settings.REMINDER_LEASE_SECONDS}) must be at least twice "
            f"PUSH_TIMEOUT_SECONDS ({settings.PUSH_TIMEOUT_SECONDS})",
            hint="A send still running when its lease ends is sent again by another worker.",
            id="reminders.E001",
        )
    ]


def vapid_key_problem() -> str:
    """reminders.server_key.mismatch(), or "" when the database cannot tell (not reachable,
    or not migrated yet): a check that cannot read must not stop a migration."""
    from reminders.server_key import mismatch

    try:
        return mismatch()
    except DatabaseError:
        return ""


@register(Tags.database)
def vapid_key_matches_subscriptions(app_configs, databases=None, **kwargs) -> list[Error]:
    """Run by `check --database default`, `migrate` and `make run-production`."""
    problem = vapid_key_problem() if databases else ""
    return [Error(problem, id="reminders.E002")] if problem else []


@register(Tags.security, deploy=True)
def loopback_push_endpoints_off(app_configs, **kwargs) -> list[Warning]:
    if not (settings.PRODUCTION and settings.PUSH_ALLOW_LOOPBACK):
        return []
    return [
        Warning(
            "PUSH_ALLOW_LOOPBACK is on: a subscription may make this server post to its own "
            "loopback addresses",
            hint="Only for testing the production stack with a local push service.",
            id="reminders.W001",
        )
    ]


def startup_problem() -> str:
    """Why a production process must not start, or "". Every process calls this as it starts
    (config/wsgi.py for gunicorn, config/celery.py for the workers and beat)."""
    if not settings.PRODUCTION:
        return ""
    problem = vapid_key_problem()
    if problem:
        log.critical("Refusing to start: %s", problem)
        return f"Refusing to start: {problem}"
    return ""
