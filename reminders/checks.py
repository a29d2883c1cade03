"""Settings that would let a live send outlast its lease, and so be sent twice."""

from django.conf import settings
from django.core.checks import Error, register


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
