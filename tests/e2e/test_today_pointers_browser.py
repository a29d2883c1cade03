"""Today points her somewhere as she taps: the medicine form's cautions (ibuprofen the first
time; codeine, tramadol and aspirin for another medicine), two nights running of hardly any
sleep, and two weeks of low mood (the card, with the self-harm guidance one tap away)."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.pages import axe_violations, log_in
from tests.e2e.test_offline_pages_browser import logged_day
from tests.e2e.test_shared_phone_browser import (
    mother,
)
from tests.support.accounts import token_client
from tests.support.days import empty_day
from tracker.models import DayLog

pytestmark = pytest.mark.browser


def test_the_medicine_cautions_and_the_sleep_pointer_as_she_taps(site, phone):
    her = mother("cautions@example.com")
    logged_day(her, her.profile.local_today() - timedelta(days=1))
    yesterday = DayLog.objects.get(user=her)
    yesterday.sleep_quality = "hardly"
    yesterday.save()
    page = phone.new_page()
    log_in(page, site, her.email)
    page.wait_for_selector("#day-log.is-live")

    page.get_by_role("link", name="+ Medicine").tap()
    draft = page.locator("#medicine-draft")
    caution = draft.locator("[data-caution]")
    draft.get_by_text("Ibuprofen", exact=True).tap()
    expect(caution).to_contain_text("blood-thinning injections")
    draft.get_by_text("Paracetamol", exact=True).tap()
    expect(caution).to_be_hidden()
    draft.get_by_text("Other medicine", exact=True).tap()
    expect(caution).to_contain_text("avoid codeine and tramadol")
    expect(caution).to_contain_text("Do not take aspirin for pain")
    expect(draft.get_by_role("button", name="650 mg")).to_be_hidden()

    # Two nights running of hardly any sleep point to the warning signs.
    sleep = page.locator("#sleep")
    pointer = sleep.locator("[data-if-hardly]")
    expect(pointer).to_be_hidden()
    sleep.get_by_text("Hardly slept").tap()
    expect(pointer).to_be_visible()
    pointer.get_by_role("link", name="Check the warning signs").tap()
    expect(page.locator("details.warning-details")).to_have_attribute("open", "")
    assert axe_violations(page) == []
    sleep.get_by_text("Woke once or twice").tap()
    expect(pointer).to_be_hidden()


def test_the_low_mood_card_comes_with_a_low_mood_today_and_opens_the_self_harm_guidance(
    site, phone
):
    her = mother("low.mood@example.com")
    today = her.profile.local_today()
    api = token_client(her)
    # Low every other day for the 13 days before today: a low mood today makes two weeks.
    for back in range(1, 14, 2):
        day = today - timedelta(days=back)
        body = {**empty_day(), "mood": 2}
        assert api.put(f"/api/v1/days/{day.isoformat()}/", body, format="json").status_code == 201
    page = phone.new_page()
    log_in(page, site, her.email)
    page.wait_for_selector("#day-log.is-live")
    card = page.locator("[data-low-mood-card]")
    expect(card).to_be_hidden()
    page.locator("#mood").get_by_text("Low", exact=True).tap()
    expect(card).to_be_visible()
    expect(card).to_contain_text("Your midwife or doctor can do a short check")
    card.get_by_text("Thoughts of harming yourself or your baby?").tap()
    expect(card).to_contain_text("Tell your midwife or doctor today")
    expect(card.get_by_role("link", name="Call 112")).to_be_visible()
    assert axe_violations(page) == []
    page.locator("#mood").get_by_text("Good", exact=True).tap()
    expect(card).to_be_hidden()
