"""The report's recovery block: sessions per week and level, symptom days, the function score's
first and latest week and its change (also as figures on the summary, for the share page's
key-figure grid), running readiness, and the suggestions, a new one in the header."""

from datetime import timedelta

import pytest
from django.test import Client

from reports.export_pdf import render_pdf
from reports.models import ShareLink
from reports.report_text import ReportText
from reports.summary import build_summary
from tests.support.pdf_text import pdf_pages
from tests.support.recovery_history import RECOVERY_END, write_recovery_history

pytestmark = pytest.mark.django_db

START = RECOVERY_END - timedelta(days=34)


@pytest.fixture
def recovery(user):
    write_recovery_history(user)
    return build_summary(user, START, RECOVERY_END)


def test_the_summary_has_the_figures_the_history_implies(recovery):
    block = recovery.recovery
    assert block.sessions == 7 * 2 + 28
    # Weeks from Monday: the range starts on a Friday.
    weeks = [(w.sessions, w.days, w.levels) for w in block.weeks]
    assert weeks[:2] == [(6, 3, (1,)), (11, 7, (1, 2))] and len(weeks) == 6
    assert block.level == 1  # stepped back on day 29
    assert [(c.kind, c.level) for c in block.level_changes] == [("up", 2), ("back", 1)]
    assert block.checks == 4 and block.symptom_days == 1
    assert block.symptoms == [("leak_cough_sneeze", 1)]
    assert [(g.fingers, g.days_after_birth) for g in block.tummy_gaps] == [(3, 85)]
    assert (recovery.function_first, recovery.function_latest, recovery.function_change) == (
        3.0,
        5.5,
        2.5,
    )
    assert block.function_change_matters
    assert block.readiness.state == "symptoms" and block.readiness.passed == 4
    assert block.readiness.failed == ("hop_on_the_spot",)
    assert {s.rule for s in block.suggestions} == {
        "symptoms_step_back",
        "leaking_at_3_months",
        "tummy_gap_at_8_weeks",
        "running_test_failed",
    }


def test_a_summary_without_recovery_has_no_function_figures(user):
    summary = build_summary(user, START, RECOVERY_END)
    assert summary.function_first is None and summary.function_change is None
    assert ReportText(summary).recovery is None


def test_the_words_say_it_of_her_with_the_sources(recovery):
    text = ReportText(recovery).recovery
    assert text.sessions_line.startswith("Timed pelvic-floor sessions: 42 in 6 weeks; level 1 of 5")
    assert "leaking with a cough, sneeze or laugh (1 day)" in text.symptoms_line
    assert "first week 3.0" in text.function_line and "latest 5.5" in text.function_line
    assert "change +2.5: a change that matters (2 points or more)" in text.function_line
    assert "4 of 11 tests passed" in text.running_line
    assert "Hop on the spot 10 times, each leg" in text.running_line
    assert any("NICE NG210" in line for line in text.suggestion_lines)
    # New in the last two weeks: in the header.
    assert "supervised pelvic-floor training for at least 3 months" in text.header_line
    assert "a physiotherapist suggested before running" in text.header_line
    assert "tummy gap" not in text.header_line  # day 19: more than two weeks before the end


def test_the_pdf_prints_the_block_and_the_new_suggestion_near_the_top(recovery):
    pages = pdf_pages(render_pdf(recovery, "a4", "en"), "recovery")
    first = " ".join(pages[0].split())
    assert "New from her recovery checks:" in first
    assert first.index("New from her recovery checks:") < first.index("Pain week by week")
    everything = " ".join(" ".join(pages).split())
    assert "Recovery: pelvic floor, function and running" in everything
    assert "Timed pelvic-floor sessions: 42 in 6 weeks" in everything
    assert "a change that matters" in everything


def test_the_share_page_shows_the_block(user, recovery):
    _link, token = ShareLink.issue(user, 14, start_date=START, end_date=RECOVERY_END)
    html = Client().get(f"/share/{token}/").content.decode()
    assert 'id="recovery-heading"' in html and "Timed pelvic-floor sessions: 42" in html
    assert "New from her recovery checks:" in html


def test_the_chinese_report_has_the_block_too(user, recovery):
    from django.utils import translation

    with translation.override("zh-hans"):
        text = ReportText(build_summary(user, START, RECOVERY_END)).recovery
        assert "盆底" in str(text.heading) and "盆底" in text.sessions_line
