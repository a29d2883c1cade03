"""Only a bare `If-Match: *` means "any version" (RFC 9110, 13.1.1). A quoted "*" is an
entity tag like any other, and no version of a day is "*": it gets 412, and nothing is
written."""

import pytest

from tests.support.days import realistic_day
from tracker.models import DayLog

pytestmark = pytest.mark.django_db

URL = "/api/v1/days/2026-01-15/"


@pytest.fixture
def stored(api) -> DayLog:
    response = api.put(URL, realistic_day(), format="json", HTTP_IF_NONE_MATCH="*")
    assert response.status_code == 201
    return DayLog.objects.get()


def test_a_quoted_star_is_not_the_wildcard_on_a_change(api, stored):
    response = api.put(URL, realistic_day(), format="json", HTTP_IF_MATCH='"*"')
    assert response.status_code == 412
    assert response.json()["etag"] == stored.etag
    assert DayLog.objects.get().version == stored.version


def test_a_quoted_star_is_not_the_wildcard_on_a_delete(api, stored):
    assert api.delete(URL, HTTP_IF_MATCH='"*"').status_code == 412
    assert DayLog.objects.filter(pk=stored.pk).exists()


def test_a_quoted_star_beside_the_right_tag_changes_nothing_of_the_right_tag(api, stored):
    response = api.put(URL, realistic_day(), format="json", HTTP_IF_MATCH=f'"*", {stored.etag}')
    assert response.status_code == 200


def test_a_bare_star_still_means_any_version(api, stored):
    assert api.put(URL, realistic_day(), format="json", HTTP_IF_MATCH="*").status_code == 200
