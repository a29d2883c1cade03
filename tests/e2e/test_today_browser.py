"""A mother signs up on her phone and logs her day; it saves by itself, online and offline."""

import re

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tracker.models import DayLog, User

pytestmark = pytest.mark.browser

EMAIL = "new.mother@example.com"
PASSWORD = "a-long-password-1"
SAVED = "Saved"
SAVED_ON_PHONE = "Saved on this phone — will sync when online"


def sign_up(page: Page, site: str) -> None:
    page.goto(f"{site}/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Language").select_option("en")
    # The browser's own zone goes into the hidden field.
    assert page.locator('input[name="time_zone"]').input_value() == "Europe/Berlin"
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{site}/signup/sent/")
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    # The link in the email, opened on the same phone.
    link = re.search(r"https?://\S+/signup/finish/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{site}/welcome/")


def open_today(page: Page) -> str:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Today").click()
    page.wait_for_selector("#day-log.is-live")
    return page.locator("#day-log").get_attribute("data-date")


def stored_day(page: Page, site: str, date: str) -> dict:
    response = page.request.get(f"{site}/api/v1/days/{date}/")
    assert response.ok, response.text()
    return response.json()


def test_she_logs_her_day_and_it_saves_by_itself_even_offline(site, phone, artifacts):
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    sign_up(page, site)
    assert User.objects.get(email=EMAIL).profile.time_zone == "Europe/Berlin"
    date = open_today(page)
    status = page.locator("#save-status")

    # Pain 6 in the lower back, at the time she chose.
    page.locator("#pain-draft label.scale-option").nth(6).click()
    page.locator("#pain-draft").get_by_text("Lower back", exact=True).click()
    page.locator('input[name="pain-time"]').fill("07:30")
    page.locator("#pain-draft").get_by_role("button", name="Done").click()
    expect(page.locator("#pain-list .entry")).to_have_count(1)
    expect(page.locator("#pain-list")).to_contain_text("Pain 6 out of 10")

    # A feed: football hold, back supported, upright, 20 minutes, left side.
    feed = page.locator("#feed-draft")
    feed.get_by_text("Football / clutch hold").click()
    feed.get_by_text("Back supported").click()
    feed.get_by_text("Upright", exact=True).click()
    feed.get_by_text("Left", exact=True).click()
    feed.get_by_role("button", name="More").click()
    feed.get_by_role("button", name="Done").click()
    expect(page.locator("#feed-list")).to_contain_text("Football / clutch hold")

    # Exercises, mood and a habit.
    page.get_by_text("Pelvic-floor squeezes").click()
    page.get_by_role("spinbutton", name="Repetitions of Pelvic-floor squeezes").fill("12")
    page.get_by_role("spinbutton", name="Repetitions of Pelvic-floor squeezes").blur()
    page.get_by_text("Walking", exact=True).click()
    page.locator("#mood").get_by_text("Good", exact=True).click()
    page.get_by_text("Supported", exact=True).click()
    page.get_by_text("Wore flat shoes").click()

    expect(status).to_have_text(SAVED)
    day = stored_day(page, site, date)
    assert [(r["score"], r["time"], r["body_areas"]) for r in day["pain_ratings"]] == [
        (6, "07:30:00", ["lower_back"])
    ]
    (feeding,) = day["feedings"]
    assert feeding["position"] == "football" and feeding["supports"] == ["back_support"]
    assert (feeding["posture"], feeding["side"], feeding["minutes"]) == ("upright", "left", 20)
    assert [(e["exercise"], e["reps"], e["minutes"]) for e in day["exercises"]] == [
        ("pelvic_floor", 12, None),
        ("walking", None, 10),
    ]
    assert (day["mood"], day["mood_tags"], day["habits"]) == (4, ["supported"], ["flat_shoes"])

    # A warning sign shows what to do at once, before anything is saved.
    page.get_by_text("Anything worrying?").click()
    page.get_by_text("New numbness around my genitals, bottom or inner thighs").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Call emergency services now", timeout=1000)
    expect(alert).to_be_in_viewport()
    # Her zone is Berlin: one tap calls 112, and the app says it calls nobody itself.
    expect(alert.get_by_role("link", name="Call 112")).to_have_attribute("href", "tel:112")
    expect(alert).to_contain_text("This app cannot send help or tell anyone.")
    expect(status).to_have_text(SAVED)
    assert stored_day(page, site, date)["warning_signs"] == ["saddle_numbness"]
    page.screenshot(path=str(artifacts / "today.png"), full_page=True)

    # Offline: the change stays on the phone, and reaches the server when she is back online.
    phone.set_offline(True)
    page.get_by_role("textbox", name="Note").fill("Slept four hours in a row.")
    expect(status).to_have_text(SAVED_ON_PHONE)
    page.wait_for_timeout(800)  # past the save delay: still nothing sent
    assert DayLog.objects.get(date=date).note == ""
    phone.set_offline(False)
    expect(status).to_have_text(SAVED)
    assert stored_day(page, site, date)["note"] == "Slept four hours in a row."
    assert errors == []


def test_an_offline_change_survives_closing_the_page(site, phone):
    page = phone.new_page()
    sign_up(page, site)
    date = open_today(page)
    # Wait until the service worker controls the page, so the page opens again offline.
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.wait_for_selector("#day-log.is-live")

    phone.set_offline(True)
    page.locator("#mood").get_by_text("Low", exact=True).click()
    expect(page.locator("#save-status")).to_have_text(SAVED_ON_PHONE)
    page.close()

    # She opens the app again, still offline: the page comes from the service worker and
    # her change from the outbox.
    page = phone.new_page()
    page.goto(f"{site}/today/")
    page.wait_for_selector("#day-log.is-live")
    expect(page.locator('input[name="mood"][value="2"]')).to_be_checked()
    assert not DayLog.objects.filter(date=date).exists()

    phone.set_offline(False)
    expect(page.locator("#save-status")).to_have_text(SAVED)
    assert stored_day(page, site, date)["mood"] == 2
    assert (
        page.evaluate(
            """() => new Promise((resolve) => {
            const open = indexedDB.open("backcare");
            open.onsuccess = () => {
                const count = open.result.transaction("outbox").objectStore("outbox").count();
                count.onsuccess = () => resolve(count.result);
            };
        })"""
        )
        == 0
    )


def test_pages_fit_a_320px_screen_without_sideways_scrolling(site, browser):
    context = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True
    )
    page = context.new_page()

    def assert_fits(path: str) -> None:
        page.goto(f"{site}{path}")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 320, f"{path} is {width}px wide"

    assert_fits("/signup/")
    assert_fits("/login/")
    User.objects.create_user(EMAIL, PASSWORD)
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_selector("#day-log.is-live")
    # With an open warning section and a day's entries, the widest the page gets.
    page.get_by_text("Anything worrying?").click()
    page.get_by_text("Thoughts of harming myself or my baby").click()
    page.locator("#pain-draft label.scale-option").nth(10).click()
    page.locator("#pain-draft").get_by_role("button", name="Done").click()
    page.get_by_text("Pelvic-floor squeezes").click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for path in ("/history/", "/profile/"):
        assert_fits(path)
    context.close()
