from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Core"

    def ready(self) -> None:
        # Registers the OpenAPI field extensions (drf-spectacular finds them by subclassing).
        from core import api_schema  # noqa: F401
