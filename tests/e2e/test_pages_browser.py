"""Every page on a 390x844 phone, in English and Chinese: no axe-core violation, every on/off
control shows its state, nothing scrolls sideways; and the Reminders page itself."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE
from tests.e2e.pages import (
    SIGNED_IN_PAGES,
    axe_violations,
    controls_without_visible_state,
    layout_shift,
    log_in,
    mother_with_history,
)

pytestmark = pytest.mark.browser

IPHONE_SAFARI = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"
)


def check_page(page, url: str) -> list[str]:
    response = page.goto(url)
    assert response.status == 200, f"{url}: {response.status}"
    page.wait_for_load_state("load")
    problems = [f"{url} axe: {line}" for line in axe_violations(page)]
    problems += [f"{url} control: {line}" for line in controls_without_visible_state(page)]
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["viewport"]["width"]:
        problems.append(f"{url} is {width}px wide")
    return problems


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_every_page_passes_axe_and_shows_every_controls_state(site, browser, language):
    _user, share_path = mother_with_history(language)
    context = browser.new_context(**PHONE)
    context.set_default_timeout(10_000)
    page = context.new_page()
    problems = check_page(page, f"{site}/login/") + check_page(page, f"{site}/signup/")
    problems += check_page(page, f"{site}{share_path}")
    log_in(page, site)
    for path in SIGNED_IN_PAGES:
        problems += check_page(page, f"{site}{path}")
    context.close()
    assert problems == []


def test_reminders_show_switches_round_weekdays_and_fit_in_two_screens(site, browser, artifacts):
    user, _share = mother_with_history("zh-hans")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, site)
    page.goto(f"{site}/reminders/")
    cards = page.locator("section.reminder")
    expect(cards).to_have_count(3)
    first = cards.first
    schedule_id = int(first.get_attribute("id").removeprefix("reminder-"))
    # Her zone as a place and offset, the next time in Chinese order.
    expect(page.get_by_text("上海（UTC+8）")).to_be_visible()
    expect(first.locator(".reminder-next")).to_have_text(
        re.compile(r"^下一次：\d{1,2}月\d{1,2}日（星期[一二三四五六日]）\d\d:\d\d$")
    )
    # The on/off switch is drawn and changes when tapped.
    switch = first.get_by_role("switch", name="发送这个提醒")
    expect(switch).to_be_checked()
    box = switch.bounding_box()
    assert box["width"] >= 40 and box["height"] >= 24
    switch.click()
    expect(switch).not_to_be_checked()
    # Seven round day toggles on one line, each read by its full name.
    days = first.locator(".weekday > span")
    expect(days).to_have_count(7)
    tops = {round(days.nth(i).bounding_box()["y"]) for i in range(7)}
    assert len(tops) == 1, f"the weekdays wrap onto {len(tops)} lines"
    size = days.first.bounding_box()
    assert abs(size["width"] - size["height"]) < 1 and size["width"] >= 36
    expect(first.get_by_role("checkbox", name="星期一")).to_be_visible()
    # No empty time field until she asks for one.
    expect(first.locator('input[type=time][value=""]')).to_be_hidden()
    first.get_by_text("+ 再加一个时间").click()
    first.get_by_label("再加一个时间（可选）").fill("21:15")
    first.get_by_role("switch", name="发送这个提醒").click()
    with page.expect_navigation():
        first.get_by_role("button", name="保存").click()
    expect(page.get_by_role("status").filter(has_text="提醒已保存")).to_be_visible()
    schedule = user.reminder_schedules.get(pk=schedule_id)
    assert "21:15" in schedule.times and schedule.enabled

    top = cards.first.bounding_box()["y"]
    last = cards.last.bounding_box()
    height = last["y"] + last["height"] - top
    page.screenshot(path=artifacts / "reminders-390-zh.png", full_page=True)
    assert height <= 2 * PHONE["viewport"]["height"], f"three reminders take {height:.0f}px"
    context.close()


@pytest.mark.parametrize(
    ("user_agent", "standalone", "shown"),
    [(IPHONE_SAFARI, False, True), (IPHONE_SAFARI, True, False), (None, False, False)],
)
def test_the_home_screen_guide_shows_only_in_safari_on_an_iphone(
    site, browser, user_agent, standalone, shown
):
    mother_with_history()
    options = dict(PHONE, user_agent=user_agent) if user_agent else PHONE
    context = browser.new_context(**options)
    if standalone:
        context.add_init_script("Object.defineProperty(navigator, 'standalone', {value: true})")
    page = context.new_page()
    log_in(page, site)
    page.goto(f"{site}/reminders/")
    guide = page.get_by_role("heading", name="Add Backcare to your Home Screen")
    if shown:
        expect(guide).to_be_visible()
    else:
        expect(page.locator("[data-push-status]")).not_to_have_text("Checking…")
        expect(guide).to_be_hidden()
    context.close()


@pytest.mark.parametrize(("language", "typed"), [("en", "shang"), ("zh-hans", "上海")])
def test_she_finds_her_city_by_typing(site, browser, language, typed):
    user, _share = mother_with_history(language)
    user.profile.time_zone = "UTC"
    user.profile.save()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, site)
    page.goto(f"{site}/profile/")
    select = page.locator("select[name=time_zone]")
    page.locator("#id_time_zone-search").fill(typed)
    expect(select).to_have_value("Asia/Shanghai")
    assert select.locator("option").count() < 5
    # Clearing the search brings every place back, her choice kept.
    page.locator("#id_time_zone-search").fill("")
    expect(select).to_have_value("Asia/Shanghai")
    assert select.locator("option").count() > 300
    with page.expect_navigation():
        page.locator("form button[type=submit].primary").click()
    user.profile.refresh_from_db()
    assert user.profile.time_zone == "Asia/Shanghai"
    context.close()


def test_the_time_zone_select_works_without_javascript(site, browser):
    user, _share = mother_with_history()
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    log_in(page, site)
    page.goto(f"{site}/profile/")
    expect(page.locator("#id_time_zone-search")).to_be_hidden()
    page.get_by_label("Time zone").select_option("Europe/London")
    with page.expect_navigation():
        page.locator("form button[type=submit].primary").click()
    user.profile.refresh_from_db()
    assert user.profile.time_zone == "Europe/London"
    context.close()


@pytest.mark.parametrize("javascript", [True, False])
def test_export_shows_the_dates_only_for_choose_dates_from_the_first_paint(
    site, browser, javascript
):
    mother_with_history()
    context = browser.new_context(**PHONE, java_script_enabled=javascript)
    page = context.new_page()
    log_in(page, site)
    page.goto(f"{site}/export/")
    download = page.locator("form[data-range-form]").first
    expect(download.get_by_label("From")).to_be_hidden()
    if javascript:
        assert layout_shift(page) == 0
    download.get_by_label("Days").select_option("custom")
    expect(download.get_by_label("From")).to_be_visible()
    expect(download.get_by_label("To")).to_be_visible()
    context.close()


# The smallest text in the chart on screen, in CSS pixels: its font size times the SVG's scale.
SMALLEST_CHART_TEXT = """
() => {
  const svg = [...document.querySelectorAll(".report-chart svg")].find((s) => s.checkVisibility());
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll("text")].map(
    (text) => parseFloat(getComputedStyle(text).fontSize) * scale);
  return {count: sizes.length, smallest: Math.min(...sizes)};
}
"""


@pytest.mark.parametrize("width", [390, 1024])
def test_the_share_pages_chart_is_legible_on_a_phone_and_a_desk(site, browser, width):
    _user, share_path = mother_with_history()
    context = browser.new_context(**dict(PHONE, viewport={"width": width, "height": 844}))
    page = context.new_page()
    missing = []
    page.on("response", lambda r: missing.append(r.url) if r.status >= 400 else None)
    page.goto(f"{site}{share_path}")
    page.wait_for_load_state("load")
    chart = page.evaluate(SMALLEST_CHART_TEXT)
    assert chart["count"] > 8 and chart["smallest"] >= 12, chart
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Short week labels, each on one line.
    first_week = page.locator(".report-table tbody th").first
    expect(first_week).to_have_text(re.compile(r"^Wk \d+Week \d+ after the birth$"))
    assert first_week.locator("[aria-hidden=true]").bounding_box()["height"] < 30
    expect(page.get_by_text("7-day average", exact=True)).to_be_visible()
    assert missing == []
    context.close()


def test_her_pages_do_not_move_after_they_show(site, browser):
    _user, share_path = mother_with_history()
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(f"{site}{share_path}")
    shifts = {share_path: layout_shift(page)}
    log_in(page, site)
    for path in ("/history/", "/export/", "/reminders/", "/profile/"):
        page.goto(f"{site}{path}")
        if path == "/reminders/":
            expect(page.locator("[data-push-status]")).not_to_have_text("Checking…")
        shifts[path] = layout_shift(page)
    assert shifts == dict.fromkeys(shifts, 0)
    context.close()


def test_three_english_reminders_fit_in_two_screens_too(site, browser):
    mother_with_history("en")
    context = browser.new_context(**PHONE)
    page = context.new_page()
    log_in(page, site)
    page.goto(f"{site}/reminders/")
    cards = page.locator("section.reminder")
    expect(cards).to_have_count(3)
    top = cards.first.bounding_box()["y"]
    last = cards.last.bounding_box()
    height = last["y"] + last["height"] - top
    assert height <= 2 * PHONE["viewport"]["height"], f"three reminders take {height:.0f}px"
    context.close()
