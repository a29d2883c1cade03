"""The report's words are written once (reports.report_text): the PDF and the share page say
the same sentences, in English and in Chinese."""

import uuid
from datetime import date, timedelta
from html.parser import HTMLParser

import pypdfium2 as pdfium
import pytest
from django.test import Client
from django.utils import translation
from django.utils.functional import Promise

from reports.export_pdf import render_pdf
from reports.models import ShareLink
from reports.ranges import report_range
from reports.recovery_text import RecoveryText
from reports.report_phrases import WeekRow
from reports.report_text import ReportText
from reports.summary import build_summary
from tests.support.export_history import FIRST_DAY, log_day, medicine, rating, write_known_history
from tests.support.recovery_history import forget_recovery, write_recovery_history
from tests.support.synthetic_history import Plan, write_history
from tracker.models import Profile, User

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans")
# What one page says and the other says its own way (both forms are in ReportText).
PDF_ONLY = {
    "facts_line",  # the share page puts the same facts one by one
    "key_figures_line",  # the share page shows its first two parts
    "change",
    "highest_rating",
    "warning_line",  # the share page: warnings_label and warning_signs
    "body_areas_line",  # the share page: lists
    "feeding_lines",
    "exercise_days",  # with the share of days; the share page: exercise_days_short
    "exercises_line",
    "habits_line",
    "mood_tags_line",
    "notes_shown",
    "footer",
    "page_number",
    "dated week labels",  # "Week 5 after the birth (24 Aug–28 Aug)"
}
# The printed page leaves out the heading of a section it has nothing for; the screen keeps
# the section, so the reader knows it was looked for.
SHARE_PAGE_KEEPS = {"weeks_heading"}
SHARE_ONLY = {
    "birth_line",
    "warnings_label",
    "feeds_logged",
    "supports_label",
    "exercise_days_short",
    "habits_heading",
    "lists",
    "short week labels",  # "Wk 5"
}


class VisibleText(HTMLParser):
    """A page's text as a reader gets it: the title and the body, without scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs) -> None:
        self.skipping += tag in ("script", "style")

    def handle_endtag(self, tag) -> None:
        self.skipping -= tag in ("script", "style")

    def handle_data(self, data) -> None:
        if not self.skipping:
            self.parts.append(data)


def squeezed(text: str) -> str:
    """Without any white space: a line wrapped anywhere in the PDF still matches."""
    return "".join(text.split())


def pdf_text(content: bytes, text: ReportText) -> str:
    """The document's title and its pages' text, each page's footer taken out of the flow
    (a paragraph may go on over the page break, around it) and put at the end."""
    document = pdfium.PdfDocument(content)
    try:
        found = [document.get_metadata_dict()["Title"]]
        footers = []
        for number in range(len(document)):
            page = squeezed(document[number].get_textpage().get_text_range())
            footer = squeezed(text.footer + text.page_number(number + 1))
            assert page.count(footer) == 1
            found.append(page.replace(footer, ""))
            footers.append(footer)
        return squeezed("".join(found + footers))
    finally:
        document.close()


def share_page_text(user: User, start: date, end: date, language: str) -> str:
    _link, token = ShareLink.issue(user, 14, start_date=start, end_date=end)
    response = Client().get(f"/share/{token}/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    parser = VisibleText()
    parser.feed(response.content.decode())
    return squeezed("".join(parser.parts))


def sentences(text: ReportText) -> dict[str, list[str]]:
    """Every heading and sentence ReportText has for this summary, by name (none left out:
    a new one must be said by both pages, or be listed above as one page's own)."""
    found: dict[str, list[str]] = {}
    for name in vars(ReportText):
        if name.startswith("_") or name in ("summary", "recovery"):
            continue
        if name == "page_number":
            values = [text.page_number(1)]
        elif name == "week_rows":
            continue  # each row's names are checked on their own below
        else:
            values = getattr(text, name)
        if isinstance(values, dict):
            values = [item for listed in values.values() for item in listed]
        elif isinstance(values, str | Promise):
            values = [values]
        found[name] = [str(value) for value in values if str(value)]
    assert all(isinstance(row, WeekRow) for row in text.week_rows)
    found["week labels"] = [row.label for row in text.week_rows]
    found["dated week labels"] = [row.dated_label for row in text.week_rows]
    found["short week labels"] = [row.short_label for row in text.week_rows]
    if text.recovery is not None:
        found.update(recovery_sentences(text.recovery))
    return found


def recovery_sentences(recovery: RecoveryText) -> dict[str, list[str]]:
    """Every heading and sentence of the recovery block, by name ("recovery.<name>")."""
    found = {}
    for name in RECOVERY_NAMES:
        values = getattr(recovery, name)
        if name == "week_rows":
            values = [cell for row in values for cell in row]
        elif isinstance(values, str | Promise):
            values = [values]
        found[f"recovery.{name}"] = [str(value) for value in values if str(value)]
    return found


# The recovery block's words (the rest of RecoveryText are its figures and helpers).
RECOVERY_NAMES = [
    name
    for name in vars(RecoveryText)
    if not name.startswith("_")
    and name not in ("recovery", "shown", "week_cells", "suggestion_text")
]


def three_months(user: User) -> tuple[date, date]:
    """Warning signs, medicines, sleep, legs, notes (more than are shown), her questions and
    her answers to the doctor's first questions."""
    write_known_history(user)
    profile = user.profile
    profile.visit_questions = "Is it safe to carry the car seat?"
    profile.epidural, profile.postnatal_check_done = "yes", "no"
    profile.save()
    return FIRST_DAY, FIRST_DAY + timedelta(days=90)


def a_difference_that_matters(user: User) -> tuple[date, date]:
    """Feeding hunched over went with 3 points more pain; two weeks of low mood."""
    end = date(2026, 11, 20)
    plan = Plan(
        days=90,
        chance={"hunched": lambda day: 0.3, "back_support": lambda day: 0.5},
        same_day={"hunched": 3.0, "back_support": -1.2},
        low_mood=lambda day: float(50 <= day < 66),
    )
    return write_history(user, end, plan, seed=4), end


def a_few_days_without_her_birth_date(user: User) -> tuple[date, date]:
    """Feeds without any support, another medicine, a paracetamol dose over the limit, no
    mood, weeks from Monday, and a day with only how much pain got in the way."""
    for index in range(6):
        feed = {"id": str(uuid.UUID(int=index + 1)), "time": "08:00", "position": "cradle",
                "supports": [], "posture": "hunched", "minutes": 20, "side": "left"}  # fmt: skip
        log_day(
            user,
            FIRST_DAY + timedelta(days=index),
            pain_ratings=[rating(4, body_areas=["lower_back"])] if index < 5 else [],
            feedings=[feed],
            medicines=[medicine("other_medicine", name="Iron tablets")]
            # Two grams at once on one day: a painkiller limit passed, for the header's line.
            + ([medicine("paracetamol", "09:00", 2000)] if index == 4 else []),
            warning_signs=["fever", "heavy_bleeding"] if index == 2 else [],
            pain_interference=3,
        )
    return FIRST_DAY, FIRST_DAY + timedelta(days=13)


def her_recovery(user: User) -> tuple[date, date]:
    """Five weeks of sessions, symptom checks with leaking and the tummy gap, a rated function
    score and a running checklist with a test not passed."""
    end = write_recovery_history(user)
    return end - timedelta(days=34), end


def nothing_logged(user: User) -> tuple[date, date]:
    return date(2026, 11, 1), date(2026, 11, 14)


def said_on_both_pages(user: User, history, language: str) -> set[str]:
    """Render the PDF and the share page for one history and check every sentence against
    them; returns the names of the sentences both pages said."""
    user.day_logs.all().delete()  # the same account, history after history
    forget_recovery(user)
    Profile.objects.filter(user=user).update(baby_birth_date=None)
    user.profile.refresh_from_db()
    start, end = history(user)
    with translation.override(language):
        # The days a report covers, as the share page and the export page work them out.
        summary = build_summary(user, *report_range(user, start, end))
        text = ReportText(summary)
        pdf = pdf_text(render_pdf(summary, "a4", language), text)
        page = share_page_text(user, start, end, language)
        both = set()
        for name, said in sentences(text).items():
            for sentence in said:
                in_pdf, on_page = squeezed(sentence) in pdf, squeezed(sentence) in page
                where = (history.__name__, name, sentence)
                if name in PDF_ONLY:
                    assert in_pdf, where
                elif name in SHARE_ONLY or (name in SHARE_PAGE_KEEPS and not in_pdf):
                    assert on_page, where
                else:
                    assert in_pdf == on_page, (*where, "in the PDF" if in_pdf else "on the page")
                    if in_pdf:
                        both.add(name)
        for effect in summary.effects:
            assert squeezed(effect.sentence) in pdf and squeezed(effect.sentence) in page
    return both


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pdf_and_the_share_page_say_the_same_sentences(user, language):
    histories = (
        three_months,
        a_difference_that_matters,
        a_few_days_without_her_birth_date,
        her_recovery,
        nothing_logged,
    )
    said = set().union(*(said_on_both_pages(user, history, language) for history in histories))

    # Every sentence both pages share was said by both, by one history or another.
    summary = build_summary(user, *nothing_logged(user))
    every = set(sentences(ReportText(summary))) | {f"recovery.{n}" for n in RECOVERY_NAMES}
    assert said == every - PDF_ONLY - SHARE_ONLY
