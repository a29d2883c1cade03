from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RemindersConfig(AppConfig):
    name = "reminders"
    verbose_name = _("Reminders")

    def ready(self) -> None:
        # Connects the receivers of tracker's signals (new account, new time zone).
        from reminders import checks, receivers  # noqa: F401
