"""Benchmark: the conditional PUT of a realistic day, through gunicorn on PostgreSQL.

What it reports, for PUT /api/v1/days/{date}/ with If-Match, each request a real write:
  (a) server CPU per request, against the trivial authenticated view GET /api/v1/me/ (target:
      at most 2x). Method: the utime + stime (/proc/<pid>/stat) of the gunicorn master and all
      its workers, summed, read before and after a fixed number of requests sent open-loop at
      a modest rate (well below saturation, after a warm-up), divided by that number. The
      PostgreSQL backends that serve the bench database (pg_stat_activity) are read the same
      way and reported separately, as is every PostgreSQL process (WAL writer and the like).
      For scale, the same is measured first for gunicorn serving a WSGI app that does nothing.
  (b) latency at an open-loop offered load (150 PUT/s, Poisson arrivals, 30 s; target p99 <=
      50 ms). Each request goes out at its scheduled time whether or not earlier ones have
      finished, on its own connection; latency runs from the scheduled time (so a late client
      cannot hide a slow server: no coordinated omission) and, separately, from the actual send.
  --profile: where a PUT's time goes inside Django, measured in this process on the same
      database and settings (wall and CPU time per phase, then CPU by package and function).

Each PUT writes one of many (user, date) days with a body that differs from the one stored (a
counter in the note and the scores), and sends as If-Match the ETag its previous answer gave
for that day; a 412 or 428 is an error. Afterwards every day stored must be at the version its
last answer gave, holding the last body sent.

What the script does, and undoes even on failure or Ctrl-C:
  1. creates a dedicated PostgreSQL database (never `test` nor `test_test`), migrates it, loads
     the catalogue and creates the users, each with an API token;
  2. starts gunicorn with the production settings (PRODUCTION=true, DEBUG off, sync workers)
     on a free loopback port, and creates every day with If-None-Match: *;
  3. measures (a), then (b), checks the stored days, optionally profiles;
  4. prints the figures and whether the targets are met, stops gunicorn, drops the database.

Run it with `make bench`, or directly:
    uv run --frozen python tests/bench/bench_day_put.py [--rate 150] [--duration 30] ...
A quick run: --cpu-requests 200 --duration 5 --warmup 1.

Exit status: 0 targets met, 1 any request failed or the set-up failed, 2 a target was missed.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import gc
import http.client
import io
import itertools
import json
import os
import pstats
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# Run as a file (`python tests/bench/bench_day_put.py`), so the project root is not on the path.
sys.path.insert(0, str(BASE_DIR))

from tests.bench.harness import (  # noqa: E402
    CLOCK_TICKS,
    CpuSnapshot,
    add_database_options,
    admin_connect,
    bench_database,
    cores_used,
    cpu_snapshot,
    named,
    percentile_ms,
    ticks_used,
    verdict,
    with_children,
)

CPU_RATIO_TARGET = 2.0
P99_TARGET_MS = 50.0
HOST = "127.0.0.1"
ERROR_SAMPLES = 5
REQUEST_TIMEOUT = 10.0
# Above this, something besides the bench competed for the CPU during a measurement.
OTHERS_WARNING_CORES = 0.15
# A client that sends this late (p99) is itself a bottleneck: the figures would flatter.
SEND_LAG_WARNING_MS = 5.0
FLOOR = "gunicorn alone (a no-op WSGI app)"
REFERENCE = "GET /api/v1/me/ (reference)"
PUT = "PUT /api/v1/days/{date}/"


# ----------------------------------------------------------------------------- options


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--rate", type=float, default=150.0, help="(b) offered PUT/s")
    parser.add_argument("--duration", type=float, default=30.0, help="(b) measured seconds")
    parser.add_argument("--warmup", type=float, default=3.0, help="(b) uncounted seconds first")
    parser.add_argument(
        "--cpu-requests", type=int, default=1000, help="(a) measured requests of each kind"
    )
    parser.add_argument(
        "--cpu-rate",
        type=float,
        default=50.0,
        help="(a) requests/s while measuring CPU: modest, so nothing queues",
    )
    parser.add_argument(
        "--profile",
        type=int,
        nargs="?",
        const=500,
        default=0,
        metavar="N",
        help="also profile N PUTs (and N reference GETs) inside Django, in this process",
    )
    parser.add_argument(
        "--no-load", action="store_true", help="skip (a) and (b): with --profile, profile only"
    )
    parser.add_argument("--users", type=int, default=50, help="users, each with a token")
    parser.add_argument("--dates", type=int, default=7, help="recent days each user writes")
    parser.add_argument("--seed", type=int, default=1, help="seed of the arrival times")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync worker processes")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=600,
        help="DB_CONN_MAX_AGE for the server: seconds a worker keeps its database connection",
    )
    parser.add_argument(
        "--server-env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="an extra environment variable for the server (to compare settings)",
    )
    add_database_options(parser, "backcare_bench")
    args = parser.parse_args(argv)
    if not args.database.startswith("backcare_bench"):
        # The database is dropped at the end: refuse any name that could be someone's data.
        parser.error("--database must start with 'backcare_bench'")
    if min(args.users, args.dates, args.workers, args.cpu_requests) < 1 or args.profile < 0:
        parser.error("--users, --dates, --workers and --cpu-requests must be at least 1")
    if min(args.duration, args.rate, args.cpu_rate) <= 0 or args.warmup < 0:
        parser.error("--duration and the rates must be positive, --warmup not negative")
    if any("=" not in item for item in args.server_env):
        parser.error("--server-env takes NAME=VALUE")
    return args


# ----------------------------------------------------------------------------- database


def backend_pids(postgres_url: str, name: str) -> set[int]:
    """The PostgreSQL backends connected to the bench database (the server's, and ours)."""
    with admin_connect(postgres_url) as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))
        return {pid for (pid,) in rows}


def server_environment(
    database_url: str, var_dir: Path, conn_max_age: int, extra: list[str]
) -> dict[str, str]:
    """The environment of a production deployment, pointed at the bench database."""
    env = {
        key: value
        for key, value in os.environ.items()
        # Anything that would change the server under test comes from us, not the caller.
        if key not in ("REDIS_URL", "GUNICORN_CMD_ARGS", "DJANGO_SETTINGS_MODULE")
    }
    env.update(
        PRODUCTION="true",
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(48)[:64],
        ALLOWED_HOSTS=HOST,
        # Loopback HTTP: TLS belongs to the reverse proxy in a real deployment.
        SECURE_SSL_REDIRECT="false",
        # Production refuses to start without a contact push services can reach; none is
        # pushed to here.
        VAPID_SUBJECT="mailto:bench@example.org",
        DATABASE_URL=database_url,
        # Without persistent connections every request would pay for a new PostgreSQL backend.
        DB_CONN_MAX_AGE=str(conn_max_age),
        VAR_DIR=str(var_dir),
        LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="config.settings",
        PYTHONUNBUFFERED="1",
    )
    env.update(item.split("=", 1) for item in extra)
    return env


def prepare_data(user_count: int) -> list[str]:
    """Migrate, load the catalogue, create the users; return their raw tokens.

    Runs in this process with the server's environment already in os.environ, so it sees
    exactly the settings gunicorn will.
    """
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    from tracker.models import ApiToken, User

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_catalogue", stdout=io.StringIO())
    tokens = []
    for index in range(user_count):
        # No password: hashing Argon2 passwords would only slow the set-up down.
        user = User.objects.create_user(
            f"bench{index}@example.com",
            None,
            time_zone="Europe/London",
            baby_birth_date=date.today() - timedelta(days=40),
        )
        _token, raw = ApiToken.issue(user)
        tokens.append(raw)
    # The database is dropped at the end; an open connection from us would block that.
    connections.close_all()
    return tokens


# ----------------------------------------------------------------------------- requests


def raw_request(
    method: str, path: str, port: int, token: str, body: bytes = b"", headers: tuple = ()
) -> bytes:
    head = [
        f"{method} {path} HTTP/1.1",
        f"Host: {HOST}:{port}",
        f"Authorization: Token {token}",
        "Accept: application/json",
        # Sync workers close after every answer anyway; saying so keeps the client simple.
        "Connection: close",
        *headers,
    ]
    if body:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def me_requests(port: int, tokens: list[str]) -> Callable[[], tuple[bytes, None]]:
    """The reference request, for each user in turn."""
    requests = [raw_request("GET", "/api/v1/me/", port, token) for token in tokens]
    turn = itertools.count()
    return lambda: (requests[next(turn) % len(requests)], None)


@dataclass
class Day:
    """One (user, date) a client writes: the body it edits and the version it last got."""

    token: str
    path: str
    body: dict
    version: str | None = None
    edits: int = 0

    def edit(self) -> bytes:
        """The day with one more edit: a new note, scores and minutes, so a new version."""
        self.edits += 1
        n = self.edits
        self.body["note"] = f"Bad night, better after a walk. Edit {n}."
        self.body["pain_ratings"][0]["score"] = n % 11
        self.body["pain_ratings"][1]["score"] = (n * 7) % 11
        self.body["feedings"][0]["minutes"] = 5 + n % 40
        return json.dumps(self.body, separators=(",", ":")).encode()


def make_days(tokens: list[str], date_count: int) -> list[Day]:
    """Every user's recent dates, each with its own item ids, as a phone makes them."""
    from tests.support.days import realistic_day

    today = date.today()
    dates = [today - timedelta(days=offset) for offset in range(date_count, 0, -1)]
    # Date by date, so the days written one after another belong to different users.
    return [
        Day(token, f"/api/v1/days/{day.isoformat()}/", realistic_day())
        for day in dates
        for token in tokens
    ]


class DayPool:
    """Hands out days nobody is writing, and takes them back with their new version.

    Two writes of one day in flight at once would make one of them stale (412): a phone
    sends one at a time, and so does this client.
    """

    def __init__(self, days: list[Day], port: int, create: bool = False) -> None:
        self.total = len(days)
        self.free = deque(days)
        self.port = port
        self.create = create

    def request(self) -> tuple[bytes, Day | None]:
        if not self.free:
            raise ProtocolError(
                f"all {self.total} days had a write in flight: the server fell far behind"
            )
        day = self.free.popleft()
        precondition = "If-None-Match: *" if self.create else f'If-Match: "{day.version}"'
        request = raw_request("PUT", day.path, self.port, day.token, day.edit(), (precondition,))
        return request, day

    def answered(self, day: Day | None, status: int, headers: dict, body: bytes) -> None:
        assert day is not None
        # 412 and 428 name the day's current version too: the next write starts from it.
        etag = headers.get("etag")
        if etag:
            day.version = etag.strip('"')
        self.free.append(day)

    def lost(self, day: Day | None) -> None:
        """No answer: whether it was written is unknown, so ask the server on the next write."""
        assert day is not None
        day.version = "unknown"
        self.free.append(day)


# ----------------------------------------------------------------------------- server


def floor_app(environ, start_response):
    """A WSGI app that does nothing: what gunicorn and TCP cost a request without Django."""
    body = b'{"email":"bench@example.com"}'
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", "29")])
    return [body]


@contextmanager
def gunicorn(
    workers: int, env: dict[str, str], log_path: Path, app: str = "config.wsgi:application"
) -> Iterator[tuple[subprocess.Popen, int]]:
    """Start gunicorn on a free loopback port; yield it and the port; stop it on the way out."""
    import gunicorn as gunicorn_package

    # We bind the socket and hand it over (fd://), so there is no window in which another
    # process could take the port between choosing it and gunicorn binding it.
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind((HOST, 0))
    listener.listen(2048)
    port = listener.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        app,
        f"--bind=fd://{listener.fileno()}",
        f"--workers={workers}",
        # sync: the work is CPU-bound Python with short waits on PostgreSQL, so threads would
        # only contend for the GIL; sync workers also take requests from the shared listen
        # queue, which spreads them fairly. In production a buffering reverse proxy sits in
        # front of them, as gunicorn recommends.
        "--worker-class=sync",
        "--log-level=warning",
    ]
    if gunicorn_package.version_info >= (25, 1):
        # Its default control socket is one path per user: two runs at once would collide.
        command.append("--no-control-socket")
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            pass_fds=(listener.fileno(),),
        )
    listener.close()
    try:
        yield process, port
    finally:
        process.send_signal(signal.SIGTERM)  # graceful: workers finish their request
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(process: subprocess.Popen, port: int, token: str, timeout: float) -> None:
    """Poll the reference view until it answers 200, or fail if gunicorn died or hangs."""
    deadline = time.monotonic() + timeout
    last_error = "no answer"
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with status {process.returncode}")
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        try:
            connection.request("GET", "/api/v1/me/", headers={"Authorization": f"Token {token}"})
            response = connection.getresponse()
            body = response.read()
            if response.status == 200:
                return
            last_error = f"HTTP {response.status}: {body[:200]!r}"
        except OSError as e:
            last_error = str(e)
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError(f"gunicorn did not answer within {timeout:.0f} s ({last_error})")


# ----------------------------------------------------------------------------- load


class ProtocolError(Exception):
    pass


class HttpConnection(asyncio.Protocol):
    """One HTTP/1.1 exchange: send a request, wait for its whole response.

    Written against asyncio's protocol layer instead of a client library because the load
    generator shares the cores with the server and PostgreSQL: the fewer cycles it spends per
    request, the less it skews the figures (it reports its own CPU use, and how late it sent).
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        if self.waiter is not None and not self.waiter.done():
            try:
                response = self._complete_response()
            except (ProtocolError, ValueError):
                response = None
            if response is None:
                self.waiter.set_exception(ConnectionError(f"connection lost: {exc or 'closed'}"))
            else:
                self.waiter.set_result(response)

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if self.waiter is None or self.waiter.done():
            return
        try:
            response = self._complete_response()
        except (ProtocolError, ValueError) as e:
            self.waiter.set_exception(ProtocolError(str(e)))
            return
        if response is not None:
            self.waiter.set_result(response)

    def _complete_response(self) -> tuple[int, dict[str, str], bytes] | None:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        lines = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        if "transfer-encoding" in headers:
            raise ProtocolError("chunked responses are not expected from these views")
        if "content-length" not in headers:
            raise ProtocolError("response without Content-Length")
        total = end + 4 + int(headers["content-length"])
        if len(self.buffer) < total:
            return None
        return status, headers, bytes(self.buffer[end + 4 : total])

    async def exchange(self, request: bytes) -> tuple[int, dict[str, str], bytes]:
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.waiter

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


@dataclass
class Result:
    """The requests of one measurement. Times in seconds, on time.perf_counter()."""

    name: str
    duration: float
    from_scheduled: list[float] = field(default_factory=list)  # successful requests only
    from_sent: list[float] = field(default_factory=list)
    send_lag: list[float] = field(default_factory=list)  # every request
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    # Cores used while measuring, by who used them (see server_cores); empty off Linux.
    cores: dict[str, float] = field(default_factory=dict)
    # CPU ms per request, by process group (see CpuMeter); empty off Linux.
    cpu_ms: dict[str, float] = field(default_factory=dict)

    def error(self, message: str) -> None:
        self.errors += 1
        if len(self.error_samples) < ERROR_SAMPLES:
            self.error_samples.append(message)

    @property
    def requests(self) -> int:
        return len(self.from_scheduled) + self.errors


RequestSource = Callable[[], tuple[bytes, object]]


async def send_one(
    port: int,
    scheduled: float,
    source: RequestSource,
    expected: frozenset[int],
    on_answer: Callable[[object, int, dict, bytes], None] | None,
    on_lost: Callable[[object], None] | None,
    result: Result,
) -> None:
    sent = time.perf_counter()
    result.send_lag.append(sent - scheduled)
    context = None
    connection: HttpConnection | None = None
    try:
        request, context = source()
        _transport, connection = await asyncio.wait_for(
            asyncio.get_running_loop().create_connection(HttpConnection, HOST, port),
            REQUEST_TIMEOUT,
        )
        status, headers, body = await asyncio.wait_for(
            connection.exchange(request), REQUEST_TIMEOUT
        )
    except (OSError, ProtocolError) as e:  # TimeoutError is an OSError
        result.error(f"{type(e).__name__}: {e}")
        if on_lost is not None and context is not None:
            on_lost(context)
        return
    finally:
        if connection is not None:
            connection.close()
    finished = time.perf_counter()
    result.statuses[status] += 1
    if on_answer is not None:
        on_answer(context, status, headers, body)
    if status in expected:
        result.from_scheduled.append(finished - scheduled)
        result.from_sent.append(finished - sent)
    else:
        result.error(f"HTTP {status}: {body[:300].decode('utf-8', 'replace')}")


async def open_loop(
    name: str,
    port: int,
    arrivals: list[float],
    source: RequestSource,
    expected: frozenset[int],
    on_answer: Callable[[object, int, dict, bytes], None] | None = None,
    on_lost: Callable[[object], None] | None = None,
) -> Result:
    """Send a request at each arrival time (seconds from now), whatever the earlier ones do.

    Every request is its own task on its own connection, so a slow answer delays nothing
    else; the scheduled time is kept, so the latency of a request the client sent late still
    counts from when it should have gone.
    """
    result = Result(name=name, duration=arrivals[-1] if arrivals else 0.0)
    loop_start = time.perf_counter()
    tasks = []
    for offset in arrivals:
        scheduled = loop_start + offset
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(
            asyncio.create_task(
                send_one(port, scheduled, source, expected, on_answer, on_lost, result)
            )
        )
    await asyncio.gather(*tasks)
    return result


def poisson_arrivals(rng: random.Random, rate: float, *, count=None, duration=None) -> list:
    """Arrival offsets of a Poisson process (exponential gaps): `count` of them, or all
    within `duration` seconds."""
    arrivals, now = [], 0.0
    while True:
        now += rng.expovariate(rate)
        if (count is not None and len(arrivals) >= count) or (
            duration is not None and now >= duration
        ):
            return arrivals
        arrivals.append(now)


# ----------------------------------------------------------------------------- CPU


def server_cores(before: CpuSnapshot, after: CpuSnapshot, server_pid: int) -> dict[str, float]:
    """Cores used between two snapshots by gunicorn, PostgreSQL, this load generator, others."""
    ticks = {
        "gunicorn": ticks_used(before, after, with_children([before, after], {server_pid})),
        "postgres": ticks_used(before, after, named(after, "postgres")),
        "client": ticks_used(before, after, {os.getpid()}),
    }
    return cores_used(before, after, ticks)


class CpuMeter:
    """utime + stime of the server's processes across a measurement, from /proc/<pid>/stat.

    gunicorn: the master and every worker, summed. pg backends: the PostgreSQL processes
    connected to the bench database (the workers' persistent connections). pg all: every
    PostgreSQL process, which adds the WAL writer, checkpointer and the like.
    """

    def __init__(self, args: argparse.Namespace, server_pid: int) -> None:
        self.args = args
        self.server_pid = server_pid

    def __enter__(self) -> CpuMeter:
        self.backends = backend_pids(self.args.postgres, self.args.database)
        self.before = cpu_snapshot()
        return self

    def __exit__(self, *exc) -> None:
        # The last answer's bytes can reach us a moment before its worker is done with it.
        time.sleep(0.1)
        self.after = cpu_snapshot()
        self.backends |= backend_pids(self.args.postgres, self.args.database)

    def per_request_ms(self, count: int) -> dict[str, float]:
        before, after = self.before, self.after
        if before is None or after is None or count == 0:
            return {}
        ticks = {
            "gunicorn": ticks_used(
                before, after, with_children([before, after], {self.server_pid})
            ),
            "pg backends": ticks_used(before, after, self.backends),
            "pg all": ticks_used(before, after, named(after, "postgres")),
        }
        return {group: used / CLOCK_TICKS / count * 1000 for group, used in ticks.items()}


# ----------------------------------------------------------------------------- scenarios


def run(coroutine):
    return asyncio.run(coroutine)


def create_days(port: int, days: list[Day]) -> Result:
    """Every day, created with If-None-Match: * (201), at a gentle rate; not measured."""
    pool = DayPool(days, port, create=True)
    arrivals = [index / 200 for index in range(len(days))]
    return run(
        open_loop(
            "create", port, arrivals, pool.request, frozenset({201}), pool.answered, pool.lost
        )
    )


def measure_cpu(
    args: argparse.Namespace, port: int, server_pid: int, name: str, source, pool=None
) -> Result:
    """(a): a warm-up, then --cpu-requests requests at --cpu-rate, between two CPU readings."""
    rng = random.Random(args.seed)
    expected = frozenset({200})
    on_answer, on_lost = (pool.answered, pool.lost) if pool else (None, None)
    warmup = poisson_arrivals(rng, args.cpu_rate, count=max(50, args.cpu_requests // 10))
    print(f"  {name}: {len(warmup)} warm-up, then {args.cpu_requests} measured ...", flush=True)
    run(open_loop(name, port, warmup, source, expected, on_answer, on_lost))
    arrivals = poisson_arrivals(rng, args.cpu_rate, count=args.cpu_requests)
    with CpuMeter(args, server_pid) as meter:
        result = run(open_loop(name, port, arrivals, source, expected, on_answer, on_lost))
    result.cpu_ms = meter.per_request_ms(result.requests)
    return result


def measure_latency(args: argparse.Namespace, port: int, server_pid: int, pool: DayPool) -> Result:
    """(b): open-loop PUTs at --rate with Poisson arrivals; a warm-up, then the measurement."""
    rng = random.Random(args.seed + 1)
    name = f"PUT at {args.rate:g}/s"
    print(
        f"  {name}: {args.warmup:g} s warm-up, {args.duration:g} s measured, open loop ...",
        flush=True,
    )
    ok = frozenset({200})
    if args.warmup:
        warmup = poisson_arrivals(rng, args.rate, duration=args.warmup)
        run(open_loop(name, port, warmup, pool.request, ok, pool.answered, pool.lost))
    arrivals = poisson_arrivals(rng, args.rate, duration=args.duration)
    before = cpu_snapshot()
    result = run(open_loop(name, port, arrivals, pool.request, ok, pool.answered, pool.lost))
    after = cpu_snapshot()
    result.duration = args.duration
    if before and after:
        result.cores = server_cores(before, after, server_pid)
    return result


def check_stored_days(days: list[Day]) -> list[str]:
    """Every day is stored at the version its last answer gave, holding the last body sent."""
    from django.db import connections

    from tracker.models import ApiToken, DayLog

    token_hashes = dict(ApiToken.objects.values_list("user_id", "key_hash"))
    stored = {
        (token_hashes[day.user_id], day.date.isoformat()): day for day in DayLog.objects.all()
    }
    problems = []
    if len(stored) != len(days):
        problems.append(f"{len(stored)} days stored, expected {len(days)}")
    for day in days:
        row = stored.get((ApiToken.hash(day.token), day.path.split("/")[-2]))
        if row is None or row.version != day.version or row.note != day.body["note"]:
            problems.append(f"{day.path} is not the last version written")
            break
    connections.close_all()
    return problems


# ----------------------------------------------------------------------------- profile

# The phases of a request inside Django, each timed around the functions that do it (wall and
# CPU time of this thread, excluding any phase nested in it). What none of them covers is the
# WSGI handler, URL routing and DRF's dispatch (its Request, content negotiation, permissions,
# finalizing the response).
PHASES = (
    ("middleware", "middleware hooks (security, session, locale, CSRF...)"),
    ("health", "database health check (SELECT 1: a round trip)"),
    ("auth", "authentication: token + user + profile (1 query)"),
    ("parse", "parsing the JSON body"),
    ("validate", "validating the day (DaySerializer)"),
    ("version", "summary and version (sha256) of the day"),
    ("write", "the conditional UPDATE (autocommit: with its commit)"),
    ("view", "the view's own work (MeView.get)"),
    ("serialize", "serializing the answer"),
    ("render", "rendering it as JSON"),
    ("gc", "Python's cycle collector, wherever it ran"),
)


class PhaseTimer:
    """Times the phases by wrapping the functions that do them; undone on exit."""

    def __init__(self) -> None:
        self.wall: Counter = Counter()
        self.cpu: Counter = Counter()
        self.queries: Counter = Counter()
        self.query_wall: Counter = Counter()
        # Open phases: [phase, started wall, started CPU, nested wall, nested CPU].
        self.stack: list[list] = [["rest", 0.0, 0.0, 0.0, 0.0]]
        self.undo: list[tuple[object, str, object | None]] = []

    def enter(self, phase: str) -> None:
        self.stack.append([phase, time.perf_counter(), time.thread_time(), 0.0, 0.0])

    def leave(self) -> None:
        phase, wall, cpu, nested_wall, nested_cpu = self.stack.pop()
        wall, cpu = time.perf_counter() - wall, time.thread_time() - cpu
        self.wall[phase] += wall - nested_wall
        self.cpu[phase] += cpu - nested_cpu
        self.stack[-1][3] += wall
        self.stack[-1][4] += cpu

    def wrap(self, owner: object, attribute: str, phase: str) -> None:
        original = getattr(owner, attribute)
        timer = self

        def timed(*args, **kwargs):
            timer.enter(phase)
            try:
                return original(*args, **kwargs)
            finally:
                timer.leave()

        # What the owner itself held (None: it inherited it), so exactly that is put back.
        self.undo.append((owner, attribute, vars(owner).get(attribute)))
        setattr(owner, attribute, timed)

    def count_query(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries[self.stack[-1][0]] += 1
            self.query_wall[self.stack[-1][0]] += time.perf_counter() - started

    def collecting(self, phase: str, info: dict) -> None:
        if phase == "start":
            self.enter("gc")
        elif self.stack[-1][0] == "gc":
            self.leave()

    def __enter__(self) -> PhaseTimer:
        from django.conf import settings
        from django.db import connection, connections
        from django.utils.module_loading import import_string
        from rest_framework.renderers import JSONRenderer

        from core.api_parsers import LimitedJSONParser
        from tracker import api, days
        from tracker.authentication import ApiTokenAuthentication
        from tracker.serializers import DaySerializer

        for path in settings.MIDDLEWARE:
            middleware = import_string(path)
            for hook in ("process_request", "process_view", "process_response"):
                if hook in vars(middleware):
                    self.wrap(middleware, hook, "middleware")
        self.wrap(type(connections["default"]), "close_if_health_check_failed", "health")
        self.wrap(ApiTokenAuthentication, "authenticate", "auth")
        self.wrap(LimitedJSONParser, "parse", "parse")
        self.wrap(DaySerializer, "is_valid", "validate")
        self.wrap(days, "new_day", "version")
        self.wrap(days, "update_day", "write")
        self.wrap(api.MeView, "get", "view")
        self.wrap(api.DayView, "_day_response", "serialize")
        self.wrap(JSONRenderer, "render", "render")
        connection.execute_wrappers.append(self.count_query)
        gc.callbacks.append(self.collecting)
        return self

    def __exit__(self, *exc) -> None:
        from django.db import connection

        gc.callbacks.remove(self.collecting)
        connection.execute_wrappers.remove(self.count_query)
        for owner, attribute, original in reversed(self.undo):
            if original is None:
                delattr(owner, attribute)
            else:
                setattr(owner, attribute, original)


def wsgi_environ(method: str, path: str, token: str, body: bytes, headers: dict) -> dict:
    """What gunicorn hands Django for such a request."""
    environ = {
        "REQUEST_METHOD": method,
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": HOST,
        "SERVER_PORT": "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": HOST,
        "HTTP_HOST": HOST,
        "HTTP_AUTHORIZATION": f"Token {token}",
        "HTTP_ACCEPT": "application/json",
        "HTTP_CONNECTION": "close",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(body),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    if body:
        environ.update(CONTENT_TYPE="application/json", CONTENT_LENGTH=str(len(body)))
    environ.update({f"HTTP_{name.upper().replace('-', '_')}": v for name, v in headers.items()})
    return environ


def call_django(application, environ: dict) -> tuple[int, dict, bytes]:
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"] = int(status.split(" ", 1)[0])
        answer["headers"] = {name.lower(): value for name, value in headers}

    iterable = application(environ, start_response)
    try:
        body = b"".join(iterable)
    finally:
        iterable.close()  # request_finished: Django keeps or closes its connection here
    return answer["status"], answer["headers"], body


def profile(count: int, day: Day, me_token: str) -> tuple[dict, dict, str]:
    """Run `count` PUTs of `day` (and as many reference GETs) through Django's WSGI handler.

    Returns per-phase (wall ms, CPU ms, queries, query wall ms) per request for each kind, and
    a cProfile summary of the PUTs. A warm-up first, as in a worker that has served a while.
    """
    from django.core.wsgi import get_wsgi_application
    from django.db import connections

    application = get_wsgi_application()

    def put() -> None:
        headers = {"If-Match": f'"{day.version}"'}
        environ = wsgi_environ("PUT", day.path, day.token, day.edit(), headers)
        status, answer_headers, body = call_django(application, environ)
        if status != 200:
            raise RuntimeError(f"profiled PUT answered {status}: {body[:300]!r}")
        day.version = answer_headers["etag"].strip('"')

    def me() -> None:
        status, _headers, body = call_django(
            application, wsgi_environ("GET", "/api/v1/me/", me_token, b"", {})
        )
        if status != 200:
            raise RuntimeError(f"profiled GET answered {status}: {body[:300]!r}")

    figures = {}
    for name, send in (("PUT", put), ("GET /me/", me)):
        for _ in range(max(20, count // 10)):
            send()
        with PhaseTimer() as timer:
            wall, cpu = time.perf_counter(), time.thread_time()
            for _ in range(count):
                send()
            total_wall, total_cpu = time.perf_counter() - wall, time.thread_time() - cpu
        phases = {
            phase: (
                timer.wall[phase] / count * 1000,
                timer.cpu[phase] / count * 1000,
                timer.queries[phase] / count,
                timer.query_wall[phase] / count * 1000,
            )
            for phase, _label in PHASES
            if phase in timer.wall or phase in timer.queries
        }
        rest = (
            (total_wall - sum(timer.wall.values())) / count * 1000,
            (total_cpu - sum(timer.cpu.values())) / count * 1000,
            timer.queries["rest"] / count,
            timer.query_wall["rest"] / count * 1000,
        )
        phases["rest"] = rest
        phases["total"] = (
            total_wall / count * 1000,
            total_cpu / count * 1000,
            sum(timer.queries.values()) / count,
            sum(timer.query_wall.values()) / count * 1000,
        )
        figures[name] = phases

    profiler = cProfile.Profile(time.thread_time)  # CPU: waiting on PostgreSQL is not work here
    profiler.enable()
    for _ in range(count):
        put()
    profiler.disable()
    connections.close_all()
    return figures["PUT"], figures["GET /me/"], cprofile_summary(profiler, count)


def cprofile_summary(profiler: cProfile.Profile, count: int, top: int = 12) -> str:
    """CPU self time by package, then the functions with the most, per request.

    cProfile slows Python calls down a lot, so read the shares, not the milliseconds.
    """
    stats = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    stdlib = sysconfig.get_paths()["stdlib"]
    by_package: Counter = Counter()
    functions: Counter = Counter()
    for (filename, line, function), (_cc, _nc, self_time, _cum, _callers) in stats.items():
        if filename.startswith("~") or filename.startswith("<"):
            package = "built-ins (C)"
        elif "site-packages" in filename:
            package = filename.split("site-packages/")[1].split("/")[0]
        elif filename.startswith(str(BASE_DIR)):
            package = "this project: " + Path(filename).relative_to(BASE_DIR).parts[0]
        elif filename.startswith(stdlib):
            package = "standard library"
        else:
            package = "other"
        if package.startswith("this project: tests"):
            package = "the profiling harness"
        by_package[package] += self_time
        where = Path(filename).name if not filename.startswith("~") else ""
        functions[f"{where}:{line} {function}" if where else function] += self_time
    total = sum(by_package.values())
    lines = ["  CPU self time by package (cProfile, shares of a profiled PUT):"]
    for package, seconds in by_package.most_common():
        if seconds / total >= 0.01:
            lines.append(f"    {seconds / total:6.1%}  {package}")
    lines.append(f"  the {top} functions with most CPU self time (per PUT, under cProfile):")
    for function, seconds in functions.most_common(top):
        lines.append(f"    {seconds / count * 1000:6.3f} ms  {function}")
    return "\n".join(lines)


def print_profile(put: dict, me: dict, summary: str, count: int) -> None:
    print()
    print(f"Inside Django, in this process: {count} requests of each, same settings and database")
    print(
        f"{'phase':<56} {'PUT wall':>8} {'PUT CPU':>8} {'queries':>7}   "
        f"{'GET wall':>8} {'GET CPU':>8} {'queries':>7}"
    )
    print(f"{'':<56} {'ms':>8} {'ms':>8} {'(ms)':>7}   {'ms':>8} {'ms':>8} {'(ms)':>7}")
    print("-" * 112)
    labels = dict(PHASES)
    labels["rest"] = "the rest: WSGI handler, URL routing, DRF dispatch"
    labels["total"] = "total inside Django"
    for phase in (*labels,):
        if phase not in put and phase not in me:
            continue
        cells = []
        for figures in (put, me):
            if phase in figures:
                wall, cpu, queries, query_wall = figures[phase]
                asked = f"{queries:.0f} ({query_wall:.2f})" if queries else ""
                cells.append(f"{wall:>8.3f} {cpu:>8.3f} {asked:>7}")
            else:
                cells.append(f"{'':>8} {'':>8} {'':>7}")
        if phase == "total":
            print("-" * 112)
        print(f"{labels[phase]:<56} {cells[0]}   {cells[1]}")
    print("queries: per request, with their wall time (a round trip to PostgreSQL) in brackets")
    print(summary)


# ----------------------------------------------------------------------------- report


def print_report(
    args: argparse.Namespace,
    floor: Result | None,
    reference: Result | None,
    put_cpu: Result | None,
    put: Result | None,
) -> list[tuple[str, bool]]:
    """Print the figures; return the verdicts."""
    verdicts = []
    if reference and put_cpu:
        print()
        print(
            f"(a) Server CPU per request: {args.cpu_requests} requests of each, open loop at "
            f"{args.cpu_rate:g}/s (Poisson), after a warm-up"
        )
        print(
            "    method: utime+stime from /proc/<pid>/stat of the gunicorn master and its "
            "workers (summed), before and after, / requests;"
        )
        print(
            "    pg backends: the same for the PostgreSQL backends serving the bench database; "
            "pg all: every PostgreSQL process"
        )
        print(
            f"{'request':<34} {'requests':>8} {'errors':>6} {'gunicorn ms':>11} "
            f"{'pg backends ms':>14} {'pg all ms':>9}"
        )
        print("-" * 87)
        for result in (floor, reference, put_cpu):
            if result is None:
                continue
            cpu = result.cpu_ms
            cells = (
                f"{cpu['gunicorn']:>11.2f} {cpu['pg backends']:>14.2f} {cpu['pg all']:>9.2f}"
                if cpu
                else f"{'n/a':>11} {'n/a':>14} {'n/a':>9}"
            )
            print(f"{result.name:<34} {result.requests:>8} {result.errors:>6} {cells}")
        if reference.cpu_ms and put_cpu.cpu_ms and reference.cpu_ms["gunicorn"]:
            ratio = put_cpu.cpu_ms["gunicorn"] / reference.cpu_ms["gunicorn"]
            with_database = sum(put_cpu.cpu_ms[group] for group in ("gunicorn", "pg backends"))
            with_database /= sum(reference.cpu_ms[group] for group in ("gunicorn", "pg backends"))
            print(
                f"{'PUT / reference':<50} {ratio:>10.2f}x"
                f"   (gunicorn + pg backends: {with_database:.2f}x)"
            )
            verdicts.append(
                (
                    f"PUT server CPU {ratio:.2f} x reference <= {CPU_RATIO_TARGET:g}",
                    ratio <= CPU_RATIO_TARGET,
                )
            )
    if put:
        print()
        achieved = len(put.from_scheduled) / put.duration
        print(
            f"(b) Latency, open loop: {args.rate:g} PUT/s offered (Poisson arrivals), "
            f"{args.duration:g} s measured after {args.warmup:g} s warm-up; "
            f"{put.requests} sent, {achieved:.1f}/s answered 200, {put.errors} errors"
        )
        print(f"{'latency, ms':<34} {'p50':>7} {'p90':>7} {'p99':>7} {'p99.9':>7} {'max':>7}")
        print("-" * 74)
        for label, values in (
            ("from the scheduled send time", put.from_scheduled),
            ("from the actual send", put.from_sent),
            ("send lag (actual - scheduled)", put.send_lag),
        ):
            cells = " ".join(
                f"{percentile_ms(values, q):>7.2f}" for q in (0.5, 0.9, 0.99, 0.999, 1.0)
            )
            print(f"{label:<34} {cells}")
        if put.cores:
            used = ", ".join(f"{group} {cores:.2f}" for group, cores in put.cores.items())
            print(f"cores used meanwhile: {used} (of {os.cpu_count()})")
            if put.cores["others"] > OTHERS_WARNING_CORES:
                print(
                    f"WARNING: {put.cores['others']:.2f} cores went to other processes: on a "
                    "shared machine, run again when quiet."
                )
        if percentile_ms(put.send_lag, 0.99) > SEND_LAG_WARNING_MS:
            print("WARNING: the client sent late; latencies from the scheduled time include it.")
        p99 = percentile_ms(put.from_scheduled, 0.99)
        verdicts.append((f"PUT p99 {p99:.1f} ms <= {P99_TARGET_MS:g} ms", p99 <= P99_TARGET_MS))
    print()
    print(
        f"gunicorn sync, {args.workers} workers; DB_CONN_MAX_AGE={args.conn_max_age}; "
        f"{args.users} users x {args.dates} days; {os.cpu_count()} CPUs"
        + (f"; server env: {' '.join(args.server_env)}" if args.server_env else "")
    )
    for result in (floor, reference, put_cpu, put):
        if result is None:
            continue
        statuses = ", ".join(f"{code}: {n}" for code, n in sorted(result.statuses.items()))
        print(f"  {result.name}: answers by status: {statuses}")
        for sample in result.error_samples:
            print(f"    error: {sample}")
    if verdicts:
        print()
    for text, met in verdicts:
        verdict(met, text)
    return verdicts


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C and SIGTERM both unwind through the finally blocks: gunicorn stopped, DB dropped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    var_dir = Path(tempfile.mkdtemp(prefix="backcare-bench-"))
    # An empty static root keeps WhiteNoise quiet; nothing static is requested.
    (var_dir / "static").mkdir()
    log_path = var_dir / "gunicorn.log"
    floor = reference = put_cpu = put = None
    failed: list[Result] = []
    problems: list[str] = []
    try:
        print(f"Creating database {args.database} ...", flush=True)
        with bench_database(args.postgres, args.database) as database_url:
            env = server_environment(database_url, var_dir, args.conn_max_age, args.server_env)
            os.environ.update(env)
            tokens = prepare_data(args.users)
            days = make_days(tokens, args.dates)
            if not args.no_load:
                print("Starting gunicorn with a WSGI app that does nothing ...", flush=True)
                app = "tests.bench.bench_day_put:floor_app"
                with gunicorn(args.workers, env, log_path, app) as (process, port):
                    wait_until_ready(process, port, "", timeout=60)
                    floor = measure_cpu(args, port, process.pid, FLOOR, me_requests(port, [""]))
            print(f"Starting gunicorn (sync, {args.workers} workers) ...", flush=True)
            with gunicorn(args.workers, env, log_path) as (process, port):
                try:
                    wait_until_ready(process, port, tokens[0], timeout=60)
                    print(f"Creating {len(days)} days on {HOST}:{port} ...", flush=True)
                    created = create_days(port, days)
                    if created.errors:
                        failed.append(created)
                        raise RuntimeError(f"creating the days failed: {created.error_samples}")
                    pool = DayPool(days, port)
                    if not args.no_load:
                        reference = measure_cpu(
                            args, port, process.pid, REFERENCE, me_requests(port, tokens)
                        )
                        put_cpu = measure_cpu(args, port, process.pid, PUT, pool.request, pool)
                        put = measure_latency(args, port, process.pid, pool)
                    if process.poll() is not None:
                        raise RuntimeError(f"gunicorn exited during the run ({process.returncode})")
                except BaseException:
                    print(f"--- gunicorn log ({log_path}) ---", file=sys.stderr)
                    print(log_path.read_text(errors="replace")[-4000:], file=sys.stderr)
                    raise
            problems = check_stored_days(days)
            verdicts = print_report(args, floor, reference, put_cpu, put)
            for problem in problems:
                print(f"  stored data: {problem}")
            if args.profile:
                print(f"\nProfiling {args.profile} PUTs and GETs inside Django ...", flush=True)
                put_phases, me_phases, summary = profile(args.profile, days[0], tokens[-1])
                print_profile(put_phases, me_phases, summary, args.profile)
            print(f"\nDropping database {args.database}.")
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)

    failed += [r for r in (floor, reference, put_cpu, put) if r and r.errors]
    if failed or problems:
        print("FAILED: some requests did not succeed; the figures do not count.")
        return 1
    return 0 if all(met for _text, met in verdicts) else 2


if __name__ == "__main__":
    sys.exit(main())
