from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from reminders.views import healthz

urlpatterns = [
    path("", include("tracker.urls")),
    path("", include("habits.urls")),
    path("", include("insights.urls")),
    path("", include("reminders.urls")),
    path("", include("reports.urls")),
    path("api/v1/", include("tracker.api_urls")),
    path("api/v1/", include("insights.api_urls")),
    path("api/v1/", include("reminders.api_urls")),
    path("api/v1/", include("reports.api_urls")),
    path("api/v1/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/v1/docs/", SpectacularRedocView.as_view(url_name="schema"), name="api-docs"),
    path("admin/", admin.site.urls),
    path("healthz/", healthz, name="healthz"),
]
