"""A sign-up link stays valid for three days, even once used. Once its account exists, the
link leads to the log-in page on GET and POST alike, before any password is looked at, and
its POSTs are slowed like log-ins: each replay used to cost a password hash."""

import re

import pytest
from django.contrib.auth import base_user
from django.core import mail

from tracker.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def link(client, catalogue) -> str:
    form = {"email": "new@example.com", "time_zone": "UTC", "language": "en"}
    assert client.post("/signup/", form).status_code == 302
    return re.search(r"http://testserver(/signup/finish/\S+/)", mail.outbox[-1].body).group(1)


@pytest.fixture
def hashes(monkeypatch) -> list[str]:
    """Every password hashed from now on."""
    made: list[str] = []
    make_password = base_user.make_password

    def counting(password, *args, **kwargs):
        made.append(password)
        return make_password(password, *args, **kwargs)

    monkeypatch.setattr(base_user, "make_password", counting)
    return made


def test_a_used_link_leads_to_the_log_in_page_without_hashing(client, link, hashes):
    assert client.post(link, {"password": "a-first-password-1"}).status_code == 302
    assert len(hashes) == 1
    client.logout()
    shown = client.get(link)
    assert shown.status_code == 302 and shown["Location"] == "/login/"
    replayed = client.post(link, {"password": "an-attackers-password-2"})
    assert replayed.status_code == 302 and replayed["Location"] == "/login/"
    assert len(hashes) == 1
    assert User.objects.get(email="new@example.com").check_password("a-first-password-1")


def test_replays_of_a_link_are_slowed(client, link):
    User.objects.create_user("new@example.com", "a-first-password-1")
    statuses = [client.post(link, {"password": f"guess-{i}-long"}).status_code for i in range(11)]
    assert statuses == [302] * 10 + [429]


def test_an_unused_link_still_makes_the_account(client, link):
    response = client.post(link, {"password": "a-first-password-1"})
    assert response.status_code == 302 and response["Location"] == "/welcome/"
