import contextlib
import os
import re
import uuid
from datetime import date, timedelta

import pytest
from django.core import mail
from django.http import HttpResponse
from rest_framework.test import APIClient

from habits.catalogue import load_catalogue
from tracker.models import ApiToken, User

IN_CI = os.environ.get("CI", "").lower() == "true"


def require(condition: bool, reason: str) -> None:
    """Skip when a service is missing locally; fail in CI, where everything must run."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must not skip: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session", autouse=True)
def vapid_key_file():
    """Push needs the server's VAPID key; tests and their workers share the one in var/."""
    from django.core.management import call_command

    call_command("make_vapid_keys", "--if-missing", verbosity=0)


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in Chinese activates it for the
    whole thread, and a test after it that renders without a request would speak Chinese."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_throttles(monkeypatch):
    """Each test counts its own attempts: a throttle filled by one test does not refuse the next.

    A cache of its own rather than clearing the default one, which may be Redis with the
    broker's queues in it.
    """
    from django.core.cache.backends.locmem import LocMemCache
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "cache", LocMemCache(f"throttles-{uuid.uuid4()}", {}))


@pytest.fixture
def catalogue(db):
    load_catalogue()


@pytest.fixture
def user(catalogue) -> User:
    return User.objects.create_user(
        "mother@example.com",
        "a-long-password-1",
        time_zone="Europe/London",
        baby_birth_date=date.today() - timedelta(days=30),
    )


@pytest.fixture
def other_user(catalogue) -> User:
    return User.objects.create_user(
        "other@example.com", "another-password-2", time_zone="Asia/Shanghai"
    )


def token_client(user: User) -> APIClient:
    client = APIClient()
    _token, raw = ApiToken.issue(user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    return client


@pytest.fixture
def api(user) -> APIClient:
    return token_client(user)


@pytest.fixture
def other_api(other_user) -> APIClient:
    return token_client(other_user)


def sign_up_by_email(client, email: str, password: str, **fields) -> HttpResponse:
    """Sign up as she does: the form, the link in the email, then her password."""
    form = {"email": email, "time_zone": "UTC", "language": "en", **fields}
    sent = len(mail.outbox)
    assert client.post("/signup/", form).status_code == 302
    link = re.search(r"http://testserver(/signup/finish/\S+/)", mail.outbox[sent].body).group(1)
    return client.post(link, {"password": password})


def new_id() -> str:
    return str(uuid.uuid4())


def realistic_day() -> dict:
    """A full day as the Today page sends it."""
    return {
        "mood": 3,
        "mood_tags": ["exhausted"],
        "habits": ["bent_knees_lift", "flat_shoes"],
        "warning_signs": [],
        "note": "Bad night, better after a walk.",
        "pain_ratings": [
            {"id": new_id(), "score": 6, "time": "07:30", "body_areas": ["lower_back"]},
            {"id": new_id(), "score": 4, "time": "19:00", "body_areas": ["lower_back", "pelvis"]},
        ],
        "feedings": [
            {
                "id": new_id(),
                "time": "03:10",
                "position": "side_lying",
                "supports": [],
                "posture": "upright",
                "minutes": 20,
                "side": "left",
            },
            {
                "id": new_id(),
                "time": "08:00",
                "position": "football",
                "supports": ["back_support", "pillow_under_baby"],
                "posture": "upright",
                "minutes": 25,
                "side": "right",
            },
        ],
        "exercises": [
            {"id": new_id(), "exercise": "pelvic_floor", "reps": 10},
            {"id": new_id(), "exercise": "walking", "minutes": 20},
        ],
        "medicines": [
            {"id": new_id(), "time": "07:45", "medicine": "paracetamol", "dose_mg": 500},
        ],
        "sleep_hours": 5.5,
        "sleep_quality": "woke_often",
        "pain_interference": 4,
        "pelvic_floor_sessions": [
            {"id": new_id(), "time": "10:00", "level": 2, "holds": 6, "hold_seconds": 5,
             "quick_squeezes": 6, "effort": "comfortable"},
        ],
        "symptom_checks": [
            {"id": new_id(), "time": "10:05", "context": "after_session", "symptoms": []},
        ],
    }  # fmt: skip


@pytest.fixture
def worker_process(transactional_db, tmp_path):
    """A real Celery worker in its own process, on the same broker and database as the test."""
    from tests.worker import purge_queue, start_worker, stop_process

    # A queue that does not exist yet has nothing to purge.
    with contextlib.suppress(Exception):
        purge_queue()
    log_path = tmp_path / "worker.log"
    process = start_worker(log_path)
    process.log_path = log_path
    yield process
    stop_process(process)


@pytest.fixture
def push_receiver():
    """A local push service that checks VAPID and decrypts what it receives."""
    from tests.push_receiver import running_receiver

    with running_receiver() as receiver:
        yield receiver


def subscribe(user: User, receiver) -> "PushSubscription":  # noqa: F821
    """Subscribe `user` as a browser would, with a key pair the receiver decrypts with."""
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


@pytest.fixture
def queued(monkeypatch) -> list[list[int]]:
    """The batches of delivery ids the tick queues, instead of putting them on the broker."""
    batches: list[list[int]] = []
    monkeypatch.setattr("reminders.pipeline.queue_send", batches.append)
    return batches
