"""Sign up, log in and out, reset a forgotten password, edit the profile, get an API token."""

import re
from datetime import date, datetime, timedelta

import pytest
from django.contrib.auth.hashers import make_password
from django.contrib.auth.signals import user_login_failed
from django.core import mail
from django.utils import timezone

from tracker.models import ApiToken, User

pytestmark = pytest.mark.django_db


def sign_up(client, **fields):
    form = {"email": "new@example.com", "time_zone": "UTC", "language": "en"}
    return client.post("/signup/", {**form, **fields})


def emailed_link(pattern: str = r"http://testserver(/signup/finish/\S+/)") -> str:
    return re.search(pattern, mail.outbox[-1].body).group(1)


def test_sign_up_emails_a_link_and_the_link_makes_the_account_and_logs_her_in(client, catalogue):
    response = sign_up(
        client, email="New.Mum@Example.com", time_zone="Asia/Shanghai", language="zh-hans"
    )
    assert response.status_code == 302 and response["Location"] == "/signup/sent/"
    assert not User.objects.exists()
    assert mail.outbox[-1].to == ["new.mum@example.com"]
    link = emailed_link()
    response = client.post(link, {"password": "quiet-morning-42"})
    assert response.status_code == 302 and response["Location"] == "/welcome/"
    user = User.objects.get(email="new.mum@example.com")
    assert user.profile.time_zone == "Asia/Shanghai"
    assert user.profile.language == "zh-hans"
    assert user.password.startswith(("argon2", "md5"))  # tests use a fast hasher
    assert client.get("/today/").status_code == 200
    # The link has done its work: it makes no second account.
    client.post("/logout/")
    response = client.post(link, {"password": "quiet-morning-42"})
    assert response.status_code == 302 and response["Location"] == "/login/"
    assert User.objects.count() == 1


def test_sign_up_does_not_tell_whether_an_address_has_an_account(client, user):
    taken = sign_up(client, email="MOTHER@example.com")
    free = sign_up(client, email="someone-new@example.com")
    assert taken.status_code == free.status_code == 302
    assert taken["Location"] == free["Location"]
    page_taken = client.get(taken["Location"]).content.decode()
    assert "already" not in page_taken
    # Only the inbox learns it: the owner of the address is told she has an account.
    to_owner, to_new = mail.outbox
    assert to_owner.to == ["mother@example.com"]
    assert "already have" in to_owner.subject and "/signup/finish/" not in to_owner.body
    assert "http://testserver/password-reset/" in to_owner.body
    assert "/signup/finish/" in to_new.body
    user.refresh_from_db()
    assert user.check_password("a-long-password-1")


def test_a_sign_up_link_refuses_weak_passwords_and_forgeries(client, catalogue):
    sign_up(client)
    link = emailed_link()
    response = client.post(link, {"password": "12345678"})
    assert "password" in response.context["form"].errors
    forged = link[:-5] + "AAAA/"
    assert client.get(forged).status_code == 400
    assert client.post(forged, {"password": "quiet-morning-42"}).status_code == 400
    assert not User.objects.exists()


def test_sign_up_refuses_an_unknown_time_zone(client, catalogue):
    response = sign_up(client, time_zone="Mars/Olympus")
    assert "time_zone" in response.context["form"].errors
    assert mail.outbox == []


def test_sign_up_is_throttled_per_client_and_per_inbox(client, catalogue, settings):
    for _ in range(3):
        assert sign_up(client, email="same@example.com").status_code == 302
    # The inbox has had its share: the answer is the same, but no more mail goes to it.
    assert sign_up(client, email="same@example.com").status_code == 302
    assert len(mail.outbox) == 3
    for index in range(6):
        assert sign_up(client, email=f"n{index}@example.com").status_code == 302
    response = sign_up(client, email="one-more@example.com")
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert len(mail.outbox) == 9


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


def test_profile_takes_the_birth_date_rule_of_sign_up_but_keeps_an_older_saved_date(client, user):
    client.force_login(user)
    fields = {"time_zone": "Europe/Berlin", "language": "en", "feeding_mode": ""}
    five_years_ago = (date.today() - timedelta(days=5 * 366)).isoformat()
    response = client.post("/profile/", {**fields, "baby_birth_date": five_years_ago})
    assert "more than 2 years ago" in response.context["form"].errors["baby_birth_date"][0]
    # A date saved before the rule, sent back unchanged, does not stop her saving the rest.
    user.profile.baby_birth_date = date.today() - timedelta(days=5 * 366)
    user.profile.save()
    response = client.post(
        "/profile/", {**fields, "baby_birth_date": five_years_ago, "display_name": "Ana"}
    )
    assert response.status_code == 302
    user.profile.refresh_from_db()
    assert user.profile.display_name == "Ana"


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
    guess = {"username": "mother@example.com", "password": "guess"}
    for _ in range(10):
        assert client.post("/login/", guess).status_code == 200
    right = {"username": "mother@example.com", "password": "a-long-password-1"}
    response = client.post("/login/", right)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert client.get("/today/").status_code == 302
    # A throttled guess is not even checked.
    checked = []

    def on_failure(sender, credentials, **kwargs) -> None:
        checked.append(credentials["username"])

    user_login_failed.connect(on_failure, weak=False, dispatch_uid="checked")
    try:
        assert client.post("/login/", guess).status_code == 429
    finally:
        user_login_failed.disconnect(dispatch_uid="checked")
    assert checked == []


def test_password_resets_are_throttled_per_inbox_and_per_client(client, user):
    for _ in range(4):
        response = client.post("/password-reset/", {"email": "mother@example.com"})
        assert response.status_code == 302
    assert len(mail.outbox) == 3
    for index in range(6):
        client.post("/password-reset/", {"email": f"n{index}@example.com"})
    response = client.post("/password-reset/", {"email": "mother@example.com"})
    assert response.status_code == 429
    assert len(mail.outbox) == 3


def test_a_token_expires_after_its_lifetime(client, user, settings):
    settings.API_TOKEN_LIFETIME_DAYS = 30
    token, raw = ApiToken.issue(user)
    auth = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    assert client.get("/api/v1/me/", **auth).status_code == 200
    ApiToken.objects.filter(pk=token.pk).update(created_at=timezone.now() - timedelta(days=31))
    assert client.get("/api/v1/me/", **auth).status_code == 401
    assert ApiToken.delete_expired() == 1


def test_the_token_answer_says_when_it_expires(client, user):
    response = client.post(
        "/api/v1/auth/token/",
        {"email": "mother@example.com", "password": "a-long-password-1"},
        content_type="application/json",
    )
    expires = datetime.fromisoformat(response.json()["expires_at"])
    assert expires - timezone.now() > timedelta(days=89)


def test_a_new_password_ends_every_api_token(client, user, other_user, settings):
    _token, raw = ApiToken.issue(user)
    ApiToken.issue(other_user)
    auth = {"HTTP_AUTHORIZATION": f"Token {raw}"}
    # Logging in changes nothing, even when Django rehashes the same password on the way.
    settings.PASSWORD_HASHERS = [
        *settings.PASSWORD_HASHERS,
        "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    ]
    old_hash = make_password("a-long-password-1", hasher="pbkdf2_sha256")
    User.objects.filter(pk=user.pk).update(password=old_hash)
    assert client.login(email="mother@example.com", password="a-long-password-1")
    user.refresh_from_db()
    assert user.password.startswith("md5")
    assert client.get("/api/v1/me/", **auth).status_code == 200
    user.set_password("a-brand-new-password-7")
    user.save()
    assert client.get("/api/v1/me/", **auth).status_code == 401
    assert ApiToken.objects.filter(user=other_user).count() == 1


def test_a_password_reset_ends_every_api_token(client, user):
    _token, raw = ApiToken.issue(user)
    client.post("/password-reset/", {"email": "mother@example.com"})
    link = re.search(r"http://testserver(/password-reset/\S+/)", mail.outbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    client.post(
        form_url, {"new_password1": "brand-new-secret-9", "new_password2": "brand-new-secret-9"}
    )
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401


def test_her_tokens_are_listed_on_the_profile_page_and_she_can_revoke_one(client, user, other_user):
    token, raw = ApiToken.issue(user)
    kept, _raw = ApiToken.issue(user)
    theirs, _raw = ApiToken.issue(other_user)
    client.force_login(user)
    html = client.get("/profile/").content.decode()
    assert f"{token.prefix}…" in html and f"{kept.prefix}…" in html
    assert theirs.prefix not in html
    assert client.post(f"/profile/tokens/{theirs.pk}/revoke/").status_code == 404
    response = client.post(f"/profile/tokens/{token.pk}/revoke/")
    assert response.status_code == 302
    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {raw}").status_code == 401
    assert set(ApiToken.objects.values_list("pk", flat=True)) == {kept.pk, theirs.pk}


def test_every_password_field_has_a_show_password_toggle_and_the_links_are_tall(client, catalogue):
    sign_up(client)
    pages = {"/login/": 1, emailed_link(): 1}
    for path, fields in pages.items():
        page = client.get(path).content.decode()
        toggles = re.findall(r"<button [^>]*data-show-password[^>]*>.*?</button>", page)
        assert len(toggles) == fields == page.count('type="password"'), path
        # A toggle button, hidden without JavaScript (noscript.css), named for what it shows.
        for toggle in toggles:
            assert 'type="button"' in toggle and 'aria-pressed="false"' in toggle
            assert "js-only" in toggle and '"visually-hidden">Show password<' in toggle
    login = client.get("/login/").content.decode()
    assert '<a class="tap-link" href="/password-reset/">Forgot your password?</a>' in login
    assert '<a class="tap-link" href="/signup/">Create an account</a>' in login
