"""send_push against push services that do not answer as hoped."""

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reminders.models import PushSubscription
from reminders.push import (
    Outcome,
    encode_payload,
    post_all,
    prepare,
    send_push,
    vapid_public_key,
)
from tests.support.worker import wait_for


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    settings.PUSH_ALLOW_LOOPBACK = True
    settings.PUSH_TIMEOUT_SECONDS = 2


def subscription_at(push_receiver, endpoint: str) -> PushSubscription:
    info = push_receiver.new_subscription(vapid_public_key())
    return PushSubscription(
        endpoint=endpoint, p256dh=info["keys"]["p256dh"], auth=info["keys"]["auth"]
    )


def test_a_push_service_that_does_not_answer_is_retried(push_receiver):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    # Nothing listens on the port any more: the connection is refused.
    result = send_push(subscription_at(push_receiver, f"http://127.0.0.1:{port}/push/x"), {"a": 1})
    assert result.outcome == Outcome.RETRY


def test_a_redirect_is_not_followed(push_receiver):
    """A stored endpoint must not be able to send the server's POST somewhere else."""
    target = push_receiver.new_subscription(vapid_public_key())["endpoint"]

    class Redirect(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.send_response(307)
            self.send_header("Location", target)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Redirect)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_port}/push/x"
        result = send_push(subscription_at(push_receiver, endpoint), {"a": 1})
    finally:
        server.shutdown()
        server.server_close()
    assert (result.outcome, result.status) == (Outcome.REJECTED, 307)
    assert push_receiver.requests_seen == 0


def test_retry_after_is_read_as_seconds_or_as_an_http_date():
    from reminders.push import Outcome, classify, retry_after_seconds

    assert classify(429, "120").retry_after == 120
    assert classify(503, None) == classify(503)
    assert classify(503).outcome == Outcome.RETRY
    # Wed, 21 Oct 2015 07:28:00 GMT is 1445412480 in Unix time.
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 - 90) == 90
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412480 + 5) == 0
    assert retry_after_seconds("soon") is None


def subscription_of(info: dict) -> PushSubscription:
    return PushSubscription(
        endpoint=info["endpoint"], p256dh=info["keys"]["p256dh"], auth=info["keys"]["auth"]
    )


@pytest.mark.parametrize("kind", ["trickle", "hang"])
def test_a_slow_push_service_is_cut_off_at_the_deadline(push_receiver, settings, kind):
    """The deadline is for the whole exchange: an answer that comes a byte a second (each read
    well inside any read timeout) is cut off too, and the connection closed."""
    settings.PUSH_TIMEOUT_SECONDS = 1
    info = push_receiver.new_subscription(vapid_public_key())
    push_receiver.stall(info["endpoint"], kind, seconds=20)
    started = time.monotonic()
    result = send_push(subscription_of(info), {"a": 1})
    assert result.outcome == Outcome.RETRY
    assert time.monotonic() - started < 2
    # The push service saw the sender hang up, and kept nothing.
    wait_for(lambda: push_receiver.abandoned == 1, 5, "the push service to see the hang-up")
    assert push_receiver.messages == []


def test_pushes_wait_for_the_network_together(push_receiver):
    """Twenty pushes to a service 300 ms away take about 300 ms, not six seconds."""
    push_receiver.delay = 0.3
    key = vapid_public_key()
    data = encode_payload({"a": 1})
    messages = [
        prepare(subscription_of(push_receiver.new_subscription(key)), data) for _ in range(20)
    ]
    started = time.monotonic()
    results = post_all(messages)
    assert time.monotonic() - started < 2
    assert {result.outcome for result in results} == {Outcome.DELIVERED}
    assert len(push_receiver.wait_for(20)) == 20


def test_one_vapid_token_per_push_service_for_its_lifetime(push_receiver):
    key = vapid_public_key()
    data = encode_payload({"a": 1})
    first, second = (
        prepare(subscription_of(push_receiver.new_subscription(key)), data) for _ in range(2)
    )
    assert first.headers["Authorization"] == second.headers["Authorization"]
    post_all([first, second])
    [one, two] = push_receiver.wait_for(2)
    assert one.vapid_claims == two.vapid_claims
    assert one.vapid_claims["exp"] - time.time() > 11 * 60 * 60
