"""What tests of every app share: a language and throttles of their own, the catalogue, a user.

Fixtures only one folder uses live in that folder's conftest.py; helpers that are not fixtures
live in tests/support/.
"""

import uuid
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from habits.catalogue import load_catalogue
from habits.models import CatalogueItem
from tests.support.accounts import token_client
from tracker.models import User


def pytest_configure(config):
    """Push needs the server's VAPID key; tests and their workers share the one in var/.

    Made here, in the first process, before pytest-xdist starts the others: two processes
    that both found it missing would each write one.
    """
    call_command("make_vapid_keys", "--if-missing", verbosity=0)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the catalogue, loaded once rather than in every test."""
    with django_db_blocker.unblock():
        load_catalogue()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request in Chinese activates it for the
    whole thread, and a test after it that renders without a request would speak Chinese."""
    from django.utils import translation

    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def fresh_throttles(monkeypatch):
    """Each test counts its own attempts: a throttle filled by one test does not refuse the next.

    A cache of its own rather than clearing the default one, which may be Redis with the
    broker's queues in it: no test clears or flushes the default cache.
    """
    from django.core.cache.backends.locmem import LocMemCache
    from rest_framework.throttling import SimpleRateThrottle

    monkeypatch.setattr(SimpleRateThrottle, "cache", LocMemCache(f"throttles-{uuid.uuid4()}", {}))


@pytest.fixture
def catalogue(db):
    """The catalogue: there from the start, and loaded again after a test that emptied the
    database (a transactional test leaves every table empty)."""
    if not CatalogueItem.objects.exists():
        load_catalogue()


@pytest.fixture
def user(catalogue) -> User:
    return User.objects.create_user(
        "mother@example.com",
        "a-long-password-1",
        time_zone="Europe/London",
        baby_birth_date=date.today() - timedelta(days=30),
    )


@pytest.fixture
def other_user(catalogue) -> User:
    return User.objects.create_user(
        "other@example.com", "another-password-2", time_zone="Asia/Shanghai"
    )


@pytest.fixture
def api(user) -> APIClient:
    return token_client(user)


@pytest.fixture
def other_api(other_user) -> APIClient:
    return token_client(other_user)
