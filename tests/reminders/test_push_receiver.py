"""The local push service the tests deliver Web Push messages to: it must accept what a real
push service accepts, and refuse, with the reason, what a real one would refuse."""

import json
import threading
import time

import pytest
import requests
from py_vapid import Vapid01
from py_vapid import jwt as vapid_jwt
from pywebpush import WebPusher, WebPushException, webpush

from tests.support.push_receiver import (
    Message,
    PushReceiver,
    new_vapid_key_pair,
    running_receiver,
)

SUBJECT = "mailto:test@example.com"


@pytest.fixture(scope="module")
def keys():
    return new_vapid_key_pair()


@pytest.fixture(scope="module")
def other_keys():
    return new_vapid_key_pair()


@pytest.fixture
def receiver():
    with running_receiver() as receiver:
        yield receiver


def send(subscription, payload, vapid, claims=None, **kwargs):
    kwargs.setdefault("ttl", 60)
    return webpush(
        subscription,
        data=json.dumps(payload),
        vapid_private_key=vapid,
        vapid_claims=dict(claims or {"sub": SUBJECT}),  # webpush() adds aud and exp to it
        timeout=10,
        **kwargs,
    )


def authorization(keys, claims) -> str:
    """A vapid Authorization header with exactly these claims, none added or checked."""
    token = vapid_jwt.sign(claims, keys.vapid.private_key)
    return f"vapid t={token},k={keys.public_key}"


def good_claims(receiver, **changes):
    claims = {"aud": receiver.origin, "sub": SUBJECT, "exp": int(time.time()) + 3600}
    claims.update(changes)
    return {name: value for name, value in claims.items() if value is not None}


def encrypt(subscription, plaintext: bytes) -> bytes:
    return WebPusher(subscription).encode(plaintext)["body"]


def post(receiver, subscription, body, keys, **header_changes):
    headers = {
        "Authorization": authorization(keys, good_claims(receiver)),
        "Content-Encoding": "aes128gcm",
        "TTL": "60",
    }
    headers.update(header_changes)
    headers = {name: value for name, value in headers.items() if value is not None}
    return requests.post(subscription["endpoint"], data=body, headers=headers, timeout=10)


def test_a_message_is_verified_decrypted_and_kept(receiver, keys):
    subscription = receiver.new_subscription()
    assert subscription["endpoint"].startswith(f"http://127.0.0.1:{receiver.port}/push/")
    assert set(subscription["keys"]) == {"p256dh", "auth"}
    before = time.time()

    response = send(
        subscription,
        {"title": "Time for your stretches", "tag": "reminder"},
        keys.vapid,
        headers={"Urgency": "high", "Topic": "t1"},
    )

    assert response.status_code == 201
    assert response.headers["Location"].startswith(f"{receiver.origin}/message/")
    assert response.headers["TTL"] == "60"
    [message] = receiver.wait_for(1, timeout=2)
    assert isinstance(message, Message)
    assert message.subscription_endpoint == subscription["endpoint"]
    assert message.payload == {"title": "Time for your stretches", "tag": "reminder"}
    assert message.headers == {
        "content-encoding": "aes128gcm",
        "ttl": "60",
        "urgency": "high",
        "topic": "t1",
    }
    assert (message.ttl, message.urgency, message.topic) == (60, "high", "t1")
    assert before <= message.received_at <= time.time()
    assert message.vapid_key == keys.public_key
    assert message.vapid_claims["sub"] == SUBJECT
    assert message.vapid_claims["aud"] == receiver.origin
    assert receiver.payloads() == [message.payload]
    assert receiver.requests_seen == 1
    assert receiver.rejected == []


def test_urgency_and_topic_are_optional(receiver, keys):
    subscription = receiver.new_subscription()
    send(subscription, {"n": 1}, keys.vapid, ttl=0)
    [message] = receiver.wait_for(1, timeout=2)
    assert message.headers == {"content-encoding": "aes128gcm", "ttl": "0"}
    assert message.urgency is None and message.topic is None


def test_payloads_can_be_read_per_subscription(receiver, keys):
    first, second = receiver.new_subscription(), receiver.new_subscription()
    send(first, {"n": 1}, keys.vapid)
    send(second, {"n": 2}, keys.vapid)
    send(first, {"n": 3}, keys.vapid)
    assert receiver.payloads(first) == [{"n": 1}, {"n": 3}]
    assert receiver.payloads(second["endpoint"]) == [{"n": 2}]
    assert receiver.payloads() == [{"n": 1}, {"n": 2}, {"n": 3}]


def test_only_the_expected_vapid_key_is_accepted(keys, other_keys):
    with running_receiver(expected_vapid_key=keys.public_key) as receiver:
        subscription = receiver.new_subscription()

        with pytest.raises(WebPushException) as refused:
            send(subscription, {"n": 1}, other_keys.vapid)

        assert refused.value.status_code == 403
        [rejection] = receiver.rejected
        assert rejection.status == 403
        assert other_keys.public_key in rejection.reason
        assert rejection.subscription_endpoint == subscription["endpoint"]
        assert receiver.messages == []

        assert send(subscription, {"n": 2}, keys.vapid).status_code == 201
        assert receiver.payloads() == [{"n": 2}]
        assert receiver.requests_seen == 2


def test_a_subscription_accepts_only_the_key_it_was_made_with(keys, other_keys):
    with running_receiver(expected_vapid_key=keys.vapid) as receiver:
        bound = receiver.new_subscription(application_server_key=other_keys)
        with pytest.raises(WebPushException) as refused:
            send(bound, {"n": 1}, keys.vapid)
        assert refused.value.status_code == 403
        assert send(bound, {"n": 2}, other_keys.vapid).status_code == 201
        assert receiver.payloads() == [{"n": 2}]


def test_a_token_reused_for_another_subscription_is_still_checked_against_its_key(
    receiver, keys, other_keys
):
    # The receiver remembers signatures it has verified: that must not skip the key check.
    anyone, bound = receiver.new_subscription(), receiver.new_subscription(other_keys.public_key)
    plaintext = b'{"n": 1}'
    header = authorization(keys, good_claims(receiver))

    accepted = post(receiver, anyone, encrypt(anyone, plaintext), keys, Authorization=header)
    refused = post(receiver, bound, encrypt(bound, plaintext), keys, Authorization=header)

    assert (accepted.status_code, refused.status_code) == (201, 403)


def test_a_token_for_another_push_service_is_refused(receiver, keys):
    subscription = receiver.new_subscription()
    claims = {"sub": SUBJECT, "aud": "https://fcm.googleapis.com"}

    with pytest.raises(WebPushException) as refused:
        send(subscription, {"n": 1}, keys.vapid, claims=claims)

    assert refused.value.status_code == 401
    [rejection] = receiver.rejected
    assert "https://fcm.googleapis.com" in rejection.reason
    assert receiver.messages == []


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        (lambda origin, now: {"aud": "http://127.0.0.1:1"}, "aud"),
        (lambda origin, now: {"aud": origin + "/"}, "aud"),
        (lambda origin, now: {"aud": None}, "aud"),
        (lambda origin, now: {"exp": now - 10}, "expired"),
        (lambda origin, now: {"exp": now + 25 * 3600}, "24 hours"),
        (lambda origin, now: {"exp": "tomorrow"}, "not a number"),
        (lambda origin, now: {"exp": None}, "not a number"),
        (lambda origin, now: {"sub": "test@example.com"}, "sub"),
        (lambda origin, now: {"sub": "http://example.com"}, "sub"),
        (lambda origin, now: {"sub": None}, "sub"),
    ],
)
def test_claims_a_push_service_refuses(receiver, keys, changes, reason):
    changes = changes(receiver.origin, int(time.time()))
    subscription = receiver.new_subscription()
    header = authorization(keys, good_claims(receiver, **changes))

    response = post(
        receiver, subscription, encrypt(subscription, b"{}"), keys, Authorization=header
    )

    assert response.status_code == 401
    assert reason in response.json()["error"]
    [rejection] = receiver.rejected
    assert (rejection.status, rejection.reason) == (401, response.json()["error"])
    assert receiver.messages == []


def test_the_same_request_with_good_claims_is_accepted(receiver, keys):
    # The counterpart of the refusals above: only the claims differ there.
    subscription = receiver.new_subscription()
    header = authorization(keys, good_claims(receiver))
    response = post(
        receiver, subscription, encrypt(subscription, b"{}"), keys, Authorization=header
    )
    assert response.status_code == 201
    assert receiver.payloads() == [{}]


def forged(receiver, keys, other_keys):
    token = vapid_jwt.sign(good_claims(receiver), other_keys.vapid.private_key)
    return f"vapid t={token},k={keys.public_key}"


def truncated_signature(receiver, keys, other_keys):
    token = vapid_jwt.sign(good_claims(receiver), keys.vapid.private_key)
    return f"vapid t={token[:-8]},k={keys.public_key}"


def legacy_scheme(receiver, keys, other_keys):
    legacy = Vapid01(keys.vapid.private_key)
    return legacy.sign(good_claims(receiver))["Authorization"]


def not_a_jwt(receiver, keys, other_keys):
    return f"vapid t=abc,k={keys.public_key}"


def no_key(receiver, keys, other_keys):
    return authorization(keys, good_claims(receiver)).split(",k=")[0]


def bad_key(receiver, keys, other_keys):
    return authorization(keys, good_claims(receiver)).replace(keys.public_key, "AAAA")


@pytest.mark.parametrize(
    ("make_header", "reason"),
    [
        (forged, "does not verify"),
        (truncated_signature, "signature"),
        (legacy_scheme, "scheme"),
        (not_a_jwt, "JWT"),
        (no_key, "t= and k="),
        (bad_key, "k= is not"),
    ],
)
def test_authorization_headers_a_push_service_refuses(
    receiver, keys, other_keys, make_header, reason
):
    subscription = receiver.new_subscription()
    header = make_header(receiver, keys, other_keys)
    response = post(
        receiver, subscription, encrypt(subscription, b"{}"), keys, Authorization=header
    )
    assert response.status_code == 401
    assert reason in response.json()["error"]
    assert [r.status for r in receiver.rejected] == [401]


def test_a_message_without_authorization_is_refused(receiver, keys):
    subscription = receiver.new_subscription()
    response = post(receiver, subscription, encrypt(subscription, b"{}"), keys, Authorization=None)
    assert response.status_code == 401
    assert "No Authorization" in receiver.rejected[0].reason


def test_tampered_ciphertext_is_refused(receiver, keys):
    subscription = receiver.new_subscription()
    body = encrypt(subscription, b'{"title": "hello"}')
    tampered = body[:-20] + bytes([body[-20] ^ 1]) + body[-19:]

    refused = post(receiver, subscription, tampered, keys)
    accepted = post(receiver, subscription, body, keys)

    assert refused.status_code == 400
    assert "decrypt" in refused.json()["error"]
    assert accepted.status_code == 201
    assert receiver.payloads() == [{"title": "hello"}]
    assert [r.status for r in receiver.rejected] == [400]


def test_a_message_encrypted_for_another_subscription_is_refused(receiver, keys):
    subscription, other = receiver.new_subscription(), receiver.new_subscription()
    response = post(receiver, subscription, encrypt(other, b'{"n": 1}'), keys)
    assert response.status_code == 400
    assert "decrypt" in response.json()["error"]
    assert receiver.messages == []


@pytest.mark.parametrize(
    ("plaintext", "reason"),
    [(b"hello", "not JSON"), (b"[1, 2]", "not an object"), (b"\xff\xfe", "not JSON")],
)
def test_a_payload_that_is_not_a_json_object_is_refused(receiver, keys, plaintext, reason):
    subscription = receiver.new_subscription()
    response = post(receiver, subscription, encrypt(subscription, plaintext), keys)
    assert response.status_code == 400
    assert reason in response.json()["error"]


@pytest.mark.parametrize(
    ("header_changes", "reason"),
    [
        ({"TTL": None}, "No TTL"),
        ({"TTL": "soon"}, "TTL"),
        ({"TTL": "-1"}, "TTL"),
        ({"Content-Encoding": None}, "Content-Encoding"),
        ({"Content-Encoding": "aesgcm"}, "Content-Encoding"),
        ({"Urgency": "urgent"}, "Urgency"),
        ({"Topic": "reminder:2025-01-01"}, "Topic"),
        ({"Topic": "t" * 33}, "Topic"),
    ],
)
def test_request_headers_a_push_service_refuses(receiver, keys, header_changes, reason):
    subscription = receiver.new_subscription()
    response = post(receiver, subscription, encrypt(subscription, b"{}"), keys, **header_changes)
    assert response.status_code == 400
    assert reason in response.json()["error"]
    assert receiver.messages == []


def test_a_body_over_4096_bytes_is_refused(receiver, keys):
    subscription = receiver.new_subscription()
    just_fits = json.dumps({"text": "x" * 3980}).encode()
    too_big = json.dumps({"text": "x" * 4000}).encode()
    assert len(encrypt(subscription, just_fits)) <= 4096 < len(encrypt(subscription, too_big))

    assert post(receiver, subscription, encrypt(subscription, just_fits), keys).status_code == 201
    response = post(receiver, subscription, encrypt(subscription, too_big), keys)
    assert response.status_code == 413
    assert len(receiver.messages) == 1


def test_scripted_answers_come_first_then_delivery(receiver, keys):
    subscription = receiver.new_subscription()
    receiver.respond_with(subscription["endpoint"], [429, 503], retry_after=7)

    answers = []
    for n in range(3):
        try:
            answers.append(send(subscription, {"n": n}, keys.vapid).status_code)
        except WebPushException as exc:
            answers.append((exc.status_code, exc.retry_after))

    assert answers == [(429, "7"), (503, "7"), 201]
    assert receiver.payloads() == [{"n": 2}]
    assert receiver.requests_seen == 3
    assert receiver.rejected == []


def test_scripted_answers_for_any_endpoint_and_for_one(receiver, keys):
    first, second = receiver.new_subscription(), receiver.new_subscription()
    receiver.respond_with(None, [500])
    receiver.respond_with(first, [410])

    def status(subscription):
        try:
            return send(subscription, {}, keys.vapid).status_code
        except WebPushException as exc:
            assert exc.retry_after is None
            return exc.status_code

    # The endpoint's own script first, then the shared one, then real handling.
    assert [status(first), status(second), status(first), status(second)] == [410, 500, 201, 201]
    assert len(receiver.messages) == 2


def test_a_gone_endpoint_answers_410_for_good(receiver, keys):
    gone, alive = receiver.new_subscription(), receiver.new_subscription()
    receiver.gone(gone["endpoint"])

    for _ in range(2):
        with pytest.raises(WebPushException) as refused:
            send(gone, {"n": 1}, keys.vapid)
        assert refused.value.status_code == 410
    assert send(alive, {"n": 2}, keys.vapid).status_code == 201

    assert receiver.payloads() == [{"n": 2}]
    assert receiver.requests_seen == 3


def test_an_endpoint_it_never_issued_is_not_found(receiver, keys):
    subscription = receiver.new_subscription()
    unknown = {**subscription, "endpoint": f"{receiver.origin}/push/nobody"}
    with pytest.raises(WebPushException) as refused:
        send(unknown, {"n": 1}, keys.vapid)
    assert refused.value.status_code == 404
    assert receiver.rejected[0].subscription_endpoint == unknown["endpoint"]


def test_controls_refuse_endpoints_of_other_services(receiver):
    with pytest.raises(ValueError):
        receiver.gone("https://fcm.googleapis.com/fcm/send/abc")
    with pytest.raises(ValueError):
        receiver.respond_with(f"{receiver.origin}/push/nobody", [429])
    with pytest.raises(ValueError):
        receiver.respond_with(None, [1000])


def test_wait_for_says_what_arrived_and_what_was_refused(receiver, keys):
    subscription = receiver.new_subscription()
    send(subscription, {"n": 1}, keys.vapid)
    post(receiver, subscription, encrypt(subscription, b"{}"), keys, TTL=None)

    started = time.monotonic()
    with pytest.raises(AssertionError) as timed_out:
        receiver.wait_for(2, timeout=0.3)

    assert 0.3 <= time.monotonic() - started < 2
    text = str(timed_out.value)
    assert "Expected 2 push message(s) within 0.3 s, received 1" in text
    assert "2 request(s) seen" in text
    assert "400 No TTL header" in text


def test_wait_for_returns_as_soon_as_messages_arrive(receiver, keys):
    subscription = receiver.new_subscription()
    sender = threading.Timer(0.2, send, (subscription, {"n": 1}, keys.vapid))
    sender.start()
    try:
        started = time.monotonic()
        [message] = receiver.wait_for(1, timeout=5)
        assert time.monotonic() - started < 2
        assert message.payload == {"n": 1}
    finally:
        sender.join()


def test_clear_forgets_what_was_received(receiver, keys):
    subscription = receiver.new_subscription()
    send(subscription, {"n": 1}, keys.vapid)
    post(receiver, subscription, b"not encrypted", keys)
    assert (len(receiver.messages), len(receiver.rejected), receiver.requests_seen) == (1, 1, 2)

    receiver.clear()

    assert (receiver.messages, receiver.rejected, receiver.requests_seen) == ([], [], 0)
    send(subscription, {"n": 2}, keys.vapid)
    assert receiver.payloads() == [{"n": 2}]


def test_concurrent_senders_on_keep_alive_connections(receiver, keys):
    subscriptions = [receiver.new_subscription() for _ in range(4)]
    errors = []

    def sender(index):
        with requests.Session() as session:
            subscription = subscriptions[index]
            header = authorization(keys, good_claims(receiver))  # reused, as the app does
            for n in range(25):
                pusher = WebPusher(subscription, requests_session=session)
                response = pusher.send(
                    json.dumps({"sender": index, "n": n}), {"Authorization": header}, ttl=30
                )
                if response.status_code != 201:
                    errors.append(response.text)

    threads = [threading.Thread(target=sender, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    messages = receiver.wait_for(100, timeout=5)
    assert sorted((m.payload["sender"], m.payload["n"]) for m in messages) == [
        (index, n) for index in range(4) for n in range(25)
    ]
    for message in messages:
        index = message.payload["sender"]
        assert message.subscription_endpoint == subscriptions[index]["endpoint"]
    assert receiver.requests_seen == 100


def test_close_stops_it_even_with_a_keep_alive_connection_open(keys):
    receiver = PushReceiver()
    subscription = receiver.new_subscription()
    session = requests.Session()
    try:
        pusher = WebPusher(subscription, requests_session=session)
        header = authorization(keys, good_claims(receiver))
        assert pusher.send("{}", {"Authorization": header}, ttl=30).status_code == 201

        started = time.monotonic()
        receiver.close()
        receiver.close()  # a second close does nothing

        assert time.monotonic() - started < 2
        with pytest.raises(requests.ConnectionError):
            requests.post(subscription["endpoint"], data=b"{}", timeout=2)
    finally:
        session.close()


def test_other_methods_are_not_allowed(receiver):
    response = requests.get(receiver.origin + "/push/x", timeout=5)
    assert (response.status_code, response.headers["Allow"]) == (405, "POST")
    assert receiver.requests_seen == 0
