"""Web Push: the VAPID key, which endpoints and keys we accept, and sending messages.

pywebpush encrypts (RFC 8291); we add the VAPID header ourselves so that one signed token serves
every message to the same push service for its lifetime instead of signing each one. Messages
are posted concurrently from one asyncio loop per process (aiohttp, pooled keep-alive
connections), each with a deadline for the whole exchange: push services are tens to hundreds
of milliseconds away, and a slow one must hold up neither the others nor the lease.
"""

import asyncio
import atexit
import base64
import binascii
import contextlib
import ipaddress
import json
import math
import os
import re
import ssl
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from enum import Enum

import aiohttp
import certifi
import yarl
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.utils.translation import gettext as _
from py_vapid import Vapid
from pywebpush import WebPusher, WebPushException

from reminders.models import PushSubscription

# Browsers and push services refuse larger payloads (4 KB after encryption); keep a margin.
MAX_PAYLOAD_BYTES = 3 * 1024
# Push services accept a VAPID token valid for at most 24 hours; renew well before it ends.
TOKEN_LIFETIME_SECONDS = 12 * 60 * 60
TOKEN_RENEW_BEFORE_SECONDS = 60 * 60
# Open connections per process, across push services: more than a process's batches hold in
# flight (worker threads x REMINDER_SEND_BATCH), so a push never waits for a free one.
MAX_CONNECTIONS = 512
# A push service answers with a short status text at most; the rest is not read.
MAX_ANSWER_BYTES = 64 * 1024


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


def vapid_headers(audience: str) -> dict:
    """The Authorization header for a push service, signed once per service for its lifetime.

    A token is valid for TOKEN_LIFETIME_SECONDS; it is renewed TOKEN_RENEW_BEFORE_SECONDS
    before it runs out, so a slow send never carries an expired one.
    """
    now = time.time()
    with _lock:
        cached = _tokens.get(audience)
        if cached and cached[0] - now > TOKEN_RENEW_BEFORE_SECONDS:
            return cached[1]
        expires = int(now) + TOKEN_LIFETIME_SECONDS
        claims = {"aud": audience, "sub": settings.VAPID_SUBJECT, "exp": expires}
        headers = vapid_key().sign(claims)
        _tokens[audience] = (expires, headers)
        return headers


# The whole of an endpoint we accept: a scheme, a host of letters, digits, dots and dashes, an
# optional port, and a path (with an optional query) of RFC 3986 characters. No user info, no
# backslash, no fragment, no IPv6 literal: nothing that two URL parsers could read differently.
ENDPOINT = re.compile(
    r"(?P<scheme>https?)://(?P<host>[A-Za-z0-9.-]+)(?::(?P<port>[0-9]{1,5}))?"
    r"(?P<path>/[A-Za-z0-9._~!$&'()*+,;=:/?%-]*)"
)
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Endpoint:
    """A subscription endpoint that passed check_endpoint: where a push is sent, exactly."""

    url: yarl.URL  # as the sender (aiohttp) reads it, checked to have the host and port below
    host: str
    audience: str  # scheme://host[:port], the VAPID "aud"


def check_endpoint(endpoint: str) -> Endpoint:
    """Refuse endpoints that are not a known push service (the server will POST to them).

    The endpoint is parsed here once, with the sender's own parser, and the push goes to
    the URL this returns: what was checked is what is sent to.
    """
    match = ENDPOINT.fullmatch(endpoint)
    if match is None:
        raise ValidationError(_("The endpoint must be an https address of a push service."))
    scheme, host, port = match["scheme"], match["host"].lower(), match["port"]
    port_number = int(port) if port else DEFAULT_PORTS[scheme]
    if not (settings.PUSH_ALLOW_LOOPBACK and _is_loopback(host)):
        if scheme != "https" or port_number != 443:
            raise ValidationError(_("The endpoint must be an https address of a push service."))
        if not _is_push_service(host):
            raise ValidationError(
                _("This push service is not supported: %(host)s") % {"host": host}
            )
    try:
        url = yarl.URL(endpoint, encoded=True)
    except ValueError as e:
        raise ValidationError(_("The endpoint must be an https address of a push service.")) from e
    # The pattern leaves no room for another reading; this proves it for the parser that sends.
    if (url.scheme, url.host, url.port) != (scheme, host, port_number):
        raise ValidationError(_("The endpoint must be an https address of a push service."))
    # The push service's origin, with the port only where it is not the default one.
    audience = f"{scheme}://{host}" + ("" if port_number == DEFAULT_PORTS[scheme] else f":{port}")
    return Endpoint(url, host, audience)


def _is_push_service(host: str) -> bool:
    for allowed in settings.PUSH_SERVICE_HOSTS:
        allowed = allowed.lower()
        if host == allowed or (allowed.startswith("*.") and host.endswith(allowed[1:])):
            return True
    return False


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_p256dh(p256dh: str) -> None:
    """Refuse a browser key a message could not be encrypted to (RFC 8291): it must be a
    P-256 public key, as its 65-byte uncompressed point in base64url."""
    try:
        point = _b64decode(p256dh)
        if len(point) != 65 or point[0] != 4:
            raise ValueError("not an uncompressed point")
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), point)
    except ValueError as e:
        raise ValidationError(
            _("Not a browser key: a P-256 public key (65 bytes) in base64url.")
        ) from e


def check_auth(auth: str) -> None:
    """Refuse an auth secret that is not 16 bytes in base64url (RFC 8291)."""
    try:
        secret = _b64decode(auth)
    except ValueError:
        secret = b""
    if len(secret) != 16:
        raise ValidationError(_("Not an auth secret: 16 bytes in base64url."))


def _b64decode(text: str) -> bytes:
    """base64url, padded or not; ValueError on any other character."""
    if "+" in text or "/" in text:
        raise ValueError("base64, not base64url")
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except (binascii.Error, ValueError) as e:
        raise ValueError(str(e)) from e


def encode_payload_unchecked(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode()


def encode_payload(payload: dict) -> bytes:
    data = encode_payload_unchecked(payload)
    if len(data) > MAX_PAYLOAD_BYTES:
        raise ValueError(f"Push payload is {len(data)} bytes, over {MAX_PAYLOAD_BYTES}")
    return data


@dataclass(frozen=True)
class PushMessage:
    """One encrypted message, ready to post."""

    url: yarl.URL
    body: bytes
    headers: dict[str, str]


def prepare(
    subscription: PushSubscription, data: bytes, urgency: str = "normal", topic: str = ""
) -> PushMessage:
    """Check the endpoint, encrypt `data` to the subscription's keys and sign for its service.

    Raises ValidationError for an endpoint no longer accepted, and ValueError or
    WebPushException for keys that cannot be encrypted to.
    """
    endpoint = check_endpoint(subscription.endpoint)
    encrypted = WebPusher(subscription.info()).encode(data, "aes128gcm")
    headers = {
        **vapid_headers(endpoint.audience),
        "Content-Encoding": "aes128gcm",
        "TTL": str(settings.PUSH_TTL_SECONDS),
        "Urgency": urgency,
    }
    if topic:
        # A newer message with the same topic replaces one still waiting at the push service.
        headers["Topic"] = topic
    return PushMessage(endpoint.url, encrypted["body"], headers)


def send_push(
    subscription: PushSubscription, payload: dict, urgency: str = "normal", topic: str = ""
) -> PushResult:
    """Encrypt and post one message; classify the push service's answer."""
    try:
        message = prepare(subscription, encode_payload(payload), urgency, topic)
    except (ValidationError, ValueError, WebPushException):
        # An endpoint kept before PUSH_SERVICE_HOSTS changed, or keys that cannot be used:
        # never POST; email will do instead.
        return PushResult(Outcome.REJECTED)
    [result] = post_all([message])
    return result


def post_all(messages: list[PushMessage]) -> list[PushResult]:
    """Post the messages at the same time, each within PUSH_TIMEOUT_SECONDS from start to
    answer, whatever the push service does; the results in the same order."""
    if not messages:
        return []
    return _sender().post_all(messages, settings.PUSH_TIMEOUT_SECONDS)


class _Sender:
    """An event loop of its own thread with one pooled HTTP client, per process.

    Pushes wait on the network, not the CPU: one loop keeps hundreds in flight at once, and
    its connections stay open from one batch to the next. Worker threads hand it their
    batches and wait for the answers.
    """

    def __init__(self) -> None:
        self.pid = os.getpid()
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, name="push-sender", daemon=True).start()
        self.session = self._run(self._open_session())
        atexit.register(self.close)

    def close(self) -> None:
        """Close the connections and stop the loop (at exit)."""
        if self.pid == os.getpid() and self.loop.is_running():
            with contextlib.suppress(Exception):
                self._run(self.session.close())
            self.loop.call_soon_threadsafe(self.loop.stop)

    def _run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    async def _open_session(self) -> aiohttp.ClientSession:
        tls = ssl.create_default_context(cafile=certifi.where())
        connector = aiohttp.TCPConnector(
            ssl=tls, limit=MAX_CONNECTIONS, limit_per_host=0, ttl_dns_cache=300
        )
        return aiohttp.ClientSession(connector=connector, auto_decompress=False)

    def post_all(self, messages: list[PushMessage], deadline: float) -> list[PushResult]:
        return self._run(self._post_all(messages, deadline))

    async def _post_all(self, messages: list[PushMessage], deadline: float) -> list[PushResult]:
        return await asyncio.gather(*(self._post(message, deadline) for message in messages))

    async def _post(self, message: PushMessage, deadline: float) -> PushResult:
        try:
            # The whole exchange, not each read: a service that answers a byte at a time
            # is cut off here, and the connection closed.
            async with asyncio.timeout(deadline):
                async with self.session.post(
                    message.url, data=message.body, headers=message.headers,
                    allow_redirects=False,  # a stored endpoint must not send us elsewhere
                ) as response:  # fmt: skip
                    await response.content.read(MAX_ANSWER_BYTES)
                    return classify(response.status, response.headers.get("Retry-After"))
        except (aiohttp.ClientError, TimeoutError, OSError):
            return PushResult(Outcome.RETRY)


_sender_instance: _Sender | None = None
_sender_lock = threading.Lock()


def _sender() -> _Sender:
    global _sender_instance
    with _sender_lock:
        # A forked worker process needs a loop and connections of its own.
        if _sender_instance is None or _sender_instance.pid != os.getpid():
            _sender_instance = _Sender()
        return _sender_instance


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
