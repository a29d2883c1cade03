"""Five 1 g doses of paracetamol four hours apart, logged on Today: nothing through the fourth
(exactly 4 g), the alert at the fifth, logged offline from the kept page, the dose saved as
logged; then the red line on the PDF and on the share page."""

from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from reports.export_pdf import render_pdf
from reports.models import ShareLink
from reports.summary import build_summary
from tests.e2e.pages import axe_violations, log_in
from tests.e2e.test_offline_pages_browser import wait_until_kept
from tests.e2e.test_push_browser import wait_for
from tests.e2e.test_shared_phone_browser import (
    mother,
    under_service_worker,
)
from tests.support.accounts import token_client
from tests.support.pdf_text import one_line, pdf_pages
from tracker.models import DayLog

pytestmark = pytest.mark.browser

ALERT = "Paracetamol: over 4 g in 24 hours (5000 mg)"


def log_dose(page: Page, time: str, medicine: str = "Paracetamol", dose: str = "1000 mg") -> None:
    """As she does: + Medicine, the time, the medicine, a usual dose, Done."""
    page.get_by_role("link", name="+ Medicine").tap()
    draft = page.locator("#medicine-draft")
    draft.locator('input[name="medicine-time"]').fill(time)
    draft.get_by_text(medicine, exact=True).tap()
    draft.get_by_role("button", name=dose).tap()
    draft.get_by_role("button", name="Done").tap()


def test_five_grams_alert_at_the_fifth_offline_too_and_in_the_report(site, phone, artifacts):
    her = mother("five.grams@example.com")  # Berlin: the EU's 112
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, site, her.email)
    under_service_worker(page)
    page.wait_for_selector("#day-log.is-live")
    wait_until_kept(page, "/today/")
    alerts = page.locator("#dose-alerts .dose-alert")

    for count, time in enumerate(("06:00", "10:00", "14:00", "18:00"), start=1):
        log_dose(page, time)
        expect(page.locator("#medicine-list .entry")).to_have_count(count)
        expect(alerts).to_have_count(0)  # up to exactly 4 g: nothing
    expect(page.locator("#save-status")).to_have_text("Saved")

    # Offline, from the page the phone kept: the fifth gram, and the alert at once.
    phone.set_offline(True)
    page.goto(f"{site}/today/")
    page.wait_for_selector("#day-log.is-live")
    expect(page.locator("#medicine-list .entry")).to_have_count(4)
    log_dose(page, "22:00")
    alert = page.locator('#dose-alerts [data-key="paracetamol.daily_total"]')
    expect(alert).to_be_visible()
    expect(alert.locator("h3")).to_have_text(ALERT)
    expect(alert).to_contain_text("get urgent advice now")
    expect(alert.get_by_role("link", name="Call 112")).to_have_attribute("href", "tel:112")
    expect(alerts).to_have_count(1)
    page.screenshot(path=str(artifacts / "today-dose-alert.png"), full_page=True)
    assert axe_violations(page) == []

    # Back online: saved exactly as she logged it.
    phone.set_offline(False)
    today = her.profile.local_today()
    day = wait_for(
        lambda: next(
            (d for d in DayLog.objects.filter(user=her, date=today) if len(d.medicines) == 5),
            None,
        ),
        "the fifth dose to reach the server",
        page,
    )
    assert [(m["time"], m["dose_mg"]) for m in day.medicines] == [
        (f"{hour:02d}:00:00", 1000) for hour in (6, 10, 14, 18, 22)
    ]
    answer = token_client(her).get(f"/api/v1/days/{today.isoformat()}/").json()
    assert [alert["rule"] for alert in answer["dose_alerts"]] == ["daily_total"]

    # The PDF for her doctor, and the share page, say it at the top.
    line = f"Paracetamol over 4 g in 24 hours on {today.day} {today:%b}."
    summary = build_summary(her, today - timedelta(days=6), today)
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-five-grams")))
    assert line in text
    _link, token = ShareLink.issue(her, 14, start_date=today - timedelta(days=6), end_date=today)
    page.goto(f"{site}/share/{token}/")
    expect(page.locator(".report-head .dose-line")).to_have_text(line)
    assert errors == []
