"""Benchmark: insights for two years of daily logs, and the size of the chart code.

The insights issue asks for: GET /api/v1/insights/ over 2 years of daily logs with 20 or more
habits, positions and exercises: server time median and p95, target at most 50 ms median; the
chart code loaded only on the Insights page and at most 40 KB gzipped.

What the script does, and undoes even on failure or Ctrl-C:
  1. creates a dedicated PostgreSQL database (never the `test` one), migrates it and loads the
     catalogue and one mother with 730 days of logs (tests/support/synthetic_history.py) using
     every position, support, exercise and habit of the catalogue at different rates;
  2. times the API request in this process through Django's full request stack (middleware,
     token authentication, the view, JSON rendering) with DEBUG off, after a warm-up, and
     splits each request's time between SQL and the rest; the Insights page for the same
     range is timed the same way, for reference;
  3. reads the built front end: the gzipped size of insights.js and insights.css, and checks
     that no other page of the app loads them;
  4. prints the figures and whether the targets are met, and drops the database.

Run it with `make bench-insights` (it builds the front end first), or directly:
    uv run --frozen python tests/bench/bench_insights.py [--requests 200] ...

Exit status: 0 targets met, 1 the set-up failed, 2 a target was missed.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# Run as a file (`python tests/bench/bench_insights.py`), so the project root is not on the path.
sys.path.insert(0, str(BASE_DIR))

from tests.bench.harness import (  # noqa: E402
    add_database_options,
    bench_database,
    percentile,
    setup_django,
    verdict,
)

MEDIAN_TARGET_MS = 50.0
CHART_CODE_TARGET_KB = 40.0
DIST = BASE_DIR / "frontend" / "dist"
CHART_FILES = ("insights.js", "insights.css")
OTHER_PAGES = ("/today/", "/history/", "/reminders/", "/profile/", "/inbox/")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--requests", type=int, default=200, help="measured requests each")
    parser.add_argument("--warmup", type=int, default=20, help="uncounted requests first")
    parser.add_argument("--days", type=int, default=730, help="days of logs")
    add_database_options(parser, "backcare_bench_insights")
    return parser.parse_args(argv)


def create_mother(days: int):
    """One mother with `days` of logs ending today, her baby born the day before the first."""
    import random

    from habits.models import CatalogueItem
    from tests.support.synthetic_history import Plan, write_history
    from tracker.models import ApiToken, User

    user = User.objects.create_user("bench-mother@example.com", "a-long-password-1")
    rng = random.Random(7)
    kinds = ("position", "support", "exercise", "habit")
    keys = list(
        CatalogueItem.objects.filter(kind__in=kinds, active=True).values_list("key", flat=True)
    )
    chance = {key: (lambda rate: lambda day: rate)(rng.uniform(0.1, 0.6)) for key in keys}
    chance["hunched"] = lambda day: 0.3
    plan = Plan(
        days=days,
        birth_days_before_start=1,
        chance=chance,
        same_day={keys[0]: -1.0},
        next_day={keys[1]: -0.8},
        low_mood=lambda day: 0.15,
    )
    write_history(user, user.profile.local_today(), plan)
    _token, raw = ApiToken.issue(user)
    return user, raw, len(keys) + 2


class SqlTimer:
    """Time spent in SQL, summed over the queries of one request."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.queries = 0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start
            self.queries += 1


def time_requests(get, count: int, warmup: int) -> tuple[list[float], list[float], int]:
    """Wall times of `count` requests (ms), the SQL part of each, and queries per request."""
    from django.db import connection

    for _ in range(warmup):
        get()
    totals, sql_parts, queries = [], [], 0
    for _ in range(count):
        timer = SqlTimer()
        with connection.execute_wrapper(timer):
            start = time.perf_counter()
            response = get()
            totals.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"status {response.status_code}: {response.content[:300]!r}")
        sql_parts.append(timer.seconds * 1000)
        queries = timer.queries
    return totals, sql_parts, queries


def print_timing(name: str, totals: list[float], sql_parts: list[float], queries: int) -> None:
    print(
        f"  {name:<34} median {statistics.median(totals):6.1f} ms   "
        f"p95 {percentile(totals, 0.95):6.1f} ms   min {min(totals):6.1f} ms   "
        f"(SQL median {statistics.median(sql_parts):5.1f} ms in {queries} queries)"
    )


def chart_code_sizes() -> dict[str, tuple[int, int]]:
    """Bytes and gzipped bytes (level 9, as the static files are served) of each chart file."""
    sizes = {}
    for name in CHART_FILES:
        data = (DIST / name).read_bytes()
        sizes[name] = (len(data), len(gzip.compress(data, compresslevel=9)))
    return sizes


def pages_loading_chart_code(client) -> list[str]:
    loading = []
    for path in OTHER_PAGES:
        html = client.get(path, follow=True).content.decode()
        if any(name in html for name in CHART_FILES):
            loading.append(path)
    return loading


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    missing = [name for name in CHART_FILES if not (DIST / name).exists()]
    if missing:
        print(f"The front end is not built ({', '.join(missing)} missing): run `npm run build`.")
        return 1
    with bench_database(args.postgres, args.database) as database_url:
        setup_django(database_url)
        from django.test import Client

        print(f"Loading {args.days} days of logs ...")
        user, token, exposures = create_mother(args.days)
        today = user.profile.local_today()
        start = today - timedelta(days=args.days - 1)
        api = Client(HTTP_AUTHORIZATION=f"Token {token}", HTTP_HOST="localhost")
        query = {"from": start.isoformat(), "to": today.isoformat()}
        data = api.get("/api/v1/insights/", query).json()
        effects = data["effects"]
        print(
            f"  {len(data['days'])} days, {exposures} exposures (positions, supports, "
            f"exercises, habits, posture, mood), {len(effects)} effects"
        )

        print(f"Timing {args.requests} requests each after {args.warmup} warm-up ...")
        api_times = time_requests(
            lambda: api.get("/api/v1/insights/", query), args.requests, args.warmup
        )
        print_timing("GET /api/v1/insights/ (2 years)", *api_times)
        page = Client(HTTP_HOST="localhost")
        page.force_login(user)
        page_times = time_requests(
            lambda: page.get("/insights/", {"range": "all"}), args.requests // 4, args.warmup // 4
        )
        print_timing("GET /insights/?range=all (page)", *page_times)

        sizes = chart_code_sizes()
        print("Chart code (frontend/dist):")
        for name, (raw, packed) in sizes.items():
            print(f"  {name:<14} {raw / 1024:6.1f} KB, gzipped {packed / 1024:5.1f} KB")
        total_gz = sum(packed for _raw, packed in sizes.values()) / 1024
        app_js = len(gzip.compress((DIST / "app.js").read_bytes(), compresslevel=9))
        print(f"  for reference, app.js (every page): gzipped {app_js / 1024:.1f} KB")
        loading = pages_loading_chart_code(page)

        median = statistics.median(api_times[0])
        print("\nTargets:")
        met = [
            verdict(
                median <= MEDIAN_TARGET_MS,
                f"insights median {median:.1f} ms <= {MEDIAN_TARGET_MS:.0f} ms",
            ),
            verdict(
                total_gz <= CHART_CODE_TARGET_KB,
                f"chart code gzipped {total_gz:.1f} KB <= {CHART_CODE_TARGET_KB:.0f} KB",
            ),
            verdict(
                not loading,
                "chart code loaded only on the Insights page"
                + (f" (also on {', '.join(loading)})" if loading else ""),
            ),
        ]
        print(f"\nDropping database {args.database}.")
    return 0 if all(met) else 2


if __name__ == "__main__":
    sys.exit(main())
