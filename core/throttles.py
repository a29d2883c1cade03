"""Rate limits on what a stranger can do without an account: guess passwords, sign up, ask for
password resets, open share links.

Each limit is a named rate in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], counted per client
address. The address is REMOTE_ADDR, or the X-Forwarded-For entry added by the last of
NUM_PROXIES trusted proxies: with NUM_PROXIES at 0 (no proxy) the header is ignored, so a
made-up header cannot start a fresh count. Limits on mail also count per email address, so
nobody can flood one inbox from many addresses.
"""

import hashlib

from django.http import HttpRequest
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from core.email_addresses import normalized_email

# Emails that an address can be sent by strangers (sign-up and password reset alike).
MAIL_SCOPE = "account-email"


class NamedRateThrottle(SimpleRateThrottle):
    """The rate named `scope`, counted per client address, or per `key` when given."""

    def __init__(self, scope: str, key: str | None = None) -> None:
        self.scope = scope
        self.key = key
        super().__init__()

    def get_rate(self) -> str:
        # Read now, not when DRF was imported, so that a changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_cache_key(self, request, view) -> str:
        ident = self.key if self.key is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}


def client_address(request: HttpRequest) -> str:
    """The address limits are counted on (see NUM_PROXIES)."""
    return NamedRateThrottle("auth").get_ident(request)


def allow(request: HttpRequest, scope: str) -> bool:
    """Count one attempt from this client; False when it is over the rate and must wait."""
    return NamedRateThrottle(scope).allow_request(request, None)


def allow_mail_to(request: HttpRequest, email: str) -> bool:
    """Count one email to this address; False when it has had its share for now."""
    normalized = normalized_email(email)
    key = hashlib.sha256(normalized.encode()).hexdigest()
    return NamedRateThrottle(MAIL_SCOPE, key).allow_request(request, None)
