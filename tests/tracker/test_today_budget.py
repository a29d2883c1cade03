"""Today's weight budget: what a phone downloads for it on a slow network.

HTML <= 10 KB gzipped (a realistic day, in both languages), app.js <= 15 KB gzipped. Sizes are
deterministic, unlike timings, so they are checked here; Lighthouse's timings are measured by
tests/bench/bench_pages.py (`make bench-pages`).
"""

import gzip

import pytest
from django.conf import settings

from tests.support.days import realistic_day
from tests.support.require import require

pytestmark = pytest.mark.django_db

# Chinese text gzips about a third worse than English, so the Chinese page is the tighter one.
HTML_BUDGET = 10 * 1024
JS_BUDGET = 15 * 1024
MAX_PADDING = 100


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_today_with_a_realistic_day_is_at_most_10_kb_gzipped(client, api, user, language):
    user.profile.language = language
    user.profile.save()
    today = user.profile.local_today().isoformat()
    assert api.put(f"/api/v1/days/{today}/", realistic_day(), format="json").status_code == 201
    client.force_login(user)
    response = client.get("/today/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    html = gzip.decompress(response.content)
    # As the server compresses it (gzip level 6), plus the most padding it adds against BREACH
    # (Django's GZipMiddleware: up to 100 random bytes), so the check does not depend on luck.
    size = len(gzip.compress(html, compresslevel=6, mtime=0)) + MAX_PADDING
    print(f"\nToday ({language}): {len(html)} bytes of HTML, at most {size} bytes gzipped")
    assert size <= HTML_BUDGET


def test_the_app_script_is_at_most_15_kb_gzipped():
    script = settings.FRONTEND_BUILD_DIR / "app.js"
    require(script.exists(), "the front end is not built: npm run build")
    data = script.read_bytes()
    size = len(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"\napp.js: {len(data)} bytes, {size} bytes gzipped")
    assert size <= JS_BUDGET
