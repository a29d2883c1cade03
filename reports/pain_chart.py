"""The pain-over-time chart of the report: drawn once, printed in the PDF and shown as SVG.

Daily pain as dots, the 7-day average as a line and the recovery trend dashed, on a fixed 0-10
scale so two reports can be compared at a glance. Colours are from the Okabe-Ito palette, which
stays distinct for colour-blind readers, and each series also differs in shape (dots, solid,
dashed), so the chart still reads in black and white.
"""

import re
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
# The printed chart's text size, in points; the margins hold the axis labels and the legend.
PRINT_FONT_SIZE = 7
RIGHT = 8
MAX_DATE_LABELS = 7
# Room a date label needs on the x axis, in font sizes ("28 Nov" and a gap).
DATE_LABEL_EMS = 5.5


def pain_chart(
    days: list[dict[str, Any]],
    width: float,
    height: float,
    font: str,
    font_size: float = PRINT_FONT_SIZE,
    legend: bool = True,
) -> Drawing:
    """`days` is the daily series of insights.series: one entry per calendar day. Without
    `legend`, the page that shows the chart gives the legend in its own text."""
    drawing = Drawing(width, height)
    left, bottom = 3.7 * font_size, 3.1 * font_size
    top = 3.1 * font_size if legend else font_size
    plot_width = width - left - RIGHT
    plot_height = height - bottom - top
    count = max(len(days), 1)

    def x(index: int) -> float:
        return left + (index + 0.5) * plot_width / count

    def y(pain: float) -> float:
        return bottom + pain / 10 * plot_height

    for level in range(0, 11, 2):
        drawing.add(
            Line(left, y(level), width - RIGHT, y(level), strokeColor=GRID, strokeWidth=0.5)
        )
        drawing.add(
            String(
                left - 4,
                y(level) - font_size * 0.4,
                str(level),
                fontName=font,
                fontSize=font_size,
                fillColor=TEXT,
                textAnchor="end",
            )
        )
    drawing.add(Rect(left, bottom, plot_width, plot_height, fillColor=None, strokeColor=GRID))
    labels = min(MAX_DATE_LABELS, max(2, int(plot_width // (DATE_LABEL_EMS * font_size))))
    add_date_labels(drawing, days, x, bottom, font, font_size, labels)

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
    if legend:
        add_legend(drawing, left, height, font)
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


def add_date_labels(
    drawing: Drawing,
    days: list[dict[str, Any]],
    x,
    bottom: float,
    font: str,
    font_size: float,
    most: int,
) -> None:
    if not days:
        return
    step = max(1, -(-len(days) // most))
    label_format = pgettext("chart date", "j M")
    for index in range(0, len(days), step):
        day = date.fromisoformat(days[index]["date"])
        drawing.add(Line(x(index), bottom, x(index), bottom - 3, strokeColor=TEXT, strokeWidth=0.5))
        drawing.add(
            String(
                x(index),
                bottom - 4 - font_size,
                date_format(day, label_format),
                fontName=font,
                fontSize=font_size,
                fillColor=TEXT,
                textAnchor="middle",
            )
        )


def legend_entries() -> list[tuple[str, colors.Color, str]]:
    """(shape, colour, words) of each series, in the chart's legend or the page's."""
    return [
        ("dots", DAILY, _("Pain each day (0-10)")),
        ("line", AVERAGE, _("7-day average")),
        ("dashed", TREND, _("Recovery trend")),
    ]


def add_legend(drawing: Drawing, left: float, height: float, font: str) -> None:
    top = height - 10
    for shape, colour, label in legend_entries():
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
    days: list[dict[str, Any]],
    font: str,
    width: float,
    height: float,
    font_size: float,
    title_id: str,
) -> str:
    """The chart as an inline SVG that scales with the page (for the share page), without its
    legend (the page writes it). Drawn `width` units wide with `font_size` text: shown at
    least `width` CSS pixels wide, its labels are at least `font_size` pixels."""
    drawing = pain_chart(days, width, height, font, font_size=font_size, legend=False)
    svg = renderSVG.drawToString(drawing)
    # Drop the XML prologue, let CSS size it (it has a viewBox), and give it a real title.
    svg = svg[svg.index("<svg") :].replace(
        f'width="{width:g}" height="{height:g}"', f'role="img" aria-labelledby="{title_id}"', 1
    )
    title = escape(_("Pain over time, with the 7-day average and the recovery trend"))
    svg = svg.replace("<title>...</title>", f'<title id="{title_id}">{title}</title>', 1).replace(
        "<desc>...</desc>", "", 1
    )
    return STYLE_ATTRIBUTE.sub(presentation_attributes, svg)


STYLE_ATTRIBUTE = re.compile(r'\sstyle="([^"]*)"')


def presentation_attributes(match: re.Match) -> str:
    """`style="fill: red; stroke: none"` as `fill="red" stroke="none"`: the page's Content
    Security Policy refuses inline styles, which left every shape filled black, while SVG's
    presentation attributes are plain markup and draw the same."""
    declarations = (item.split(":", 1) for item in match.group(1).split(";") if ":" in item)
    return "".join(f' {name.strip()}="{keyword(value.strip())}"' for name, value in declarations)


def keyword(value: str) -> str:
    # ReportLab writes "None", which a style forgives and an attribute may not.
    return "none" if value == "None" else value
