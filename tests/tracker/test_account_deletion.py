"""She can delete her account: on the profile page or with DELETE /api/v1/me/, with her
password, and afterwards no row anywhere points at her, whatever model holds it."""

import uuid
from collections import defaultdict
from datetime import date

import pytest
from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import models
from django.test import Client
from django.utils import timezone

from reminders.models import PushSubscription, ReminderDelivery, ReminderSchedule
from reports.models import AccessLog, ExportJob, ShareLink
from tests.support.accounts import token_client
from tests.support.days import realistic_day
from tracker import days
from tracker.models import ApiToken, User
from tracker.recovery_models import FunctionActivity, FunctionWeek, RunningReadiness
from tracker.serializers import DaySerializer

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"


def one_of_everything(user: User) -> Client:
    """A row of every kind a mother can have, and a logged-in browser session."""
    serializer = DaySerializer(data=realistic_day(), context={"catalogue": catalogue()})
    serializer.is_valid(raise_exception=True)
    days.save_day(user, date(2026, 1, 5), serializer.validated_data)
    ApiToken.issue(user)
    schedule = ReminderSchedule.objects.create(user=user, purpose="log_day", times=["20:00"],
                                               weekdays=[0, 1, 2, 3, 4, 5, 6])  # fmt: skip
    now = timezone.now()
    sent = ReminderDelivery.objects.create(user=user, schedule=schedule, purpose="log_day",
                                           channel="push", slot_at=now, due_at=now)  # fmt: skip
    ReminderDelivery.objects.create(user=user, snoozed_from=sent, purpose="log_day",
                                    channel="push", slot_at=now, due_at=now)  # fmt: skip
    PushSubscription.objects.create(user=user, endpoint=f"https://fcm.googleapis.com/{user.pk}",
                                    p256dh="key", auth="auth")  # fmt: skip
    link, _raw = ShareLink.issue(user, 14)
    link.record_access(AccessLog.What.PAGE, "Doctor's browser")
    ExportJob.objects.create(user=user, format="csv", start_date=date(2026, 1, 1),
                             end_date=date(2026, 1, 5), content=b"csv")  # fmt: skip
    LogEntry.objects.create(user=user, action_flag=ADDITION, object_repr="her own entry")
    FunctionActivity.objects.create(user=user, uid=uuid.uuid4(), name="Cot", version="v")
    FunctionWeek.objects.create(user=user, week=date(2026, 1, 5), scores=[], version="v")
    RunningReadiness.objects.create(user=user, tests=[], version="v")
    user.groups.add(Group.objects.get_or_create(name="mothers")[0])
    user.user_permissions.add(Permission.objects.first())
    browser = Client()
    browser.force_login(user)
    return browser


def catalogue() -> dict:
    from habits.catalogue import catalogue_keys

    return catalogue_keys()


def foreign_keys_to(target: type[models.Model]):
    """Every (model, field) whose foreign key points at `target`, many-to-many tables too."""
    for model in apps.get_models(include_auto_created=True):
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is target:
                yield model, field


def rows_of(user: User) -> dict[type[models.Model], set]:
    """The primary keys of every row that points at her, or at a row that does, and so on."""
    found: dict[type[models.Model], set] = defaultdict(set)
    found[User].add(user.pk)
    pending = [User]
    while pending:
        target = pending.pop()
        for model, field in foreign_keys_to(target):
            pks = set(
                model._default_manager.filter(
                    **{f"{field.attname}__in": found[target]}
                ).values_list("pk", flat=True)
            )
            if not pks <= found[model]:
                found[model] |= pks
                pending.append(model)
    return found


def sessions_of(user: User) -> list[str]:
    return [s.session_key for s in Session.objects.all()
            if s.get_decoded().get(SESSION_KEY) == str(user.pk)]  # fmt: skip


def assert_nothing_of_hers_is_left(rows: dict, user: User) -> None:
    for model, pks in rows.items():
        assert not model._default_manager.filter(pk__in=pks).exists(), model.__name__
    for model, field in foreign_keys_to(User):
        assert not model._default_manager.filter(**{field.attname: user.pk}).exists(), model
    assert sessions_of(user) == []


def test_the_test_covers_every_model_that_points_at_a_user(user):
    """A new model with a key to the user fails here until one_of_everything makes one."""
    one_of_everything(user)
    rows = rows_of(user)
    for model, _field in foreign_keys_to(User):
        assert rows[model], f"one_of_everything makes no {model.__name__}"
    assert rows[AccessLog] and rows[ReminderDelivery]
    assert sessions_of(user)


def test_deleting_on_the_profile_page_removes_everything_of_hers_and_nothing_else(
    user, other_user, django_capture_on_commit_callbacks
):
    browser = one_of_everything(user)
    other_browser = one_of_everything(other_user)
    rows, others_before = rows_of(user), rows_of(other_user)
    page = browser.get("/profile/delete/").content.decode()
    # The backup is offered before anything else.
    assert page.index('name="format" value="json"') < page.index('name="password"')

    refused = browser.post("/profile/delete/", {"password": "not-hers", "confirm": "on"})
    assert refused.status_code == 200 and "not your password" in refused.content.decode()
    unconfirmed = browser.post("/profile/delete/", {"password": PASSWORD})
    assert "confirm" in unconfirmed.context["form"].errors
    assert User.objects.filter(pk=user.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = browser.post("/profile/delete/", {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302 and response["Location"] == "/account-deleted/"
    assert_nothing_of_hers_is_left(rows, user)
    assert rows_of(other_user) == others_before
    assert other_browser.get("/today/").status_code == 200
    assert browser.get("/today/").status_code == 302
    done = browser.get("/account-deleted/").content.decode()
    assert "data-forget-this-device" in done
    [confirmation] = mail.outbox
    assert confirmation.to == ["mother@example.com"]
    assert "deleted" in confirmation.subject


def test_delete_me_in_the_api_needs_her_password(
    user, other_user, django_capture_on_commit_callbacks
):
    one_of_everything(user)
    one_of_everything(other_user)
    rows = rows_of(user)
    api = token_client(user)
    wrong = api.delete("/api/v1/me/", {"password": "not-hers"}, format="json")
    assert wrong.status_code == 400 and "password" in wrong.json()
    assert api.delete("/api/v1/me/", {}, format="json").status_code == 400
    assert User.objects.filter(pk=user.pk).exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = api.delete("/api/v1/me/", {"password": PASSWORD}, format="json")
    assert response.status_code == 204
    assert_nothing_of_hers_is_left(rows, user)
    assert api.get("/api/v1/me/").status_code == 401
    assert User.objects.filter(pk=other_user.pk).exists()
    assert len(mail.outbox) == 1


def test_a_confirmation_is_in_her_language(user, django_capture_on_commit_callbacks):
    user.profile.language = "zh-hans"
    user.profile.save()
    api = token_client(user)
    with django_capture_on_commit_callbacks(execute=True):
        api.delete("/api/v1/me/", {"password": PASSWORD}, format="json")
    assert "删除" in mail.outbox[0].subject


def test_password_guesses_on_deletion_are_slowed_down(user):
    api = token_client(user)
    for _ in range(10):
        assert api.delete("/api/v1/me/", {"password": "guess"}, format="json").status_code == 400
    assert api.delete("/api/v1/me/", {"password": PASSWORD}, format="json").status_code == 429
    assert User.objects.filter(pk=user.pk).exists()
