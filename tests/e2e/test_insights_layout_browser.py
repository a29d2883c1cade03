"""The Insights page holds still and fits a small phone: the charts, drawn by insights.js after
the page has painted, fill boxes of their final size (no layout shift), and the range chips
wrap at 320 px in both languages instead of pushing the page sideways."""

import time

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import PHONE
from tests.e2e.pages import log_in
from tests.e2e.test_insights_browser import make_user, open_insights, seed

pytestmark = pytest.mark.browser

# The sum of the page's layout shifts not caused by her input, as Lighthouse counts CLS.
CUMULATIVE_LAYOUT_SHIFT = """() => new Promise((resolve) => {
    let total = 0;
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(() => resolve(total), 100)));
})"""


def slow_charts_script(page: Page) -> None:
    """Hold insights.js back, as a slow phone would: the page paints before the charts."""

    def delay(route) -> None:
        time.sleep(1.0)
        route.continue_()

    page.route("**/insights.js", delay)


def test_the_charts_do_not_move_the_page_when_they_are_drawn(site, browser: Browser):
    seed(make_user())
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        log_in(page, site)
        slow_charts_script(page)
        for range_key in ("6w", "all"):
            open_insights(page, site, range_key)
            shift = page.evaluate(CUMULATIVE_LAYOUT_SHIFT)
            assert shift < 0.01, (range_key, shift)
    finally:
        context.close()


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
