"""The PDF report for her doctor: her pain history on one or two pages, readable in two minutes.

Laid out with ReportLab's platypus, read top-down: the facts a clinician looks for first (who,
how long after the birth, how the pain has moved), the warning signs she reported in one line
and her questions for the visit, then the chart, the weekly figures, where it hurts, feeding,
exercises, mood, the warning signs by date, what went with less or more pain, and her notes.
Chinese text uses an embedded subset of WenQuanYi Micro Hei, so any reader shows it. That font
has no bold face (nor does any other CJK font Debian or PyPI ship with TrueType outlines, which
ReportLab needs: Noto Sans CJK's bold is CFF), so in Chinese "bold" text is drawn filled and
outlined with a thin stroke of its own colour (PDF text render mode 2), a fake bold any reader
shows.
"""

import io
from datetime import date
from pathlib import Path

from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from reports.models import Paper
from reports.pain_chart import pain_chart
from reports.summary import Count, Summary, WarningSummary, long_date, percent

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
# Rows of a "most often" list: the rest are summed up in the CSV.
TOP_ITEMS = 5
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


def dated(day: date, text: str) -> str:
    """A line that starts with its date ("13 Sep 2026: ..."), punctuated for the language."""
    return pgettext("dated line", "%(date)s: %(text)s") % {"date": long_date(day), "text": text}


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
    buffer = io.BytesIO()
    page_size = PAGE_SIZES.get(paper, A4)
    document = SimpleDocTemplate(
        buffer,
        pagesize=page_size,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 4 * mm,
        title=_("Back pain history"),
        author=summary.name or "Backcare",
        creator="Backcare",
    )
    width = page_size[0] - 2 * MARGIN
    story = [
        *header(summary, styles),
        Spacer(0, 4),
        pain_chart(summary.insights["days"], width, 58 * mm, regular),
        Spacer(0, 2),
        *weekly_table(summary, styles, width),
        *two_columns(
            [*where_it_hurts(summary, styles), *feeding(summary, styles)],
            [*exercises_and_habits(summary, styles), *mood(summary, styles)],
            width,
        ),
        *warning_signs(summary, styles),
        *effects(summary, styles),
        *notes(summary, styles),
    ]
    footer = _("Backcare · %(start)s to %(end)s · made %(made)s") % {
        "start": long_date(summary.start),
        "end": long_date(summary.end),
        "made": long_date(summary.made_at.date()),
    }

    def draw_footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(regular, 7)
        canvas.setFillColor(MUTED)
        canvas.drawString(MARGIN, MARGIN - 2 * mm, footer)
        page = _("Page %(number)s") % {"number": doc.page}
        canvas.drawRightString(page_size[0] - MARGIN, MARGIN - 2 * mm, page)
        canvas.restoreState()

    document.build(story, onFirstPage=draw_footer, onLaterPages=draw_footer)
    return buffer.getvalue()


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text: what she typed is escaped, never read as markup."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def strong(text: str, style: ParagraphStyle, styles: Styles) -> Paragraph:
    """A paragraph of plain text in bold: the bold face, or drawn outlined without one."""
    markup = escape(text).replace("\n", "<br/>")
    if styles.fake_bold:
        return StrokedParagraph(markup, style)
    return Paragraph(f'<font name="{styles.bold}">{markup}</font>', style)


def header(summary: Summary, styles: Styles) -> list:
    title = _("Back pain history")
    if summary.name:
        title = _("Back pain history of %(name)s") % {"name": summary.name}
    facts = []
    if summary.birth_date:
        facts.append(_("Baby born %(date)s") % {"date": long_date(summary.birth_date)})
    if summary.week_after_birth is not None:
        facts.append(
            _("Week %(number)s after the birth (%(days)s days)")
            % {"number": summary.week_after_birth, "days": summary.days_after_birth}
        )
    facts += [fact for fact in (summary.delivery_type, summary.feeding_mode) if fact]
    facts += summary.profile_facts
    coverage = _(
        "%(start)s to %(end)s: %(logged)s of %(days)s days logged, %(ratings)s pain ratings "
        "(0 = no pain, 10 = worst imaginable)."
    ) % {
        "start": long_date(summary.start),
        "end": long_date(summary.end),
        "logged": summary.days_logged,
        "days": summary.days_in_range,
        "ratings": summary.ratings,
    }
    return [
        strong(title, styles.title, styles),
        para(" · ".join(facts) or _("Birth date not given."), styles.body),
        para(coverage, styles.body),
        key_figures(summary, styles),
        para(summary.interference_line, styles.body),
        *(para(line, styles.body) for line in summary.painkiller_lines),
        *(strong(line, styles.alert, styles) for line in summary.dose_alert_lines),
        para(summary.sleep_line, styles.body),
        *(strong(line, styles.alert, styles) for line in summary.screening_lines),
        warning_line(summary, styles),
        *questions(summary, styles),
    ]


def key_figures(summary: Summary, styles: Styles) -> Paragraph:
    def shown(value) -> str:
        return "–" if value is None else f"{value:.1f}"

    parts = [
        _("Average pain %(value)s") % {"value": shown(summary.average)},
        _("first week of the report %(first)s, last week of the report %(last)s")
        % {"first": shown(summary.first_week_average), "last": shown(summary.last_week_average)},
    ]
    if summary.change is not None:
        parts.append(_("change %(change)+.1f points") % {"change": summary.change})
    worst = max((week.worst for week in summary.weeks if week.worst is not None), default=None)
    if worst is not None:
        parts.append(_("highest rating %(worst)s") % {"worst": worst})
    return strong(" · ".join(parts), styles.body, styles)


def warning_line(summary: Summary, styles: Styles) -> Paragraph:
    """The warning signs she reported, in one line, the most urgent first."""
    if not summary.warnings:
        return para(_("Warning signs: none reported in this range."), styles.body)
    signs = pgettext("list separator", ", ").join(
        warning_text(sign) for sign in summary.warning_summary
    )
    text = _("Warning signs she reported: %(signs)s.") % {"signs": signs}
    return strong(text, styles.alert if summary.urgent_warning else styles.body, styles)


def warning_text(sign: WarningSummary) -> str:
    if sign.days == 1:
        text = _("%(name)s on %(date)s") % {"name": sign.name, "date": long_date(sign.last)}
    else:
        text = _("%(name)s on %(days)s days, last %(date)s") % {
            "name": sign.name,
            "days": sign.days,
            "date": long_date(sign.last),
        }
    return with_urgency(text, sign.urgency)


def with_urgency(text: str, urgency: str) -> str:
    """A warning sign followed by what to do about it, in brackets, if anything."""
    if not urgency:
        return text
    return pgettext("warning sign with urgency", "%(sign)s (%(urgency)s)") % {
        "sign": text,
        "urgency": urgency,
    }


def questions(summary: Summary, styles: Styles) -> list:
    if not summary.questions:
        return []
    return [
        strong(_("Her questions for the visit"), styles.heading, styles),
        para(summary.questions, styles.body),
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


def weekly_table(summary: Summary, styles: Styles, width: float) -> list:
    if not summary.weeks:
        return [para(_("No pain ratings in this range."), styles.body)]
    rows = [
        [
            _("Week"),
            _("Days rated"),
            _("Average"),
            _("Lowest day"),
            _("Highest rating"),
            _("Interference (median)"),
        ]
    ]
    for week in summary.weeks:
        dates = f"{date_format(week.start, pgettext('chart date', 'j M'))}–" + date_format(
            week.end, pgettext("chart date", "j M")
        )
        rows.append(
            [
                pgettext("week with its dates", "%(week)s (%(dates)s)")
                % {"week": week.label, "dates": dates},
                week.rated_days,
                one_decimal(week.average),
                one_decimal(week.lowest),
                "–" if week.worst is None else week.worst,
                "–" if week.interference is None else f"{week.interference:g}",
            ]
        )
    rest = (width - 0.38 * width) / 5
    return [
        strong(_("Pain week by week"), styles.heading, styles),
        table(rows, [0.38 * width, rest, rest, rest, rest, rest], styles),
    ]


def one_decimal(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


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


def counts_text(counts: list[Count], limit: int = TOP_ITEMS) -> str:
    shown = [f"{count.name} {percent(count.share)}" for count in counts[:limit]]
    if len(counts) > limit:
        shown.append(_("%(number)s more") % {"number": len(counts) - limit})
    return pgettext("list separator", ", ").join(shown)


def where_it_hurts(summary: Summary, styles: Styles) -> list:
    text = counts_text(summary.body_areas) or _("No body areas were marked.")
    return [
        strong(_("Where it hurts (share of ratings)"), styles.heading, styles),
        para(text, styles.body),
        para(summary.leg_line, styles.body),
    ]


def feeding(summary: Summary, styles: Styles) -> list:
    if not summary.feeds:
        return [
            strong(_("Feeding"), styles.heading, styles),
            para(_("No feeds logged."), styles.body),
        ]
    lines = [
        _("%(feeds)s feeds logged. Positions: %(positions)s.")
        % {"feeds": summary.feeds, "positions": counts_text(summary.positions)},
        _("Supports used: %(supports)s.")
        % {"supports": counts_text(summary.supports) or _("none")},
        _("Hunched over in %(share)s of feeds.")
        % {"share": percent(summary.hunched_feeds / summary.feeds)},
    ]
    return [
        strong(_("Feeding"), styles.heading, styles),
        *(para(line, styles.body) for line in lines),
    ]


def exercises_and_habits(summary: Summary, styles: Styles) -> list:
    logged = summary.days_logged
    adherence = _("Exercised on %(days)s of %(logged)s logged days (%(share)s).") % {
        "days": summary.exercise_days,
        "logged": logged,
        "share": percent(summary.exercise_days / logged if logged else 0),
    }
    result = [strong(_("Exercises"), styles.heading, styles), para(adherence, styles.body)]
    if summary.exercises:
        result.append(para(counts_text(summary.exercises, 8), styles.body))
    if summary.habits:
        result.append(
            para(_("Habits: %(habits)s.") % {"habits": counts_text(summary.habits)}, styles.body)
        )
    return result


def mood(summary: Summary, styles: Styles) -> list:
    heading = strong(_("Mood"), styles.heading, styles)
    if not summary.mood_days:
        return [heading, para(_("No mood logged."), styles.body)]
    text = _(
        "Average %(average).1f of 5 over %(days)s days; low (1 or 2 of 5) on %(low)s days."
    ) % {"average": summary.mood_average, "days": summary.mood_days, "low": summary.low_mood_days}
    result = [heading, para(text, styles.body)]
    for line in summary.low_mood_lines:
        result.append(para(line, styles.body))
    if summary.mood_tags:
        result.append(para(counts_text(summary.mood_tags), styles.body))
    return result


def warning_signs(summary: Summary, styles: Styles) -> list:
    heading = strong(_("Warning signs she reported"), styles.heading, styles)
    if not summary.warnings:
        return [heading, para(_("None in this range."), styles.body)]
    lines = [
        para(
            dated(entry.day, with_urgency(entry.name, entry.urgency)),
            styles.alert,
        )
        for entry in summary.warnings
    ]
    return [KeepTogether([heading, *lines])]


def effects(summary: Summary, styles: Styles) -> list:
    result = [strong(_("What went with less or more pain"), styles.heading, styles)]
    points = f"{summary.insights['meaningful_points']:g}"
    if summary.effects:
        for effect in summary.effects:
            result.append(para("• " + effect["sentence"], styles.body))
            if effect["note"]:
                result.append(para(effect["note"], styles.small))
    else:
        result.append(
            para(
                _("No habit went with a difference of %(points)s points or more that holds up.")
                % {"points": points},
                styles.body,
            )
        )
    if summary.small_effects:
        result.append(
            para(
                ngettext(
                    "%(count)s smaller or less certain difference is left out: among this many "
                    "comparisons, some are expected by chance.",
                    "%(count)s smaller or less certain differences are left out: among this many "
                    "comparisons, some are expected by chance.",
                    summary.small_effects,
                )
                % {"count": summary.small_effects},
                styles.body,
            )
        )
    result.append(para(summary.method_note, styles.small))
    return result


def notes(summary: Summary, styles: Styles) -> list:
    if not summary.notes:
        return []
    result = [strong(_("Her notes"), styles.heading, styles)]
    if summary.notes_total > len(summary.notes):
        result.append(
            para(
                _("The %(shown)s most recent of %(total)s notes.")
                % {"shown": len(summary.notes), "total": summary.notes_total},
                styles.small,
            )
        )
    result += [para(dated(day, note), styles.body) for day, note in summary.notes]
    return result
