"""The PDF report: the figures the data implies, on one or two pages, rendered to an image."""

from datetime import date, timedelta
from pathlib import Path
from statistics import mean

import pypdfium2 as pdfium
import pytest
from django.conf import settings
from django.utils import translation

from reports.export_pdf import render_pdf
from reports.summary import build_summary
from tests.export_history import FIRST_DAY, known_day, write_known_history

ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts"
LAST_DAY = FIRST_DAY + timedelta(days=90)


def pdf_pages(content: bytes, name: str) -> list[str]:
    """The text of each page; each page is also rendered to test-artifacts/ to be looked at."""
    document = pdfium.PdfDocument(content)
    try:
        ARTIFACTS.mkdir(exist_ok=True)
        texts = []
        for number in range(len(document)):
            page = document[number]
            page.render(scale=1.5).to_pil().save(ARTIFACTS / f"{name}-page{number + 1}.png")
            texts.append(page.get_textpage().get_text_range())
        return texts
    finally:
        document.close()


@pytest.fixture
def three_months(user):
    write_known_history(user)
    user.profile.visit_questions = "Is it safe to carry the car seat?"
    user.profile.save()
    return user


def one_line(text: str) -> str:
    return " ".join(text.split())


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
    assert "17 weeks after the birth" in text  # 22 Nov is day 120 after the birth
    assert "91 of 91 days logged, 182 pain ratings" in text
    assert f"Average pain {mean(daily):.1f}" in text
    assert f"first 7 days {mean(daily[:7]):.1f}, last 7 days {mean(daily[-7:]):.1f}" in text
    assert "highest rating 7" in text
    # The first day is day 30 after the birth, in week 5 (days 28-34): 5 days of it are logged,
    # each with pain 7 in the morning and 5 in the evening.
    assert "Week 5 after the birth (24 Aug–28 Aug) 5 6.0 6.0 7" in text
    assert "Week 18 after the birth (21 Nov–22 Nov) 2 0.5 0.5 1" in text
    assert "Lower back 100%, Pelvis / sacroiliac 50%" in text
    assert "182 feeds logged" in text and "Hunched over in 25% of feeds" in text
    assert "Exercised on 91 of 91 logged days (100%)" in text
    low = sum(1 for day in days if day["mood"] <= 2)
    assert f"low (1 or 2 of 5) on {low} days" in text
    assert "13 Sep 2026: Fever of 38 °C or more (Contact a doctor or midwife today)" in text
    assert "Is it safe to carry the car seat?" in text
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
