"""Password guesses are slowed per account as well as per address: 20 wrong passwords an hour
for one account, from any number of addresses, on the log-in page, the token API and the
admin's log-in alike; then its owner is emailed, once. An IPv6 client is counted on its /64."""

import pytest
from django.contrib.auth.signals import user_login_failed
from django.core import mail

from tracker.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-password-1"
ACCOUNT_LIMIT = 20


@pytest.fixture
def behind_a_proxy(settings):
    """Every request says which address the proxy saw, so each guess can come from another."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}


def token_attempt(client, address: str, password: str = "guess", email="mother@example.com"):
    return client.post(
        "/api/v1/auth/token/",
        {"email": email, "password": password},
        content_type="application/json",
        HTTP_X_FORWARDED_FOR=address,
    )


def login_attempt(client, address: str, password: str = "guess", email="mother@example.com"):
    return client.post(
        "/login/", {"username": email, "password": password}, HTTP_X_FORWARDED_FOR=address
    )


def admin_attempt(client, address: str, password: str = "guess", email="mother@example.com"):
    return client.post(
        "/admin/login/", {"username": email, "password": password}, HTTP_X_FORWARDED_FOR=address
    )


@pytest.fixture
def checked_passwords():
    """Every failed authenticate(), i.e. every password that was looked at and was wrong."""
    failed: list[dict] = []

    def note(sender, credentials, **kwargs):
        failed.append(credentials)

    user_login_failed.connect(note)
    yield failed
    user_login_failed.disconnect(note)


@pytest.mark.parametrize("attempt", [token_attempt, login_attempt, admin_attempt])
def test_many_addresses_get_twenty_guesses_at_one_account(
    client, user, other_user, behind_a_proxy, attempt, checked_passwords
):
    for index in range(ACCOUNT_LIMIT):
        assert attempt(client, f"198.51.100.{index}").status_code in (200, 400)
    assert len(checked_passwords) == ACCOUNT_LIMIT
    # The right password, from a fresh address, anywhere: not even looked at.
    assert token_attempt(client, "203.0.113.1", PASSWORD).status_code == 429
    assert login_attempt(client, "203.0.113.2", PASSWORD).status_code == 429
    assert admin_attempt(client, "203.0.113.3", PASSWORD).status_code == 429
    assert len(checked_passwords) == ACCOUNT_LIMIT
    # Another account is not held up.
    other = {"email": "other@example.com", "password": "another-password-2"}
    assert token_attempt(client, "203.0.113.4", **other).status_code == 201


def test_the_address_is_not_a_way_round_spelling(client, user, behind_a_proxy):
    for index in range(ACCOUNT_LIMIT):
        email = "Mother@Example.com " if index % 2 else "mother@example.com"
        token_attempt(client, f"198.51.100.{index}", email=email)
    assert (
        token_attempt(client, "203.0.113.1", PASSWORD, email="MOTHER@example.com").status_code
        == 429
    )


def test_her_own_log_ins_never_use_up_her_account(client, user, behind_a_proxy):
    for index in range(ACCOUNT_LIMIT + 5):
        assert token_attempt(client, f"198.51.100.{index}", PASSWORD).status_code == 201


def test_her_owner_is_emailed_once_when_the_guesses_run_out(client, user, behind_a_proxy):
    for index in range(ACCOUNT_LIMIT - 1):
        login_attempt(client, f"198.51.100.{index}")
    assert mail.outbox == []
    login_attempt(client, "198.51.100.200")
    [notice] = mail.outbox
    assert notice.to == [user.email]
    assert notice.subject == "Many wrong passwords for your Backcare account"
    assert "http://testserver/password-reset/" in notice.body
    for index in range(5):
        assert login_attempt(client, f"192.0.2.{index}").status_code == 429
    assert len(mail.outbox) == 1


def test_the_notice_is_in_her_language(client, user, behind_a_proxy):
    user.profile.language = "zh-hans"
    user.profile.save()
    for index in range(ACCOUNT_LIMIT):
        token_attempt(client, f"198.51.100.{index}")
    [notice] = mail.outbox
    assert "密码" in notice.subject


def test_an_address_without_an_account_is_limited_the_same_and_nobody_is_emailed(
    client, catalogue, behind_a_proxy
):
    for index in range(ACCOUNT_LIMIT):
        assert (
            token_attempt(client, f"198.51.100.{index}", email="nobody@example.com").status_code
            == 400
        )
    assert token_attempt(client, "203.0.113.1", email="nobody@example.com").status_code == 429
    assert mail.outbox == []


def test_an_ipv6_client_is_counted_on_its_64(client, user):
    def attempt(address: str):
        return client.post(
            "/api/v1/auth/token/",
            {"email": "someone@example.com", "password": "guess"},
            content_type="application/json",
            REMOTE_ADDR=address,
        )

    for index in range(10):
        assert attempt(f"2001:db8:1:2:{index:x}::1").status_code == 400
    assert attempt("2001:db8:1:2:ffff:1:2:3").status_code == 429
    # The next /64 is another subscriber.
    assert attempt("2001:db8:1:3::1").status_code == 400


def test_an_ipv4_client_written_as_ipv6_is_the_same_client(client, user):
    for index in range(10):
        login_attempt_from(client, "192.0.2.10" if index % 2 else "::ffff:192.0.2.10")
    assert login_attempt_from(client, "192.0.2.10").status_code == 429


def login_attempt_from(client, address: str):
    return client.post(
        "/login/", {"username": "x@example.com", "password": "guess"}, REMOTE_ADDR=address
    )


def test_the_per_account_count_is_kept_apart_from_the_per_address_one(
    client, user, checked_passwords
):
    """From one address, the address's 10 a minute comes first."""
    for _ in range(10):
        assert token_attempt(client, "ignored").status_code == 400
    assert token_attempt(client, "ignored", PASSWORD).status_code == 429
    assert User.objects.get(pk=user.pk).check_password(PASSWORD)
    assert len(checked_passwords) == 10
