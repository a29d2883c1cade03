"""The admin site: its log-in slowed like the others, and who may reach it at all.

A superuser can reset anyone's password, so the admin's log-in counts password guesses per
address and per account exactly as the log-in page and the token API do
(tracker.password_guesses), and answers 429 past them. It should not be public in
production: ADMIN_ENABLED=false takes it off the site, and ADMIN_ALLOWED_NETWORKS (addresses
or networks, say "10.0.0.0/8, 192.0.2.7") serves it only to clients from those; to anyone
else it does not exist (404).
"""

import ipaddress
from collections.abc import Callable

from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse

from core import throttles
from tracker import password_guesses

# Where the admin is served (config/urls.py).
PATH = "admin/"


class AdminLoginForm(AdminAuthenticationForm):
    throttled = False

    def clean(self):
        # Before the password is checked, so that a refused guess costs no hash.
        username = self.cleaned_data.get("username") or ""
        if not password_guesses.may_check_password(self.request, username):
            self.throttled = True
            raise ValidationError(throttles.TOO_MANY_ATTEMPTS, code="too_many_attempts")
        return super().clean()


class AdminSite(admin.AdminSite):
    login_form = AdminLoginForm

    def login(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        response = super().login(request, extra_context)
        form = (getattr(response, "context_data", None) or {}).get("form")
        if getattr(form, "throttled", False):
            response.status_code = 429
        return response


def admin_reachable(request: HttpRequest) -> bool:
    if not settings.ADMIN_ENABLED:
        return False
    if not settings.ADMIN_ALLOWED_NETWORKS:
        return True
    try:
        address = ipaddress.ip_address(throttles.client_address(request))
    except ValueError:
        return False
    return any(
        address in ipaddress.ip_network(network, strict=False)
        for network in settings.ADMIN_ALLOWED_NETWORKS
    )


class AdminAccessMiddleware:
    """The admin's pages exist only where ADMIN_ENABLED and ADMIN_ALLOWED_NETWORKS allow."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(f"/{PATH}") and not admin_reachable(request):
            raise Http404
        return self.get_response(request)
