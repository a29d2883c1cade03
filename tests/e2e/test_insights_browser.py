"""The Insights page's charts in the browser: her pain over time and a strip for each thing she
logged, drawn as SVG by insights.js; a tap on a day opens that day; they fit a 320 px phone,
follow the dark theme, and no other page loads their script."""

from datetime import date, timedelta

import pytest
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages import EMAIL, PASSWORD, log_in
from tests.support.days import new_id, realistic_day
from tracker.days import save_day
from tracker.models import User

pytestmark = pytest.mark.browser

DAYS = 60
# Okabe-Ito blue for the day's pain; sky blue in the dark theme.
LIGHT_POINT = "rgb(0, 114, 178)"
DARK_POINT = "rgb(86, 180, 233)"
DARK_AVERAGE = "rgb(245, 138, 75)"


def make_user(days_before_birth: int = 20) -> User:
    return User.objects.create_user(
        EMAIL,
        PASSWORD,
        time_zone="Europe/Berlin",
        baby_birth_date=date.today() - timedelta(days=DAYS + days_before_birth),
    )


def seed(user: User) -> dict[str, list[date]]:
    """Sixty days: pain easing with the weeks, a few missed days and a few days with no
    rating; the back supported on two days in three. Returns the dates of what was logged."""
    today = user.profile.local_today()
    logged: dict[str, list[date]] = {"rated": [], "back_support": [], "walking": [], "days": []}
    for offset in range(DAYS):
        day = today - timedelta(days=DAYS - 1 - offset)
        if offset % 9 == 4:
            continue  # nothing logged
        data = realistic_day()
        first, second = data["pain_ratings"]
        first["score"] = max(0, 8 - offset // 9)
        second["score"] = max(0, 6 - offset // 12)
        if offset % 11 == 7:
            data["pain_ratings"] = []  # logged, but no pain rating
        if offset % 3 == 2:
            data["feedings"][1]["supports"] = ["pillow_under_baby"]
        if offset % 4 == 1:
            data["exercises"] = [{"id": new_id(), "exercise": "pelvic_floor", "reps": 10}]
        save_day(user, day, data)
        logged["days"].append(day)
        if data["pain_ratings"]:
            logged["rated"].append(day)
        if offset % 3 != 2:
            logged["back_support"].append(day)
        if offset % 4 != 1:
            logged["walking"].append(day)
    return logged


def open_insights(page: Page, site: str, range_key: str = "all") -> None:
    page.goto(f"{site}/insights/?range={range_key}")
    page.wait_for_selector("#insights-charts .ins-readout")


def subpaths(page: Page, selector: str) -> int:
    return page.locator(selector).evaluate(
        "(el) => (el.getAttribute('d').match(/M/g) || []).length"
    )


def center(locator: Locator) -> None:
    """Scroll it to the middle of the screen, clear of the navigation bar at the bottom."""
    locator.evaluate("(el) => el.scrollIntoView({block: 'center'})")


def mark_x(page: Page, selector: str, index: int) -> float:
    """The middle, on the screen, of the index-th day marked in a strip."""
    return page.locator(selector).evaluate(
        """(path, index) => {
            const marks = path.getAttribute("d").split("M").slice(1);
            const [x, rest] = marks.at(index).split(" ");
            const width = parseFloat(rest.split("h")[1]);
            return path.ownerSVGElement.getBoundingClientRect().left + parseFloat(x) + width / 2;
        }""",
        index,
    )


def no_overlaps(boxes: list[dict]) -> bool:
    boxes = sorted(boxes, key=lambda box: box["x"])
    return all(a["x"] + a["width"] <= b["x"] for a, b in zip(boxes, boxes[1:], strict=False))


def test_charts_show_her_pain_and_habits_and_open_a_day(site, phone: BrowserContext, artifacts):
    user = make_user()
    logged = seed(user)
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url))
    log_in(page, site)

    # The Today page does not load the charts' script or stylesheet.
    page.wait_for_load_state("networkidle")
    assert not [url for url in scripts if "insights." in url]
    assert page.locator('script[src*="insights.js"]').count() == 0

    open_insights(page, site)
    assert any(url.endswith("/insights.js") for url in scripts)
    charts = page.locator("#insights-charts")
    pain = charts.locator("svg.ins-pain")
    expect(pain).to_have_attribute("role", "img")
    label = pain.get_attribute("aria-label")
    assert label.startswith("Pain from ") and "table below" in label

    # One point for each day with a pain rating; the average and the trend are drawn.
    expect(pain.locator("circle.ins-pt")).to_have_count(len(logged["rated"]))
    assert subpaths(page, "svg.ins-pain path.ins-avg") >= 1
    assert subpaths(page, "svg.ins-pain path.ins-trend") >= 1
    legend = charts.locator(".ins-legend")
    for name in ("7-day average", "Recovery trend", "Worst rating that day"):
        expect(legend).to_contain_text(name)

    # A strip for each thing she logged, under its kind, marking the days it happened.
    strips = charts.locator("svg.ins-strips")
    expect(strips).to_have_attribute("role", "img")
    for text in ("Feeding support", "Back supported", "Exercises done", "Walking", "Habits"):
        expect(strips.locator("text", has_text=text).first).to_be_attached()
    back = 'svg.ins-strips path.ins-mark[data-key="back_support"]'
    assert subpaths(page, back) == len(logged["back_support"])
    assert subpaths(page, 'svg.ins-strips path.ins-mark[data-key="walking"]') == len(
        logged["walking"]
    )
    page.locator(".ins-card").screenshot(path=str(artifacts / "insights.png"))

    # Tapping a day's point opens that day; so does tapping its column in the strips.
    target = logged["rated"][-5]
    center(pain)
    point = pain.locator("circle.ins-pt").nth(len(logged["rated"]) - 5).bounding_box()
    x = point["x"] + point["width"] / 2
    pain_box = pain.bounding_box()
    page.touchscreen.tap(x, pain_box["y"] + pain_box["height"] / 2)
    page.wait_for_url(f"{site}/day/{target.isoformat()}/")

    open_insights(page, site)
    supported = logged["back_support"][-3]
    center(page.locator(back))
    row = page.locator(back).bounding_box()
    page.touchscreen.tap(mark_x(page, back, -3), row["y"] + row["height"] / 2)
    page.wait_for_url(f"{site}/day/{supported.isoformat()}/")

    # With a keyboard: one tab stop, not one per day; arrow keys move a day, Enter opens it.
    open_insights(page, site)
    expect(charts).to_have_attribute("tabindex", "0")
    expect(charts.locator("a, [tabindex]")).to_have_count(0)
    charts.focus()
    page.keyboard.press("End")
    today = user.profile.local_today()
    readout = charts.locator(".ins-readout")
    expect(readout).to_contain_text("pain")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    day = today - timedelta(days=2)
    # One line each for pain, the 7-day average and what she logged; read as one sentence.
    expect(readout).to_contain_text(f"{day:%a}, {day:%b} {day.day}: pain 2, worst 2, 7-day average")
    page.locator(".ins-card").screenshot(path=str(artifacts / "insights-keys.png"))
    page.keyboard.press("Enter")
    page.wait_for_url(f"{site}/day/{day.isoformat()}/")
    assert errors == []


def test_charts_fit_a_320_px_phone_and_follow_the_dark_theme(site, browser, artifacts):
    user = make_user()
    seed(user)
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        log_in(page, site)
        open_insights(page, site)
        pain = page.locator("svg.ins-pain")
        point = pain.locator("circle.ins-pt").first
        assert point.evaluate("(el) => getComputedStyle(el).fill") == LIGHT_POINT
        wide = float(pain.get_attribute("width"))

        # Narrowed to 320 px, the charts are drawn again to fit: nothing sticks out.
        page.set_viewport_size({"width": 320, "height": 700})
        page.wait_for_function(
            "(wide) => document.querySelector('svg.ins-pain').getAttribute('width') < wide",
            arg=wide,
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
        for selector in ("svg.ins-pain", "svg.ins-strips"):
            box = page.locator(selector).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, selector
        # The date labels never overlap, and every row label fits.
        labels = page.locator("svg.ins-pain .ins-ax text[text-anchor='middle']")
        assert labels.count() >= 2
        assert no_overlaps([labels.nth(i).bounding_box() for i in range(labels.count())])
        strips = page.locator("svg.ins-strips").bounding_box()
        for text in page.locator("svg.ins-strips .ins-lbl").all():
            box = text.bounding_box()
            assert box["x"] + box["width"] <= strips["x"] + strips["width"] + 0.5
        page.locator(".ins-card").screenshot(path=str(artifacts / "insights-320.png"))

        # Dark theme: the bright variants of the palette on the dark card.
        page.emulate_media(color_scheme="dark")
        assert point.evaluate("(el) => getComputedStyle(el).fill") == DARK_POINT
        average = page.locator("svg.ins-pain path.ins-avg")
        assert average.evaluate("(el) => getComputedStyle(el).stroke") == DARK_AVERAGE
        card = page.locator(".ins-card")
        assert card.evaluate("(el) => getComputedStyle(el).backgroundColor") == "rgb(27, 33, 39)"
        page.locator(".ins-card").screenshot(path=str(artifacts / "insights-dark.png"))
        assert errors == []
    finally:
        context.close()


def test_no_pain_ratings_shows_a_message_instead_of_a_chart(site, phone: BrowserContext):
    user = make_user()
    today = user.profile.local_today()
    for offset in range(3):
        data = realistic_day()
        data["pain_ratings"] = []
        save_day(user, today - timedelta(days=offset), data)
    page = phone.new_page()
    log_in(page, site)
    open_insights(page, site, "2w")
    charts = page.locator("#insights-charts")
    expect(charts.locator(".ins-empty")).to_have_text(
        "No pain ratings in these days, so there is no pain chart yet. "
        "Rate your pain on at least 1 day to see one."
    )
    expect(charts.locator("svg.ins-pain")).to_have_count(0)
    # What she logged is still drawn.
    expect(charts.locator('path.ins-mark[data-key="walking"]')).to_be_attached()
