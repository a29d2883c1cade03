"""What every page sends besides itself: compression, caching rules, a description."""

import gzip
import re

import pytest
from django.test import Client

from reports.models import ShareLink
from tests.support.days import realistic_day

pytestmark = pytest.mark.django_db

HER_PAGES = ("/today/", "/history/", "/insights/", "/export/", "/reminders/", "/inbox/",
             "/profile/", "/tips/")  # fmt: skip


def test_her_pages_may_be_kept_by_her_browser_only_and_checked_before_use(client, user):
    client.force_login(user)
    for path in HER_PAGES:
        assert client.get(path)["Cache-Control"] == "private, no-cache", path


def test_the_share_page_and_log_in_are_never_stored(client, user):
    _link, token = ShareLink.issue(user, 14)
    assert "no-store" in client.get(f"/share/{token}/")["Cache-Control"]
    assert "no-store" in client.get("/login/")["Cache-Control"]


def test_pages_are_compressed(client, user):
    client.force_login(user)
    response = client.get("/today/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"
    page = gzip.decompress(response.content).decode()
    assert "<html" in page and len(response.content) < len(page) / 3


def test_a_compressing_client_still_gets_a_strong_etag_it_can_save_with(api):
    url = "/api/v1/days/2026-01-02/"
    api.put(url, realistic_day(), format="json", HTTP_IF_NONE_MATCH="*")
    got = api.get(url, HTTP_ACCEPT_ENCODING="gzip")
    assert got["ETag"].startswith('"')
    changed = {**realistic_day(), "note": "Better today."}
    saved = api.put(url, changed, format="json", HTTP_IF_MATCH=got["ETag"])
    assert saved.status_code == 200


def test_every_page_has_a_description(client, user):
    _link, token = ShareLink.issue(user, 14)
    description = re.compile(r'<meta name="description" content="[^"]{40,}">')
    for path in ("/login/", "/signup/", "/password-reset/", f"/share/{token}/"):
        assert description.search(client.get(path).content.decode()), path
    client.force_login(user)
    for path in HER_PAGES:
        assert description.search(client.get(path).content.decode()), path


def test_static_files_are_compressed_too(settings):
    # In production whitenoise serves them compressed already; elsewhere gzip does.
    if not (settings.FRONTEND_BUILD_DIR / "app.css").exists():
        pytest.skip("the front end is not built: npm run build")
    settings.WHITENOISE_USE_FINDERS = True  # serve the build as `make run` does
    response = Client().get("/static/app.css", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
