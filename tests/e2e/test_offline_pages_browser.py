"""Offline on her phone: a day she opened opens as itself; a page she never opened says it will
open when she is back online (never Today's page under another address); every page shows a
banner while the phone is offline, in her language, clear of the bottom bar and the save status.
"""

from datetime import date, timedelta

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages import log_in
from tests.e2e.test_push_browser import wait_for
from tests.e2e.test_shared_phone_browser import (
    kept_pages,
    mother,
    under_service_worker,
)
from tests.support.accounts import token_client
from tests.support.days import empty_day, new_id
from tracker.models import DayLog, User

pytestmark = pytest.mark.browser

NOTE = "Carried the car seat up the stairs."
OFFLINE_BANNER = "You are offline. Pages you have opened before still work."
NOT_KEPT = "This page will open when you are back online"
SAVED_ON_PHONE = "Saved on this phone — will sync when online"


def logged_day(user: User, day: date) -> None:
    # A PUT sends the whole day.
    body = {
        **empty_day(),
        "note": NOTE,
        "pain_ratings": [{"id": new_id(), "score": 7, "time": "09:15", "body_areas": []}],
    }
    answer = token_client(user).put(f"/api/v1/days/{day.isoformat()}/", body, format="json")
    assert answer.status_code in (200, 201), answer.content


def kept_language(page: Page, path: str) -> str | None:
    """The language of the page kept for `path`, or None when none is kept."""
    return page.evaluate(
        """async (path) => {
            for (const name of await caches.keys()) {
                if (!name.startsWith("backcare-pages")) continue;
                const kept = await (await caches.open(name)).match(path);
                if (kept) return /<html[^>]*\\slang="([^"]*)"/.exec(await kept.text())?.[1] ?? "";
            }
            return null;
        }""",
        path,
    )


def dates_waiting_to_be_sent(page: Page) -> list[str]:
    """The days in the phone's outbox."""
    return page.evaluate(
        """() => new Promise((resolve) => {
            const open = indexedDB.open("backcare");
            open.onsuccess = () => {
                const all = open.result.transaction("outbox").objectStore("outbox").getAll();
                all.onsuccess = () => resolve(all.result.map((entry) => entry.date));
            };
        })"""
    )


def wait_until_kept(page: Page, *paths: str) -> None:
    wait_for(lambda: set(paths) <= set(kept_pages(page)), f"the worker to keep {paths}", page)


def assert_apart(one: Locator, other: Locator) -> None:
    """Neither covers any of the other on the screen."""
    a, b = one.bounding_box(), other.bounding_box()
    assert a and b
    assert a["y"] + a["height"] <= b["y"] or b["y"] + b["height"] <= a["y"], (a, b)


def test_offline_a_day_she_opened_opens_as_itself_and_one_she_did_not_says_so(site, phone):
    her = mother("first@example.com")
    today = her.profile.local_today()
    opened, never_opened = today - timedelta(days=3), today - timedelta(days=5)
    logged_day(her, opened)
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, site, her.email)
    under_service_worker(page)
    page.goto(f"{site}/day/{opened}/")
    page.wait_for_selector("#day-log.is-live")
    wait_until_kept(page, "/today/", f"/day/{opened}/", "/offline/")
    banner = page.locator("#offline-banner")
    nav = page.get_by_role("navigation", name="Main")
    expect(banner).to_be_hidden()

    phone.set_offline(True)
    expect(banner).to_have_text(OFFLINE_BANNER)
    expect(banner).to_be_visible()

    # The day she opened is itself: its date, what she logged, and a change stays on that day.
    assert page.goto(f"{site}/day/{opened}/").status == 200
    page.wait_for_selector("#day-log.is-live")
    expect(page.locator("#day-log")).to_have_attribute("data-date", opened.isoformat())
    expect(page.locator("[data-day-label]")).to_have_attribute("datetime", opened.isoformat())
    expect(page.locator("#pain-list")).to_contain_text("Pain 7 out of 10")
    expect(page.get_by_role("textbox", name="Note")).to_have_value(NOTE)
    page.locator("#mood").get_by_text("Low", exact=True).click()
    status = page.locator("#save-status")
    expect(status).to_have_text(SAVED_ON_PHONE)
    expect(banner).to_be_visible()
    assert_apart(banner, status)
    assert_apart(banner, nav)
    # The change waits on the phone for the day it was made on, not for today.
    assert dates_waiting_to_be_sent(page) == [opened.isoformat()]

    # The start URLs open her kept today page.
    page.goto(f"{site}/")
    page.wait_for_selector("#day-log.is-live")
    expect(page.locator("#day-log")).to_have_attribute("data-date", today.isoformat())
    expect(banner).to_be_visible()

    # A day she never opened, and History, say they will open when she is back online.
    for path in (f"/day/{never_opened}/", "/history/"):
        answer = page.goto(f"{site}{path}")
        assert answer.status == 503, path
        assert page.url == f"{site}{path}"
        expect(page.get_by_role("heading", level=1)).to_have_text(NOT_KEPT)
        expect(page.locator("#day-log")).to_have_count(0)
        expect(banner).to_be_visible()
        assert_apart(banner, nav)
    with page.expect_navigation() as retried:
        page.get_by_role("link", name="Try again").click()
    assert (retried.value.status, retried.value.url) == (503, f"{site}/history/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NOT_KEPT)
    page.get_by_role("link", name="Open Today").click()
    page.wait_for_selector("#day-log.is-live")
    expect(page.locator("#day-log")).to_have_attribute("data-date", today.isoformat())

    # Back online, the banner goes, and the day she never opened opens as itself.
    page.goto(f"{site}/day/{never_opened}/")
    phone.set_offline(False)
    expect(banner).to_be_hidden()
    page.get_by_role("link", name="Try again").click()
    page.wait_for_selector("#day-log.is-live")
    expect(page.locator("#day-log")).to_have_attribute("data-date", never_opened.isoformat())
    expect(banner).to_be_hidden()
    # The change made offline reached the day it was made on.
    wait_for(
        lambda: DayLog.objects.filter(user=her, date=opened, mood=2).exists(),
        "the offline change to reach the server",
        page,
    )
    assert not DayLog.objects.filter(user=her, date=today).exists()
    assert errors == []


def test_offline_pages_speak_her_language_on_a_small_dark_screen(site, browser, artifacts):
    small_dark_phone = {**PHONE, "viewport": {"width": 320, "height": 640}, "color_scheme": "dark"}
    context = browser.new_context(**small_dark_phone)
    context.set_default_timeout(10_000)
    page = context.new_page()
    her = mother("first@example.com")
    log_in(page, site, her.email)
    under_service_worker(page)
    wait_until_kept(page, "/today/", "/offline/")
    assert kept_language(page, "/offline/") == "en"

    # She switches to Chinese: the next page she opens tells the worker to keep the offline
    # page again, in Chinese.
    her.profile.language = "zh-hans"
    her.profile.save()
    page.goto(f"{site}/today/")
    wait_for(lambda: kept_language(page, "/offline/") == "zh-hans", "a Chinese offline page", page)

    context.set_offline(True)
    banner = page.locator("#offline-banner")
    expect(banner).to_have_text("你目前处于离线状态。之前打开过的页面仍可使用。")
    assert page.goto(f"{site}/insights/").status == 503
    expect(page.get_by_role("heading", level=1)).to_have_text("恢复联网后，这个页面就能打开")
    expect(page.get_by_role("link", name="重试")).to_be_visible()
    expect(banner).to_be_visible()
    assert_apart(banner, page.get_by_role("navigation"))
    # Dark mode's warning colours, not the light theme's.
    assert banner.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(51, 39, 15)"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=str(artifacts / "offline-page-zh-dark-320.png"), full_page=True)

    page.goto(f"{site}/today/")
    page.wait_for_selector("#day-log.is-live")
    expect(banner).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    context.set_offline(False)
    expect(banner).to_be_hidden()
    context.close()
