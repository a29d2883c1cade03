import time

from django.conf import settings
from django.middleware.gzip import GZipMiddleware
from django.utils import timezone, translation
from django.utils.cache import patch_cache_control

from core import metrics


class ProfileLanguageMiddleware:
    """Pages speak the language chosen in her profile, whatever the browser asks for, and
    show times in her time zone (a reminder sent at 20:30 in Shanghai reads 20:30, not 12:30)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            profile = getattr(user, "profile", None)
            if profile is not None:
                if profile.language:
                    translation.activate(profile.language)
                    request.LANGUAGE_CODE = translation.get_language()
                timezone.activate(profile.zone)
        try:
            return self.get_response(request)
        finally:
            # Threads serve other people's requests next.
            timezone.deactivate()


class CacheControlMiddleware:
    """Who may keep a copy of an answer, where the view did not say.

    API answers carry her health log: no browser or proxy may keep them ("private,
    no-store"). Her pages are hers: no shared cache may keep them, and the browser asks the
    server before showing a kept copy ("private, no-cache"); not "no-store", which would also
    keep them out of the back/forward cache, so Back reloaded every page. A view that says
    otherwise wins: downloads, the share page and the log-in pages.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.has_header("Cache-Control"):
            return response
        if request.path.startswith("/api/"):
            patch_cache_control(response, private=True, no_store=True)
        elif self.her_page(request, response):
            patch_cache_control(response, private=True, no_cache=True)
        return response

    @staticmethod
    def her_page(request, response) -> bool:
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        return signed_in and response.get("Content-Type", "").startswith("text/html")


class CompressionMiddleware(GZipMiddleware):
    """Django's gzip (which pads each answer against BREACH), except for an API answer with a
    strong ETag: compressing makes Django weaken the tag ("W/..."), and a day's ETag must stay
    strong for If-Match to compare it (RFC 9110), or a client echoing it could never save."""

    def process_response(self, request, response):
        strong_etag = response.get("ETag", "").startswith('"')
        if strong_etag and response.get("Content-Type", "").startswith("application/json"):
            return response
        return super().process_response(request, response)


class RequestMetricsMiddleware:
    """Counts every answer and times it, by the route's name (never the raw path, which would
    make a series per date and token) and method: core.metrics."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        view = self.view_label(request)
        method = metrics.method_label(request.method)
        metrics.REQUEST_SECONDS.labels(view, method).observe(time.perf_counter() - started)
        metrics.REQUESTS.labels(view, method, str(response.status_code)).inc()
        return response

    @staticmethod
    def view_label(request) -> str:
        match = getattr(request, "resolver_match", None)
        if match is not None:
            return match.view_name
        if request.path.startswith(settings.STATIC_URL):
            return "static"
        return "unmatched"
