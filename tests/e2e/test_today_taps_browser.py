"""Today, one-handed: the typical day in a handful of taps on a 390x844 touch phone, the feed
timer across a reload, and a removed entry put back with Undo.

Every tap the test makes goes through `Taps.tap`, so the counts printed are what she would do
(scrolling aside: the forms below the first screen sit open, nothing needs opening).
"""

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.pages import PASSWORD, log_in
from tracker.models import User

pytestmark = pytest.mark.browser

EMAIL = "new.mother@example.com"
SAVED = "Saved"


class Taps:
    def __init__(self) -> None:
        self.count = 0

    def tap(self, target: Locator) -> None:
        self.count += 1
        target.tap()


@pytest.fixture
def page(site, phone) -> Page:
    User.objects.create_user(EMAIL, PASSWORD, time_zone="Europe/Berlin")
    page = phone.new_page()
    log_in(page, site, EMAIL)
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
        page.get_by_role("link", name="+ Medicine"),
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
    taps.tap(page.get_by_role("link", name="+ Medicine"))
    taps.tap(page.locator("#medicine-draft").get_by_text("Paracetamol", exact=True))
    taps.tap(page.locator("#sleep").get_by_role("button", name="5", exact=True))
    expect(page.locator("#save-status")).to_have_text(SAVED)

    day = stored_day(page, site)
    ((rating),) = day["pain_ratings"]
    assert (rating["score"], rating["body_areas"]) == (4, ["lower_back"])
    assert rating["leg_symptoms"] == []
    (feeding,) = day["feedings"]
    assert (feeding["position"], feeding["supports"], feeding["minutes"]) == (
        "side_lying",
        ["pillow_under_baby"],
        20,
    )
    assert [(e["exercise"], e["reps"]) for e in day["exercises"]] == [("pelvic_tilt", 10)]
    assert day["mood"] == 3
    ((medicine),) = day["medicines"]
    assert (medicine["medicine"], medicine["name"]) == ("paracetamol", "")
    assert medicine["dose_mg"] is None
    assert medicine["time"] is not None
    assert (day["sleep_hours"], day["sleep_quality"], day["pain_interference"]) == (5, "", None)
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


def test_the_feed_timer_survives_a_reload_and_logs_the_minutes(site, page):
    # A feed to copy, on the left; the timed one goes on the right.
    feed = page.locator("#feed-draft")
    feed.get_by_text("Cradle hold", exact=True).tap()
    feed.get_by_text("Left", exact=True).tap()
    feed.get_by_role("button", name="Done").tap()
    # Started 12 minutes ago (the clock is moved back rather than waiting).
    page.get_by_role("button", name="Start feed timer").tap()
    timer = page.locator('[data-action="feed-timer"]')
    expect(timer).to_have_attribute("aria-pressed", "true")
    key = page.evaluate("Object.keys(localStorage).find(k => k.startsWith('backcare-feed-timer:'))")
    started = page.evaluate(f"Number(localStorage.getItem('{key}')) - 12 * 60_000")
    page.evaluate(f"localStorage.setItem('{key}', '{started}')")

    page.reload()
    page.wait_for_selector("#day-log.is-live")
    expect(timer).to_have_attribute("aria-pressed", "true")
    expect(timer).to_contain_text("Stop and log feed")
    expect(timer.locator("[data-timer-clock]")).to_have_text(re.compile(r"^12:\d\d$"))
    timer.tap()
    expect(timer).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#feed-list .entry")).to_have_count(2)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    timed = stored_day(page, site)["feedings"][1]
    start_time = page.evaluate(
        f"(() => {{ const d = new Date({started}); return String(d.getHours()).padStart(2, '0')"
        " + ':' + String(d.getMinutes()).padStart(2, '0') + ':00'; })()"
    )
    assert (timed["position"], timed["side"], timed["minutes"]) == ("cradle", "right", 12)
    assert timed["time"] == start_time
    assert page.evaluate(f"localStorage.getItem('{key}')") is None


def test_a_removed_rating_comes_back_with_undo(site, page):
    page.locator("#pain-draft label.scale-option").nth(5).tap()
    page.locator("#pain-draft").get_by_role("button", name="Done").tap()
    page.locator("#pain-draft label.scale-option").nth(3).tap()
    page.locator("#pain-draft").get_by_role("button", name="Done").tap()
    expect(page.locator("#save-status")).to_have_text(SAVED)
    first_id = stored_day(page, site)["pain_ratings"][0]["id"]

    page.locator(f'#pain-list .entry[data-id="{first_id}"] [data-action="remove"]').tap()
    bar = page.locator("#undo-bar")
    expect(bar).to_be_visible()
    expect(bar).to_have_attribute("role", "status")
    expect(bar).to_contain_text("Deleted")
    undo = bar.get_by_role("button", name="Undo")
    box = undo.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    # The removal is saved at once, not when the bar goes.
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert [r["score"] for r in stored_day(page, site)["pain_ratings"]] == [3]

    undo.tap()
    expect(bar).to_be_hidden()
    expect(page.locator("#pain-list .entry").first).to_have_attribute("data-id", first_id)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert [r["score"] for r in stored_day(page, site)["pain_ratings"]] == [5, 3]

    # Left alone, the bar goes by itself and the removal stays.
    page.locator(f'#pain-list .entry[data-id="{first_id}"] [data-action="remove"]').tap()
    expect(bar).to_be_visible()
    expect(bar).to_be_hidden(timeout=8000)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert [r["score"] for r in stored_day(page, site)["pain_ratings"]] == [3]


def test_a_score_tapped_long_after_the_last_is_a_new_rating(site, page):
    # Without Done, a score tapped soon after changes the rating; one tapped minutes later,
    # with the page left open, is a new one and does not overwrite the morning's.
    page.clock.install()
    page.reload()
    page.wait_for_selector("#day-log.is-live")
    scale = page.locator("#pain-draft label.scale-option")
    scale.nth(4).tap()
    scale.nth(5).tap()
    expect(page.locator("#pain-list .entry")).to_have_count(1)
    page.clock.fast_forward("05:01")
    scale.nth(6).tap()
    expect(page.locator("#pain-list .entry")).to_have_count(2)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert [r["score"] for r in stored_day(page, site)["pain_ratings"]] == [5, 6]


def test_a_medicine_picked_long_after_the_last_is_another_dose(site, page):
    # Without Done, a medicine picked minutes later is another dose, not a change of the first.
    page.clock.install()
    page.reload()
    page.wait_for_selector("#day-log.is-live")
    page.get_by_role("link", name="+ Medicine").tap()
    draft = page.locator("#medicine-draft")
    draft.get_by_text("Paracetamol", exact=True).tap()
    expect(page.locator("#medicine-list .entry")).to_have_count(1)
    page.clock.fast_forward("05:01")
    page.get_by_role("link", name="+ Medicine").tap()
    draft.get_by_text("Ibuprofen", exact=True).tap()
    expect(page.locator("#medicine-list .entry")).to_have_count(2)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    medicines = [m["medicine"] for m in stored_day(page, site)["medicines"]]
    assert medicines == ["paracetamol", "ibuprofen"]


def test_a_removed_feed_comes_back_with_undo(site, page):
    page.locator("#feed-draft").get_by_text("Bottle", exact=True).tap()
    page.locator("#feed-draft").get_by_role("button", name="Done").tap()
    expect(page.locator("#save-status")).to_have_text(SAVED)
    page.locator('#feed-list .entry [data-action="remove"]').tap()
    expect(page.locator("#feed-list .entry")).to_have_count(0)
    expect(page.locator("[data-so-far=feeds]")).to_have_text("0")
    page.locator("#undo-bar").get_by_role("button", name="Undo").tap()
    expect(page.locator("#feed-list .entry")).to_have_count(1)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert [f["position"] for f in stored_day(page, site)["feedings"]] == ["bottle"]


def test_medicines_sleep_interference_and_leg_symptoms(site, page, artifacts):
    draft = page.locator("#medicine-draft")
    expect(draft).to_be_hidden()
    page.get_by_role("link", name="+ Medicine").tap()
    expect(draft).to_be_visible()
    # Ibuprofen 400 mg, from its usual doses; paracetamol's are not offered for it.
    draft.get_by_text("Ibuprofen", exact=True).tap()
    expect(draft.get_by_role("button", name="500 mg")).to_be_hidden()
    draft.get_by_role("button", name="400 mg").tap()
    expect(draft.get_by_role("button", name="400 mg")).to_have_attribute("aria-pressed", "true")
    draft.get_by_role("button", name="Done").tap()
    expect(draft).to_be_hidden()
    # Another medicine is logged once it has a name.
    page.get_by_role("link", name="+ Medicine").tap()
    draft.get_by_text("Other medicine", exact=True).tap()
    expect(page.locator("#medicine-list .entry")).to_have_count(1)
    draft.get_by_label("Name of the medicine").fill("Lactulose")
    draft.get_by_label("Dose in milligrams").fill("15")
    draft.get_by_role("button", name="Done").tap()
    expect(page.locator("#medicine-list .entry")).to_have_count(2)
    expect(page.locator("#medicine-list")).to_contain_text("Lactulose")
    expect(page.locator("#medicine-list")).to_contain_text("400 mg")

    # Last night, and how much pain got in the way today (tapping the chosen score clears it).
    sleep = page.locator("#sleep")
    sleep.get_by_role("button", name="6", exact=True).tap()
    sleep.get_by_role("button", name="More").tap()  # 6.5
    sleep.get_by_text("Woke once or twice").tap()
    sleep.locator("label.scale-option").nth(7).tap()
    sleep.locator("label.scale-option").nth(7).tap()
    sleep.locator("label.scale-option").nth(3).tap()

    # A rating with pain down the leg points to the signs to check.
    pointer = page.locator("[data-leg-pointer]")
    expect(pointer).to_be_hidden()
    pain = page.locator("#pain-draft")
    pain.locator("label.scale-option").nth(6).tap()
    pain.get_by_text("Pain going down the leg").tap()
    expect(pointer).to_be_visible()
    expect(pointer).to_contain_text("new numbness around your genitals")
    pain.get_by_role("button", name="Done").tap()
    expect(pointer).to_be_visible()  # the day has it, not only the form
    expect(page.locator("#pain-list")).to_contain_text("Pain going down the leg")

    expect(page.locator("#save-status")).to_have_text(SAVED)
    day = stored_day(page, site)
    assert [(m["medicine"], m["name"], m["dose_mg"]) for m in day["medicines"]] == [
        ("ibuprofen", "", 400),
        ("other_medicine", "Lactulose", 15),
    ]
    assert (day["sleep_hours"], day["sleep_quality"], day["pain_interference"]) == (
        6.5,
        "woke_few",
        3,
    )
    assert day["pain_ratings"][0]["leg_symptoms"] == ["down_leg"]
    page.screenshot(path=str(artifacts / "today-medicines-sleep.png"), full_page=True)

    # The pointer's link opens the warning signs.
    pointer.get_by_role("link", name="Check the warning signs").tap()
    expect(page.locator("details.warning-details")).to_have_attribute("open", "")

    # A medicine removed comes back with Undo; edited, it keeps its id.
    first = day["medicines"][0]["id"]
    page.locator(f'#medicine-list .entry[data-id="{first}"] [data-action="remove"]').tap()
    expect(page.locator("#medicine-list .entry")).to_have_count(1)
    page.locator("#undo-bar").get_by_role("button", name="Undo").tap()
    expect(page.locator("#medicine-list .entry")).to_have_count(2)
    page.locator(f'#medicine-list .entry[data-id="{first}"] [data-action="edit"]').tap()
    draft.get_by_role("button", name="200 mg").tap()
    draft.get_by_role("button", name="Done").tap()
    expect(page.locator("#save-status")).to_have_text(SAVED)
    medicines = stored_day(page, site)["medicines"]
    assert [(m["id"], m["dose_mg"]) for m in medicines][0] == (first, 200)
    assert len(medicines) == 2
