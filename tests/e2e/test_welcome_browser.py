"""On a 390x844 phone: sign-up ends on two quick questions that lead to Today, and every
password field has a "Show password" toggle that needs no JavaScript to leave the form usable."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages import layout_shift
from tracker.models import User

pytestmark = pytest.mark.browser

EMAIL = "new.mother@example.com"
PASSWORD = "a-long-password-1"
THUMB = 44  # px: the smallest target she can hit one-handed


def height(page: Page, selector: str) -> float:
    return page.locator(selector).bounding_box()["height"]


def sign_up_to_the_questions(page: Page, site: str) -> None:
    page.goto(f"{site}/signup/")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{site}/signup/sent/")
    # The link in the email, opened on the same phone.
    link = re.search(r"https?://\S+/signup/finish/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(f"{site}/welcome/")


def test_she_answers_the_two_questions_and_today_counts_the_days(site, phone):
    page = phone.new_page()
    sign_up_to_the_questions(page, site)
    expect(page.get_by_role("heading", name="Two quick questions")).to_be_visible()
    assert layout_shift(page) == 0
    for target in ("label.chip", "main button[type=submit]", "text=Skip for now"):
        assert page.locator(target).first.bounding_box()["height"] >= THUMB, target

    profile = User.objects.get(email=EMAIL).profile
    birth = profile.local_today() - timedelta(days=12)
    page.get_by_label("Baby's birth date").fill(birth.isoformat())
    page.get_by_text("Caesarean section").click()
    expect(page.get_by_role("radio", name="Caesarean section")).to_be_checked()
    page.get_by_role("button", name="Save").click()

    page.wait_for_url(f"{site}/today/")
    page.wait_for_selector("#day-log.is-live")
    expect(page.locator("[data-postpartum]")).to_have_text("12 days postpartum")
    profile.refresh_from_db()
    assert profile.baby_birth_date == birth and profile.delivery_type == "caesarean"


def test_a_date_two_years_too_old_is_named_and_she_can_still_skip(site, phone):
    page = phone.new_page()
    sign_up_to_the_questions(page, site)
    page.get_by_label("Baby's birth date").fill("2001-01-01")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_have_text(
        "The baby's birth date cannot be more than 2 years ago."
    )
    page.get_by_role("link", name="Skip for now").click()
    page.wait_for_url(f"{site}/today/")
    page.wait_for_selector("#day-log.is-live")
    expect(page.locator("[data-postpartum]")).to_have_count(0)
    assert User.objects.get(email=EMAIL).profile.baby_birth_date is None


def test_show_password_toggles_and_the_links_are_thumb_sized(site, phone):
    User.objects.create_user(EMAIL, PASSWORD)
    page = phone.new_page()
    page.goto(f"{site}/login/")
    field = page.get_by_label("Password", exact=True)
    toggle = page.get_by_role("button", name="Show password")
    page.get_by_label("Email").fill(EMAIL)
    field.fill(PASSWORD)
    assert toggle.bounding_box()["height"] >= THUMB and toggle.bounding_box()["width"] >= THUMB
    expect(toggle).to_have_attribute("aria-pressed", "false")
    expect(field).to_have_attribute("type", "password")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(field).to_have_attribute("type", "text")
    expect(field).to_have_value(PASSWORD)
    for name in ("Forgot your password?", "Create an account"):
        assert page.get_by_role("link", name=name).bounding_box()["height"] >= THUMB, name
    assert layout_shift(page) == 0
    # Shown or not, it logs her in, and goes as a password field.
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/today/")


def test_without_javascript_the_password_stays_hidden_and_the_form_works(site, browser):
    User.objects.create_user(EMAIL, PASSWORD)
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{site}/login/")
    expect(page.locator("button[data-show-password]")).to_be_hidden()
    expect(page.get_by_label("Password", exact=True)).to_have_attribute("type", "password")
    page.get_by_label("Email").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{site}/today/")
    context.close()
