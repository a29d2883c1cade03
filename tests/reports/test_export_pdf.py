"""The PDF report: the figures the data implies, on one or two pages, rendered to an image."""

import ctypes
import re
from datetime import date, timedelta
from statistics import mean

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import pytest
from django.utils import translation

from reports.export_pdf import render_pdf
from reports.summary import build_summary
from tests.support.export_history import (
    FIRST_DAY,
    known_day,
    log_day,
    medicine,
    write_known_history,
    write_new_fields_history,
)
from tests.support.pdf_text import one_line, pdf_pages
from tests.support.synthetic_history import Plan, write_history
from tracker.low_mood import longest_low_mood

LAST_DAY = FIRST_DAY + timedelta(days=90)


def text_objects(content: bytes) -> list[tuple[str, int]]:
    """The first page's text objects, each with its render mode (0 fill, 2 fill and stroke)."""
    document = pdfium.PdfDocument(content)
    page = document[0]
    textpage = page.get_textpage()
    found = []
    try:
        for item in page.get_objects():
            if item.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            size = pdfium_c.FPDFTextObj_GetText(item.raw, textpage.raw, None, 0)
            buffer = (ctypes.c_ushort * (size // 2))()
            pdfium_c.FPDFTextObj_GetText(item.raw, textpage.raw, buffer, size)
            text = bytes(buffer)[: size - 2].decode("utf-16-le")
            found.append((text, pdfium_c.FPDFTextObj_GetTextRenderMode(item.raw)))
    finally:
        textpage.close()
        page.close()
        document.close()
    return found


@pytest.fixture
def three_months(user):
    write_known_history(user)
    user.profile.visit_questions = "Is it safe to carry the car seat?"
    user.profile.save()
    return user


@pytest.mark.parametrize("paper", ["a4", "letter"])
def test_three_months_fit_on_two_pages_with_the_figures_the_data_implies(three_months, paper):
    summary = build_summary(three_months, FIRST_DAY, LAST_DAY)
    pages = pdf_pages(render_pdf(summary, paper, "en"), f"report-3-months-{paper}")
    assert 1 <= len(pages) <= 2
    text = one_line(" ".join(pages))
    days = [known_day(index) for index in range(91)]
    daily = [mean(r["score"] for r in day["pain_ratings"]) for day in days]
    assert "Back pain history of Li Na" in text
    assert "Baby born 25 Jul 2026" in text and "Caesarean section" in text
    # 22 Nov is day 120 after the birth: in week 18, as the table's last row says.
    assert "Week 18 after the birth (120 days)" in text
    assert "91 of 91 days logged, 182 pain ratings" in text
    assert f"Average pain {mean(daily):.1f}" in text
    assert (
        f"first week of the report {mean(daily[:7]):.1f}, "
        f"last week of the report {mean(daily[-7:]):.1f}"
    ) in text
    assert "highest rating 7" in text
    # The first day is day 30 after the birth, in week 5 (days 28-34): 5 days of it are logged,
    # each with pain 7 in the morning and 5 in the evening.
    assert "Week Days rated Average Lowest day Highest rating" in text
    assert "Week 5 after the birth (24 Aug–28 Aug) 5 6.0 6.0 7" in text
    assert "Week 18 after the birth (21 Nov–22 Nov) 2 0.5 0.5 1" in text
    assert "Lower back 100%, Pelvis / sacroiliac 50%" in text
    assert "182 feeds logged" in text and "Hunched over in 25% of feeds" in text
    assert "Exercised on 91 of 91 logged days (100%)" in text
    low = sum(1 for day in days if day["mood"] <= 2)
    assert f"low (1 or 2 of 5) on {low} days" in text
    # Low every tenth day: runs of one day, and days 80 and 90 among the last 14.
    assert "Longest run of low mood: 1 day (24 Aug 2026)." in text
    assert "Low on 2 of the last 14 days (mood logged on 14 of them)." in text
    assert "consider screening for postnatal depression" not in text
    assert "13 Sep 2026: Fever of 38 °C or more (Contact a doctor or midwife today)" in text
    assert "Is it safe to carry the car seat?" in text
    # Read top-down: the warning signs in one line, then her questions, before any detail.
    warnings = text.index(
        "Warning signs she reported: Fever of 38 °C or more on 13 Sep 2026 "
        "(Contact a doctor or midwife today)."
    )
    questions = text.index("Her questions for the visit Is it safe to carry the car seat?")
    assert text.index("highest rating 7") < warnings < questions < text.index("Pain week by week")
    assert "No habit went with a difference of 2 points or more that holds up." in text
    assert "The 12 most recent of 13 notes." in text
    assert "not proof of cause" in text
    assert "helps" not in text and "causes" not in text


def test_the_report_speaks_chinese_with_an_embedded_font(three_months):
    with translation.override("zh-hans"):
        summary = build_summary(three_months, FIRST_DAY, LAST_DAY)
        content = render_pdf(summary, "a4", "zh-hans")
    text = one_line(" ".join(pdf_pages(content, "report-3-months-zh")))
    assert "腰背疼痛记录" in text or "背痛记录" in text
    assert "发烧38°C或以上" in text
    assert b"/FontFile2" in content  # the font travels with the file


def test_the_chinese_report_counts_weeks_as_its_table_does_and_shows_bold(three_months):
    with translation.override("zh-hans"):
        summary = build_summary(three_months, FIRST_DAY, LAST_DAY)
        content = render_pdf(summary, "a4", "zh-hans")
        title = translation.gettext("Back pain history of %(name)s") % {"name": "Li Na"}
        questions = translation.gettext("Her questions for the visit")
        week_by_week = translation.gettext("Pain week by week")
    text = one_line(" ".join(pdf_pages(content, "report-3-months-zh-bold")))

    # Day 120 after the birth is in the table's last week, and the header says the same.
    header_week = re.search(r"产后第 (\d+) 周（产后 120 天）", text).group(1)
    table_weeks = re.findall(r"产后第 (\d+) 周（\d+月\d+日–", text)
    assert header_week == table_weeks[-1] == "18"
    assert "最低日均分" in text and "本报告第一周" in text
    # WenQuanYi has no bold face: headings and key figures are drawn filled and outlined.
    drawn = text_objects(content)
    bold = {text for text, mode in drawn if mode == pdfium_c.FPDF_TEXTRENDERMODE_FILL_STROKE}
    assert {title, questions, week_by_week} <= bold
    assert any(text.startswith("平均疼痛") for text in bold)
    regular = {text for text, mode in drawn if mode == pdfium_c.FPDF_TEXTRENDERMODE_FILL}
    assert "Is it safe to carry the car seat?" in regular


def test_the_english_report_uses_the_bold_face_not_an_outline(three_months):
    summary = build_summary(three_months, FIRST_DAY, LAST_DAY)
    content = render_pdf(summary, "a4", "en")

    modes = {mode for _text, mode in text_objects(content)}

    assert modes == {pdfium_c.FPDF_TEXTRENDERMODE_FILL}
    assert b"/Helvetica-Bold" in content


def test_the_report_lists_only_differences_that_matter_and_speaks_of_her(user):
    end = date(2026, 11, 20)
    plan = Plan(
        days=90,
        chance={"hunched": lambda day: 0.3, "back_support": lambda day: 0.5},
        same_day={"hunched": 3.0, "back_support": -1.2},
    )
    start = write_history(user, end, plan, seed=4)

    summary = build_summary(user, start, end)
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-effects")))

    assert [effect.key for effect in summary.effects] == ["hunched"]
    assert "On days she fed hunched over, her pain the same day was" in text
    assert "Back supported”, her pain" not in text  # 1.2 points: clear, but left out
    assert summary.small_effects >= 1
    assert "smaller or less certain difference" in text
    assert f"{summary.insights['comparisons']} comparisons were made" in text
    assert not re.search(r"\b(you|your)\b", text, re.I)


def test_two_weeks_of_low_mood_prompt_a_depression_screen(user):
    end = date(2026, 11, 20)
    # Low from day 10 to day 25 after the birth: 16 days in a row.
    plan = Plan(days=40, missing=0.0, low_mood=lambda day: float(10 <= day < 26))
    start = write_history(user, end, plan, seed=1)

    summary = build_summary(user, start, end)
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-low-mood")))

    assert summary.longest_low_mood.days == 16 and summary.suggest_depression_screen
    first, last = start + timedelta(days=10), start + timedelta(days=25)
    assert f"Longest run of low mood: 16 days ({first:%-d %b %Y} to {last:%-d %b %Y})." in text
    assert "Low on 0 of the last 14 days (mood logged on 14 of them)." in text
    assert (
        "Low mood has lasted two weeks or more: consider screening for postnatal depression" in text
    )


@pytest.mark.parametrize(("first_low_day", "prompted"), [(30, True), (31, False)])
def test_low_mood_on_most_of_the_last_two_weeks_prompts_a_screen_too(
    user, first_low_day: int, prompted: bool
):
    end = date(2026, 11, 20)
    plan = Plan(days=40, missing=0.0, low_mood=lambda day: float(day >= first_low_day))
    start = write_history(user, end, plan, seed=1)

    summary = build_summary(user, start, end)

    # Low on the last 10 (or 9) days: under two weeks in a row, but 10 of the last 14 days
    # is most of two weeks.
    assert summary.longest_low_mood.days == 40 - first_low_day
    assert summary.recent_low_mood_days == 40 - first_low_day
    assert summary.suggest_depression_screen is prompted


def test_a_low_mood_run_goes_on_over_a_day_or_two_without_a_mood():
    day = date(2026, 10, 1)
    moods = {day + timedelta(days=offset): mood for offset, mood in [
        (0, 2), (1, 1), (3, 2), (5, 1),  # one run, with a day or two unlogged between
        (9, 2), (10, 2),  # three days unlogged before: a new run
        (11, 4), (12, 1),  # a good day ends it
    ]}  # fmt: skip

    run = longest_low_mood(moods)

    assert (run.first, run.last, run.days) == (day, day + timedelta(days=5), 6)
    assert longest_low_mood({day: 3}) is None


def test_what_she_typed_is_printed_as_text_not_markup(user):
    write_known_history(user, days=3)
    user.profile.display_name = "<b>Amy</b> & <font size=40>co"
    user.profile.save()
    summary = build_summary(user, FIRST_DAY, FIRST_DAY + timedelta(days=2))
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-markup")))
    assert "<b>Amy</b> & <font size=40>co" in text


def test_an_empty_range_still_makes_a_readable_report(user):
    summary = build_summary(user, date(2026, 11, 1), date(2026, 11, 14))
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-empty")))
    assert "0 of 14 days logged" in text and "No pain ratings in this range." in text


def test_painkillers_sleep_interference_legs_and_her_history_near_the_top(user):
    write_new_fields_history(user)
    last = FIRST_DAY + timedelta(days=27)
    summary = build_summary(user, FIRST_DAY, last)
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-new-fields")))

    assert (
        "Epidural: yes · Back pain before pregnancy: no · Back pain during pregnancy: yes · "
        "6-week postnatal check: not done yet"
    ) in text
    painkillers = text.index(
        "Painkillers on 15 of 28 logged days: Paracetamol on 13 days (most recent 19 Sep 2026, "
        "1000 mg), Ibuprofen on 3 days (most recent 10 Sep 2026)."
    )
    assert "Other medicines: Codeine on 1 day (most recent 29 Aug 2026, 30 mg)." in text
    sleep = text.index(
        "Sleep: median 6 hours over 20 logged nights; woke three times or more (often normal "
        "with night feeds) on 6 of 16 nights (38%)."
    )
    interference = text.index(
        "How much pain interfered with her day (0 = not at all, 10 = completely): median 5 over "
        "24 days."
    )
    assert text.index("Average pain") < interference < painkillers < sleep
    assert sleep < text.index("Warning signs") < text.index("Pain week by week")
    # Weekly interference beside weekly pain.
    assert "Highest rating Interference (median)" in text
    assert "Week 5 after the birth (24 Aug–28 Aug) 5 6.0 6.0 6 8" in text
    assert "Week 6 after the birth (29 Aug–4 Sep) 7 5.3 5.0 6 6" in text
    assert "Week 9 after the birth (19 Sep–20 Sep) 2 3.0 3.0 3 2" in text
    assert (
        "Pain going down the leg on 5 days; numbness or tingling in the leg on 2 days "
        "(of 28 days rated)."
    ) in text


def test_a_week_with_interference_but_no_rating_is_listed_without_pain_figures(user):
    log_day(user, FIRST_DAY, pain_interference=3)
    summary = build_summary(user, FIRST_DAY, FIRST_DAY)
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-interference")))
    assert [week.interference for week in summary.weeks] == [3]
    assert "0 – – – 3" in text
    assert "Painkillers: none logged." in text and "Sleep: not logged." in text


def test_the_new_lines_in_chinese(user):
    write_new_fields_history(user)
    with translation.override("zh-hans"):
        summary = build_summary(user, FIRST_DAY, FIRST_DAY + timedelta(days=27))
        content = render_pdf(summary, "a4", "zh-hans")
    text = one_line(" ".join(pdf_pages(content, "report-new-fields-zh")))
    assert "硬膜外麻醉：是" in text
    assert "产后42天复查：还没做" in text
    assert "止痛药：28 个记录日中有 15 天" in text
    assert "对乙酰氨基酚（扑热息痛）：13 天" in text
    assert "睡眠：" in text and "中位数 6 小时" in text
    assert "疼痛对她一天的影响" in text
    assert "Codeine" in text


def test_other_medicine_names_in_chinese_bring_the_chinese_font(user):
    log_day(user, FIRST_DAY, medicines=[medicine("other_medicine", name="布洛芬缓释胶囊")])
    summary = build_summary(user, FIRST_DAY, FIRST_DAY)
    content = render_pdf(summary, "a4", "en")
    assert "布洛芬缓释胶囊" in one_line(" ".join(pdf_pages(content, "report-other-zh")))
