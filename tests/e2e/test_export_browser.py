"""The Export page and a share link in a real browser, on a 320 px phone."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import watch_for_csp_violations
from tests.e2e.pages import EMAIL, PASSWORD, log_in
from tests.support.export_history import write_known_history
from tracker.models import User

pytestmark = pytest.mark.browser


def test_she_makes_a_share_link_and_a_doctor_opens_it(site, browser, artifacts):
    user = User.objects.create_user(EMAIL, PASSWORD, time_zone="Europe/London")
    # The last six weeks but today.
    write_known_history(user, days=41, first=user.profile.local_today() - timedelta(days=41))
    phone = browser.new_context(
        viewport={"width": 320, "height": 640}, is_mobile=True, has_touch=True, locale="en-GB"
    )
    page = phone.new_page()
    log_in(page, site)

    page.goto(f"{site}/history/")
    page.get_by_role("link", name="Export or share with your doctor").click()
    page.wait_for_url(f"{site}/export/")
    share = page.locator("#share")
    # The dates show only for "Choose dates".
    expect(share.get_by_label("From")).to_be_hidden()
    share.get_by_label("Days").select_option("custom")
    expect(share.get_by_label("From")).to_be_visible()
    share.get_by_label("Days").select_option("6w")
    share.get_by_label("Who is it for? (only you see this)").fill("Dr Wang")
    share.get_by_role("button", name="Make a link").click()
    link = page.locator(".share-url").input_value()
    assert "/share/" in link
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=artifacts / "export-320.png", full_page=True)

    # The doctor: another browser, no account.
    doctor = browser.new_context(viewport={"width": 1024, "height": 900}, locale="en-GB")
    refused: list[str] = []
    watch_for_csp_violations(doctor, refused)
    report = doctor.new_page()
    response = report.goto(link)
    assert response.status == 200 and response.headers["x-robots-tag"].startswith("noindex")
    expect(report.get_by_role("heading", name="Back pain history of Li Na")).to_be_visible()
    expect(report.get_by_role("img", name="Pain over time")).to_be_visible()
    expect(report.get_by_text("41 of 42 days logged, 82 pain ratings")).to_be_visible()
    with report.expect_download() as download:
        report.get_by_role("link", name="PDF report").click()
    assert download.value.suggested_filename.endswith(".pdf")
    report.screenshot(path=artifacts / "share-page.png", full_page=True)
    doctor.close()
    assert refused == []  # a refused style once drew the chart as a black box

    page.reload()
    expect(page.locator(".share-link").first).to_contain_text("opened 2 times")
    phone.close()
