"""Rate limits on what can be done over and over: guess passwords, sign up, ask for password
resets, open share links, load backups, start exports.

Each limit is a named rate in REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], counted per client
address unless a key is given. The address is REMOTE_ADDR, or the X-Forwarded-For entry added
by the last of NUM_PROXIES trusted proxies: with NUM_PROXIES at 0 (no proxy) the header is
ignored, so a made-up header cannot start a fresh count. An IPv6 client is counted on its /64,
the block one subscriber (a home, a phone) is given: rotating addresses inside it is free,
so it starts no fresh count either.

Some limits count per account or per email address instead, where many addresses are no
obstacle: wrong passwords for one account, emails to one inbox, one account's exports.
"""

import hashlib
import ipaddress

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from core.email_addresses import normalized_email

# Emails that an address can be sent by strangers (sign-up and password reset alike).
MAIL_SCOPE = "account-email"
# Wrong passwords for one account, from anywhere (log-in page, token API, admin).
ACCOUNT_GUESS_SCOPE = "account-guesses"
TOO_MANY_ATTEMPTS = _("Too many attempts. Wait a while, then try again.")
# IPv6 prefix length of one subscriber's block (RFC 6177: a /64 at the least, often a /56).
IPV6_CLIENT_PREFIX = 64


class NamedRateThrottle(SimpleRateThrottle):
    """The rate named `scope`, counted per client address, or per `ident` when given."""

    def __init__(self, scope: str, ident: str | None = None) -> None:
        self.scope = scope
        self.ident = ident
        super().__init__()

    def get_rate(self) -> str:
        # Read now, not when DRF was imported, so that a changed setting applies.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def get_ident(self, request) -> str:
        return address_block(super().get_ident(request))

    def get_cache_key(self, request, view) -> str:
        ident = self.ident if self.ident is not None else self.get_ident(request)
        return self.cache_format % {"scope": self.scope, "ident": ident}

    def used_up(self, request) -> bool:
        """Whether the rate is used up for now, without counting an attempt."""
        now = self.timer()
        history = self.cache.get(self.get_cache_key(request, None), [])
        return sum(1 for moment in history if moment > now - self.duration) >= self.num_requests


def address_block(address: str) -> str:
    """What a client's address is counted as: itself, or its /64 for IPv6."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 4:
        return str(ip)
    if ip.ipv4_mapped is not None:
        return str(ip.ipv4_mapped)
    return str(ipaddress.ip_network(f"{ip}/{IPV6_CLIENT_PREFIX}", strict=False))


def client_address(request: HttpRequest) -> str:
    """The client's own address (see NUM_PROXIES), as an allow-list compares it."""
    return SimpleRateThrottle.get_ident(NamedRateThrottle("auth"), request)


def allow(request: HttpRequest, scope: str) -> bool:
    """Count one attempt from this client; False when it is over the rate and must wait."""
    return NamedRateThrottle(scope).allow_request(request, None)


def allow_for(request: HttpRequest, scope: str, ident: str) -> bool:
    """Count one attempt for `ident` (an account, say), whoever makes it; False when over."""
    return NamedRateThrottle(scope, ident).allow_request(request, None)


def email_key(email: str) -> str:
    """One key per inbox, however the address is spelt, that does not hold the address."""
    return hashlib.sha256(normalized_email(email).encode()).hexdigest()


def allow_mail_to(request: HttpRequest, email: str) -> bool:
    """Count one email to this address; False when it has had its share for now."""
    return allow_for(request, MAIL_SCOPE, email_key(email))


def account_guesses_used_up(request: HttpRequest, email: str) -> bool:
    """Whether the account with this email takes no more passwords for now (see
    count_wrong_password). Asked before a password is checked, so a refused guess costs no
    password hash."""
    return NamedRateThrottle(ACCOUNT_GUESS_SCOPE, email_key(email)).used_up(request)


def count_wrong_password(request: HttpRequest | None, email: str) -> bool:
    """Count a wrong password given for this email's account, from any address; True when it
    is the one that used up the account's allowance."""
    throttle = NamedRateThrottle(ACCOUNT_GUESS_SCOPE, email_key(email))
    counted = throttle.allow_request(request, None)
    return counted and len(throttle.history) == throttle.num_requests
