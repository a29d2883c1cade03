"""Her pelvic-floor session on a 390 x 844 phone: one tap from Today to the timer, a short
session (a test's seconds are 20 ms), leaking logged in the check after it, the step back and
the physiotherapist at once, the recovery page, and all of it in the PDF for her doctor. And a
session done offline, on a page she had opened, reaches the server when she is back."""

import uuid
from datetime import timedelta

import pypdfium2 as pdfium
import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages import PASSWORD, axe_violations, layout_shift, log_in
from tests.e2e.test_push_browser import wait_for
from tests.e2e.test_shared_phone_browser import under_service_worker
from tests.support.export_history import log_day
from tests.support.recovery_history import CAR_SEAT, COT
from tracker import documents
from tracker.models import DayLog, User
from tracker.recovery import monday_of
from tracker.recovery_models import FunctionActivity, FunctionWeek

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def short_seconds(settings):
    settings.PELVIC_FLOOR_SECOND_MS = 20


def mother_at_level_2(email: str = "mother@example.com") -> User:
    """Fourteen weeks after the birth, a week of comfortable level-1 sessions behind her, two
    activities of her function score rated a week apart."""
    user = User.objects.create_user(email, PASSWORD, time_zone="Europe/Berlin")
    today = user.profile.local_today()
    user.profile.baby_birth_date = today - timedelta(days=100)
    user.profile.save()
    for uid, name in ((COT, "Lifting the baby from the cot"), (CAR_SEAT, "Carrying the car seat")):
        values = {"name": name, "suggestion": "", "retired": False}
        documents.save_document(FunctionActivity, user, {"uid": uid}, values)
    for weeks, scores in ((1, (3, 4)), (0, (6, 5))):
        monday = monday_of(today) - timedelta(weeks=weeks)
        rated = [{"activity": str(COT), "score": scores[0]},
                 {"activity": str(CAR_SEAT), "score": scores[1]}]  # fmt: skip
        documents.save_document(FunctionWeek, user, {"week": monday}, {"scores": rated})
    for back in range(8, 0, -1):
        session = {"id": str(uuid.uuid4()), "time": "09:00", "level": 1, "holds": 5,
                   "hold_seconds": 3, "quick_squeezes": 5, "effort": "comfortable"}  # fmt: skip
        rating = {"id": str(uuid.uuid4()), "score": 4, "time": "08:00", "body_areas": []}
        log_day(user, today - timedelta(days=back), pain_ratings=[rating],
                pelvic_floor_sessions=[session])  # fmt: skip
    return user


def pdf_text_and_picture(content: bytes, picture) -> str:
    """The PDF's text; the page holding the recovery block is saved as a picture."""
    document = pdfium.PdfDocument(content)
    try:
        texts = []
        for number in range(len(document)):
            page = document[number]
            text = page.get_textpage().get_text_range()
            if "Recovery: pelvic floor" in text:
                page.render(scale=1.6).to_pil().save(picture)
            texts.append(text)
        return " ".join(" ".join(texts).split())
    finally:
        document.close()


def test_a_session_with_the_timer_leaking_the_step_back_and_the_pdf(site, browser, artifacts):
    user = mother_at_level_2()
    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, site, user.email)

    # One tap from Today.
    page.get_by_role("link", name="Pelvic-floor session").click()
    page.wait_for_url(f"{site}/pelvic-floor/")
    expect(page.get_by_text("Level 2: 6 slow squeezes held for 5 seconds")).to_be_visible()
    expect(page.locator("[data-sessions-today]")).to_have_text("Today: 0 of 3 sessions")
    assert axe_violations(page) == []
    assert layout_shift(page) == 0
    start = page.get_by_role("button", name="Start")
    box = start.bounding_box()
    # Within a thumb's reach: low on the screen, and a big target.
    assert box["height"] >= 48 and box["y"] > 844 / 2, box

    # The sound and the buzz are hers to choose; both on here.
    page.get_by_role("switch", name="Vibrate").check()
    start.click()
    expect(page.locator("[data-phase]")).to_have_text("Squeeze and lift, and hold")
    expect(page.get_by_role("button", name="Pause")).to_be_focused()
    page.get_by_role("button", name="Pause").click()
    expect(page.locator("[data-phase]")).to_have_text("Paused")
    page.screenshot(path=artifacts / "pelvic-floor-timer.png")
    page.get_by_role("button", name="Resume").click()

    # Six slow squeezes of 5 "seconds" with their rests, then six quick ones: about 1.4 s.
    done = page.locator("#after-session")
    expect(done).to_be_visible(timeout=15_000)
    expect(done).to_contain_text("6 slow squeezes of 5 seconds and 6 quick squeezes.")
    expect(page.locator("[data-sessions-today]")).to_have_text("Today: 1 of 3 sessions")
    done.get_by_text("Comfortable", exact=True).click()
    done.get_by_text("Leaking when I cough, sneeze or laugh").click()
    assert axe_violations(page) == []
    done.get_by_role("button", name="Save").click()

    result = page.locator("#session-result")
    expect(result).to_contain_text("Saved.")
    expect(result).to_contain_text("your next sessions go back a level, to level 1")
    expect(result).to_contain_text("A pelvic-health physiotherapist")
    page.screenshot(path=artifacts / "pelvic-floor-after-leaking.png", full_page=True)

    today = DayLog.objects.get(user=user, date=user.profile.local_today())
    (session,) = today.pelvic_floor_sessions
    assert (session["level"], session["holds"], session["quick_squeezes"]) == (2, 6, 6)
    assert session["hold_seconds"] == 5 and session["effort"] == "comfortable"
    (check,) = today.symptom_checks
    assert check["context"] == "after_session" and check["symptoms"] == ["leak_cough_sneeze"]

    # The recovery page says it too, with its source, and her plan is level 1 again.
    page.goto(f"{site}/recovery/")
    advice = page.locator(".recovery-suggestions")
    expect(advice).to_contain_text("You noted: Leaking when I cough, sneeze or laugh.")
    expect(advice).to_contain_text("NICE NG210")
    expect(page.locator("#plan")).to_contain_text("Level 1: 5 slow squeezes")
    # 100 days after the birth, leaking logged: running waits for a physiotherapist.
    expect(page.locator("#running")).to_contain_text("see a pelvic-health physiotherapist")
    expect(page.locator(".function-trend")).to_contain_text("a change that matters")
    assert axe_violations(page) == []
    page.screenshot(path=artifacts / "recovery-page.png", full_page=True)

    # And her doctor's PDF has it: the session, the leaking, the step back, the physio.
    first = (user.profile.local_today() - timedelta(days=13)).isoformat()
    last = user.profile.local_today().isoformat()
    response = page.request.get(f"{site}/api/v1/export/pdf/?from={first}&to={last}")
    assert response.status == 200, response.text()
    text = pdf_text_and_picture(response.body(), artifacts / "report-recovery-block.png")
    assert "New from her recovery checks:" in text
    assert "sessions stepped back a level; a pelvic-health physiotherapist suggested" in text
    assert "supervised pelvic-floor training for at least 3 months suggested" in text
    assert "first week 3.5" in text and "latest 5.5" in text
    assert "Timed pelvic-floor sessions: 9 in" in text
    assert "Symptom checks: 1; symptoms on 1 day: leaking with a cough, sneeze or laugh" in text
    assert "back to 1 on" in text
    assert errors == []
    phone.close()


def test_a_session_done_offline_reaches_the_server_when_she_is_back(site, browser):
    user = mother_at_level_2("offline@example.com")
    phone = browser.new_context(**PHONE)
    page = phone.new_page()
    log_in(page, site, user.email)
    under_service_worker(page)
    page.goto(f"{site}/pelvic-floor/")
    page.wait_for_function(
        """async () => {
            for (const name of await caches.keys()) {
                if (!name.startsWith("backcare-pages")) continue;
                if (await (await caches.open(name)).match("/pelvic-floor/")) return true;
            }
            return false;
        }"""
    )

    phone.set_offline(True)
    assert page.goto(f"{site}/pelvic-floor/").status == 200
    page.get_by_role("button", name="Start").click()
    expect(page.locator("#after-session")).to_be_visible(timeout=15_000)
    page.locator("#after-session").get_by_role("button", name="Save").click()
    expect(page.locator("[data-saved]")).to_have_text(
        "Saved on this phone: it will be sent when you are back online."
    )
    assert not DayLog.objects.filter(user=user, date=user.profile.local_today()).exists()

    phone.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")

    def arrived() -> bool:
        day = DayLog.objects.filter(user=user, date=user.profile.local_today()).first()
        return day is not None and len(day.symptom_checks) == 1 and day.pelvic_floor_sessions

    wait_for(arrived, "the session kept offline to reach the server", page)
    phone.close()
