"""A Content-Security-Policy on every page, templates it can hold to, and no cache keeping
her health data from the API."""

import re

import pytest
from django.conf import settings

from reports.models import ShareLink
from tests.support.days import realistic_day

pytestmark = pytest.mark.django_db

TEMPLATES = settings.BASE_DIR / "templates"


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def assert_strict_policy(response, url: str) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"], url
    assert policy["script-src"] == ["'self'"], url
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"], url
    if url != "/api/v1/docs/":
        assert policy["style-src"] == ["'self'"], url


def test_every_page_has_a_policy_with_no_inline_script(client, user):
    _link, raw = ShareLink.issue(user, 14)
    public = ["/login/", "/signup/", "/password-reset/", "/tips/", f"/share/{raw}/"]
    public += ["/share/not-a-token/", "/api/v1/docs/", "/admin/login/", "/no-such-page/"]
    for url in public:
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert_strict_policy(response, url)
    client.force_login(user)
    private = ["/today/", "/day/2026-01-05/", "/history/", "/insights/", "/profile/"]
    private += ["/reminders/", "/inbox/", "/export/", "/offline/"]
    for url in private:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_strict_policy(response, url)
    api = client.get("/api/v1/me/")
    assert_strict_policy(api, "/api/v1/me/")


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>")
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style[\s>]", re.IGNORECASE)


def test_no_template_has_an_inline_script_handler_or_style():
    problems = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = template.read_text()
        for name, pattern in (
            ("inline script", INLINE_SCRIPT),
            ("event handler", EVENT_HANDLER),
            ("style attribute", STYLE_ATTRIBUTE),
            ("style element", STYLE_ELEMENT),
        ):
            problems += [
                f"{template.relative_to(TEMPLATES)}: {name}" for _ in pattern.finditer(text)
            ]
    assert problems == []


def test_the_template_check_finds_what_it_looks_for():
    page = '<script>alert(1)</script><a onclick="x()"><p style="color:red"><style>p{}</style>'
    assert INLINE_SCRIPT.search(page) and EVENT_HANDLER.search(page)
    assert STYLE_ATTRIBUTE.search(page) and STYLE_ELEMENT.search(page)
    data = '<script type="application/json" id="d">{}</script><script src="/a.js"></script>'
    assert not INLINE_SCRIPT.search(data)


def test_api_answers_with_health_data_are_never_stored(api):
    day = "/api/v1/days/2026-01-05/"
    responses = [api.put(day, realistic_day(), format="json", HTTP_IF_NONE_MATCH="*")]
    for url in (day, "/api/v1/days/", "/api/v1/me/", "/api/v1/insights/", "/api/v1/inbox/"):
        responses.append(api.get(url))
    responses.append(api.get("/api/v1/days/2026-01-06/"))  # a 404 says what she logged too
    for response in responses:
        assert response.status_code in (200, 201, 404)
        assert "no-store" in response["Cache-Control"], response.wsgi_request.path
        assert "private" in response["Cache-Control"]
    export = api.get("/api/v1/export/csv/")
    assert export["Cache-Control"] == "private, no-store"
