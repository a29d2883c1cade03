"""Two phones on one account, a page left open, a page closed mid-word: nothing is lost.

Her phone and her partner's log the same day; one of them is offline. The day's versions
(ETag / If-Match) make the phone that is behind merge instead of overwriting.
"""

import os
import random

import pytest
from playwright.sync_api import BrowserContext, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.e2e.conftest import PHONE
from tests.e2e.pages import EMAIL, PASSWORD, log_in
from tracker.models import DayLog, User

pytestmark = pytest.mark.browser

SAVED = "Saved"
MERGED = "Merged with changes from another device"


@pytest.fixture
def mother(site) -> User:
    return User.objects.create_user(EMAIL, PASSWORD, time_zone="Europe/Berlin")


def logged_in_phone(browser, site: str) -> tuple[BrowserContext, Page]:
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log_in(page, site)
    page.wait_for_selector("#day-log.is-live")
    return context, page


def server_day(page: Page, site: str, date: str) -> dict:
    response = page.request.get(f"{site}/api/v1/days/{date}/")
    assert response.ok, response.text()
    return response.json()


def add_feed(page: Page, position: str) -> None:
    page.locator("#feed-draft").get_by_text(position).click()
    page.locator("#feed-draft").get_by_role("button", name="Done").click()


def test_an_offline_feed_and_an_online_exercise_both_stay(site, browser, mother, artifacts):
    phone_a, a = logged_in_phone(browser, site)
    phone_b, b = logged_in_phone(browser, site)
    date = a.locator("#day-log").get_attribute("data-date")
    # Both phones have seen the day with a rating in it.
    a.locator("#pain-draft label.scale-option").nth(5).click()
    a.locator("#pain-draft").get_by_role("button", name="Done").click()
    expect(a.locator("#save-status")).to_have_text(SAVED)
    b.reload()
    b.wait_for_selector("#day-log.is-live")
    expect(b.locator("#pain-list .entry")).to_have_count(1)

    # Phone A, offline, logs a night feed.
    phone_a.set_offline(True)
    add_feed(a, "Side-lying")
    expect(a.locator("#save-status")).to_contain_text("Saved on this phone")
    # Phone B, online, logs an exercise and saves.
    b.get_by_text("Pelvic-floor squeezes").click()
    expect(b.locator("#save-status")).to_have_text(SAVED)
    # A comes back online: it is behind, so it merges and saves both.
    phone_a.set_offline(False)
    expect(a.locator("#sync-notice")).to_have_text(MERGED)
    expect(a.locator("#save-status")).to_have_text(SAVED)

    day = server_day(a, site, date)
    assert [f["position"] for f in day["feedings"]] == ["side_lying"]
    assert [e["exercise"] for e in day["exercises"]] == ["pelvic_floor"]
    assert len(day["pain_ratings"]) == 1
    expect(a.locator("#feed-list")).to_contain_text("Side-lying")
    expect(a.locator('[data-exercise="pelvic_floor"] input[name="exercise"]')).to_be_checked()
    a.screenshot(path=str(artifacts / "two-phones-merged.png"))  # the notice floats: viewport

    # B hears of it when it comes back to the network (or to the screen), without a reload.
    phone_b.set_offline(True)
    phone_b.set_offline(False)
    expect(b.locator("#feed-list")).to_contain_text("Side-lying")
    expect(b.locator("#sync-notice")).to_have_text("Updated with changes from another device")
    assert DayLog.objects.get(date=date).version == day["version"]
    phone_a.close()
    phone_b.close()


def test_a_page_left_open_since_yesterday_does_not_undo_today(site, browser, mother):
    phone_a, a = logged_in_phone(browser, site)
    phone_b, b = logged_in_phone(browser, site)
    date = a.locator("#day-log").get_attribute("data-date")
    a.get_by_text("Wore flat shoes").click()
    expect(a.locator("#save-status")).to_have_text(SAVED)
    # B's page was opened before A's change and never reloaded: it removes nothing it never had.
    b.locator("#mood").get_by_text("Low", exact=True).click()
    expect(b.locator("#save-status")).to_have_text(SAVED)
    expect(b.locator("#sync-notice")).to_have_text(MERGED)
    day = server_day(b, site, date)
    assert (day["mood"], day["habits"]) == (2, ["flat_shoes"])
    expect(b.locator('input[name="habit"][value="flat_shoes"]')).to_be_checked()
    phone_a.close()
    phone_b.close()


@pytest.mark.parametrize("run", range(4))
def test_a_reload_right_after_the_last_keystroke_keeps_it(site, phone, mother, run):
    page = phone.new_page()
    log_in(page, site)
    page.wait_for_selector("#day-log.is-live")
    date = page.locator("#day-log").get_attribute("data-date")
    if run % 2:
        # Offline, the outbox is all there is; the page itself comes from the service worker.
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")
        page.reload()
        page.wait_for_function("navigator.serviceWorker.controller !== null")
        page.wait_for_selector("#day-log.is-live")
        phone.set_offline(True)
    note = page.get_by_role("textbox", name="Note")
    note.press_sequentially("Slept badly, back ached at night", delay=5)
    page.reload(wait_until="commit")  # 0 ms after the last keystroke
    page.wait_for_selector("#day-log.is-live")
    expect(page.get_by_role("textbox", name="Note")).to_have_value(
        "Slept badly, back ached at night"
    )
    phone.set_offline(False)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert server_day(page, site, date)["note"] == "Slept badly, back ached at night"


def entry_ids(page: Page) -> set[str]:
    return set(page.locator("#pain-list .entry").evaluate_all("els => els.map(e => e.dataset.id)"))


def test_three_phones_with_random_offline_spells_converge_losing_nothing(site, browser, mother):
    """200 random edits on three phones that drop off the network at random."""
    rng = random.Random(int(os.environ.get("SYNC_TEST_SEED", "20261127")))
    phones = [logged_in_phone(browser, site) for _ in range(3)]
    date = phones[0][1].locator("#day-log").get_attribute("data-date")
    offline = [False, False, False]
    added: set[str] = set()
    removed: set[str] = set()
    words: list[str] = []
    habits = ["Wore flat shoes", "Kept my lower back warm", "Took a proper rest"]

    for step in range(200):
        index = rng.randrange(3)
        context, page = phones[index]
        if rng.random() < 0.12:
            offline[index] = not offline[index]
            context.set_offline(offline[index])
        action = rng.choice(["rate", "rate", "remove", "habit", "mood", "note"])
        if action == "rate":
            before = entry_ids(page)
            page.locator("#pain-draft label.scale-option").nth(rng.randrange(11)).click()
            page.locator("#pain-draft").get_by_role("button", name="Done").click()
            # A merge may have brought other phones' ratings in meanwhile.
            new = entry_ids(page) - before - added
            assert len(new) == 1, f"step {step}: the rating was not added"
            added |= new
        elif action == "remove" and entry_ids(page):
            victim = rng.choice(sorted(entry_ids(page)))
            button = page.locator(f'#pain-list .entry[data-id="{victim}"] [data-action="remove"]')
            try:
                button.click(timeout=2000)
            except PlaywrightTimeoutError:
                continue  # a merge took it away meanwhile: another phone removed it
            removed.add(victim)
        elif action == "habit":
            page.get_by_text(rng.choice(habits)).click()
        elif action == "mood":
            page.locator("#mood label").nth(rng.randrange(5)).click()
        else:
            word = f"w{step}"
            words.append(word)
            note = page.get_by_role("textbox", name="Note")
            note.press("End")
            note.press_sequentially(f" {word}")

    # Everyone back online; each phone sends what it has, merging as it goes, then looks again.
    for index, (context, _page) in enumerate(phones):
        if offline[index]:
            context.set_offline(False)
    for _ in range(2):
        for context, page in phones:
            expect(page.locator("#save-status")).to_have_text(SAVED, timeout=30_000)
            context.set_offline(True)
            context.set_offline(False)
    stored = DayLog.objects.get(date=date)
    on_server = {rating["id"] for rating in stored.pain_ratings}
    assert on_server == added - removed
    assert [word for word in words if word not in stored.note.split()] == []
    for _context, page in phones:
        expect(page.locator("#save-status")).to_have_text(SAVED)
        expect(page.locator("#pain-list .entry")).to_have_count(len(on_server))
        assert entry_ids(page) == on_server
        assert server_day(page, site, date)["version"] == stored.version
        page.reload()
        page.wait_for_selector("#day-log.is-live")
        assert entry_ids(page) == on_server
        assert page.get_by_role("textbox", name="Note").input_value() == stored.note
    for context, _page in phones:
        context.close()
