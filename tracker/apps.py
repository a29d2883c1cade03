from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Daily log")

    def ready(self) -> None:
        # Connects the counting of wrong passwords per account (user_login_failed).
        from tracker import checks, password_guesses  # noqa: F401
