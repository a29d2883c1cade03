"""Benchmark: the reminder minute at 100,000 users, and the tick's cost against total schedules.

The reminders issue asks for: 100,000 users with schedules, 10,000 of them due in the same
minute, PostgreSQL, Redis, 2 worker processes and the local push receiver: the time to claim
and enqueue the minute's batch, deliveries per second, and p99 lateness from due time to
receipt. In the same run, the tick's cost with 10,000 against 100,000 total schedules for the
same 1,000 due: the cost must follow the due work, not the user count (ratio at most 1.5).
Targets: the 10,000 batch enqueued within 10 s; with a push service 150 ms away, p99 lateness
at most 30 s; with one that answers at once, worker CPU at most 1.5 ms per delivery.

What the script does, and undoes even on failure or Ctrl-C:
  1. creates a dedicated PostgreSQL database (never the `test` one), migrates it, loads the
     catalogue, makes a VAPID key in a temporary VAR_DIR, flushes a dedicated Redis database
     (DB 5 of the Redis in REDIS_URL) and starts the local push receiver in this process;
  2. phase A, the tick's cost: loads the users in stages, one schedule each first, then the
     others (3 per user: log the day, exercises, a tip), each time running ANALYZE. At every
     stage the same 1,000 schedules are made due and the real tick claims and queues them,
     several times over, with the queueing itself replaced by a counter so nothing reaches the
     broker; the state is restored and vacuumed between repetitions;
  3. phase B, the minute: gives 10,000 mothers a push subscription from the receiver and one
     schedule due at the same whole minute T, in her own time zone and outside her quiet
     hours; starts 2 Celery worker processes (4 threads each; see --pools) on the bench
     database and Redis, checks them with a few test reminders, then at T calls the tick in
     this process, as beat would have it called, and waits for the 10,000 messages at the
     receiver;
  4. prints the figures and whether the targets are met, stops the workers, closes the
     receiver, drops the database and flushes the Redis database.

Schedules that are not due are spread over the 24 hours starting 2 hours after the set-up, so
none of them falls due during the run. Each mother's time zone is one of a mix of real IANA
zones, her quiet hours the default 22:00 to 07:00.

Run it with `make bench-reminders`, or directly:
    uv run --frozen python tests/bench/bench_reminders.py [--users 100000] [--due 10000] ...
`--pools prefork:1,threads:4` runs the minute once for each worker pool, for comparison.

Exit status: 0 when the run completed, whether or not the targets were met (a missed target is
printed as a TARGET MISSED line); 1 when the set-up failed.
"""

from __future__ import annotations

import argparse
import io
import math
import os
import random
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parents[2]
# Run as a file (`python tests/bench/bench_reminders.py`), so the project root is not on the path.
sys.path.insert(0, str(BASE_DIR))

from tests.bench.harness import (  # noqa: E402
    CLOCK_TICKS,
    CpuSnapshot,
    add_database_options,
    bench_database,
    cores_used,
    cpu_snapshot,
    percentile,
    process_ticks,
    setup_django,
    ticks_by_group,
    verdict,
    with_children,
)

ENQUEUE_TARGET_SECONDS = 10.0
# With a push service 150 ms away (the far scenario): every one of the minute's reminders
# there within this, at the 99th percentile.
P99_LATENESS_TARGET_SECONDS = 30.0
# With one that answers at once (the near scenario): the workers' CPU per reminder sent.
WORKER_CPU_MS_TARGET = 1.5
SCALING_RATIO_TARGET = 1.5
NO_PROGRESS_SECONDS = 330
INSERT_BATCH = 5000
UPDATE_BATCH = 1000
# Real zones with whole, half-hour and negative offsets, some with daylight saving.
ZONES = (
    "Europe/London",
    "Europe/Berlin",
    "Europe/Moscow",
    "Africa/Lagos",
    "Asia/Dubai",
    "Asia/Kolkata",
    "Asia/Singapore",
    "Asia/Shanghai",
    "Asia/Tokyo",
    "Australia/Sydney",
    "Pacific/Auckland",
    "America/Sao_Paulo",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
)
# Due mothers are picked where the due minute is this far inside her waking hours, so that a
# run of several rounds does not drift into the default quiet hours (22:00 to 07:00).
AWAKE_FROM, AWAKE_UNTIL = 8, 21
# Not-due schedules fire in the 24 hours that start this long after the set-up.
NOT_DUE_AFTER = timedelta(hours=2)


# ----------------------------------------------------------------------------- options


@dataclass(frozen=True)
class PoolConfig:
    pool: str
    concurrency: int

    def __str__(self) -> str:
        return f"{self.pool} x {self.concurrency}"


@dataclass(frozen=True)
class Scenario:
    """How the push service behaves during one minute."""

    name: str
    delay: float  # seconds before every answer
    rate_429: float
    rate_500: float
    retry_after: int

    def __str__(self) -> str:
        return (
            f"{self.name}: answers after {self.delay * 1000:.0f} ms, {self.rate_429:.0%} 429 "
            f"(Retry-After {self.retry_after} s), {self.rate_500:.0%} 500"
        )


def scenarios_of(args: argparse.Namespace) -> list[Scenario]:
    chosen = []
    for item in args.scenarios.split(","):
        name, _, delay = item.partition(":")
        try:
            seconds = float(delay)
        except ValueError:
            raise SystemExit(f"--scenarios: {item!r} is not NAME:SECONDS") from None
        chosen.append(Scenario(name, seconds, args.rate_429, args.rate_500, args.retry_after))
    return chosen


def pool_config(text: str) -> PoolConfig:
    pool, _, concurrency = text.partition(":")
    if pool not in ("prefork", "threads", "solo") or not concurrency.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not POOL:CONCURRENCY, e.g. prefork:1")
    return PoolConfig(pool, int(concurrency))


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--users", type=int, default=100_000, help="mothers with schedules")
    parser.add_argument(
        "--schedules-per-user",
        type=int,
        choices=(1, 2, 3),
        default=3,
        help="log the day, exercises, a tip: the first N of them per mother",
    )
    parser.add_argument("--due", type=int, default=10_000, help="schedules due at the minute")
    parser.add_argument(
        "--small",
        type=int,
        default=10_000,
        help="total schedules of phase A's small point (the large one is --users)",
    )
    parser.add_argument(
        "--small-due", type=int, default=1_000, help="schedules due at each point of phase A"
    )
    parser.add_argument("--repeats", type=int, default=7, help="measured ticks per phase A point")
    parser.add_argument("--workers", type=int, default=2, help="Celery worker processes")
    parser.add_argument(
        "--pools",
        type=lambda text: [pool_config(item) for item in text.split(",") if item],
        # threads x 4. A send spends about as long waiting (for PostgreSQL's commits, for the
        # push service) as computing, and threads fill the waits. One run each at 99b6837,
        # 100,000 users on 2 CPUs: threads x 4 sent 140 reminders/s (p99 lateness 78 s),
        # threads x 8 131/s (83 s), prefork x 2 112/s (95 s), prefork x 1 109/s (98 s).
        # Between runs of one setting rates vary by up to 25% here. A real push service
        # answers in tens of milliseconds, not one, which favours threads further.
        default=[PoolConfig("threads", 4)],
        help="worker pools to run the minute with, POOL:CONCURRENCY, comma-separated",
    )
    parser.add_argument(
        "--scenarios",
        default="near:0,far:0.15",
        help="the minute is run once per scenario, NAME:SECONDS the push service takes to answer",
    )
    parser.add_argument("--rate-429", type=float, default=0.01, help="share of 429 answers")
    parser.add_argument("--rate-500", type=float, default=0.01, help="share of 500 answers")
    parser.add_argument("--retry-after", type=int, default=10, help="Retry-After of a 429, s")
    parser.add_argument(
        "--skip-scaling",
        action="store_true",
        help="skip phase A's measurements (the population is still loaded)",
    )
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=60,
        help="DB_CONN_MAX_AGE for the workers, as in production (though Celery's Django "
        "fix-up closes the connection after every task whatever it says)",
    )
    parser.add_argument(
        "--timeout", type=float, default=600.0, help="seconds to wait for the minute's messages"
    )
    parser.add_argument(
        "--lead", type=float, default=20.0, help="at least this many seconds from set-up to T"
    )
    add_database_options(parser, "backcare_bench_reminders")
    parser.add_argument(
        "--redis",
        default=os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0",
        help="Redis server URL; the bench uses only its database --redis-db",
    )
    parser.add_argument(
        "--redis-db", type=int, default=5, help="Redis database, flushed at start and end"
    )
    parser.add_argument("--queue", default="backcare-bench", help="Celery queue name")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the population")
    args = parser.parse_args(argv)
    if not args.database.startswith("backcare_bench"):
        # The database is dropped at the end: refuse any name that could be someone's data.
        parser.error("--database must start with 'backcare_bench'")
    if args.redis_db == 0:
        parser.error("--redis-db is flushed: choose one the app does not use, not 0")
    if not 0 < args.small_due <= args.small <= args.users:
        parser.error("need 0 < --small-due <= --small <= --users")
    if not 0 < args.due <= args.users:
        parser.error("need 0 < --due <= --users")
    if args.workers < 1 or args.repeats < 1 or not args.pools:
        parser.error("--workers, --repeats and --pools need at least one")
    return args


def redis_url(base: str, db: int) -> str:
    parts = urlsplit(base)
    return urlunsplit((parts.scheme, parts.netloc, f"/{db}", parts.query, ""))


# ----------------------------------------------------------------------------- set-up


def bench_environment(
    database_url: str, broker_url: str, queue: str, var_dir: Path, conn_max_age: int
) -> dict[str, str]:
    """The environment of this process and the workers: the app's defaults outside PRODUCTION,
    pointed at the bench database, Redis database and queue, with DEBUG off."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PRODUCTION", "DJANGO_SETTINGS_MODULE", "CELERY_BROKER_DIR")
        and not key.startswith(("REMINDER_", "PUSH_", "VAPID_"))
    }
    env.update(
        DEBUG="false",
        DATABASE_URL=database_url,
        DB_CONN_MAX_AGE=str(conn_max_age),
        REDIS_URL=broker_url,
        CELERY_QUEUE=queue,
        # The local push receiver listens on http://127.0.0.1.
        PUSH_ALLOW_LOOPBACK="true",
        VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONUNBUFFERED="1",
    )
    return env


def code_version() -> str:
    """The commit the app code is at, and whether it has changes not committed."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        changed = subprocess.run(
            ["git", "status", "--porcelain", "--", "habits", "tracker", "config"],
            cwd=BASE_DIR,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown (not a git checkout)"
    return commit + (" with uncommitted changes to the app" if changed else "")


def setup_django_with_vapid_key(database_url: str) -> None:
    setup_django(database_url)
    from django.core.management import call_command

    call_command("make_vapid_keys", if_missing=True, stdout=io.StringIO())


def flush_redis(url: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    try:
        client.flushdb()
    finally:
        client.close()


def sql(statement: str) -> None:
    """Run one statement outside a transaction (VACUUM must be)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement)


def analyze() -> None:
    """Statistics for the planner after a bulk load, and no checkpoint left to come in the
    middle of a measurement."""
    sql("VACUUM ANALYZE")
    sql("CHECKPOINT")


def backend_cpu_seconds() -> float:
    """CPU time used so far by this connection's PostgreSQL backend (Linux /proc)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    process = process_ticks(pid)
    if process is None:
        return math.nan  # PostgreSQL on another machine
    return process.own / CLOCK_TICKS


# ----------------------------------------------------------------------------- population


PURPOSES = ("log_day", "exercises", "tip")


def zone_of(index: int) -> str:
    return ZONES[index % len(ZONES)]


def create_users(start: int, stop: int, rng: random.Random, today) -> list:
    """Mothers number start..stop-1, each with her profile; returns the users."""
    from django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX

    from tracker.models import Profile, User

    users = [
        User(
            email=f"mother{index}@bench.example",
            # Unusable, as for an account that never set one: no hashing in the set-up.
            password=UNUSABLE_PASSWORD_PREFIX + secrets.token_urlsafe(30),
        )
        for index in range(start, stop)
    ]
    User.objects.bulk_create(users, batch_size=INSERT_BATCH)
    profiles = [
        Profile(
            user=user,
            time_zone=zone_of(index),
            language="zh-hans" if index % 5 == 0 else "en",
            baby_birth_date=today - timedelta(days=rng.randint(7, 180)),
            delivery_type=rng.choice(("vaginal", "vaginal", "assisted", "caesarean", "")),
            feeding_mode=rng.choice(("breast", "bottle", "mixed", "")),
        )
        for index, user in zip(range(start, stop), users, strict=True)
    ]
    Profile.objects.bulk_create(profiles, batch_size=INSERT_BATCH)
    for user, profile in zip(users, profiles, strict=True):
        user.profile = profile
    return users


def create_schedules(users: list, purpose: str, rng: random.Random, window_start) -> int:
    """One schedule of `purpose` per user, firing at a random minute of the 24 hours from
    `window_start`, with times, weekdays and next fire consistent in her zone."""
    from reminders.local_times import next_fire, quiet_hours_of
    from reminders.models import ReminderSchedule

    schedules = []
    for user in users:
        profile = user.profile
        zone = profile.zone
        fire_at = window_start + timedelta(minutes=rng.randrange(24 * 60))
        local = fire_at.astimezone(zone)
        weekdays = sorted({local.weekday(), *rng.sample(range(7), rng.randint(2, 6))})
        times = [f"{local:%H:%M}"]
        if rng.random() < 0.3:
            times.append(f"{rng.randrange(24):02d}:{rng.randrange(0, 60, 5):02d}")
        schedule = ReminderSchedule(
            user=user,
            purpose=purpose,
            times=sorted(set(times)),
            weekdays=weekdays,
            channel=rng.choice(("push", "push", "push", "email", "both")),
            skip_if_logged=purpose != "tip" and rng.random() < 0.5,
        )
        fire = next_fire(
            schedule.local_times,
            weekdays,
            zone,
            fire_at - timedelta(seconds=1),
            quiet_hours_of(profile),
        )
        schedule.next_slot_at, schedule.next_fire_at = fire.slot, fire.at
        schedules.append(schedule)
    ReminderSchedule.objects.bulk_create(schedules, batch_size=INSERT_BATCH)
    return len(schedules)


def awake_at(zone_name: str, moment: datetime) -> bool:
    from zoneinfo import ZoneInfo

    return AWAKE_FROM <= moment.astimezone(ZoneInfo(zone_name)).hour < AWAKE_UNTIL


def pick_due(candidates, count: int, moment: datetime) -> list:
    """`count` schedules (with user and profile) of mothers for whom `moment` is daytime."""
    chosen = []
    for schedule in candidates:
        if awake_at(schedule.user.profile.time_zone, moment):
            chosen.append(schedule)
            if len(chosen) == count:
                return chosen
    raise RuntimeError(f"only {len(chosen)} of {count} due schedules could be placed by day")


def make_due(schedules: list, at: datetime) -> None:
    """Set each schedule to fire at `at`, a time she chose on a weekday she chose."""
    from reminders.local_times import next_fire, quiet_hours_of
    from reminders.models import ReminderSchedule

    for schedule in schedules:
        profile = schedule.user.profile
        local = at.astimezone(profile.zone)
        # She has a phone subscribed: the reminder goes to it.
        schedule.channel = "push"
        schedule.times = [f"{local:%H:%M}"]
        schedule.weekdays = sorted({*schedule.weekdays, local.weekday()})
        fire = next_fire(
            schedule.local_times,
            schedule.weekdays,
            profile.zone,
            at - timedelta(seconds=1),
            quiet_hours_of(profile),
        )
        if fire is None or fire.at != at:
            raise RuntimeError(f"schedule {schedule.pk} would fire at {fire}, not {at}")
        schedule.next_slot_at, schedule.next_fire_at = fire.slot, fire.at
    ReminderSchedule.objects.bulk_update(
        schedules,
        ["channel", "times", "weekdays", "next_slot_at", "next_fire_at"],
        batch_size=UPDATE_BATCH,
    )


def database_sessions() -> int:
    """Sessions of the bench database so far (PostgreSQL counts each when it ends)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def clear_deliveries() -> None:
    sql("TRUNCATE habits_reminderdelivery")


# ----------------------------------------------------------------------------- phase A


@dataclass
class TickCost:
    total_schedules: int
    claim_ms: list[float] = field(default_factory=list)
    enqueue_ms: list[float] = field(default_factory=list)
    tick_ms: list[float] = field(default_factory=list)
    # CPU of the tick: this process and its PostgreSQL backend; immune to other tenants.
    cpu_ms: list[float] = field(default_factory=list)
    counts: set[tuple[int, int]] = field(default_factory=set)  # (written, queued) per tick


@contextmanager
def timed_pipeline(timings: dict[str, float], send: bool = False) -> Iterator[list[list[int]]]:
    """Time the tick's steps, and list the batches of sends it queues; queue them only with
    `send`."""
    from reminders import pipeline as reminder_pipeline

    queued: list[list[int]] = []
    originals = {
        name: getattr(reminder_pipeline, name)
        for name in ("claim_due_schedules", "mark_stale_deliveries", "enqueue_due_deliveries")
    }

    def timing(name: str, function: Callable) -> Callable:
        def wrapper(*args, **kwargs):
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                timings[name] = timings.get(name, 0.0) + time.perf_counter() - started

        return wrapper

    queue_send = reminder_pipeline.queue_send
    for name, function in originals.items():
        setattr(reminder_pipeline, name, timing(name, function))

    def queue(ids: list[int]) -> None:
        queued.append(ids)
        if send:
            queue_send(ids)

    reminder_pipeline.queue_send = queue
    try:
        yield queued
    finally:
        for name, function in originals.items():
            setattr(reminder_pipeline, name, function)
        reminder_pipeline.queue_send = queue_send


def measure_tick_cost(due: list, due_at: datetime, repeats: int) -> TickCost:
    """The real tick over the same due schedules: one warm-up, then `repeats` measured."""
    from reminders.models import ReminderSchedule
    from reminders.pipeline import tick

    cost = TickCost(total_schedules=ReminderSchedule.objects.count())
    for repeat in range(repeats + 1):
        clear_deliveries()
        for schedule in due:
            schedule.next_slot_at = schedule.next_fire_at = due_at
        ReminderSchedule.objects.bulk_update(
            due, ["next_slot_at", "next_fire_at"], batch_size=UPDATE_BATCH
        )
        # As autovacuum would have: the restore leaves dead rows and index entries behind.
        sql("VACUUM ANALYZE habits_reminderschedule")
        sql("VACUUM ANALYZE habits_reminderdelivery")
        timings: dict[str, float] = {}
        backend_before = backend_cpu_seconds()
        with timed_pipeline(timings) as queued:
            cpu_started = time.process_time()
            started = time.perf_counter()
            result = tick()
            elapsed = time.perf_counter() - started
            cpu = time.process_time() - cpu_started
        cpu += backend_cpu_seconds() - backend_before
        if repeat == 0:
            continue  # the warm-up: cold caches, first queries planned
        cost.tick_ms.append(elapsed * 1000)
        cost.cpu_ms.append(cpu * 1000)
        cost.claim_ms.append(timings["claim_due_schedules"] * 1000)
        cost.enqueue_ms.append(timings["enqueue_due_deliveries"] * 1000)
        cost.counts.add((result.deliveries, sum(len(batch) for batch in queued)))
    clear_deliveries()
    return cost


# ----------------------------------------------------------------------------- workers


@dataclass
class Worker:
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


def start_workers(
    count: int, config: PoolConfig, queue: str, env: dict, var_dir: Path
) -> list[Worker]:
    workers = []
    for number in range(1, count + 1):
        log_path = var_dir / f"worker{number}-{config.pool}{config.concurrency}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                [
                    sys.executable, "-m", "celery", "-A", "config", "worker",
                    "--loglevel=INFO", f"--pool={config.pool}",
                    f"--concurrency={config.concurrency}", "-Q", queue,
                    "-n", f"bench{number}@%h",
                    "--without-gossip", "--without-mingle", "--without-heartbeat",
                ],
                cwd=BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                # Its own process group: stopping it stops its pool's children too.
                start_new_session=True,
            )  # fmt: skip
        workers.append(Worker(process, log_path))
    return workers


def wait_until_ready(workers: list[Worker], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for worker in workers:
            if worker.process.poll() is not None:
                code = worker.process.returncode
                raise RuntimeError(f"a worker exited ({code}):\n{worker.log()[-3000:]}")
        if all(" ready." in worker.log() for worker in workers):
            return
        time.sleep(0.2)
    raise RuntimeError("the workers did not start in time:\n" + workers[0].log()[-3000:])


def stop_workers(workers: list[Worker]) -> None:
    from tests.support.worker import stop_process

    for worker in workers:
        if worker.process.poll() is None:
            worker.process.send_signal(signal.SIGTERM)
    for worker in workers:
        stop_process(worker.process, timeout=15)


def check_workers(workers: list[Worker], receiver, users: list, count: int) -> None:
    """Send a few test reminders through the workers: the pipeline works, the pools are warm."""
    from django.utils import timezone

    from reminders.models import ReminderDelivery
    from reminders.tasks import send_deliveries

    now = timezone.now()
    deliveries = ReminderDelivery.objects.bulk_create(
        ReminderDelivery(user=user, purpose="test", channel="push", slot_at=now, due_at=now)
        for user in users[:count]
    )
    for delivery in deliveries:
        send_deliveries.delay([delivery.pk])
    deadline = time.monotonic() + 60
    while len(receiver.messages) < count:
        if time.monotonic() > deadline:
            rejected = "\n".join(f"  {r.status} {r.reason}" for r in receiver.rejected[-5:])
            raise RuntimeError(
                f"test reminders: {len(receiver.messages)} of {count} arrived\n{rejected}\n"
                + workers[0].log()[-3000:]
            )
        time.sleep(0.1)
    clear_deliveries()
    receiver.clear()


# ----------------------------------------------------------------------------- phase B


@dataclass
class Minute:
    config: PoolConfig
    scenario: Scenario
    due_at: datetime
    tick_started: float  # seconds after the due time
    tick_seconds: float
    claim_seconds: float
    enqueue_seconds: float
    sessions: int  # PostgreSQL sessions that ended while the minute's messages were sent
    written: int
    enqueued: int
    expected_ids: set[int]
    first_receipts: dict[int, float]  # delivery id: seconds after the due time
    duplicates: int
    rejected: int
    states: Counter
    cores: dict[str, float]
    cpu_seconds: float  # how long the CPU was measured: from T to the end of the wait
    timed_out: bool

    def lateness(self, fraction: float) -> float:
        """Nearest-rank percentile over every expected message; one that never came is inf."""
        if not self.expected_ids:
            return math.inf
        return percentile(
            (self.first_receipts.get(pk, math.inf) for pk in self.expected_ids), fraction
        )

    @property
    def received(self) -> int:
        return len(self.first_receipts.keys() & self.expected_ids)

    @property
    def missing(self) -> int:
        return len(self.expected_ids - self.first_receipts.keys())

    @property
    def first(self) -> float:
        return min(self.first_receipts.values(), default=math.nan)

    @property
    def last(self) -> float:
        return max(self.first_receipts.values(), default=math.nan)


def next_minute(after: float) -> datetime:
    moment = datetime.fromtimestamp(after, UTC)
    return moment.replace(second=0, microsecond=0) + timedelta(minutes=1)


def run_minute(
    args: argparse.Namespace,
    config: PoolConfig,
    scenario: Scenario,
    env: dict,
    var_dir: Path,
    receiver,
    due_candidates: list,
) -> Minute:
    """Start the workers, make the due schedules due at the next minute T, tick at T, and wait
    for every message at the receiver, with the push service behaving as `scenario` says."""
    from django.db import connections

    from reminders.models import ReminderDelivery
    from reminders.pipeline import tick

    flush_redis(env["REDIS_URL"])
    receiver.delay = scenario.delay
    receiver.fail_at_random(0, 0)
    print(f"  {scenario}", flush=True)
    print(f"  {args.workers} workers, pool {config}: starting ...", flush=True)
    workers = start_workers(args.workers, config, args.queue, env, var_dir)
    try:
        wait_until_ready(workers)
        check_workers(
            workers,
            receiver,
            [schedule.user for schedule in due_candidates],
            args.workers * max(2, config.concurrency),
        )
        due_at = next_minute(time.time() + args.lead)
        # They were picked awake an hour or more from their quiet hours; make_due checks it.
        due = due_candidates[: args.due]
        make_due(due, due_at)
        sql("ANALYZE habits_reminderschedule")
        wait = due_at.timestamp() - time.time()
        print(
            f"  {len(due):,} schedules due at {due_at:%H:%M:%S} UTC, in {wait:.1f} s ...",
            flush=True,
        )
        if wait < 1:
            raise RuntimeError("the set-up of the minute ran past its due time: raise --lead")
        time.sleep(wait)
        receiver.fail_at_random(
            scenario.rate_429, scenario.rate_500, scenario.retry_after, seed=args.seed
        )

        sessions_before = database_sessions()
        before = cpu_snapshot()
        measured_from = time.monotonic()
        timings: dict[str, float] = {}
        with timed_pipeline(timings, send=True):
            started = time.time()
            result = tick()
            tick_seconds = time.time() - started
        print(
            f"  tick: {result.deliveries:,} written, {result.enqueued:,} queued "
            f"in {tick_seconds:.2f} s",
            flush=True,
        )
        expected = set(ReminderDelivery.objects.filter(due_at=due_at).values_list("pk", flat=True))
        timed_out = wait_for_messages(receiver, workers, expected, due_at, args.timeout)
        after = cpu_snapshot()
        cpu_seconds = time.monotonic() - measured_from
        sessions = database_sessions() - sessions_before
        # The row is marked sent just after the push service answers; give the last ones time.
        deadline = time.monotonic() + 30
        while (
            ReminderDelivery.objects.filter(
                due_at=due_at, state__in=("pending", "sending")
            ).exists()
            and time.monotonic() < deadline
        ):
            time.sleep(0.2)
        states = Counter(
            ReminderDelivery.objects.filter(due_at=due_at).values_list("state", flat=True)
        )
    finally:
        stop_workers(workers)
    connections.close_all()

    due_ts = due_at.timestamp()
    first_receipts: dict[int, float] = {}
    duplicates = 0
    for message in receiver.messages:
        pk = message.payload.get("id")
        if pk in first_receipts:
            duplicates += 1
        else:
            first_receipts[pk] = message.received_at - due_ts
    worker_pids = {worker.process.pid for worker in workers}
    receiver.fail_at_random(0, 0)
    minute = Minute(
        config=config,
        scenario=scenario,
        due_at=due_at,
        tick_started=started - due_ts,
        tick_seconds=tick_seconds,
        claim_seconds=timings["claim_due_schedules"],
        enqueue_seconds=timings["enqueue_due_deliveries"],
        sessions=sessions,
        written=result.deliveries,
        enqueued=result.enqueued,
        expected_ids=expected,
        first_receipts=first_receipts,
        duplicates=duplicates,
        rejected=len(receiver.rejected),
        states=states,
        cores=minute_cores(before, after, worker_pids) if before and after else {},
        cpu_seconds=cpu_seconds,
        timed_out=timed_out,
    )
    receiver.clear()
    clear_deliveries()
    return minute


def wait_for_messages(receiver, workers: list[Worker], expected: set, due_at, timeout) -> bool:
    """Wait until every expected delivery reached the receiver; True if it timed out.

    Meanwhile the requeue runs in this process every REMINDER_REQUEUE_EVERY_SECONDS, as beat
    and the ticker worker would have it run: it queues the retries after a 429 or a 500.
    """
    from django.conf import settings

    from reminders.pipeline import requeue

    due_ts = due_at.timestamp()
    requeue_every = settings.REMINDER_REQUEUE_EVERY_SECONDS
    next_requeue = time.monotonic() + requeue_every
    report_every, next_report = 10.0, 10.0
    last_count, last_progress = -1, time.monotonic()
    while True:
        # Distinct reminders: a duplicate must not stand in for one that is missing.
        count = len({message.payload.get("id") for message in receiver.messages} & expected)
        now = time.time()
        if count >= len(expected):
            return False
        if count != last_count:
            last_count, last_progress = count, time.monotonic()
        if now - due_ts >= next_report:
            print(f"    {now - due_ts:5.0f} s after T: {count:,} received", flush=True)
            next_report += report_every
        if now - due_ts > timeout:
            print(f"    gave up after {timeout:.0f} s", flush=True)
            return True
        # Past the longest backoff (300 s before a fifth attempt): a reminder that failed four
        # times in a row is late, not lost.
        if time.monotonic() - last_progress > NO_PROGRESS_SECONDS:
            print(f"    nothing arrived for {NO_PROGRESS_SECONDS} s: giving up", flush=True)
            return True
        for worker in workers:
            if worker.process.poll() is not None:
                print(f"    a worker exited ({worker.process.returncode})", flush=True)
                return True
        if time.monotonic() >= next_requeue:
            requeue()
            next_requeue += requeue_every
        time.sleep(0.25)


def minute_cores(
    before: CpuSnapshot, after: CpuSnapshot, worker_pids: set[int]
) -> dict[str, float]:
    """Cores used between two snapshots by the workers (with their pool's children),
    PostgreSQL, this process (the tick and the receiver), Redis and anything else.

    Celery closes the database connection after every task, so most PostgreSQL backends live
    for one task: they are counted through their parent (harness.ticks_by_group).
    """
    workers = with_children([before, after], worker_pids)

    def group(pid: int, name: str) -> str | None:
        if pid in workers:
            return "workers"
        if name == "postgres":
            return "postgres"
        if pid == os.getpid():
            return "bench"
        if name.startswith("redis"):
            return "redis"
        return None

    groups = ("workers", "postgres", "bench", "redis")
    return cores_used(before, after, ticks_by_group(before, after, group, groups))


# ----------------------------------------------------------------------------- report


def print_scaling(costs: list[TickCost], small_due: int) -> tuple[float, float, float]:
    """Print phase A; return the large/small ratios of the median tick time, of its median CPU
    time, and of the fastest tick (the least disturbed by anything else on the machine)."""
    print()
    print(f"Phase A: the tick for the same {small_due:,} due schedules, by total schedules")
    print(
        f"{'total schedules':>16} {'tick ms':>9} {'claim ms':>9} {'enqueue ms':>11} "
        f"{'tick ms min..max':>18} {'CPU ms':>8} {'written/queued':>15}"
    )
    for cost in costs:
        counts = ", ".join(f"{written:,}/{queued:,}" for written, queued in sorted(cost.counts))
        print(
            f"{cost.total_schedules:>16,} {statistics.median(cost.tick_ms):>9.1f} "
            f"{statistics.median(cost.claim_ms):>9.1f} {statistics.median(cost.enqueue_ms):>11.1f} "
            f"{min(cost.tick_ms):>8.1f}..{max(cost.tick_ms):<8.1f} "
            f"{statistics.median(cost.cpu_ms):>8.1f} {counts:>15}"
        )
    print(
        f"(medians of {len(costs[0].tick_ms)} ticks after one warm-up tick; CPU is this "
        "process and its PostgreSQL backend, in 10 ms steps)"
    )
    small, large = costs[0], costs[-1]
    return (
        statistics.median(large.tick_ms) / statistics.median(small.tick_ms),
        statistics.median(large.cpu_ms) / statistics.median(small.cpu_ms),
        min(large.tick_ms) / min(small.tick_ms),
    )


def print_minute(minute: Minute, args: argparse.Namespace, users: int, schedules: int) -> None:
    expected = len(minute.expected_ids)
    print()
    print(
        f"Phase B, {minute.scenario}:\n  {expected:,} due at {minute.due_at:%H:%M} UTC; "
        f"{users:,} users, {schedules:,} schedules; {args.workers} workers, pool "
        f"{minute.config}; {os.cpu_count()} CPUs"
    )
    rows = [
        ("tick called, after T", f"{minute.tick_started:.3f} s"),
        (
            "claim + enqueue (the tick)",
            f"{minute.tick_seconds:.2f} s  ({minute.written:,} written, "
            f"{minute.enqueued:,} queued)",
        ),
        (
            "  of which claim, enqueue",
            f"{minute.claim_seconds:.2f} s, {minute.enqueue_seconds:.2f} s",
        ),
        ("first receipt, after T", f"{minute.first:.2f} s"),
        ("last receipt, after T", f"{minute.last:.2f} s"),
    ]
    span = minute.last - minute.first
    p99 = minute.lateness(0.99)
    rows += [
        (
            "deliveries/s, first to p99",
            f"{0.99 * expected / (p99 - minute.first):.1f}" if p99 > minute.first else "n/a",
        ),
        (
            "deliveries/s, first to last",
            f"{minute.received / span:.1f}" if span > 0 else "n/a",
        ),
        (
            "deliveries/s, T to last",
            f"{minute.received / minute.last:.1f}" if minute.last > 0 else "n/a",
        ),
    ]
    for label, fraction in (("p50", 0.50), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)):
        rows.append((f"lateness {label}", f"{minute.lateness(fraction):.2f} s"))
    states = ", ".join(f"{state} {count:,}" for state, count in sorted(minute.states.items()))
    rows += [
        (
            "received / expected",
            f"{minute.received:,} / {expected:,}"
            + ("  (gave up waiting for the rest)" if minute.timed_out else ""),
        ),
        ("duplicates, missing", f"{minute.duplicates}, {minute.missing}"),
        ("refused by the receiver", f"{minute.rejected}"),
        ("PostgreSQL sessions ended", f"{minute.sessions:,} (T to last receipt)"),
        ("delivery states", states or "none"),
    ]
    if minute.cores:
        rows.append(
            (
                "cores used, T to last",
                "  ".join(f"{group} {used:.2f}" for group, used in minute.cores.items()),
            )
        )
        if minute.received and minute.last > 0:
            # Less sensitive than the rates to whatever else the machine was doing.
            per_delivery = {
                group: minute.cores[group] * minute.cpu_seconds / minute.received * 1000
                for group in ("workers", "postgres", "bench")
            }
            rows.append(
                (
                    "CPU ms per delivery",
                    "  ".join(f"{group} {ms:.1f}" for group, ms in per_delivery.items()),
                )
            )
    for label, value in rows:
        print(f"  {label:<28} {value}")


def worker_cpu_ms(minute: Minute) -> float:
    """The workers' CPU from T to the end of the wait, per reminder received."""
    if not minute.cores or not minute.received:
        return math.nan
    return minute.cores["workers"] * minute.cpu_seconds / minute.received * 1000


def print_verdicts(
    minutes: list[Minute],
    ratios: tuple[float, float, float] | None,
    crypto: tuple[float, float],
    args: argparse.Namespace,
) -> None:
    encrypt_ms, sign_ms = crypto
    print()
    print(
        f"The physical limit, in this process: encrypting one message {encrypt_ms:.3f} ms of "
        f"CPU; signing a VAPID token {sign_ms:.3f} ms (once per push service per 11 hours)"
    )
    print()
    print("Targets:")
    for minute in minutes:
        where = f" [{minute.scenario.name}, pool {minute.config}]"
        complete = (
            minute.missing == 0
            and minute.duplicates == 0
            and minute.states.get("sent", 0) == len(minute.expected_ids) == args.due
        )
        verdict(
            minute.tick_seconds <= ENQUEUE_TARGET_SECONDS,
            f"claim + enqueue of {minute.enqueued:,}: {minute.tick_seconds:.2f} s "
            f"<= {ENQUEUE_TARGET_SECONDS:g} s{where}",
        )
        verdict(
            complete,
            f"every one of {args.due:,} sent once: {minute.received:,} received, "
            f"{minute.duplicates} duplicates, {minute.states.get('sent', 0):,} sent{where}",
        )
        if minute.scenario.delay > 0:
            p99 = minute.lateness(0.99)
            verdict(
                p99 <= P99_LATENESS_TARGET_SECONDS,
                f"p99 lateness {p99:.1f} s <= {P99_LATENESS_TARGET_SECONDS:g} s{where}",
            )
        else:
            cpu = worker_cpu_ms(minute)
            p99 = minute.lateness(0.99)
            rate = 0.99 * args.due / (p99 - minute.first) if p99 > minute.first else math.nan
            verdict(
                cpu <= WORKER_CPU_MS_TARGET,
                f"worker CPU {cpu:.2f} ms per delivery <= {WORKER_CPU_MS_TARGET:g} ms "
                f"({rate:.0f} deliveries/s; encryption alone {encrypt_ms:.3f} ms){where}",
            )
    if ratios is not None:
        ratio, cpu_ratio, fastest_ratio = ratios
        verdict(
            ratio <= SCALING_RATIO_TARGET,
            f"tick time {args.users * args.schedules_per_user:,} / {args.small:,} schedules: "
            f"{ratio:.2f} <= {SCALING_RATIO_TARGET:g} (its CPU time: {cpu_ratio:.2f}; "
            f"fastest ticks: {fastest_ratio:.2f})",
        )


def crypto_cost(receiver, count: int = 2000) -> tuple[float, float]:
    """CPU ms to encrypt one reminder for a subscription, and to sign one VAPID token."""
    from pywebpush import WebPusher

    from reminders.models import PushSubscription
    from reminders.push import encode_payload, vapid_key, vapid_public_key

    info = receiver.new_subscription(vapid_public_key())
    subscription = PushSubscription(
        endpoint=info["endpoint"], p256dh=info["keys"]["p256dh"], auth=info["keys"]["auth"]
    )
    data = encode_payload({"title": "How is your back today?", "body": "x" * 120, "tag": "r1"})
    started = time.process_time()
    for _ in range(count):
        WebPusher(subscription.info()).encode(data, "aes128gcm")
    encrypt = (time.process_time() - started) / count * 1000
    claims = {"aud": receiver.origin, "sub": "mailto:bench@example.com", "exp": 2**31 - 1}
    started = time.process_time()
    for _ in range(count // 10):
        vapid_key().sign(dict(claims))
    sign = (time.process_time() - started) / (count // 10) * 1000
    return encrypt, sign


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C and SIGTERM both unwind through the finally blocks: workers stopped, DB dropped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    rng = random.Random(args.seed)
    broker_url = redis_url(args.redis, args.redis_db)
    var_dir = Path(tempfile.mkdtemp(prefix="backcare-bench-reminders-"))
    receiver = None
    # The workers import the code when they start, minutes after this process did.
    version = code_version()
    try:
        print(f"Code: {version}")
        print(f"Creating database {args.database} ...", flush=True)
        with bench_database(args.postgres, args.database) as database_url:
            env = bench_environment(
                database_url, broker_url, args.queue, var_dir, args.conn_max_age
            )
            os.environ.update(env)
            flush_redis(broker_url)
            setup_django_with_vapid_key(database_url)
            from django.db import connections
            from django.utils import timezone

            from reminders.models import PushSubscription, ReminderSchedule
            from reminders.push import vapid_public_key
            from tests.support.push_receiver import PushReceiver

            receiver = PushReceiver()
            try:
                today = timezone.now().date()
                window_start = timezone.now() + NOT_DUE_AFTER

                # Phase A: the same due work over ever more schedules.
                costs = []
                started = time.perf_counter()
                print(f"Loading {args.small:,} mothers, one schedule each ...", flush=True)
                users = create_users(0, args.small, rng, today)
                create_schedules(users, PURPOSES[0], rng, window_start)
                analyze()
                due_at = timezone.now().replace(second=0, microsecond=0)
                small_due = pick_due(
                    ReminderSchedule.objects.select_related("user__profile").order_by("id"),
                    args.small_due,
                    due_at,
                )
                if not args.skip_scaling:
                    make_due(small_due, due_at)
                    print(f"  measuring the tick ({args.repeats} + 1 warm-up) ...", flush=True)
                    costs.append(measure_tick_cost(small_due, due_at, args.repeats))

                print(f"Loading {args.users - args.small:,} more mothers ...", flush=True)
                for start in range(args.small, args.users, 10 * INSERT_BATCH):
                    stop = min(start + 10 * INSERT_BATCH, args.users)
                    more = create_users(start, stop, rng, today)
                    create_schedules(more, PURPOSES[0], rng, window_start)
                    users += more
                analyze()
                if not args.skip_scaling:
                    print("  measuring the tick ...", flush=True)
                    costs.append(measure_tick_cost(small_due, due_at, args.repeats))

                for purpose in PURPOSES[1 : args.schedules_per_user]:
                    print(f"Loading one more schedule ({purpose}) per mother ...", flush=True)
                    for start in range(0, len(users), 10 * INSERT_BATCH):
                        create_schedules(
                            users[start : start + 10 * INSERT_BATCH], purpose, rng, window_start
                        )
                    analyze()
                    if not args.skip_scaling:
                        print("  measuring the tick ...", flush=True)
                        costs.append(measure_tick_cost(small_due, due_at, args.repeats))
                total_schedules = ReminderSchedule.objects.count()
                print(f"  set-up and phase A took {time.perf_counter() - started:.0f} s")

                # Phase B: the minute. Mothers awake at the time, one schedule each, rotating
                # over the purposes, each with a phone subscribed to the receiver.
                soon = next_minute(time.time() + args.lead)
                awake = {
                    user.pk: index
                    for index, user in enumerate(users)
                    if awake_at(user.profile.time_zone, soon)
                }
                awake = dict(list(awake.items())[: args.due])
                candidates = sorted(
                    (
                        schedule
                        for schedule in ReminderSchedule.objects.select_related(
                            "user__profile"
                        ).filter(user_id__in=list(awake))
                        if schedule.purpose
                        == PURPOSES[awake[schedule.user_id] % args.schedules_per_user]
                    ),
                    key=lambda schedule: schedule.user_id,
                )
                if len(candidates) < args.due:
                    raise RuntimeError(f"only {len(candidates):,} mothers awake at {soon}")
                print(f"Subscribing {len(candidates):,} phones to the receiver ...", flush=True)
                key = vapid_public_key()
                subscriptions = []
                for schedule in candidates:
                    info = receiver.new_subscription(key)
                    subscriptions.append(
                        PushSubscription(
                            user_id=schedule.user_id,
                            endpoint=info["endpoint"],
                            p256dh=info["keys"]["p256dh"],
                            auth=info["keys"]["auth"],
                        )
                    )
                PushSubscription.objects.bulk_create(subscriptions, batch_size=INSERT_BATCH)
                analyze()

                minutes = []
                for config in args.pools:
                    for scenario in scenarios_of(args):
                        minutes.append(
                            run_minute(args, config, scenario, env, var_dir, receiver, candidates)
                        )
                crypto = crypto_cost(receiver)
            finally:
                receiver.close()
                connections.close_all()

            ratios = print_scaling(costs, args.small_due) if costs else None
            for minute in minutes:
                print_minute(minute, args, len(users), total_schedules)
            print_verdicts(minutes, ratios, crypto, args)
            version_now = code_version()
            if version_now == version:
                print(f"\nCode: {version}")
            else:
                print(
                    f"\nWARNING: the code changed during the run (from {version} to "
                    f"{version_now}): the tick and the workers may have run different code."
                )
            print(f"\nDropping database {args.database}.")
    finally:
        flush_redis(broker_url)
        shutil.rmtree(var_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
