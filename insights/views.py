"""The Insights page: her pain over time against each habit, read honestly."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from insights import page, series


@login_required
def insights_page(request: HttpRequest) -> HttpResponse:
    range_key = request.GET.get("range")
    if range_key not in series.RANGES:
        range_key = page.DEFAULT_RANGE
    start, end = series.range_dates(request.user, range_key)
    data = series.build_insights(request.user, start, end)
    return render(
        request,
        "insights/insights.html",
        {
            "insights": series.as_json(data),
            "range_key": range_key,
            "ranges": page.range_labels(),
            "groups": page.effects_by_group(data),
            "headline": page.headline_cards(data),
            "headline_notes": page.headline_notes(data),
            "frame": page.chart_frame(data),
            "table": page.logged_days(data),
            "rated_days": sum(1 for day in data["days"] if day["pain"] is not None),
            "min_rated_days": page.MIN_RATED_DAYS_FOR_CHART,
            "profile": request.user.profile,
        },
    )
