"""Her sessions are found by an index kept at log-in and log-out, so deleting her account
deletes them without decoding every session of every user."""

from datetime import timedelta

import pytest
from django.contrib.sessions.base_session import AbstractBaseSession
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from tracker import accounts
from tracker.models import SessionOfUser, User
from tracker.tasks import clear_expired_sessions

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"


def logged_in(email: str) -> Client:
    browser = Client()
    response = browser.post("/login/", {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    return browser


def test_logging_in_and_out_keeps_the_index(user):
    browser = logged_in(user.email)
    key = browser.session.session_key
    assert list(SessionOfUser.objects.values_list("user", "session_key")) == [(user.pk, key)]
    browser.post("/logout/")
    assert not SessionOfUser.objects.exists()


def test_deleting_her_account_deletes_her_sessions_without_reading_anyone_elses(
    user, catalogue, monkeypatch
):
    phone, laptop = logged_in(user.email), logged_in(user.email)
    others = []
    for number in range(20):
        browser = Client()
        # Through django.contrib.auth.login, as the log-in page (which allows 10 a minute).
        browser.force_login(User.objects.create_user(f"someone{number}@example.com", PASSWORD))
        others.append(browser.session.session_key)

    def never(self):
        raise AssertionError("a session was decoded")

    monkeypatch.setattr(AbstractBaseSession, "get_decoded", never)
    accounts.delete_account(user)
    mine = {phone.session.session_key, laptop.session.session_key}
    assert not Session.objects.filter(session_key__in=mine).exists()
    assert Session.objects.filter(session_key__in=others).count() == 20
    assert phone.get("/history/").status_code == 302


def test_the_index_of_ended_sessions_is_cleared_with_them(user):
    browser = logged_in(user.email)
    Session.objects.filter(session_key=browser.session.session_key).update(
        expire_date=timezone.now() - timedelta(minutes=1)
    )
    assert clear_expired_sessions.run() == 1
    assert not SessionOfUser.objects.exists()
