from django.utils import timezone, translation
from django.utils.cache import patch_cache_control


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


class NoStoreApiMiddleware:
    """API answers carry her health log: no browser or proxy cache may keep them.

    Views that say otherwise (downloads already say `private, no-store`) keep their own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/") and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        return response
