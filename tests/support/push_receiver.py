"""A local Web Push service for the tests: it stands where FCM or Mozilla's autopush would.

It listens on 127.0.0.1 (a free port) in a background thread of the test process, hands out
subscriptions in the form browsers give them, and checks every message the way a strict push
service would before it keeps it:

* VAPID (RFC 8292): ``Authorization: vapid t=<JWT>,k=<key>``, an ES256 signature that verifies
  with ``k``, ``aud`` equal to this service's origin, ``exp`` in the future and at most 24 hours
  ahead, ``sub`` a ``mailto:`` or ``https:`` URI, and, when one is expected, the right key.
  Refused with 401, or 403 for a key other than the expected one.
* The request (RFC 8030): ``Content-Encoding: aes128gcm``, an integer ``TTL``, a valid
  ``Urgency`` and ``Topic`` when present, at most 4096 bytes of body (413 above).
* The payload (RFC 8291): decrypted with the subscription's private key and auth secret, then
  parsed as a JSON object. Refused with 400 when either fails.

An accepted message is answered 201 with a Location header and kept as a :class:`Message`
once that answer has gone out to a sender still listening; a refused one is kept as a
:class:`Rejection`. ``respond_with()`` and ``gone()`` script the answers a real push service
gives under load (429, 5xx) or when a browser unsubscribes (410); ``delay`` (every answer, as
for a service far away), ``stall()`` (hang, or trickle the answer a byte at a time) and
``fail_at_random()`` (a share of 429 and 500) play a slow or failing one. A request whose
sender gave up before the answer is counted in ``abandoned``, and its message is not kept.

    with running_receiver(expected_vapid_key=keys.public_key) as receiver:
        subscription = receiver.new_subscription()
        ...  # the app sends to subscription["endpoint"]
        [message] = receiver.wait_for(1)
        assert message.payload["title"] == "..."
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import itertools
import json
import re
import secrets
import select
import socket
import sys
import threading
import time
from collections import deque
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from random import Random
from socketserver import TCPServer
from typing import Any

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from py_vapid import Vapid, Vapid01

# What autopush and FCM accept as an encrypted body.
MAX_BODY_BYTES = 4096
# Bodies larger than this are answered without being read, and the connection is closed.
_MAX_READ_BYTES = 1024 * 1024
# RFC 8291 §4: 16-byte salt, 4-byte record size, 1-byte key id length, 65-byte sender key.
_HEADER_BYTES = 86
_MIN_BODY_BYTES = _HEADER_BYTES + 16 + 1  # and a 16-byte tag and at least the delimiter
_MAX_JWT_LIFETIME = 24 * 60 * 60
_URGENCIES = frozenset({"very-low", "low", "normal", "high"})
_TOPIC = re.compile(r"[A-Za-z0-9_-]{1,32}")
_TTL = re.compile(r"[0-9]{1,10}")
_KEPT_HEADERS = ("content-encoding", "ttl", "urgency", "topic")


@dataclass(frozen=True)
class Message:
    """One message the receiver accepted, decrypted.

    ``headers`` holds the Web Push request headers that were sent, under lower-case names:
    ``content-encoding``, ``ttl`` and, when present, ``urgency`` and ``topic``.
    """

    subscription_endpoint: str
    payload: dict
    headers: dict[str, str]
    received_at: float
    vapid_claims: dict = field(default_factory=dict)
    vapid_key: str = ""  # the ``k=`` of the Authorization header: base64url, no padding

    @property
    def ttl(self) -> int:
        return int(self.headers["ttl"])

    @property
    def urgency(self) -> str | None:
        return self.headers.get("urgency")

    @property
    def topic(self) -> str | None:
        return self.headers.get("topic")


@dataclass(frozen=True)
class Rejection:
    """One message the receiver refused because it was invalid, and why."""

    subscription_endpoint: str
    status: int
    reason: str
    received_at: float


@dataclass(frozen=True)
class VapidKeyPair:
    """A VAPID key pair for tests.

    ``vapid`` signs (and is what pywebpush's ``vapid_private_key`` takes), ``private_pem`` is
    the form the app's settings take, ``public_key`` is the base64url application server key.
    """

    vapid: Vapid
    private_pem: str
    public_key: str


def new_vapid_key_pair() -> VapidKeyPair:
    vapid = Vapid()
    vapid.generate_keys()
    return VapidKeyPair(vapid, vapid.private_pem().decode(), _b64encode(_raw(vapid.public_key)))


class _Refused(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass
class _Subscription:
    endpoint: str
    private_key: ec.EllipticCurvePrivateKey
    auth_secret: bytes
    vapid_key: bytes | None  # the applicationServerKey it was made with, if any


Reply = tuple[int, dict[str, str], bytes]


@dataclass(frozen=True)
class Stall:
    kind: str  # "hang" or "trickle"
    seconds: float


@dataclass(frozen=True)
class Answer:
    """What to answer one request, how, and the message to keep once it has been answered."""

    reply: Reply
    message: Message | None = None
    stall: Stall | None = None


@dataclass
class RandomFailures:
    rate_429: float
    rate_500: float
    retry_after: int | None
    random: Random

    def draw(self) -> Reply | None:
        """Called under the receiver's lock."""
        number = self.random.random()
        if number < self.rate_429:
            extra = {} if self.retry_after is None else {"Retry-After": str(self.retry_after)}
            return _reply(429, "Too many requests (at random).", extra)
        if number < self.rate_429 + self.rate_500:
            return _reply(500, "Internal error (at random).")
        return None


class PushReceiver:
    """A push service on 127.0.0.1, running from construction until :meth:`close`."""

    def __init__(
        self, expected_vapid_key: Any = None, *, max_body: int = MAX_BODY_BYTES, delay: float = 0.0
    ) -> None:
        self._closed = False
        self.delay = delay  # seconds before every answer (settable)
        self._stalls: dict[str, deque[Stall]] = {}
        self._random_failures: RandomFailures | None = None
        self._abandoned = 0
        self._expected_vapid_key = _public_key_bytes(expected_vapid_key)
        self._max_body = max_body
        self._lock = threading.Condition()
        self._subscriptions: dict[str, _Subscription] = {}
        self._gone: set[str] = set()
        self._scripted: dict[str | None, deque[tuple[int, int | None]]] = {}
        self._messages: list[Message] = []
        self._rejected: list[Rejection] = []
        self._requests_seen = 0
        self._ids = itertools.count(1)
        # Authorization header -> (claims, raw key) once its signature has verified. Senders
        # reuse one signed token for many messages, as the app does; the claims are still
        # checked on every message, since whether ``exp`` has passed depends on the time.
        self._verified: dict[str, tuple[dict, bytes]] = {}

        self._server = _Server(self)
        self.port: int = self._server.server_address[1]
        self.origin = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name=f"push-receiver-{self.port}",
            daemon=True,
        )
        self._thread.start()

    # -- set-up -------------------------------------------------------------------------------

    def new_subscription(self, application_server_key: Any = None) -> dict:
        """A new subscription, as ``PushSubscription.toJSON()`` gives it in a browser.

        With ``application_server_key`` (base64url, raw bytes, a ``Vapid`` or a
        :class:`VapidKeyPair`), messages to it must be signed with that VAPID key, as with a
        subscription a browser made with that ``applicationServerKey``; otherwise the
        receiver's ``expected_vapid_key``, if any, applies.
        """
        private_key = ec.generate_private_key(ec.SECP256R1())
        auth_secret = secrets.token_bytes(16)
        token = secrets.token_urlsafe(16)
        endpoint = f"{self.origin}/push/{token}"
        with self._lock:
            self._subscriptions[token] = _Subscription(
                endpoint, private_key, auth_secret, _public_key_bytes(application_server_key)
            )
        return {
            "endpoint": endpoint,
            "keys": {
                "p256dh": _b64encode(_raw(private_key.public_key())),
                "auth": _b64encode(auth_secret),
            },
        }

    def respond_with(
        self, endpoint: str | Mapping | None, statuses: list[int], retry_after: int | None = None
    ) -> None:
        """Answer the next ``len(statuses)`` requests with these statuses, in order, without
        checking or keeping them: requests to ``endpoint`` (a URL or a subscription), or, with
        ``None``, to any endpoint. An endpoint's own script is used before the shared one.
        ``retry_after`` (seconds) is sent as a Retry-After header with each of them.
        """
        key = None if endpoint is None else self._token_of(endpoint)
        for status in statuses:
            if not 100 <= status <= 599:
                raise ValueError(f"Not an HTTP status: {status!r}")
        with self._lock:
            queue = self._scripted.setdefault(key, deque())
            queue.extend((status, retry_after) for status in statuses)

    def gone(self, endpoint: str | Mapping) -> None:
        """Answer 410 Gone to every request to this endpoint from now on, as for a
        subscription the browser dropped."""
        token = self._token_of(endpoint)
        with self._lock:
            self._gone.add(token)

    def stall(self, endpoint: str | Mapping, kind: str, seconds: float, times: int = 1) -> None:
        """Answer the next ``times`` requests to this endpoint slowly: ``"hang"`` waits
        ``seconds`` before answering; ``"trickle"`` sends the status line at once, then the
        rest of the answer one byte per second over ``seconds``. The answer itself is the
        usual one (a scripted one if any): the message is kept if the sender is still there
        at the end."""
        if kind not in ("hang", "trickle"):
            raise ValueError(f"Not a kind of stall: {kind!r}")
        token = self._token_of(endpoint)
        with self._lock:
            self._stalls.setdefault(token, deque()).extend([Stall(kind, seconds)] * times)

    def fail_at_random(
        self, rate_429: float, rate_500: float, retry_after: int | None = None, seed: int = 1
    ) -> None:
        """From now on answer a random share of requests 429 (with Retry-After) or 500, as a
        busy push service does; the rest as usual."""
        self._random_failures = RandomFailures(rate_429, rate_500, retry_after, Random(seed))

    # -- what was received --------------------------------------------------------------------

    @property
    def abandoned(self) -> int:
        """Requests whose sender hung up before the whole answer reached it."""
        with self._lock:
            return self._abandoned

    @property
    def messages(self) -> list[Message]:
        with self._lock:
            return list(self._messages)

    @property
    def rejected(self) -> list[Rejection]:
        with self._lock:
            return list(self._rejected)

    @property
    def requests_seen(self) -> int:
        """Every POST received: accepted, refused, or answered from a script or as gone."""
        with self._lock:
            return self._requests_seen

    def payloads(self, endpoint: str | Mapping | None = None) -> list[dict]:
        """The decrypted payloads, in the order they arrived; to one endpoint, if given."""
        url = None if endpoint is None else self._subscription_of(endpoint).endpoint
        with self._lock:
            return [
                m.payload for m in self._messages if url is None or m.subscription_endpoint == url
            ]

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Message]:
        """Wait until at least ``count`` messages have been accepted; return all of them."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self._messages) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(self._shortfall(count, timeout))
                self._lock.wait(remaining)
            return list(self._messages)

    def clear(self) -> None:
        """Forget the messages, rejections and request count. Subscriptions, gone endpoints
        and scripted answers not yet used stay."""
        with self._lock:
            self._messages.clear()
            self._rejected.clear()
            self._requests_seen = 0

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        self._server.shutdown()
        self._server.server_close()
        self._server.drop_connections()
        self._thread.join(5)

    def __enter__(self) -> PushReceiver:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<PushReceiver {self.origin}>"

    # -- handling one request (called from the server's threads) --------------------------------

    def _receive(self, path: str, headers: dict[str, str], body: bytes) -> Answer:
        """Check one message; ``headers`` has lower-case names. The message is kept by
        :meth:`_keep` once its answer has gone out."""
        now = time.time()
        token = path[len("/push/") :] if path.startswith("/push/") else None
        stall = None
        with self._lock:
            self._requests_seen += 1
            subscription = self._subscriptions.get(token) if token else None
            if subscription is not None:
                if token in self._gone:
                    return Answer(
                        _reply(410, "This subscription has expired or been unsubscribed.")
                    )
                stalls = self._stalls.get(token)
                stall = stalls.popleft() if stalls else None
                queue = self._scripted.get(token) or self._scripted.get(None)
                if queue:
                    status, retry_after = queue.popleft()
                    extra = {} if retry_after is None else {"Retry-After": str(retry_after)}
                    return Answer(_reply(status, f"Scripted answer {status}.", extra), stall=stall)
                failures = self._random_failures
                if failures is not None and (failure := failures.draw()) is not None:
                    return Answer(failure, stall=stall)
        try:
            if subscription is None:
                raise _Refused(404, f"No subscription at {path}")
            claims, key = self._check_vapid(headers.get("authorization"), subscription, now)
            kept = self._check_headers(headers, body)
            payload = self._decrypt(subscription, body)
        except _Refused as refused:
            endpoint = subscription.endpoint if subscription else self.origin + path
            self._reject(endpoint, refused.status, refused.reason, now)
            return Answer(_reply(refused.status, refused.reason), stall=stall)

        message = Message(subscription.endpoint, payload, kept, now, claims, _b64encode(key))
        with self._lock:
            number = next(self._ids)
        reply = 201, {"Location": f"{self.origin}/message/{number}", "TTL": kept["ttl"]}, b""
        return Answer(reply, message, stall)

    def _keep(self, message: Message) -> None:
        with self._lock:
            self._messages.append(message)
            self._lock.notify_all()

    def _note_abandoned(self, withdrawn: Message | None = None) -> None:
        with self._lock:
            self._abandoned += 1
            if withdrawn is not None:
                self._messages.remove(withdrawn)

    def _reject(self, endpoint: str, status: int, reason: str, now: float | None = None) -> None:
        rejection = Rejection(endpoint, status, reason, time.time() if now is None else now)
        with self._lock:
            self._rejected.append(rejection)

    def _count_unread(self, path: str, status: int, reason: str) -> Answer:
        """A request refused before its body was read."""
        with self._lock:
            self._requests_seen += 1
        self._reject(self.origin + path, status, reason)
        return Answer(_reply(status, reason))

    def _check_vapid(
        self, authorization: str | None, subscription: _Subscription, now: float
    ) -> tuple[dict, bytes]:
        if not authorization:
            raise _Refused(401, "No Authorization header: VAPID (RFC 8292) is required")
        verified = self._verified.get(authorization)
        if verified is None:
            verified = _verify_vapid_header(authorization)
            if len(self._verified) >= 1024:
                self._verified.clear()
            self._verified[authorization] = verified
        claims, key = verified

        expected = subscription.vapid_key or self._expected_vapid_key
        if expected is not None and key != expected:
            raise _Refused(
                403,
                f"VAPID key {_b64encode(key)} is not the application server key this "
                f"subscription was made with ({_b64encode(expected)})",
            )
        aud = claims.get("aud")
        if aud != self.origin:
            raise _Refused(401, f"JWT aud {aud!r} is not this push service's origin {self.origin}")
        exp = claims.get("exp")
        if not isinstance(exp, int | float) or isinstance(exp, bool):
            raise _Refused(401, f"JWT exp {exp!r} is not a number")
        if exp <= now:
            raise _Refused(401, f"JWT expired {now - exp:.0f} s ago (exp={exp})")
        if exp > now + _MAX_JWT_LIFETIME:
            raise _Refused(401, f"JWT exp is {exp - now:.0f} s ahead, more than 24 hours")
        sub = claims.get("sub")
        if not isinstance(sub, str) or not sub.startswith(("mailto:", "https:")):
            raise _Refused(401, f"JWT sub {sub!r} is not a mailto: or https: URI")
        return claims, key

    def _check_headers(self, headers: dict[str, str], body: bytes) -> dict[str, str]:
        kept = {name: headers[name] for name in _KEPT_HEADERS if name in headers}
        encoding = kept.get("content-encoding")
        if encoding is None or encoding.strip().lower() != "aes128gcm":
            raise _Refused(400, f"Content-Encoding {encoding!r} is not aes128gcm (RFC 8291)")
        ttl = kept.get("ttl")
        if ttl is None:
            raise _Refused(400, "No TTL header (RFC 8030 section 5.2)")
        if not _TTL.fullmatch(ttl.strip()):
            raise _Refused(400, f"TTL {ttl!r} is not a non-negative integer")
        urgency = kept.get("urgency")
        if urgency is not None and urgency not in _URGENCIES:
            raise _Refused(400, f"Urgency {urgency!r} is not one of {sorted(_URGENCIES)}")
        topic = kept.get("topic")
        if topic is not None and not _TOPIC.fullmatch(topic):
            raise _Refused(400, f"Topic {topic!r} is not 1-32 base64url characters")
        if len(body) > self._max_body:
            raise _Refused(413, f"Body of {len(body)} bytes is over {self._max_body}")
        return kept

    def _decrypt(self, subscription: _Subscription, body: bytes) -> dict:
        if len(body) < _MIN_BODY_BYTES:
            raise _Refused(400, f"Body of {len(body)} bytes is too short for aes128gcm")
        record_size = int.from_bytes(body[16:20], "big")
        if body[20] != 65:
            raise _Refused(400, f"Key id is {body[20]} bytes, not the sender's 65-byte key")
        if len(body) - _HEADER_BYTES > record_size:
            raise _Refused(400, "The payload spans more than one record (RFC 8291 section 4)")
        try:
            plaintext = http_ece.decrypt(
                body,
                private_key=subscription.private_key,
                auth_secret=subscription.auth_secret,
                version="aes128gcm",
            )
        except Exception as exc:  # http_ece and cryptography raise several kinds
            raise _Refused(400, f"Cannot decrypt: {type(exc).__name__} {exc}".strip()) from exc
        try:
            payload = json.loads(plaintext)
        except ValueError as exc:
            raise _Refused(400, f"The plaintext is not JSON: {plaintext[:80]!r}") from exc
        if not isinstance(payload, dict):
            raise _Refused(400, f"The plaintext is JSON but not an object: {plaintext[:80]!r}")
        return payload

    # -- helpers ------------------------------------------------------------------------------

    def _token_of(self, endpoint: str | Mapping) -> str:
        url = endpoint["endpoint"] if isinstance(endpoint, Mapping) else endpoint
        prefix = f"{self.origin}/push/"
        token = url[len(prefix) :] if isinstance(url, str) and url.startswith(prefix) else None
        with self._lock:
            if token not in self._subscriptions:
                raise ValueError(f"{url!r} is not an endpoint of {self!r}")
        return token

    def _subscription_of(self, endpoint: str | Mapping) -> _Subscription:
        token = self._token_of(endpoint)
        with self._lock:
            return self._subscriptions[token]

    def _shortfall(self, count: int, timeout: float) -> str:
        lines = [
            f"Expected {count} push message(s) within {timeout} s, received "
            f"{len(self._messages)} ({self._requests_seen} request(s) seen in all)."
        ]
        if self._rejected:
            lines.append(f"{len(self._rejected)} refused; the last ones:")
            lines += [f"  {r.status} {r.reason}" for r in self._rejected[-5:]]
        return "\n".join(lines)


@contextlib.contextmanager
def running_receiver(**kwargs: Any) -> Iterator[PushReceiver]:
    """A :class:`PushReceiver` for the ``with`` block; keyword arguments go to it."""
    receiver = PushReceiver(**kwargs)
    try:
        yield receiver
    finally:
        receiver.close()


def subscribe(user: Any, receiver: PushReceiver) -> Any:
    """Subscribe `user` (a tracker User) as a browser would, with a key pair the receiver
    decrypts with; returns the PushSubscription."""
    from reminders.models import PushSubscription
    from reminders.push import vapid_public_key

    # Made with the server's key, as pushManager.subscribe() would: other keys are refused.
    info = receiver.new_subscription(vapid_public_key())
    return PushSubscription.objects.create(
        user=user,
        endpoint=info["endpoint"],
        p256dh=info["keys"]["p256dh"],
        auth=info["keys"]["auth"],
    )


# -- VAPID ------------------------------------------------------------------------------------


def _verify_vapid_header(authorization: str) -> tuple[dict, bytes]:
    """Check the form and signature of ``vapid t=<JWT>,k=<key>``; return (claims, raw key)."""
    scheme, _, parameters = authorization.strip().partition(" ")
    if scheme.lower() != "vapid":
        raise _Refused(401, f"Authorization scheme {scheme!r} is not vapid (RFC 8292)")
    fields = {}
    for part in parameters.split(","):
        name, equals, value = part.strip().partition("=")
        if equals:
            fields[name.strip().lower()] = value.strip()
    token, key_text = fields.get("t"), fields.get("k")
    if not token or not key_text:
        raise _Refused(401, "The vapid Authorization header needs both t= and k=")

    try:
        key = _b64decode(key_text)
        if len(key) != 65 or key[0] != 4:
            raise ValueError("not an uncompressed point")
        public_key = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), key)
    except ValueError as exc:
        raise _Refused(401, f"k= is not an uncompressed P-256 public key ({exc})") from exc

    signing_input, _, signature_text = token.rpartition(".")
    header_text, dot, claims_text = signing_input.partition(".")
    if not dot or "." in claims_text:
        raise _Refused(401, "t= is not a JWT (header.claims.signature)")
    try:
        header = json.loads(_b64decode(header_text))
        claims = json.loads(_b64decode(claims_text))
        signature = _b64decode(signature_text)
        signed = signing_input.encode("ascii")
    except ValueError as exc:
        raise _Refused(401, f"t= is not a well-formed JWT ({exc})") from exc
    if not isinstance(header, dict) or header.get("alg") != "ES256":
        raise _Refused(401, f"JWT header {header!r} does not say alg ES256")
    if not isinstance(claims, dict):
        raise _Refused(401, "The JWT claims are not a JSON object")
    if len(signature) != 64:
        raise _Refused(401, f"JWT signature is {len(signature)} bytes, not 64 (r || s)")
    der = encode_dss_signature(
        int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
    )
    try:
        public_key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature as exc:
        raise _Refused(401, "The JWT signature does not verify with the k= key") from exc
    return claims, key


def _public_key_bytes(value: Any) -> bytes | None:
    """A P-256 public key as its 65-byte uncompressed point, from the forms tests have."""
    if value is None:
        return None
    if isinstance(value, VapidKeyPair | Vapid01):
        value = value.public_key
    if isinstance(value, ec.EllipticCurvePublicKey):
        return _raw(value)
    if isinstance(value, str):
        value = _b64decode(value)
    if not isinstance(value, bytes):
        raise TypeError(f"Cannot read a VAPID public key from {type(value).__name__}")
    ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), value)  # ValueError if not
    if len(value) != 65:
        raise ValueError("A VAPID public key is a 65-byte uncompressed point")
    return value


def _raw(public_key: ec.EllipticCurvePublicKey) -> bytes:
    return public_key.public_bytes(
        serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint
    )


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _b64decode(text: str) -> bytes:
    """base64url, padded or not; ValueError on anything else."""
    try:
        return base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
    except binascii.Error as exc:
        raise ValueError(f"not base64url: {text[:20]!r}") from exc


def _reply(status: int, reason: str, headers: dict[str, str] | None = None) -> Reply:
    body = json.dumps({"code": status, "error": reason}).encode()
    return status, {"Content-Type": "application/json", **(headers or {})}, body


# -- HTTP -------------------------------------------------------------------------------------


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: every answer carries a Content-Length
    server_version = "LocalPushService"
    sys_version = ""
    disable_nagle_algorithm = True
    timeout = 60  # an idle keep-alive connection is dropped after this
    server: _Server

    def setup(self) -> None:
        super().setup()
        self.server.track(self.connection, True)

    def finish(self) -> None:
        try:
            super().finish()
        finally:
            self.server.track(self.connection, False)

    def do_POST(self) -> None:
        receiver = self.server.receiver
        # One pass over the parsed headers: looking each one up in them is a linear search.
        headers = {name.lower(): value for name, value in self.headers.items()}
        if "transfer-encoding" in headers:
            self.close_connection = True
            return self._send(*receiver._count_unread(self.path, 411, "Send a Content-Length"))
        try:
            length = int(headers.get("content-length", ""))
            if length < 0:
                raise ValueError(length)
        except ValueError:
            self.close_connection = True
            return self._send(*receiver._count_unread(self.path, 411, "Send a Content-Length"))
        if length > _MAX_READ_BYTES:
            self.close_connection = True
            reason = f"Body of {length} bytes is far too large"
            return self._send(*receiver._count_unread(self.path, 413, reason).reply)
        body = self.rfile.read(length)
        self._answer(receiver._receive(self.path, headers, body))

    def do_GET(self) -> None:
        self._send(*_reply(405, "A push service takes POST", {"Allow": "POST"}))

    do_PUT = do_DELETE = do_PATCH = do_GET

    def _answer(self, answer: Answer) -> None:
        """Send the answer, at the pace asked for. Its message is kept as the last part of the
        answer goes out, so a sender that has the answer finds it kept; a sender that hung up
        before then has it withdrawn and counted as abandoned."""
        receiver = self.server.receiver
        if receiver.delay:
            time.sleep(receiver.delay)
        stall = answer.stall
        kept = False
        try:
            if stall is not None and stall.kind == "hang":
                self._wait_unless_gone(stall.seconds)
            if stall is not None and stall.kind == "trickle":
                self._trickle_start(answer.reply[0], stall.seconds)
            if self._sender_gone():
                raise ConnectionResetError("the sender hung up")
            if answer.message is not None:
                receiver._keep(answer.message)
                kept = True
            if stall is not None and stall.kind == "trickle":
                self._trickle_end(*answer.reply)
            else:
                self._send(*answer.reply)
            self.wfile.flush()
        except OSError:
            self.close_connection = True
            receiver._note_abandoned(answer.message if kept else None)

    def _send(self, status: int, headers: dict[str, str], body: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def _trickle_start(self, status: int, seconds: float) -> None:
        """The status line at once, then a padding header a byte a second for `seconds`."""
        self.wfile.write(f"HTTP/1.1 {status} Slow\r\nX-Slow: ".encode())
        self.wfile.flush()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self._wait_unless_gone(min(1.0, deadline - time.monotonic()))
            if self._sender_gone():
                raise ConnectionResetError("the sender hung up")
            self.wfile.write(b"x")
            self.wfile.flush()

    def _trickle_end(self, status: int, headers: dict[str, str], body: bytes) -> None:
        """The real status follows as a header of the slow answer's (a test reads it there)."""
        lines = "".join(f"{name}: {value}\r\n" for name, value in headers.items())
        self.wfile.write(
            f"\r\nX-Status: {status}\r\n{lines}Content-Length: {len(body)}\r\n\r\n".encode() + body
        )

    def _wait_unless_gone(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline and not self._sender_gone():
            time.sleep(min(0.05, max(0.0, deadline - time.monotonic())))

    def _sender_gone(self) -> bool:
        """Whether the sender closed its end: readable with nothing to read."""
        readable, _w, _x = select.select([self.connection], [], [], 0)
        if not readable:
            return False
        try:
            return self.connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            return True

    def log_message(self, format: str, *args: Any) -> None:
        pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # close() drops open keep-alive connections instead of waiting
    request_queue_size = 128

    def __init__(self, receiver: PushReceiver) -> None:
        self.receiver = receiver
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up in DNS, which can be slow; not needed.
        TCPServer.server_bind(self)
        self.server_name, self.server_port = self.server_address[:2]

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hung up, or close() dropping a keep-alive connection: nothing to report.
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def track(self, connection: socket.socket, is_open: bool) -> None:
        with self._connections_lock:
            if is_open:
                self._connections.add(connection)
            else:
                self._connections.discard(connection)

    def drop_connections(self) -> None:
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)
