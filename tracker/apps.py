from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Daily log")

    def ready(self) -> None:
        # Connects the counting of wrong passwords per account (user_login_failed), and the
        # index of her sessions (user_logged_in, user_logged_out).
        from tracker import checks, password_guesses, sessions_of_users  # noqa: F401
