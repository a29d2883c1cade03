"""Pages work under their Content-Security-Policy in a real browser: nothing is refused."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import watch_for_csp_violations

pytestmark = pytest.mark.browser


def test_the_api_docs_render_under_their_policy(site, browser):
    context = browser.new_context(viewport={"width": 1024, "height": 800})
    violations: list[str] = []
    watch_for_csp_violations(context, violations)
    page = context.new_page()
    page.goto(f"{site}/api/v1/docs/")
    # Redoc parses the whole schema in the page before it draws anything: seconds on a busy CI.
    expect(page.get_by_role("heading", name="Backcare API", exact=False).first).to_be_visible(
        timeout=30_000
    )
    expect(page.get_by_text("/api/v1/days/{date}/").first).to_be_attached()
    context.close()
    # Redoc's footer logo comes from its CDN: refusing it is the policy doing its job.
    assert [text for text in violations if "https://cdn.redoc.ly/" not in text] == []


def test_the_pages_before_log_in_run_their_scripts(site, phone):
    page = phone.new_page()
    page.goto(f"{site}/signup/")
    # app.js fills the hidden time zone: the script ran under the policy.
    expect(page.locator('input[name="time_zone"]')).to_have_value("Europe/Berlin")
    page.goto(f"{site}/login/")
    expect(page.get_by_role("heading", name="Log in")).to_be_visible()
