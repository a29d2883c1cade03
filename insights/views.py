"""The Insights page: her pain over time against each habit, read honestly."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from insights import series


@login_required
def insights_page(request: HttpRequest) -> HttpResponse:
    range_key = request.GET.get("range")
    if range_key not in series.RANGES:
        range_key = series.DEFAULT_RANGE
    start, end = series.range_dates(request.user, range_key)
    data = series.build_insights(request.user, start, end)
    return render(
        request,
        "insights/insights.html",
        {
            "insights": data,
            "range_key": range_key,
            "ranges": series.range_labels(),
            "groups": series.effects_by_group(data),
            "headline": series.headline_cards(data),
            "headline_notes": series.headline_notes(data),
            "frame": series.chart_frame(data),
            "table": series.logged_days(data),
            "rated_days": sum(1 for day in data["days"] if day["pain"] is not None),
            "min_rated_days": series.MIN_RATED_DAYS_FOR_CHART,
            "profile": request.user.profile,
        },
    )
