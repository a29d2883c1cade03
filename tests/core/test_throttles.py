"""Every throttle counts the client's real address: a made-up X-Forwarded-For starts no fresh
count, and behind a proxy (NUM_PROXIES) the address the proxy saw is the one counted."""

import pytest
from django.test import Client

from reports.models import ShareLink

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"


def token_attempt(client: Client, forwarded: str, password: str = "guess"):
    return client.post(
        "/api/v1/auth/token/",
        {"email": "mother@example.com", "password": password},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def login_attempt(client: Client, forwarded: str, password: str = "guess"):
    return client.post(
        "/login/",
        {"username": "mother@example.com", "password": password},
        HTTP_X_FORWARDED_FOR=forwarded,
    )


@pytest.mark.parametrize("attempt", [token_attempt, login_attempt])
def test_a_made_up_forwarded_address_does_not_reset_password_guessing(client, user, attempt):
    for index in range(10):
        assert attempt(client, f"10.9.0.{index}").status_code in (200, 400)
    # The right password, from yet another made-up address, is still refused for now.
    assert attempt(client, "10.9.1.1", PASSWORD).status_code == 429


def test_sign_up_and_password_reset_ignore_a_made_up_forwarded_address(client, user):
    form = {"time_zone": "UTC", "language": "en"}
    statuses = [
        client.post(
            "/signup/", {"email": f"n{i}@example.com", **form}, HTTP_X_FORWARDED_FOR=f"10.0.0.{i}"
        ).status_code
        for i in range(11)
    ]
    assert statuses == [302] * 10 + [429]
    statuses = [
        client.post(
            "/password-reset/", {"email": f"r{i}@example.com"}, HTTP_X_FORWARDED_FOR=f"10.1.0.{i}"
        ).status_code
        for i in range(11)
    ]
    assert statuses == [302] * 10 + [429]


def test_share_links_ignore_a_made_up_forwarded_address(client, user):
    _link, raw = ShareLink.issue(user, 14)
    statuses = [
        client.get(f"/share/{raw}/", HTTP_X_FORWARDED_FOR=f"10.2.0.{i}").status_code
        for i in range(31)
    ]
    assert statuses == [200] * 30 + [429]


def test_behind_one_proxy_the_address_it_saw_is_counted(client, user, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    # The proxy appends the address it saw; whatever the client put before it is ignored.
    for index in range(10):
        assert token_attempt(client, f"made-up-{index}, 203.0.113.7").status_code == 400
    assert token_attempt(client, "made-up, 203.0.113.7", PASSWORD).status_code == 429
    # Another mother behind the same proxy has her own count.
    assert token_attempt(client, "203.0.113.8", PASSWORD).status_code == 201
    assert login_attempt(client, "198.51.100.1", PASSWORD).status_code == 302
