"""Benchmark: how late a reminder is while a burst of long exports waits to be made.

With real processes as the Procfile runs them (the reminders' `worker`, threads x 4, and,
where the code has one, the `exporter` on the exports' own queue), one mother's JOBS PDF
exports of DAYS days are queued at once, then another mother's test reminder: it prints
how late the reminder reached the local push service (its lateness, pushed_at - due_at) and
when the last export was done.

It runs on SQLite and the file broker in a temporary folder (nothing else is touched):
    uv run --frozen python tests/bench/bench_export_queue.py [--jobs 12] [--days 1098]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=12, help="PDF exports queued at once")
    parser.add_argument("--days", type=int, default=1098, help="days of logs in each")
    return parser.parse_args(argv)


def setup_django(folder: Path) -> None:
    os.environ.update(
        VAR_DIR=str(folder),
        DATABASE_URL=f"sqlite:///{folder / 'db.sqlite3'}",
        DEBUG="false",
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
        PUSH_ALLOW_LOOPBACK="true",
    )
    for name in ("PRODUCTION", "REDIS_URL", "CELERY_QUEUE", "CELERY_BROKER_DIR"):
        os.environ.pop(name, None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_catalogue", verbosity=0)
    call_command("make_vapid_keys", "--if-missing", verbosity=0)


def wait(condition, timeout: float, what: str) -> float:
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            raise SystemExit(f"Timed out waiting for {what}")
        time.sleep(0.2)
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-export-queue-") as folder:
        setup_django(Path(folder))
        from django.conf import settings

        from reminders.models import ReminderDelivery
        from reminders.schedules import send_test_reminder
        from reports import exports
        from reports.models import ExportJob
        from tests.bench.bench_report_ranges import mother
        from tests.support.push_receiver import running_receiver, subscribe
        from tests.support.worker import start_celery, stop_process
        from tracker.models import User

        today = date.today()
        print(f"Writing {args.days} days of logs ...", flush=True)
        exporting = mother("exports@example.com", args.days, today - timedelta(days=1))
        reminded = User.objects.create_user("reminded@example.com", "a-long-password-1")
        log = Path(folder) / "celery.log"
        queue = settings.CELERY_TASK_DEFAULT_QUEUE
        export_queue = getattr(settings, "CELERY_EXPORT_QUEUE", None)
        processes = [
            start_celery(log, ["worker", "--pool=threads", "--concurrency=4", "-Q", queue,
                               "-n", "worker@%h", "--without-gossip", "--without-mingle"], {})
        ]  # fmt: skip
        if export_queue:
            processes.append(
                start_celery(log, ["worker", "--pool=threads", "--concurrency=1", "-Q",
                                   export_queue, "-n", "exporter@%h", "--without-gossip",
                                   "--without-mingle"], {})
            )  # fmt: skip
        try:
            with running_receiver() as receiver:
                subscribe(reminded, receiver)
                wait(lambda: log.exists() and log.read_text().count(" ready.") == len(processes),
                     120, "the workers to start")  # fmt: skip
                print(f"Workers: {'worker and exporter' if export_queue else 'worker alone'}")
                first = today - timedelta(days=args.days)
                jobs = []
                for number in range(args.jobs):
                    job = ExportJob.objects.create(
                        user=exporting, format="pdf", start_date=first,
                        end_date=today - timedelta(days=1 + number), paper="a4",
                    )  # fmt: skip
                    exports.queue_job(job.pk)
                    jobs.append(job.pk)
                queued = time.monotonic()
                delivery = send_test_reminder(reminded)
                wait(
                    lambda: ReminderDelivery.objects.get(pk=delivery.pk).state == "sent",
                    900,
                    "the reminder",
                )
                sent = ReminderDelivery.objects.get(pk=delivery.pk)
                lateness = (sent.pushed_at - sent.due_at).total_seconds()
                print(f"Reminder lateness with {args.jobs} PDF exports of {args.days} days "
                      f"queued before it: {lateness:.1f} s")  # fmt: skip
                wait(
                    lambda: (
                        ExportJob.objects.filter(pk__in=jobs, state="done").count() == len(jobs)
                    ),
                    1800,
                    "the exports",
                )
                print(f"All {args.jobs} exports done {time.monotonic() - queued:.0f} s after "
                      "they were queued")  # fmt: skip
        finally:
            for process in processes:
                stop_process(process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
