"""Benchmark: what one anonymous request to a share link costs, for the widest ranges a link
can hold.

A share link opens without logging in, so its cost is what a stranger holding the link can
make the server spend. Three cases, each timed through the whole stack (Django's test client,
the share page's rate limit lifted):
  * a link from 0001-01-01 over 60 logged days (such a link can no longer be made, but one
    stored before may exist): its page, PDF and FHIR file;
  * a link to "everything" over DAYS logged days (by default 9,000, about 25 years): the
    same three, first and then again (a repeat with nothing changed);
  * the same after one of her days changed (the files are made again).
Each is timed once, then --repeats times more (median seconds), then made once more afresh
(the cache emptied) under tracemalloc, for the peak of Python memory making it takes.

It runs on SQLite in a temporary folder (nothing else is touched):
    uv run --frozen python tests/bench/bench_report_ranges.py [--days 9000] [--repeats 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--days", type=int, default=9000, help="days of logs for the long case")
    parser.add_argument("--repeats", type=int, default=3, help="measured runs of each request")
    return parser.parse_args(argv)


def setup_django(folder: Path) -> None:
    os.environ.update(
        VAR_DIR=str(folder),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DEBUG="false",
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="ERROR",
        SHARE_THROTTLE_RATE="100000/min",
        ALLOWED_HOSTS="testserver",
    )
    for name in ("PRODUCTION", "REDIS_URL"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_catalogue", verbosity=0)


def mother(email: str, days: int, last: date):
    """A mother with `days` logged days ending at `last` (tests/export_history's days)."""
    from habits.catalogue import catalogue_keys
    from tests.support.export_history import known_day
    from tracker.days import create_days
    from tracker.models import User
    from tracker.serializers import DaySerializer

    user = User.objects.create_user(email, "a-long-password-1", display_name="Li Na")
    first = last - timedelta(days=days - 1)
    user.profile.baby_birth_date = first - timedelta(days=30)
    user.profile.save()
    context = {"catalogue": catalogue_keys(), "profile": user.profile}
    history = []
    for index in range(days):
        serializer = DaySerializer(data=known_day(index % 120), context=context)
        serializer.is_valid(raise_exception=True)
        history.append((first + timedelta(days=index), serializer.validated_data))
    create_days(user, history)
    return user


def measure(client, url: str, repeats: int) -> tuple[float, float, int, int]:
    """The first request's seconds, the median of `repeats` more (the same request again,
    nothing changed), the peak of Python memory (MB) of making the answer afresh (with the
    cache emptied), and the size of the answer."""
    from django.core.cache import cache

    started = time.perf_counter()
    response = client.get(url)
    first = time.perf_counter() - started
    assert response.status_code == 200, (url, response.status_code)
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(url)
        timings.append(time.perf_counter() - started)
    cache.clear()
    tracemalloc.start()
    client.get(url)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return statistics.median(timings or [first]), first, peak / 1e6, len(response.content)


def report(title: str, rows: list[tuple[str, tuple[float, float, float, int]]]) -> None:
    print(title)
    print(f"  {'request':<10}{'first s':>9}{'again s':>10}{'peak MB':>9}{'size KB':>10}")
    for name, (median, first, peak, size) in rows:
        print(f"  {name:<10}{first:>9.3f}{median:>10.3f}{peak:>9.1f}{size / 1024:>10.0f}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-report-ranges-") as folder:
        setup_django(Path(folder))
        from django.test import Client

        from reports.models import ShareLink
        from tracker.models import DayLog

        today = date.today()
        client = Client()
        short = mother("short@example.com", 60, today - timedelta(days=1))
        _link, raw = ShareLink.issue(short, 90, start_date=date(1, 1, 1))
        files = [("page", ""), ("pdf", "report.pdf"), ("fhir", "fhir.json")]
        rows = [
            (name, measure(client, f"/share/{raw}/{path}", args.repeats)) for name, path in files
        ]
        report("A link from 0001-01-01, 60 days logged", rows)

        print(f"\nWriting {args.days} days of logs ...", flush=True)
        long = mother("long@example.com", args.days, today - timedelta(days=1))
        _link, raw = ShareLink.issue(long, 90)
        rows = [
            (name, measure(client, f"/share/{raw}/{path}", args.repeats)) for name, path in files
        ]
        report(f'A link to "everything", {args.days} days logged', rows)

        day = DayLog.objects.filter(user=long).latest("date")
        DayLog.objects.filter(pk=day.pk).update(
            note="Changed.", updated_at=day.updated_at + timedelta(seconds=1)
        )
        rows = [(name, measure(client, f"/share/{raw}/{path}", 0)) for name, path in files[1:]]
        print("\nThe same files after a day changed (the first request):")
        for name, (_median, first, peak, size) in rows:
            print(f"  {name:<10}{first:>9.3f}{'':>10}{peak:>9.1f}{size / 1024:>10.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
