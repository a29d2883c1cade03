"""The PDF report for her doctor: her pain history on one or two pages, readable in two minutes.

Laid out with ReportLab's platypus, read top-down: the facts a clinician looks for first (who,
how long after the birth, how the pain has moved), the warning signs she reported in one line
and her questions for the visit, then the chart, the weekly figures, where it hurts, feeding,
exercises, mood, the warning signs by date, what went with less or more pain, and her notes.
This module only lays them out: every word comes from reports.report_text (ReportText).
Chinese text uses an embedded subset of WenQuanYi Micro Hei, so any reader shows it. That font
has no bold face (nor does any other CJK font Debian or PyPI ship with TrueType outlines, which
ReportLab needs: Noto Sans CJK's bold is CFF), so in Chinese "bold" text is drawn filled and
outlined with a thin stroke of its own colour (PDF text render mode 2), a fake bold any reader
shows.
"""

import io
from pathlib import Path

from django.utils.html import escape
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.models import Paper
from reports.pain_chart import pain_chart
from reports.report_text import ReportText
from reports.summary import Summary

PAGE_SIZES = {Paper.A4: A4, Paper.LETTER: LETTER}
MARGIN = 14 * mm
LATIN_FONTS = ("Helvetica", "Helvetica-Bold")
# WenQuanYi Micro Hei (Apache 2.0, see fonts/NOTICE) covers Chinese and Latin. It is embedded,
# as a subset, because a reader without Chinese fonts would otherwise show blanks.
CJK_FONT = "WenQuanYiMicroHei"
CJK_FONT_FILE = Path(__file__).resolve().parent / "fonts" / "wqy-microhei.ttc"
INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#57606a")
RULE = colors.HexColor("#d0d7de")
ALERT = colors.HexColor("#a40e26")
# The outline that makes a fake bold, as a share of the font size: about the weight of a
# regular face's bold at report sizes.
FAKE_BOLD_STROKE = 0.035


def report_fonts(summary: Summary, language: str) -> tuple[str, str]:
    """Regular and bold fonts: Helvetica, or the CJK font when any text needs it."""
    texts = [
        summary.name,
        summary.questions,
        *(note for _, note in summary.notes),
        *(use.name for use in summary.medicines),
    ]
    if language.lower().startswith("zh") or any(not is_latin(text) for text in texts):
        if CJK_FONT not in pdfmetrics.getRegisteredFontNames():
            # Loaded once per process; each report embeds only the characters it uses.
            pdfmetrics.registerFont(TTFont(CJK_FONT, CJK_FONT_FILE, subfontIndex=0))
        return CJK_FONT, CJK_FONT
    return LATIN_FONTS


def is_latin(text: str) -> bool:
    """Whether Helvetica can draw it (its PDF encoding covers Latin-1 and a few signs)."""
    return all(ord(char) < 256 or char in "–—‘’“”…•€" for char in text)


class StrokedParagraph(Paragraph):
    """A paragraph drawn filled and outlined: bold for a font that has no bold face."""

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setStrokeColor(self.style.textColor)
        canvas.setLineWidth(self.style.fontSize * FAKE_BOLD_STROKE)
        # The text render mode belongs to the graphics state, so the paragraph's own text
        # objects inherit it until restoreState.
        mode = canvas.beginText()
        mode.setTextRenderMode(2)
        canvas.drawText(mode)
        super().draw()
        canvas.restoreState()


class Styles:
    def __init__(self, regular: str, bold: str) -> None:
        base = ParagraphStyle("base", fontName=regular, fontSize=8.5, leading=11, textColor=INK)
        self.body = base
        self.small = ParagraphStyle("small", base, fontSize=7.5, leading=9.5, textColor=MUTED)
        self.title = ParagraphStyle("title", base, fontName=bold, fontSize=15, leading=18)
        self.heading = ParagraphStyle(
            "heading", base, fontName=bold, fontSize=10, leading=13, spaceBefore=7, spaceAfter=2
        )
        self.alert = ParagraphStyle("alert", base, textColor=ALERT)
        self.bold = bold
        self.regular = regular
        self.fake_bold = bold == regular


def render_pdf(summary: Summary, paper: str, language: str) -> bytes:
    regular, bold = report_fonts(summary, language)
    styles = Styles(regular, bold)
    text = ReportText(summary)
    buffer = io.BytesIO()
    page_size = PAGE_SIZES.get(paper, A4)
    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=str(text.document_title),
        author=summary.name or "Backcare",
        creator="Backcare",
    )
    width = page_size[0] - 2 * MARGIN
    story = [
        *header(text, styles),
        Spacer(0, 4),
        pain_chart(summary.insights["days"], width, 58 * mm, regular),
        Spacer(0, 2),
        *weekly_table(text, styles, width),
        *two_columns(
            [*where_it_hurts(text, styles), *feeding(text, styles)],
            [*exercises_and_habits(text, styles), *mood(text, styles)],
            width,
        ),
        *recovery_block(text, styles, width),
        *warning_signs(text, styles),
        *effects(text, styles),
        *notes(text, styles),
    ]
    footer = text.footer

    def draw_footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, footer)
        canvas.drawRightString(page_size[0] - MARGIN, MARGIN - 2 * mm, text.page_number(doc.page))
        canvas.restoreState()

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: what she typed is escaped, never read as markup."""
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def strong(text: str, style: ParagraphStyle, styles: Styles) -> Paragraph:
    """A paragraph of plain text in bold: the bold face, or drawn outlined without one."""
    markup = escape(str(text)).replace("\n", "<br/>")
    if styles.fake_bold:
        return StrokedParagraph(markup, style)
    return Paragraph(f'<font name="{styles.bold}">{markup}</font>', style)


def header(text: ReportText, styles: Styles) -> list:
    summary = text.summary
    warning_style = styles.alert if summary.urgent_warning else styles.body
    return [
        strong(text.title, styles.title, styles),
        para(text.facts_line, styles.body),
        para(text.coverage, styles.body),
        strong(text.key_figures_line, styles.body, styles),
        para(text.interference_line, styles.body),
        *(para(line, styles.body) for line in text.painkiller_lines),
        *(strong(line, styles.alert, styles) for line in text.dose_alert_lines),
        para(text.sleep_line, styles.body),
        *(strong(line, styles.alert, styles) for line in text.screening_lines),
        strong(text.warning_line, warning_style, styles)
        if summary.warnings
        else para(text.warning_line, styles.body),
        *recovery_header(text, styles),
        *questions(text, styles),
    ]


def recovery_header(text: ReportText, styles: Styles) -> list:
    """A physiotherapist her checks suggested in the report's last two weeks, in the header."""
    recovery = text.recovery
    if recovery is None or not recovery.header_line:
        return []
    return [strong(recovery.header_line, styles.alert, styles)]


def recovery_block(text: ReportText, styles: Styles, width: float) -> list:
    """Sessions week by week with her level, symptoms, the function score, running, and what
    the rules suggested (each with its source)."""
    recovery = text.recovery
    if recovery is None:
        return []
    block = [
        strong(recovery.heading, styles.heading, styles),
        para(recovery.sessions_line, styles.body),
    ]
    if recovery.week_rows:
        rows = [list(recovery.week_columns), *recovery.week_rows]
        block.append(table(rows, [0.4 * width, 0.2 * width, 0.2 * width, 0.2 * width], styles))
    lines = [
        recovery.level_changes_line,
        recovery.symptoms_line,
        recovery.tummy_gap_line,
        recovery.function_line,
        recovery.running_line,
    ]
    block += [para(line, styles.body) for line in lines if line]
    block += [para("• " + line, styles.small) for line in recovery.suggestion_lines]
    return block


def questions(text: ReportText, styles: Styles) -> list:
    if not text.summary.questions:
        return []
    return [
        strong(text.questions_heading, styles.heading, styles),
        para(text.summary.questions, styles.body),
    ]


def table(rows: list[list], widths: list[float], styles: Styles, header: bool = True) -> Table:
    cells = [
        [cell if isinstance(cell, Paragraph) else para(str(cell), styles.body) for cell in row]
        for row in rows
    ]
    result = Table(cells, colWidths=widths, hAlign="LEFT", repeatRows=1 if header else 0)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 2),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
    ]
    result.setStyle(TableStyle(commands))
    return result


def weekly_table(text: ReportText, styles: Styles, width: float) -> list:
    if not text.summary.weeks:
        return [para(text.no_ratings, styles.body)]
    rows = [list(text.week_columns)]
    rows += [[row.dated_label, *row.cells] for row in text.week_rows]
    rest = (width - 0.38 * width) / 5
    return [
        strong(text.weeks_heading, styles.heading, styles),
        table(rows, [0.38 * width, rest, rest, rest, rest, rest], styles),
    ]


def two_columns(left: list, right: list, width: float) -> list:
    gap = 6 * mm
    column = (width - gap) / 2
    layout = Table([[left, "", right]], colWidths=[column, gap, column], hAlign="LEFT")
    layout.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [layout]


def where_it_hurts(text: ReportText, styles: Styles) -> list:
    return [
        strong(text.where_it_hurts_heading, styles.heading, styles),
        para(text.body_areas_line, styles.body),
        para(text.leg_line, styles.body),
    ]


def feeding(text: ReportText, styles: Styles) -> list:
    return [
        strong(text.feeding_heading, styles.heading, styles),
        *(para(line, styles.body) for line in text.feeding_lines),
    ]


def exercises_and_habits(text: ReportText, styles: Styles) -> list:
    lines = [text.exercise_days, text.exercises_line, text.habits_line]
    return [
        strong(text.exercises_heading, styles.heading, styles),
        *(para(line, styles.body) for line in lines if line),
    ]


def mood(text: ReportText, styles: Styles) -> list:
    heading = strong(text.mood_heading, styles.heading, styles)
    if not text.summary.mood_days:
        return [heading, para(text.no_mood, styles.body)]
    result = [heading, para(text.mood_average, styles.body)]
    result += [para(line, styles.body) for line in text.low_mood_lines]
    if text.mood_tags_line:
        result.append(para(text.mood_tags_line, styles.body))
    return result


def warning_signs(text: ReportText, styles: Styles) -> list:
    heading = strong(text.warnings_heading, styles.heading, styles)
    if not text.summary.warnings:
        return [heading, para(text.no_warnings_in_range, styles.body)]
    return [KeepTogether([heading, *(para(line, styles.alert) for line in text.warning_entries)])]


def effects(text: ReportText, styles: Styles) -> list:
    result = [strong(text.effects_heading, styles.heading, styles)]
    for effect in text.summary.effects:
        result.append(para("• " + effect.sentence, styles.body))
        if effect.note:
            result.append(para(effect.note, styles.small))
    if not text.summary.effects:
        result.append(para(text.no_effects, styles.body))
    if text.small_effects_line:
        result.append(para(text.small_effects_line, styles.body))
    result.append(para(text.method_note, styles.small))
    return result


def notes(text: ReportText, styles: Styles) -> list:
    if not text.summary.notes:
        return []
    result = [strong(text.notes_heading, styles.heading, styles)]
    if text.notes_shown:
        result.append(para(text.notes_shown, styles.small))
    result += [para(line, styles.body) for line in text.note_lines]
    return result
