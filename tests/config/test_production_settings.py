"""Production refuses to start without a mail server or a shared cache, naming every missing
setting at once; and the demo account, whose password is public, opens nothing there."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client

from tests.support.accounts import token_client
from tracker.checks import no_demo_account_in_production
from tracker.demo import DEMO_EMAIL, DEMO_PASSWORD
from tracker.models import User

ROOT = Path(__file__).resolve().parents[2]
GOOD_SECRET = "k" * 20 + "9Xq-2s_vB8mN4pL7wE1rT6yU3iO0aSdF" + "z" * 10
SERVICE_SETTINGS = ("EMAIL_HOST", "EMAIL_BACKEND", "REDIS_URL")


def check_in_production(**env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL", *SERVICE_SETTINGS)
    }
    environment.update(
        PRODUCTION="true",
        SECRET_KEY=GOOD_SECRET,
        ALLOWED_HOSTS="backcare.example",
        SITE_URL="https://backcare.example",
        **env,
    )
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_names_every_missing_service_at_once():
    result = check_in_production()
    assert result.returncode != 0
    message = result.stderr[result.stderr.index("ImproperlyConfigured: PRODUCTION needs") :]
    assert "EMAIL_HOST" in message and "REDIS_URL" in message


def test_production_needs_a_shared_cache_even_with_mail():
    result = check_in_production(EMAIL_HOST="smtp.example.org")
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr and "EMAIL_HOST" not in result.stderr


def test_an_explicit_email_backend_will_do_instead_of_a_host():
    result = check_in_production(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        REDIS_URL="redis://127.0.0.1:6379/6",
    )
    assert result.returncode == 0, result.stderr


@pytest.fixture
def demo(catalogue, settings) -> User:
    settings.DEMO_ENABLED = False
    return User.objects.create_user(DEMO_EMAIL, DEMO_PASSWORD)


def test_the_demo_account_cannot_log_in_where_the_demo_is_off(client, demo):
    response = client.post("/login/", {"username": DEMO_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    token = client.post(
        "/api/v1/auth/token/",
        {"email": DEMO_EMAIL, "password": DEMO_PASSWORD},
        content_type="application/json",
    )
    assert token.status_code == 400


def test_a_token_or_session_it_already_had_opens_nothing(demo):
    assert token_client(demo).get("/api/v1/days/").status_code == 401
    browser = Client()
    browser.force_login(demo)
    assert browser.get("/history/").status_code == 302


def test_the_demo_account_logs_in_where_the_demo_is_on(client, catalogue, settings):
    settings.DEMO_ENABLED = True
    User.objects.create_user(DEMO_EMAIL, DEMO_PASSWORD)
    response = client.post("/login/", {"username": DEMO_EMAIL, "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_check_deploy_fails_while_the_demo_account_exists_in_production(demo, settings):
    settings.PRODUCTION = True
    [error] = no_demo_account_in_production(None)
    assert error.id == "tracker.E001" and DEMO_EMAIL in error.msg
    demo.delete()
    assert no_demo_account_in_production(None) == []
