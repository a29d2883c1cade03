"""Benchmark: the doctor's PDF report and the FHIR export for one year of daily logs.

The exports issue asks for: PDF for one year of daily logs, median at most 1.5 s; FHIR for one
year, median at most 0.5 s. The CSV and the full backup are timed too, for the cost per day
that decides which exports run in the background (reports.exports.KINDS).

What the script does, and undoes even on failure or Ctrl-C:
  1. creates a dedicated PostgreSQL database (never the `test` one), migrates it, loads the
     catalogue and one mother with 365 days of realistic logs (two or three ratings, several
     feeds, exercises, habits, a mood and often a note each day);
  2. times each export the way the page makes it (reports.exports.make_export: the queries,
     the summary and insights, the rendering), in this process, after a warm-up; the PDF in
     English and in Chinese (which embeds a font subset);
  3. prints median, p95 and the cost per day of each, whether the targets are met, and drops
     the database.

Run it with `make bench-exports`, or directly:
    uv run --frozen python tests/bench/bench_exports.py [--repeats 15] [--days 365] ...

Exit status: 0 targets met, 1 the set-up failed, 2 a target was missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
import uuid
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))

from tests.bench.harness import (  # noqa: E402
    add_database_options,
    bench_database,
    percentile,
    setup_django,
    verdict,
)

TARGETS = {"pdf": 1.5, "fhir": 0.5}


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--repeats", type=int, default=15, help="measured runs of each export")
    parser.add_argument("--warmup", type=int, default=2, help="uncounted runs first")
    parser.add_argument("--days", type=int, default=365, help="days of logs")
    add_database_options(parser, "backcare_bench_exports")
    return parser.parse_args(argv)


def a_year_of_logs(days: int):
    """A mother with `days` days of varied logs, written through the app's own save path."""
    from habits.catalogue import catalogue_keys
    from tracker.days import save_day
    from tracker.models import User
    from tracker.serializers import DaySerializer

    rng = random.Random(7)
    keys = catalogue_keys()
    positions, supports = sorted(keys["position"]), sorted(keys["support"])
    exercises, habits = sorted(keys["exercise"]), sorted(keys["habit"])
    areas, tags = sorted(keys["body_area"]), sorted(keys["mood_tag"])
    user = User.objects.create_user("bench-exports@example.com", "a-long-password-1")
    today = user.profile.local_today()
    first = today - timedelta(days=days - 1)
    profile = user.profile
    profile.baby_birth_date = first - timedelta(days=10)
    profile.display_name = "Bench Mother"
    profile.delivery_type = "vaginal"
    profile.visit_questions = "When can I start running again?"
    profile.save()

    def item(**fields) -> dict:
        return {"id": str(uuid.uuid4()), **fields}

    for index in range(days):
        base = 2 + 5 * 0.97**index
        body = {
            "mood": rng.randint(1, 5),
            "mood_tags": rng.sample(tags, rng.randint(0, 2)),
            "habits": rng.sample(habits, rng.randint(2, 6)),
            "warning_signs": [],
            "note": rng.choice(["", "", "Long night.", "Walked to the park with the pram."]),
            "pain_ratings": [
                item(score=max(0, min(10, round(base + rng.gauss(0, 1)))),
                     time=f"{hour:02d}:{rng.randint(0, 59):02d}",
                     body_areas=rng.sample(areas, rng.randint(1, 2)))
                for hour in rng.sample([7, 12, 16, 21], rng.randint(2, 3))
            ],
            "feedings": [
                item(time=f"{hour:02d}:15", position=rng.choice(positions),
                     supports=rng.sample(supports, rng.randint(0, 2)),
                     posture=rng.choice(["upright", "hunched"]), minutes=rng.randint(5, 40),
                     side=rng.choice(["left", "right", "both"]))
                for hour in range(0, 24, 3)
            ],
            "exercises": [
                item(exercise=key, reps=10, minutes=None) for key in rng.sample(exercises, 2)
            ],
        }  # fmt: skip
        serializer = DaySerializer(data=body, context={"catalogue": keys})
        serializer.is_valid(raise_exception=True)
        save_day(user, first + timedelta(days=index), serializer.validated_data)
    return user, first, today


def time_export(user, export_format, start, end, language, warmup, repeats) -> list[float]:
    from django.utils import translation

    from reports.exports import make_export

    timings = []
    with translation.override(language):
        for run in range(warmup + repeats):
            started = time.perf_counter()
            content = make_export(user, export_format, start, end, "a4")
            elapsed = time.perf_counter() - started
            if run >= warmup:
                timings.append(elapsed)
    print(f"    ({export_format}, {language}: {len(content) / 1024:.0f} KB)", flush=True)
    return timings


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        context = bench_database(args.postgres, args.database)
        database_url = context.__enter__()
    except Exception as error:
        print(f"Set-up failed: {error}")
        return 1
    try:
        setup_django(database_url)
        print(f"Writing {args.days} days of logs ...", flush=True)
        user, start, end = a_year_of_logs(args.days)
        print(f"Timing each export {args.repeats} times after {args.warmup} warm-up runs ...")
        rows = []
        for export_format, language in (
            ("pdf", "en"), ("pdf", "zh-hans"), ("fhir", "en"), ("csv", "en"), ("json", "en"),
        ):  # fmt: skip
            timings = time_export(
                user, export_format, start, end, language, args.warmup, args.repeats
            )
            rows.append((export_format, language, timings))
        print()
        print(f"{args.days} days of logs, PostgreSQL, one process")
        print(f"{'export':<8}{'language':<10}{'median s':>10}{'p95 s':>10}{'ms per day':>12}")
        missed = False
        for export_format, language, timings in rows:
            median = statistics.median(timings)
            print(
                f"{export_format:<8}{language:<10}{median:>10.3f}{percentile(timings, 0.95):>10.3f}"
                f"{median / args.days * 1000:>12.2f}"
            )
        print()
        for export_format, language, timings in rows:
            target = TARGETS.get(export_format)
            if target is None:
                continue
            median = statistics.median(timings)
            text = f"{export_format} ({language}) median {median:.3f} s <= {target} s"
            missed |= not verdict(median <= target, text)
        return 2 if missed else 0
    finally:
        context.__exit__(None, None, None)


if __name__ == "__main__":
    sys.exit(main())
