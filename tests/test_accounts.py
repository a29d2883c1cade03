"""Sign up, log in and out, reset a forgotten password, edit the profile, get an API token."""

import re
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from rest_framework.throttling import ScopedRateThrottle

from tracker.models import ApiToken, User

pytestmark = pytest.mark.django_db


def sign_up(client, **fields):
    form = {
        "email": "new@example.com",
        "password": "quiet-morning-42",
        "time_zone": "UTC",
        "language": "en",
    }
    return client.post("/signup/", {**form, **fields})


def test_sign_up_creates_a_user_with_profile_and_logs_her_in(client, catalogue):
    response = sign_up(
        client, email="New.Mum@Example.com", time_zone="Asia/Shanghai", language="zh-hans"
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.mum@example.com")
    assert user.profile.time_zone == "Asia/Shanghai"
    assert user.profile.language == "zh-hans"
    assert user.password.startswith(("argon2", "md5"))  # tests use a fast hasher
    assert client.get("/today/").status_code == 200


def test_sign_up_refuses_a_taken_email_and_weak_passwords(client, user):
    response = sign_up(client, email="MOTHER@example.com")
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    response = sign_up(client, password="12345678")
    assert "password" in response.context["form"].errors
    assert not User.objects.filter(email="new@example.com").exists()


def test_sign_up_refuses_an_unknown_time_zone(client, catalogue):
    response = sign_up(client, time_zone="Mars/Olympus")
    assert "time_zone" in response.context["form"].errors
    assert not User.objects.exists()


def test_log_in_with_email_and_log_out(client, user):
    response = client.post(
        "/login/", {"username": "Mother@Example.com", "password": "a-long-password-1"}
    )
    assert response.status_code == 302 and response["Location"] == "/today/"
    assert client.get("/history/").status_code == 200
    client.post("/logout/")
    assert client.get("/history/").status_code == 302


def test_wrong_password_does_not_log_in(client, user):
    response = client.post("/login/", {"username": "mother@example.com", "password": "wrong"})
    assert response.status_code == 200
    assert client.get("/today/").status_code == 302


def test_pages_need_login(client, catalogue):
    for url in ("/today/", "/history/", "/profile/", "/day/2026-01-01/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_password_reset_by_email(client, user):
    response = client.post("/password-reset/", {"email": "mother@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]  # Django swaps the token for a session key
    response = client.post(
        form_url, {"new_password1": "brand-new-secret-9", "new_password2": "brand-new-secret-9"}
    )
    assert response.status_code == 302
    assert client.login(email="mother@example.com", password="brand-new-secret-9")


def test_password_reset_for_an_unknown_address_reveals_nothing(client, catalogue):
    response = client.post("/password-reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_edit_the_profile(client, user):
    client.force_login(user)
    response = client.post(
        "/profile/",
        {
            "display_name": "Lin",
            "baby_birth_date": "2026-10-01",
            "delivery_type": "caesarean",
            "feeding_mode": "mixed",
            "time_zone": "America/New_York",
            "language": "en",
        },
    )
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.baby_birth_date == date(2026, 10, 1)
    assert user.profile.delivery_type == "caesarean"
    assert user.profile.time_zone == "America/New_York"
    # No country chosen: the emergency numbers follow her time zone.
    assert user.profile.country == ""
    assert user.profile.emergency_region == "US"


def test_her_country_sets_the_emergency_numbers_whatever_her_time_zone(client, user):
    client.force_login(user)
    page = client.get("/profile/").content.decode()
    assert '<option value="" selected>Go by my time zone</option>' in page
    assert '<option value="CN">Mainland China</option>' in page
    fields = {"time_zone": "Europe/London", "language": "en", "country": "CN"}
    assert client.post("/profile/", fields).status_code == 302
    user.profile.refresh_from_db()
    assert (user.profile.country, user.profile.emergency_region) == ("CN", "CN")
    response = client.post("/profile/", {**fields, "country": "ZZ"})
    assert "country" in response.context["form"].errors


def test_profile_refuses_a_future_birth_date_and_bad_choices(client, user):
    client.force_login(user)
    future = (date.today() + timedelta(days=3)).isoformat()
    response = client.post(
        "/profile/",
        {
            "baby_birth_date": future,
            "delivery_type": "teleport",
            "feeding_mode": "",
            "time_zone": "Nowhere/Land",
            "language": "en",
        },
    )
    errors = response.context["form"].errors
    assert {"baby_birth_date", "delivery_type", "time_zone"} <= set(errors)
    user.profile.refresh_from_db()
    assert user.profile.delivery_type == ""


def test_token_for_email_and_password(client, user):
    response = client.post(
        "/api/v1/auth/token/",
        {"email": "mother@example.com", "password": "a-long-password-1"},
        content_type="application/json",
    )
    assert response.status_code == 201
    raw = response.json()["token"]
    stored = ApiToken.objects.get(user=user)
    assert stored.key_hash == ApiToken.hash(raw) and raw not in stored.key_hash
    me = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}")
    assert me.json()["email"] == "mother@example.com"
    assert (
        client.delete("/api/v1/auth/token/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 204
    )
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401


def test_token_refuses_a_wrong_password_naming_the_field(client, user):
    response = client.post(
        "/api/v1/auth/token/",
        {"email": "mother@example.com", "password": "nope"},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "password" in response.json()
    response = client.post(
        "/api/v1/auth/token/", {"email": "not-an-email"}, content_type="application/json"
    )
    assert set(response.json()) == {"email", "password"}


def test_session_api_calls_need_the_csrf_token(user):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(user)
    response = client.put("/api/v1/days/2026-01-01/", "{}", content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_log_in_guesses_are_slowed_down(client, user):
    # Only this test's bucket is reset: clearing the whole cache would also empty Redis queues.
    bucket = ScopedRateThrottle.cache_format % {"scope": "auth", "ident": "127.0.0.1"}
    cache.delete(bucket)
    guess = {"username": "mother@example.com", "password": "guess"}
    for _ in range(10):
        assert client.post("/login/", guess).status_code == 200
    right = {"username": "mother@example.com", "password": "a-long-password-1"}
    response = client.post("/login/", right)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/today/").status_code == 302
    cache.delete(bucket)
