"""The Insights page fits a small phone: the range chips wrap at 320 px in both languages
instead of pushing the page sideways."""

import pytest
from playwright.sync_api import Browser

from tests.e2e.conftest import PHONE
from tests.e2e.test_insights_browser import log_in, make_user, open_insights, seed

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_range_chips_fit_a_320_px_phone(site, browser: Browser, language):
    user = make_user()
    user.profile.language = language
    user.profile.save()
    seed(user)
    context = browser.new_context(**{**PHONE, "viewport": {"width": 320, "height": 640}})
    try:
        page = context.new_page()
        log_in(page, site)
        open_insights(page, site)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for chip in page.locator(".range-tabs a").all():
            box = chip.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    finally:
        context.close()
