"""Whether the service is fit to serve, for load balancers and probes (GET /healthz/), and the
state of the reminder pipeline at a glance, for whoever runs it (`manage.py reminder_status`
and the admin).

Healthy means: the database and the broker answer, the last tick finished under two minutes
ago, every queue has a live worker and beat is alive (reminders.heartbeats)."""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from celery import current_app
from django.db import connection
from django.db.models import DurationField, ExpressionWrapper, F
from django.db.models.functions import Coalesce
from django.utils import timezone

from reminders import heartbeats
from reminders.models import ReminderDelivery, ReminderSchedule, TickRecord

# Ticks come every minute: two minutes without one means the scheduler or its worker is down.
TICK_MAX_AGE = timedelta(minutes=2)
BROKER_TIMEOUT_SECONDS = 2


def health_problems(now: datetime | None = None) -> dict[str, str]:
    """What is wrong, by part ("database", "broker", "tick", and the kinds of process none
    of which is alive: "worker", "ticker", "beat"); empty when all is well."""
    now = now or timezone.now()
    problems = {}
    for part, check in (("database", database_problem), ("broker", broker_problem)):
        try:
            problem = check()
        except Exception as e:  # whatever the driver raises: the answer is "not working"
            problem = f"{type(e).__name__}: {e}"
        if problem:
            problems[part] = problem
    if "database" not in problems:
        problem = tick_problem(now)
        if problem:
            problems["tick"] = problem
        problems.update(heartbeats.missing_processes(now))
    return problems


def database_problem() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return ""


def broker_problem() -> str:
    options = {"socket_connect_timeout": BROKER_TIMEOUT_SECONDS}
    with current_app.connection_for_read(transport_options=options) as broker:
        broker.ensure_connection(max_retries=1, timeout=BROKER_TIMEOUT_SECONDS)
        client = getattr(broker.default_channel, "client", None)
        if client is not None:  # Redis: a connection is opened only when used
            client.ping()
    return ""


def tick_problem(now: datetime) -> str:
    last = TickRecord.last()
    if last is None:
        return "no tick has run yet: is Celery beat running, and the ticker worker?"
    age = now - last.finished_at
    if age > TICK_MAX_AGE:
        return f"the last tick finished {age.total_seconds():.0f} s ago"
    return ""


@dataclass
class PipelineStatus:
    now: datetime
    due_now: int  # schedules whose time has come and that the tick has not claimed yet
    pending: int
    sending: int
    sent_last_hour: int
    missed_last_hour: int
    failed_last_hour: int
    lateness_p50: float | None  # seconds from due to sent, over the last hour's sent ones
    lateness_p99: float | None
    last_tick: TickRecord | None

    @property
    def last_tick_age(self) -> float | None:
        if self.last_tick is None:
            return None
        return (self.now - self.last_tick.finished_at).total_seconds()


def pipeline_status(now: datetime | None = None) -> PipelineStatus:
    """Counts through the indexes the pipeline itself uses, and the last hour's by due time."""
    now = now or timezone.now()
    hour = ReminderDelivery.objects.filter(due_at__gt=now - timedelta(hours=1), due_at__lte=now)
    sent = hour.filter(state=ReminderDelivery.State.SENT)
    sent_count = sent.count()
    counts = pipeline_counts(now)
    return PipelineStatus(
        now=now,
        due_now=counts["due"],
        pending=counts["pending"],
        sending=counts["sending"],
        sent_last_hour=sent_count,
        missed_last_hour=hour.filter(state=ReminderDelivery.State.MISSED).count(),
        failed_last_hour=hour.filter(state=ReminderDelivery.State.FAILED).count(),
        lateness_p50=lateness_percentile(sent, sent_count, 0.50),
        lateness_p99=lateness_percentile(sent, sent_count, 0.99),
        last_tick=TickRecord.last(),
    )


def pipeline_counts(now: datetime) -> dict[str, int]:
    """Reminders not done yet: "due" (schedules whose time has come that the tick has not
    claimed yet), "pending" and "sending" (deliveries), read through the pipeline's indexes."""
    open_deliveries = ReminderDelivery.objects.filter(state__in=("pending", "sending"))
    return {
        "due": ReminderSchedule.objects.filter(
            enabled=True, next_fire_at__isnull=False, next_fire_at__lte=now
        ).count(),
        "pending": open_deliveries.filter(state="pending").count(),
        "sending": open_deliveries.filter(state="sending").count(),
    }


def lateness_percentile(sent, count: int, fraction: float) -> float | None:
    """Nearest-rank percentile of (first channel's time - due time), read in the database."""
    if not count:
        return None
    lateness = ExpressionWrapper(
        Coalesce(F("pushed_at"), F("emailed_at")) - F("due_at"), output_field=DurationField()
    )
    rank = max(1, math.ceil(count * fraction)) - 1
    value = (
        sent.annotate(lateness=lateness).order_by("lateness").values_list("lateness", flat=True)
    )[rank]
    return value.total_seconds() if value is not None else None
