"""The pain-over-time chart of the report: drawn once, printed in the PDF and shown as SVG.

Daily pain as dots, the 7-day average as a line and the recovery trend dashed, on a fixed 0-10
scale so two reports can be compared at a glance. Colours are from the Okabe-Ito palette, which
stays distinct for colour-blind readers, and each series also differs in shape (dots, solid,
dashed), so the chart still reads in black and white.
"""

from datetime import date
from typing import Any

from django.utils.dateformat import format as date_format
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.graphics import renderSVG
from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

DAILY = colors.HexColor("#0072B2")  # blue
AVERAGE = colors.HexColor("#D55E00")  # vermillion
TREND = colors.HexColor("#000000")
GRID = colors.HexColor("#D0D0D0")
TEXT = colors.HexColor("#333333")
# Room for the axis labels and the legend, in points.
LEFT, RIGHT, BOTTOM, TOP = 26, 8, 22, 22
MAX_DATE_LABELS = 7


def pain_chart(days: list[dict[str, Any]], width: float, height: float, font: str) -> Drawing:
    """`days` is the daily series of insights.series: one entry per calendar day."""
    drawing = Drawing(width, height)
    plot_width = width - LEFT - RIGHT
    plot_height = height - BOTTOM - TOP
    count = max(len(days), 1)

    def x(index: int) -> float:
        return LEFT + (index + 0.5) * plot_width / count

    def y(pain: float) -> float:
        return BOTTOM + pain / 10 * plot_height

    for level in range(0, 11, 2):
        drawing.add(
            Line(LEFT, y(level), width - RIGHT, y(level), strokeColor=GRID, strokeWidth=0.5)
        )
        drawing.add(
            String(
                LEFT - 4,
                y(level) - 3,
                str(level),
                fontName=font,
                fontSize=7,
                fillColor=TEXT,
                textAnchor="end",
            )
        )
    drawing.add(Rect(LEFT, BOTTOM, plot_width, plot_height, fillColor=None, strokeColor=GRID))
    add_date_labels(drawing, days, x, font)

    # The trend under the average, so the average (her own data) stays on top.
    for key, colour, width, dashes in (
        ("trend", TREND, 1.2, [4, 3]),
        ("average", AVERAGE, 1.6, None),
    ):
        for line in runs(days, key):
            points = [point for index, value in line for point in (x(index), y(value))]
            drawing.add(
                PolyLine(points, strokeColor=colour, strokeWidth=width, strokeDashArray=dashes)
            )
    radius = 1.8 if count <= 120 else 1.2
    for index, day in enumerate(days):
        if day["pain"] is not None:
            drawing.add(Circle(x(index), y(day["pain"]), radius, fillColor=DAILY, strokeColor=None))
    add_legend(drawing, width, height, font)
    return drawing


def runs(days: list[dict[str, Any]], key: str) -> list[list[tuple[int, float]]]:
    """Unbroken stretches of a series: a line is not drawn across days without a value."""
    stretches: list[list[tuple[int, float]]] = []
    current: list[tuple[int, float]] = []
    for index, day in enumerate(days):
        if day[key] is None:
            if len(current) > 1:
                stretches.append(current)
            current = []
        else:
            current.append((index, day[key]))
    if len(current) > 1:
        stretches.append(current)
    return stretches


def add_date_labels(drawing: Drawing, days: list[dict[str, Any]], x, font: str) -> None:
    if not days:
        return
    step = max(1, -(-len(days) // MAX_DATE_LABELS))
    label_format = pgettext("chart date", "j M")
    for index in range(0, len(days), step):
        day = date.fromisoformat(days[index]["date"])
        drawing.add(Line(x(index), BOTTOM, x(index), BOTTOM - 3, strokeColor=TEXT, strokeWidth=0.5))
        drawing.add(
            String(
                x(index),
                BOTTOM - 11,
                date_format(day, label_format),
                fontName=font,
                fontSize=7,
                fillColor=TEXT,
                textAnchor="middle",
            )
        )


def add_legend(drawing: Drawing, width: float, height: float, font: str) -> None:
    top = height - 10
    left = LEFT
    entries = [
        ("dots", DAILY, _("Pain each day (0-10)")),
        ("line", AVERAGE, _("7-day average")),
        ("dashed", TREND, _("Recovery trend")),
    ]
    for shape, colour, label in entries:
        if shape == "dots":
            drawing.add(Circle(left + 6, top + 2.5, 2, fillColor=colour, strokeColor=None))
        else:
            drawing.add(
                Line(
                    left,
                    top + 2.5,
                    left + 12,
                    top + 2.5,
                    strokeColor=colour,
                    strokeWidth=1.4,
                    strokeDashArray=[4, 3] if shape == "dashed" else None,
                )
            )
        drawing.add(String(left + 16, top, label, fontName=font, fontSize=7.5, fillColor=TEXT))
        left += 16 + stringWidth(label, font, 7.5) + 14


def chart_svg(
    days: list[dict[str, Any]], font: str, width: float = 640, height: float = 220
) -> str:
    """The chart as an inline SVG that scales with the page (for the share page)."""
    svg = renderSVG.drawToString(pain_chart(days, width, height, font))
    # Drop the XML prologue, let CSS size it (it has a viewBox), and give it a real title.
    svg = svg[svg.index("<svg") :].replace(
        f'width="{width:g}" height="{height:g}"', 'role="img" aria-labelledby="pain-chart-title"', 1
    )
    title = escape(_("Pain over time, with the 7-day average and the recovery trend"))
    return svg.replace(
        "<title>...</title>", f'<title id="pain-chart-title">{title}</title>', 1
    ).replace("<desc>...</desc>", "", 1)
