from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HabitsConfig(AppConfig):
    name = "habits"
    verbose_name = _("Habits and advice")

    def ready(self) -> None:
        # Registers the catalogue key's OpenAPI extension (found by subclassing).
        from habits import api_fields  # noqa: F401
