"""The page the service worker keeps for her and shows, offline, for a page it has not kept."""

import json
import re

import pytest
from django.utils import translation

from tests.support.days import realistic_day

pytestmark = pytest.mark.django_db

HEADING = "This page will open when you are back online"
OFFLINE_BANNER = "You are offline. Pages you have opened before still work."


def test_signed_out_it_is_the_log_in_page_so_the_worker_keeps_nothing(client):
    response = client.get("/offline/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_it_is_hers_and_shows_nothing_of_her_log(client, api, user, other_user):
    assert api.put("/api/v1/days/2026-01-02/", realistic_day(), format="json").status_code == 201
    client.force_login(user)
    response = client.get("/offline/")
    assert response.status_code == 200
    html = response.content.decode()
    # The worker files a kept page under the user it names.
    assert f'data-user="{user.pk}"' in html
    assert f'<h1 id="offline-heading">{HEADING}</h1>' in html
    assert 'href="/today/"' in html and "Try again" in html
    for her_data in ("Bad night, better after a walk.", "2026-01-02", user.email):
        assert her_data not in html
    client.force_login(other_user)
    assert f'data-user="{user.pk}"' not in client.get("/offline/").content.decode()


def test_it_speaks_her_language(client, user):
    user.profile.language = "zh-hans"
    user.profile.save()
    client.force_login(user)
    html = client.get("/offline/").content.decode()
    assert 'lang="zh-hans"' in html
    with translation.override("zh-hans"):
        for words in (HEADING, "Open Today", "Try again", "Offline"):
            assert translation.gettext(words) != words
            assert translation.gettext(words) in html
        assert banner_text(html) == translation.gettext(OFFLINE_BANNER) != OFFLINE_BANNER
    assert HEADING not in html


def banner_text(html: str) -> str:
    """The offline banner's words; it is hidden until the browser says it is offline."""
    return re.search(r'<p class="offline-banner"[^>]* hidden>([^<]*)</p>', html).group(1)


def test_every_page_carries_the_offline_banner(client, user):
    assert banner_text(client.get("/login/").content.decode()) == "You are offline."
    client.force_login(user)
    html = client.get("/history/").content.decode()
    assert banner_text(html) == OFFLINE_BANNER


def test_the_service_worker_knows_where_the_offline_page_is(client, settings, tmp_path):
    (tmp_path / "sw.js").write_text("self.addEventListener('fetch', () => {});\n")
    settings.FRONTEND_BUILD_DIR = tmp_path
    script = client.get("/sw.js").content.decode()
    shell = json.loads(re.match(r"self\.BACKCARE_SHELL = (\{.*?\});\n", script).group(1))
    assert (shell["fallback"], shell["offline"]) == ("/today/", "/offline/")
