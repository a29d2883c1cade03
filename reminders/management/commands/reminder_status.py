"""The reminder pipeline at a glance: what is due and waiting, what went out in the last hour,
how late, and when the tick last ran."""

from django.core.management.base import BaseCommand

from reminders.health import PipelineStatus, health_problems, pipeline_status


class Command(BaseCommand):
    help = "Show the state of the reminder pipeline (also on the admin's reminder deliveries)."

    def handle(self, *args, **options) -> None:
        status = pipeline_status()
        for label, value in status_lines(status):
            self.stdout.write(f"{label:<28} {value}")
        problems = health_problems(status.now)
        for part, problem in problems.items():
            self.stdout.write(self.style.ERROR(f"{part}: {problem}"))
        if not problems:
            self.stdout.write(self.style.SUCCESS("healthy"))


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} s"


def status_lines(status: PipelineStatus) -> list[tuple[str, str]]:
    tick = status.last_tick
    last_tick = "never" if tick is None else (
        f"{tick.finished_at:%Y-%m-%d %H:%M:%S} UTC, {status.last_tick_age:.0f} s ago "
        f"(took {tick.seconds:.2f} s: {tick.deliveries} written, {tick.missed} missed, "
        f"{tick.enqueued} queued)"
    )  # fmt: skip
    return [
        ("due now (not yet claimed)", str(status.due_now)),
        ("pending", str(status.pending)),
        ("sending", str(status.sending)),
        ("sent in the last hour", str(status.sent_last_hour)),
        ("missed in the last hour", str(status.missed_last_hour)),
        ("failed in the last hour", str(status.failed_last_hour)),
        ("lateness p50 / p99", f"{seconds(status.lateness_p50)} / {seconds(status.lateness_p99)}"),
        ("last tick", last_tick),
    ]
