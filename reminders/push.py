"""Web Push: the VAPID key, which endpoints we accept, and sending one message.

pywebpush encrypts (RFC 8291); we add the VAPID header ourselves so that one signed token serves
every message to the same push service for an hour instead of signing each one, and post with
urllib3, which keeps connections open and costs a third of the CPU of requests per message: it
matters when thousands of reminders go out in the same minute.
"""

import base64
import ipaddress
import json
import math
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from enum import Enum
from urllib.parse import urlsplit

import certifi
import urllib3
from cryptography.hazmat.primitives import serialization
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _
from py_vapid import Vapid
from pywebpush import WebPusher

from reminders.models import PushSubscription

# Browsers and push services refuse larger payloads (4 KB after encryption); keep a margin.
MAX_PAYLOAD_BYTES = 3 * 1024
# Push services accept a VAPID token valid for at most 24 hours; renew well before.
TOKEN_LIFETIME_SECONDS = 12 * 60 * 60
TOKEN_REUSE_SECONDS = 60 * 60


class Outcome(Enum):
    DELIVERED = "delivered"  # the push service accepted it (201)
    GONE = "gone"  # 404/410: the subscription no longer exists
    RETRY = "retry"  # 429, 5xx or no answer: try again later
    REJECTED = "rejected"  # any other answer: sending again would not help


@dataclass(frozen=True)
class PushResult:
    outcome: Outcome
    status: int | None = None
    retry_after: int | None = None


def make_key_pair() -> tuple[str, str]:
    """A new VAPID key pair: the private key as PEM, the public key as base64url (for the page)."""
    vapid = Vapid()
    vapid.generate_keys()
    return vapid.private_pem().decode(), public_key_of(vapid)


def public_key_of(vapid: Vapid) -> str:
    raw = vapid.public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


_vapid: Vapid | None = None
_tokens: dict[str, tuple[float, dict]] = {}
_lock = threading.Lock()


def vapid_key() -> Vapid:
    global _vapid
    if _vapid is None:
        pem = settings.VAPID_PRIVATE_KEY
        if not pem and settings.VAPID_PRIVATE_KEY_FILE.exists():
            pem = settings.VAPID_PRIVATE_KEY_FILE.read_text()
        if not pem:
            raise ImproperlyConfigured(
                "No VAPID key: run `manage.py make_vapid_keys` or set VAPID_PRIVATE_KEY"
            )
        pem = pem.replace("\\n", "\n").strip()
        _vapid = Vapid.from_pem(pem.encode()) if "BEGIN" in pem else Vapid.from_string(pem)
    return _vapid


def vapid_public_key() -> str:
    """The application server key the page passes to pushManager.subscribe()."""
    return public_key_of(vapid_key())


def push_configured() -> bool:
    return bool(settings.VAPID_PRIVATE_KEY) or settings.VAPID_PRIVATE_KEY_FILE.exists()


def vapid_headers(endpoint: str) -> dict:
    """The Authorization header for a push service, signed once an hour per service."""
    parts = urlsplit(endpoint)
    audience = f"{parts.scheme}://{parts.netloc}"
    now = time.time()
    with _lock:
        cached = _tokens.get(audience)
        if cached and now - cached[0] < TOKEN_REUSE_SECONDS:
            return cached[1]
        claims = {
            "aud": audience,
            "sub": settings.VAPID_SUBJECT,
            "exp": int(now) + TOKEN_LIFETIME_SECONDS,
        }
        headers = vapid_key().sign(claims)
        _tokens[audience] = (now, headers)
        return headers


def check_endpoint(endpoint: str) -> None:
    """Refuse endpoints that are not a known push service (the server will POST to them)."""
    parts = urlsplit(endpoint)
    host = (parts.hostname or "").lower()
    if settings.PUSH_ALLOW_LOOPBACK and parts.scheme in ("http", "https") and _is_loopback(host):
        return
    if parts.scheme != "https" or not host:
        raise ValidationError(_("The endpoint must be an https address of a push service."))
    for allowed in settings.PUSH_SERVICE_HOSTS:
        allowed = allowed.lower()
        if host == allowed or (allowed.startswith("*.") and host.endswith(allowed[1:])):
            return
    raise ValidationError(_("This push service is not supported: %(host)s") % {"host": host})


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def encode_payload_unchecked(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def encode_payload(payload: dict) -> bytes:
    data = encode_payload_unchecked(payload)
    if len(data) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"Push payload is {len(data)} bytes, over {MAX_PAYLOAD_BYTES}")
    return data


_local = threading.local()


def _connections() -> urllib3.PoolManager:
    # One keep-alive pool per worker thread: a batch to the same push service reuses its TLS
    # connection instead of opening one per message. A push service never redirects; following
    # one would let a stored endpoint send us anywhere.
    if not hasattr(_local, "connections"):
        _local.connections = urllib3.PoolManager(ca_certs=certifi.where(), retries=False)
    return _local.connections


def send_push(
    subscription: PushSubscription, payload: dict, urgency: str = "normal", topic: str = ""
) -> PushResult:
    """Encrypt and post one message; classify the push service's answer."""
    try:
        check_endpoint(subscription.endpoint)
    except ValidationError:
        # Kept before PUSH_SERVICE_HOSTS changed: never POST to it; email will do instead.
        return PushResult(Outcome.REJECTED)
    encrypted = WebPusher(subscription.info()).encode(encode_payload(payload), "aes128gcm")
    headers = {
        **vapid_headers(subscription.endpoint),
        "Content-Encoding": "aes128gcm",
        "TTL": str(settings.PUSH_TTL_SECONDS),
        "Urgency": urgency,
    }
    if topic:
        # A newer message with the same topic replaces one still waiting at the push service.
        headers["Topic"] = topic
    try:
        response = _connections().request(
            "POST",
            subscription.endpoint,
            body=encrypted["body"],
            headers=headers,
            timeout=settings.PUSH_TIMEOUT_SECONDS,
            redirect=False,
        )
    except urllib3.exceptions.HTTPError:
        return PushResult(Outcome.RETRY)
    return classify(response.status, response.headers.get("Retry-After"))


def classify(status: int, retry_after: str | None = None) -> PushResult:
    if 200 <= status < 300:
        return PushResult(Outcome.DELIVERED, status)
    if status in (404, 410):
        return PushResult(Outcome.GONE, status)
    if status == 429 or status >= 500:
        return PushResult(Outcome.RETRY, status, retry_after_seconds(retry_after))
    return PushResult(Outcome.REJECTED, status)


def retry_after_seconds(value: str | None, now: float | None = None) -> int | None:
    """Retry-After as seconds: it may be a number of seconds or an HTTP date (RFC 9110)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0, math.ceil(moment.timestamp() - (now if now is not None else time.time())))
