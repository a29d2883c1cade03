"""Deployment checks (`manage.py check --deploy`) on what the database holds."""

from django.conf import settings
from django.core.checks import Error, register
from django.db import DatabaseError

from tracker.demo import DEMO_EMAIL, DEMO_PASSWORD
from tracker.models import User


@register(deploy=True)
def no_demo_account_in_production(app_configs, **kwargs) -> list[Error]:
    """The demo account's password is public: in production it must not exist at all (log-in
    refuses it anyway, tracker.authentication), say after `make db` once ran on this database."""
    if not settings.PRODUCTION:
        return []
    try:
        exists = User.objects.filter(email=DEMO_EMAIL).exists()
    except DatabaseError:
        return []  # no database, or not migrated yet: nothing in it to find
    if not exists:
        return []
    return [
        Error(
            f"The demo account {DEMO_EMAIL} (password {DEMO_PASSWORD!r}) is in the database",
            hint=f"Delete it, in the admin or with manage.py shell: its address is {DEMO_EMAIL}.",
            id="tracker.E001",
        )
    ]
