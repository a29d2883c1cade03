"""The doctor's report (PDF and share page alike) says at the top which painkiller limits her
doses passed and when, names a day's largest total as a figure, not an instruction, and puts
the low-mood prompt in the header, where it is read."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import translation

from reports.export_pdf import render_pdf
from reports.models import ShareLink
from reports.report_text import ReportText
from reports.summary import build_summary
from tests.support.export_history import FIRST_DAY, log_day, medicine
from tests.support.pdf_text import one_line, pdf_pages

pytestmark = pytest.mark.django_db


def five_grams(user, day) -> None:
    """Five 1 g doses of paracetamol four hours apart: over 4 g at the fifth."""
    log_day(user, day, medicines=[medicine("paracetamol", f"{h:02d}:00", 1000)
                                  for h in (6, 10, 14, 18, 22)])  # fmt: skip


@pytest.fixture
def history(user):
    five_grams(user, FIRST_DAY + timedelta(days=1))
    log_day(user, FIRST_DAY + timedelta(days=2), medicines=[medicine("ibuprofen", "08:00", 400)])
    five_grams(user, FIRST_DAY + timedelta(days=3))
    # Across midnight: 22:00, then 01:00 the next day.
    log_day(user, FIRST_DAY + timedelta(days=4), medicines=[medicine("paracetamol", "22:00", 500)])
    log_day(user, FIRST_DAY + timedelta(days=5), medicines=[medicine("paracetamol", "01:00", 500)])
    return FIRST_DAY, FIRST_DAY + timedelta(days=5)


def test_the_pdf_header_names_each_limit_passed_and_its_dates(user, history):
    summary = build_summary(user, *history)
    assert ReportText(summary).dose_alert_lines == [
        "Paracetamol over 4 g in 24 hours on 25 Aug, 27 Aug.",
        "Paracetamol doses under 4 hours apart on 29 Aug.",
    ]
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-dose-lines")))
    red = text.index("Paracetamol over 4 g in 24 hours on 25 Aug, 27 Aug.")
    assert text.index("Painkillers on") < red < text.index("No pain ratings in this range.")
    assert "highest daily total 5000 mg" in text and "up to" not in text


def test_the_share_page_has_the_same_red_lines(user, history):
    _link, token = ShareLink.issue(user, 14, start_date=history[0], end_date=history[1])
    html = Client().get(f"/share/{token}/").content.decode()
    header = html[html.index('class="report-head"') : html.index("</header>")]
    assert re.search(r'class="dose-line warnings"><strong>Paracetamol over 4 g in 24 hours', header)


def test_the_lines_in_chinese(user, history):
    with translation.override("zh-hans"):
        summary = build_summary(user, *history)
        lines = ReportText(summary).dose_alert_lines
    assert lines[0] == "对乙酰氨基酚24小时内超过4克：8月25日、8月27日。"


def test_the_low_mood_prompt_is_in_the_header(user):
    for offset in range(15):
        log_day(user, FIRST_DAY + timedelta(days=offset), mood=2)
    summary = build_summary(user, FIRST_DAY, FIRST_DAY + timedelta(days=14))
    assert ReportText(summary).screening_lines == [
        "Low mood has lasted two weeks or more: consider screening for postnatal depression "
        "(for example PHQ-9 or EPDS)."
    ]
    text = one_line(" ".join(pdf_pages(render_pdf(summary, "a4", "en"), "report-screening")))
    prompt = text.index("consider screening for postnatal depression")
    assert prompt < text.index("No pain ratings in this range.") < text.index("Mood")
    last = FIRST_DAY + timedelta(days=14)
    _link, token = ShareLink.issue(user, 14, start_date=FIRST_DAY, end_date=last)
    html = Client().get(f"/share/{token}/").content.decode()
    header = html[html.index('class="report-head"') : html.index("</header>")]
    assert "consider screening for postnatal depression" in header
