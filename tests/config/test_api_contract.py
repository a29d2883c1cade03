"""The API keeps its OpenAPI contract under fuzzing.

Schemathesis (pinned in pyproject.toml) reads /api/v1/schema/ and sends every documented
operation generated requests, valid and invalid, with a valid token, through the WSGI app
itself, and runs all of its checks on every answer: no server error, every status, content
type, header and body as documented, schema-valid requests accepted and invalid ones refused.

The schema states every rule OpenAPI 3.0 can state. The hook below tells the generator the
few it cannot (a day's date, and every date of a range, lies between 2000-01-01 and today;
each item of a day has an id of its own; a medicine has a name when it is "other_medicine"
and only then; a pelvic-floor session has a squeeze; `from` is not after `to`; insights and
reports cover at most MAX_DAYS; an account has at most 20 reminders and 20 working share
links; a push subscription's keys are a real P-256 key pair; session reminders come at most
three times a day; a function-score week is named by a Monday up to this week's and rates her
own activities, three at most at once; a running test is dated on a day gone by): valid
requests are made to keep those rules, invalid ones are sent as generated. Days, and her
recovery documents, are written with conditional requests, as a client does: If-None-Match: *
to create one, If-Match with its current ETag to change or delete it; stale or missing
preconditions (412, 428) are documented and sent by the invalid cases.

The token operations are left out: POST is throttled (10 a minute) and DELETE would revoke
the token the run uses; tests/tracker/test_accounts.py covers them.
"""

import base64
import os
import uuid
from datetime import date, timedelta

import pytest
import schemathesis
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings

from config.wsgi import application
from core import dates
from habits.catalogue import catalogue_keys
from habits.function_score import MAX_ACTIVITIES, MAX_ACTIVITIES_KEPT
from habits.medicines import OTHER_MEDICINE
from habits.pelvic_floor import SESSIONS_A_DAY
from insights.series import MAX_DAYS
from reminders.models import ReminderDelivery, ReminderSchedule
from reports.models import ShareLink
from tests.support.days import realistic_day
from tracker import days, documents
from tracker.models import ApiToken, User
from tracker.recovery import monday_of
from tracker.recovery_models import FunctionActivity, FunctionWeek, RunningReadiness
from tracker.serializers import ITEM_FIELDS, DaySerializer
from tracker.signals import signed_up

# Examples per operation and generation phase: the run adds about N seconds to the suite.
MAX_EXAMPLES = 50
EMAIL = "fuzz@example.com"
# About a minute of fuzzing: left out of the fast lane (`make test-fast`).
pytestmark = pytest.mark.slow

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application).exclude(
    path="/api/v1/auth/token/"
)


@pytest.fixture(autouse=True)
def keep_the_test_database_open():
    """Requests go through the WSGI app itself, which closes the database connection at the
    start and end of each; in a test that would end the test's transaction. Django's test
    client does the same."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.fixture
def fuzz_token(catalogue) -> str:
    """A mother with something of every kind, so that every list answers with items to check."""
    user = User.objects.create_user(EMAIL, "a-long-password-1", time_zone="Asia/Shanghai")
    signed_up.send(sender=User, user=user)  # her default reminders
    serializer = DaySerializer(data=realistic_day(), context={"catalogue": catalogue_keys()})
    serializer.is_valid(raise_exception=True)
    days.save_day(user, user.profile.local_today(), serializer.validated_data)
    now = timezone.now()
    ReminderDelivery.objects.create(user=user, purpose="log_day", channel="push", slot_at=now,
                                    due_at=now - timedelta(hours=1), state="sent")  # fmt: skip
    ShareLink.issue(user, 14, label="Dr Wang")
    # Her recovery's documents, so that their lists answer with items and a week can rate one.
    values = {"name": "Lifting the baby from the cot", "suggestion": "", "retired": False}
    documents.save_document(FunctionActivity, user, {"uid": uuid.uuid4()}, values)
    _token, raw = ApiToken.issue(user)
    return raw


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_keeps_the_contract(case, fuzz_token):
    # Uncompressed: the contract is about the JSON, and the test transport does not unzip.
    headers = {"Authorization": f"Token {fuzz_token}", "Accept-Encoding": "identity"}
    case.call_and_validate(headers=headers)


# What a valid request must also be, which the schema cannot say.


@schemathesis.hook
def before_call(context, case, kwargs) -> None:
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return
    path, method = case.operation.path, case.method.upper()
    if path == "/api/v1/days/{date}/":
        write_day_as_a_client_does(case, method)
        if method == "PUT" and isinstance(case.body, dict):
            name_only_other_medicines(case.body.get("medicines"))
            give_each_item_its_own_id(case.body)
            give_each_session_a_squeeze(case.body.get("pelvic_floor_sessions"))
    if path in DOCUMENTS:
        write_her_document_as_a_client_does(case, method, path)
    if path.startswith("/api/v1/reminders/") and isinstance(case.body, dict):
        keep_session_reminders_to_three_a_day(case, path)
    if isinstance(case.query, dict):
        for name in set(case.query) & {"from", "to"}:
            case.query[name] = a_possible_date(case.query[name])
        capped = path == "/api/v1/insights/" or case.path_parameters == {"export_format": "pdf"}
        keep_the_range_in_order(case.query, capped=capped)
    if path == "/api/v1/share-links/" and method == "POST" and isinstance(case.body, dict):
        fields = {"from": "start_date", "to": "end_date"}
        dated = {name: a_possible_date(case.body[field]) for name, field in fields.items()
                 if case.body.get(field) is not None}  # fmt: skip
        keep_the_range_in_order(dated, capped=True)
        case.body.update({fields[name]: value for name, value in dated.items()})
        make_room(ShareLink.objects.active())
    if path == "/api/v1/reminders/" and method == "POST":
        make_room(ReminderSchedule.objects.all())
    if path == "/api/v1/push-subscriptions/" and method == "POST" and isinstance(case.body, dict):
        case.body.update(browser_subscription())


def write_day_as_a_client_does(case, method: str) -> None:
    """A date she can log, and the precondition her phone would send with it."""
    value = case.path_parameters.get("date")
    try:
        day_date = date.fromisoformat(value)
    except (TypeError, ValueError):
        return
    first, last = dates.EARLIEST_DATE, dates.latest_possible_date() - timedelta(days=1)
    if not first <= day_date <= last:
        day_date = first + timedelta(days=day_date.toordinal() % (last - first).days)
        case.path_parameters["date"] = day_date.isoformat()
    if method not in ("PUT", "DELETE"):
        return
    case.headers = {
        name: value
        for name, value in (case.headers or {}).items()
        if name not in ("If-Match", "If-None-Match")
    }
    stored = days.get_day(User.objects.get(email=EMAIL), day_date)
    if stored is not None:
        case.headers["If-Match"] = stored.etag
    elif method == "PUT":
        case.headers["If-None-Match"] = "*"


def name_only_other_medicines(medicines) -> None:
    """A medicine of the catalogue has no name; "other_medicine" must say which it was."""
    for item in medicines if isinstance(medicines, list) else ():
        if not isinstance(item, dict):
            continue
        if item.get("medicine") == OTHER_MEDICINE:
            if not str(item.get("name", "")).strip():
                item["name"] = "Codeine"
        else:
            item.pop("name", None)


def a_possible_date(value):
    """A YYYY-MM-DD date moved into the dates a day can have; anything else as it is."""
    try:
        day = date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    first, last = dates.EARLIEST_DATE, dates.latest_possible_date() - timedelta(days=1)
    if not first <= day <= last:
        day = first + timedelta(days=day.toordinal() % (last - first).days)
    return day.isoformat()


def give_each_item_its_own_id(body: dict) -> None:
    """An id names one item of a day, in whichever of its lists."""
    seen = set()
    for name in ITEM_FIELDS:
        items = body.get(name)
        for index, item in enumerate(items if isinstance(items, list) else ()):
            if isinstance(item, dict) and item.get("id") in seen:
                item["id"] = str(uuid.uuid5(uuid.NAMESPACE_OID, f"{name}-{index}-{len(seen)}"))
            if isinstance(item, dict):
                seen.add(item.get("id"))


def make_room(mine) -> None:
    """As she would before adding a 21st: delete some of what she has (of the fuzz account)."""
    ids = list(mine.filter(user__email=EMAIL).values_list("pk", flat=True))
    if len(ids) >= 19:
        mine.model.objects.filter(pk__in=ids[:10]).delete()


def keep_session_reminders_to_three_a_day(case, path: str) -> None:
    """Pelvic-floor sessions are reminded of at most three times a day."""
    purpose = case.body.get("purpose")
    if purpose is None and "{id}" in path:
        schedule = ReminderSchedule.objects.filter(pk=case.path_parameters.get("id")).first()
        purpose = schedule.purpose if schedule else None
    times = case.body.get("times")
    if purpose == "pelvic_floor" and isinstance(times, list):
        case.body["times"] = times[:SESSIONS_A_DAY]


def give_each_session_a_squeeze(sessions) -> None:
    """A session has at least one squeeze, slow or quick."""
    for item in sessions if isinstance(sessions, list) else ():
        if isinstance(item, dict) and not item.get("holds") and not item.get("quick_squeezes"):
            item["holds"] = 1


# Her recovery documents: the model and how the path names one.
DOCUMENTS = {
    "/api/v1/function-activities/{id}/": FunctionActivity,
    "/api/v1/function-weeks/{week}/": FunctionWeek,
    "/api/v1/running-readiness/": RunningReadiness,
}


def write_her_document_as_a_client_does(case, method: str, path: str) -> None:
    """A week she can rate (a Monday up to this week's), ratings of her own activities and a
    checklist of days gone by, with the precondition her phone would send."""
    user = User.objects.get(email=EMAIL)
    model = DOCUMENTS[path]
    key: dict = {}
    if model is FunctionActivity:
        try:
            key = {"uid": uuid.UUID(str(case.path_parameters.get("id")))}
        except ValueError:
            return
        if method == "PUT" and isinstance(case.body, dict):
            key = keep_within_her_activity_limits(user, key, case)
    if model is FunctionWeek:
        this_monday = monday_of(user.profile.local_today())
        first = dates.EARLIEST_DATE + timedelta(days=-dates.EARLIEST_DATE.weekday() % 7)
        try:
            asked = date.fromisoformat(case.path_parameters.get("week"))
        except (TypeError, ValueError):
            return
        weeks = (this_monday - first).days // 7 + 1
        monday = first + timedelta(weeks=asked.toordinal() % weeks)
        case.path_parameters["week"] = monday.isoformat()
        key = {"week": monday}
        if method == "PUT" and isinstance(case.body, dict):
            rate_her_own_activities(user, case.body)
    if model is RunningReadiness and method == "PUT" and isinstance(case.body, dict):
        each_test_once_on_a_day_gone_by(case.body)
    if method not in ("PUT", "DELETE"):
        return
    case.headers = {
        name: value
        for name, value in (case.headers or {}).items()
        if name not in ("If-Match", "If-None-Match")
    }
    stored = documents.get_document(model, user, key)
    if stored is not None:
        case.headers["If-Match"] = stored.etag
    elif method == "PUT":
        case.headers["If-None-Match"] = "*"


def keep_within_her_activity_limits(user: User, key: dict, case) -> dict:
    """At most MAX_ACTIVITIES rated at once and MAX_ACTIVITIES_KEPT kept: a new one past the
    second limit changes one of hers instead; past the first, it is retired."""
    hers = FunctionActivity.objects.filter(user=user)
    if not hers.filter(**key).exists() and hers.count() >= MAX_ACTIVITIES_KEPT:
        key = {"uid": hers.first().uid}
        case.path_parameters["id"] = str(key["uid"])
    if hers.exclude(**key).filter(retired=False).count() >= MAX_ACTIVITIES:
        case.body["retired"] = True
    return key


def rate_her_own_activities(user: User, body: dict) -> None:
    scores = body.get("scores")
    if not isinstance(scores, list):
        return
    ids = FunctionActivity.objects.filter(user=user).values_list("uid", flat=True)
    hers = [str(uid) for uid in ids]
    kept = []
    for index, item in enumerate(scores[: len(hers)]):
        if isinstance(item, dict):
            item["activity"] = hers[index]
            kept.append(item)
    body["scores"] = kept


def each_test_once_on_a_day_gone_by(body: dict) -> None:
    tests = body.get("tests")
    if not isinstance(tests, list):
        return
    seen, kept = set(), []
    for item in tests:
        if not isinstance(item, dict) or item.get("test") in seen:
            continue
        seen.add(item.get("test"))
        first, last = dates.EARLIEST_DATE.isoformat(), dates.latest_possible_date().isoformat()
        if isinstance(item.get("date"), str) and not first <= item["date"] <= last:
            item["date"] = first
        kept.append(item)
    body["tests"] = kept


def keep_the_range_in_order(query: dict, capped: bool) -> None:
    start, end = query.get("from"), query.get("to")
    if isinstance(start, str) and isinstance(end, str) and start > end:
        query["from"], query["to"] = end, start
    if capped and isinstance(query.get("from"), str):
        # Without `to`, insights and reports end today; they cover at most MAX_DAYS.
        last = date.fromisoformat(query["to"]) if isinstance(query.get("to"), str) else None
        last = last or User.objects.get(email=EMAIL).profile.local_today()
        first = date.fromisoformat(query["from"])
        first = min(max(first, last - timedelta(days=MAX_DAYS - 1)), last)
        query["from"] = first.isoformat()


def browser_subscription() -> dict:
    """What PushSubscription.toJSON() gives: an accepted push service and a real key pair."""
    key = ec.generate_private_key(ec.SECP256R1()).public_key()
    point = key.public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
    return {
        "endpoint": f"https://fcm.googleapis.com/fcm/send/{base64url(os.urandom(12))}",
        "keys": {"p256dh": base64url(point), "auth": base64url(os.urandom(16))},
    }


def base64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")
