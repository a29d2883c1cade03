from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = _("Daily log")

    def ready(self) -> None:
        # Registers the OpenAPI field extensions (drf-spectacular finds them by subclassing).
        from tracker import api_schema  # noqa: F401
