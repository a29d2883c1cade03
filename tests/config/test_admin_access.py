"""The admin's log-in is slowed like the others, and the admin can be taken off the site or
served only to some networks (ADMIN_ENABLED, ADMIN_ALLOWED_NETWORKS)."""

import pytest

from tracker.models import User

pytestmark = pytest.mark.django_db

PASSWORD = "an-admin-password-7"


@pytest.fixture
def staff(catalogue) -> User:
    return User.objects.create_superuser("ops@example.com", PASSWORD)


def admin_login(client, password: str, **extra):
    return client.post(
        "/admin/login/", {"username": "ops@example.com", "password": password}, **extra
    )


def test_guessing_at_the_admin_log_in_is_slowed_per_address(client, staff):
    for _ in range(10):
        response = admin_login(client, "guess")
        assert response.status_code == 200 and "correct email address" in response.content.decode()
    refused = admin_login(client, PASSWORD)
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_the_right_password_still_works_within_the_limit(client, staff):
    for _ in range(3):
        admin_login(client, "guess")
    assert admin_login(client, PASSWORD).status_code == 302
    assert client.get("/admin/").status_code == 200


def test_the_admin_can_be_turned_off(client, staff, settings):
    settings.ADMIN_ENABLED = False
    assert client.get("/admin/login/").status_code == 404
    assert admin_login(client, PASSWORD).status_code == 404
    client.force_login(staff)
    assert client.get("/admin/").status_code == 404
    # The rest of the site is there.
    assert client.get("/history/").status_code == 200


def test_the_admin_is_served_only_to_the_allowed_networks(client, staff, settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.0.0.0/8", "2001:db8::/32"]
    client.force_login(staff)
    assert client.get("/admin/", REMOTE_ADDR="203.0.113.9").status_code == 404
    assert client.get("/admin/login/", REMOTE_ADDR="203.0.113.9").status_code == 404
    assert client.get("/admin/", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/admin/", REMOTE_ADDR="2001:db8::5").status_code == 200


def test_behind_a_proxy_the_allow_list_reads_the_address_the_proxy_saw(client, staff, settings):
    settings.ADMIN_ALLOWED_NETWORKS = ["10.0.0.0/8"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    client.force_login(staff)
    # A client cannot write itself into the list.
    spoofed = client.get("/admin/", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.9")
    assert spoofed.status_code == 404
    assert client.get("/admin/", HTTP_X_FORWARDED_FOR="10.0.0.1").status_code == 200
