from csp.constants import UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView

from config import admin_site
from config.metrics import metrics
from reminders.views import healthz

# Redoc styles itself with <style> elements it writes at run time and searches in a blob:
# worker. The docs page shows no health data, so only it allows those; its template
# (templates/drf_spectacular/redoc.html) has no inline script and no font CDN.
api_docs = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": ["blob:"]})(
    SpectacularRedocView.as_view(url_name="schema")
)

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
    path("api/v1/docs/", api_docs, name="api-docs"),
    path(admin_site.PATH, admin.site.urls),
    path("healthz/", healthz, name="healthz"),
    path("metrics/", metrics, name="metrics"),
]

handler400 = "config.errors.bad_request"
handler404 = "config.errors.not_found"
handler500 = "config.errors.server_error"
