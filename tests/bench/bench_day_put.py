"""Benchmark: PUT of a realistic day through gunicorn on PostgreSQL, against a trivial view.

The foundation issue asks for: PUT /api/v1/days/{date}/ with a realistic day, served by the
production web server on PostgreSQL, 2 workers, 20 concurrent clients on loopback, for at least
20 seconds: throughput, p50 and p99; in the same run the same figures for a trivial
authenticated JSON view (GET /api/v1/me/) as the reference. Targets: PUT p99 <= 50 ms and PUT
throughput >= half of the reference's.

What the script does, and undoes even on failure or Ctrl-C:
  1. creates a dedicated PostgreSQL database (never the `test` one), migrates it, loads the
     catalogue and creates one user with an API token per client;
  2. starts gunicorn with the production settings (PRODUCTION=true, DEBUG off) on a free
     loopback port;
  3. runs each scenario: a warm-up that is not counted, then the measured window; every
     client is a closed loop on its own HTTP/1.1 connection, opening a new one whenever the
     server closes it (sync workers close after every response);
  4. prints a table and whether the targets are met, stops gunicorn and drops the database.

Run it with `make bench`, or directly:
    uv run --frozen python tests/bench/bench_day_put.py [--duration 20] [--clients 20] ...

Exit status: 0 targets met, 1 any request failed or the set-up failed, 2 a target was missed.
"""

from __future__ import annotations

import argparse
import asyncio
import copy
import http.client
import io
import json
import math
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
# Run as a file (`python tests/bench/bench_day_put.py`), so the project root is not on the path.
sys.path.insert(0, str(BASE_DIR))

P99_TARGET_MS = 50.0
THROUGHPUT_RATIO_TARGET = 0.5
HOST = "127.0.0.1"
ERROR_SAMPLES = 5
# Above this, something besides the bench competed for the CPU during a measurement.
OTHERS_WARNING_CORES = 0.15


# ----------------------------------------------------------------------------- options


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        formatter_class=argparse.ArgumentDefaultsHelpFormatter,
    )
    parser.add_argument("--duration", type=float, default=20.0, help="measured seconds each")
    parser.add_argument("--warmup", type=float, default=3.0, help="uncounted seconds first")
    parser.add_argument("--clients", type=int, default=20, help="concurrent clients (and users)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument(
        "--worker-class",
        choices=("sync", "gthread"),
        # sync. The work is CPU-bound Python (a PUT spends ~10 ms of CPU against a few ms
        # of waiting on PostgreSQL), so with two cores there is little idle time for threads
        # to fill. Measured here with 20 s runs: gthread with 2 threads per worker gave the
        # same PUT throughput (~145-150 req/s) with a worse tail (p99 220-320 ms against
        # ~180 ms), and 4 threads lost throughput to GIL contention (~115 req/s). gthread
        # also pins each keep-alive connection to the worker that accepted it, so the
        # clients split unevenly; sync workers take the next request from the shared listen
        # queue, which is fair. Their cost is a new TCP connection per request (they do not
        # keep connections alive): that costs the cheap reference ~15% of its throughput. In
        # production a buffering reverse proxy, which terminates TLS anyway, sits in front
        # of them, as gunicorn recommends for sync workers.
        default="sync",
        help="gunicorn worker class",
    )
    parser.add_argument("--threads", type=int, default=2, help="threads per gthread worker")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=600,
        help="DB_CONN_MAX_AGE for the server: seconds a worker keeps its database connection",
    )
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server URL, without a database name",
    )
    parser.add_argument(
        "--database",
        default="backcare_bench",
        help="name of the throw-away database (created and dropped by the bench)",
    )
    parser.add_argument(
        "--dates", type=int, default=7, help="recent dates each client cycles through"
    )
    args = parser.parse_args(argv)
    if not args.database.startswith("backcare_bench"):
        # The database is dropped at the end: refuse any name that could be someone's data.
        parser.error("--database must start with 'backcare_bench'")
    if args.clients < 1 or args.workers < 1 or args.dates < 1 or args.threads < 1:
        parser.error("--clients, --workers, --threads and --dates must be at least 1")
    if args.duration <= 0 or args.warmup < 0:
        parser.error("--duration must be positive and --warmup not negative")
    return args


# ----------------------------------------------------------------------------- database


def admin_connect(postgres_url: str):
    import psycopg

    # CREATE/DROP DATABASE cannot run in a transaction; connect to the maintenance database.
    return psycopg.connect(f"{postgres_url.rstrip('/')}/postgres", autocommit=True)


@contextmanager
def bench_database(postgres_url: str, name: str) -> Iterator[str]:
    """A fresh database for the run, dropped afterwards whatever happens."""
    from psycopg import sql

    with admin_connect(postgres_url) as conn:
        # A run killed with SIGKILL leaves its database behind; the name is ours, so clear it.
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield f"{postgres_url.rstrip('/')}/{name}"
    finally:
        with admin_connect(postgres_url) as conn:
            conn.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def server_environment(database_url: str, var_dir: Path, conn_max_age: int) -> dict[str, str]:
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
    return env


def prepare_data(client_count: int) -> list[str]:
    """Migrate, load the catalogue, create one user per client; return their raw tokens.

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
    for index in range(client_count):
        # No password: hashing 20 Argon2 passwords would only slow the set-up down.
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


def check_stored_days(client_count: int, date_count: int, notes: set[str]) -> list[str]:
    """After the load: every client's days exist, whole, holding one of the bodies it sent."""
    from django.db import connections

    from tracker.models import DayLog

    problems = []
    days = list(DayLog.objects.all())
    if len(days) != client_count * date_count:
        problems.append(f"{len(days)} days stored, expected {client_count * date_count}")
    for day in days:
        counts = (len(day.pain_ratings), len(day.feedings), len(day.exercises))
        if counts != (2, 2, 2) or day.note not in notes:
            problems.append(f"day {day.date} of user {day.user_id} is not a body that was sent")
            break
    connections.close_all()
    return problems


# ----------------------------------------------------------------------------- requests


def day_bodies() -> tuple[dict, dict]:
    """Two versions of one realistic day that differ in scores, minutes and note.

    PUTting them in turn makes every request a real write (rows updated, updated_at moved)
    rather than a replay, which the server answers without writing anything.
    """
    from tests.conftest import realistic_day

    first = realistic_day()
    second = copy.deepcopy(first)
    second["pain_ratings"][0]["score"] = 5
    second["pain_ratings"][1]["score"] = 3
    second["feedings"][0]["minutes"] = 15
    second["note"] = "Slept a little better; the walk helped."
    return first, second


def raw_request(method: str, path: str, port: int, token: str, body: bytes = b"") -> bytes:
    head = [
        f"{method} {path} HTTP/1.1",
        f"Host: {HOST}:{port}",
        f"Authorization: Token {token}",
        "Accept: application/json",
    ]
    if body:
        head += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


def put_requests(port: int, tokens: list[str], date_count: int) -> tuple[list[list[bytes]], set]:
    """Per client: its own recent dates, first with one body, then the other, in a cycle.

    Every (user, date) gets its own item ids, as a phone would generate them; reusing ids on
    another day is refused by the API.
    """
    today = date.today()
    dates = [today - timedelta(days=offset) for offset in range(date_count, 0, -1)]
    per_client, notes = [], set()
    for token in tokens:
        first_lap, second_lap = [], []
        for day in dates:
            first, second = day_bodies()
            notes |= {first["note"], second["note"]}
            path = f"/api/v1/days/{day.isoformat()}/"
            for lap, body in ((first_lap, first), (second_lap, second)):
                encoded = json.dumps(body, separators=(",", ":")).encode()
                lap.append(raw_request("PUT", path, port, token, encoded))
        per_client.append(first_lap + second_lap)
    return per_client, notes


def me_requests(port: int, tokens: list[str]) -> list[list[bytes]]:
    return [[raw_request("GET", "/api/v1/me/", port, token)] for token in tokens]


# ----------------------------------------------------------------------------- server


@contextmanager
def gunicorn(
    args: argparse.Namespace, env: dict[str, str], log_path: Path
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
        "config.wsgi:application",
        f"--bind=fd://{listener.fileno()}",
        f"--workers={args.workers}",
        f"--worker-class={args.worker_class}",
        f"--threads={args.threads if args.worker_class == 'gthread' else 1}",
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
    """One client's HTTP/1.1 connection: send a request, wait for its whole response.

    Written against asyncio's protocol layer instead of a client library because the load
    generator shares two cores with the server and PostgreSQL: the fewer cycles it spends
    per request, the less it skews the figures (it reports its own CPU use). Checked against
    wrk on the same server: it drives GET /api/v1/me/ at least as hard as wrk does.
    """

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.waiter: asyncio.Future | None = None
        self.closed = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(ConnectionError(f"connection lost: {exc or 'closed'}"))

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

    def _complete_response(self) -> tuple[int, bytes, bool] | None:
        end = self.buffer.find(b"\r\n\r\n")
        if end < 0:
            return None
        lines = bytes(self.buffer[:end]).decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length, close = None, False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection":
                close = value.strip().lower() == "close"
            elif name == "transfer-encoding":
                raise ProtocolError("chunked responses are not expected from these views")
        if length is None:
            raise ProtocolError("response without Content-Length")
        total = end + 4 + length
        if len(self.buffer) < total:
            return None
        body = bytes(self.buffer[end + 4 : total])
        del self.buffer[:total]
        return status, body, close

    async def exchange(self, request: bytes) -> tuple[int, bytes, bool]:
        assert self.transport is not None
        self.waiter = asyncio.get_running_loop().create_future()
        self.transport.write(request)
        return await self.waiter

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


@dataclass
class Result:
    name: str
    duration: float
    latencies: list[float] = field(default_factory=list)  # seconds, counted requests only
    statuses: Counter = field(default_factory=Counter)
    errors: int = 0
    error_samples: list[str] = field(default_factory=list)
    # Cores used while measuring, by who used them (see CpuUse); empty off Linux.
    cores: dict[str, float] = field(default_factory=dict)

    def error(self, message: str) -> None:
        self.errors += 1
        if len(self.error_samples) < ERROR_SAMPLES:
            self.error_samples.append(message)

    @property
    def requests(self) -> int:
        return len(self.latencies) + self.errors

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.duration

    def percentile_ms(self, fraction: float) -> float:
        """Nearest-rank percentile of every counted request: exact, no histogram buckets."""
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        rank = max(1, math.ceil(len(ordered) * fraction))
        return ordered[rank - 1] * 1000


async def run_client(
    port: int,
    requests: list[bytes],
    expected: frozenset[int],
    measure_from: float,
    stop_at: float,
    result: Result,
) -> None:
    """A closed-loop client: next request as soon as the previous answer is complete.

    A request counts when its answer completes inside the measured window; its latency runs
    from just before sending (or connecting, when the server closed the previous connection)
    to the last byte of the answer.
    """
    loop = asyncio.get_running_loop()
    connection: HttpConnection | None = None
    sent = 0
    while True:
        started = time.perf_counter()
        if started >= stop_at:
            break
        request = requests[sent % len(requests)]
        sent += 1
        try:
            if connection is None or connection.closed:
                _transport, connection = await loop.create_connection(HttpConnection, HOST, port)
            status, body, close = await connection.exchange(request)
        except (OSError, ProtocolError) as e:
            finished = time.perf_counter()
            if measure_from <= finished < stop_at:
                result.error(f"{type(e).__name__}: {e}")
            if connection is not None:
                connection.close()
            connection = None
            await asyncio.sleep(0.01)  # a dead server must not turn this into a busy loop
            continue
        finished = time.perf_counter()
        if close:
            connection.close()
            connection = None
        if not measure_from <= finished < stop_at:
            continue
        if status in expected:
            result.latencies.append(finished - started)
            result.statuses[status] += 1
        else:
            result.statuses[status] += 1
            result.error(f"HTTP {status}: {body[:300].decode('utf-8', 'replace')}")
    if connection is not None:
        connection.close()


@dataclass
class CpuSnapshot:
    """CPU time used so far, in clock ticks: the whole machine, and each process."""

    busy: int
    total: int
    processes: dict[int, tuple[int, str, int]]  # pid: (parent pid, name, user + system ticks)


def cpu_snapshot() -> CpuSnapshot | None:
    """Read /proc; None where there is none (the figures then go without a CPU breakdown)."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = ticks[3] + ticks[4]  # idle + iowait
    processes = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                line = stat.read()
        except OSError:
            continue  # it ended meanwhile
        # The name is in parentheses and may itself hold spaces or parentheses.
        name = line[line.index("(") + 1 : line.rindex(")")]
        rest = line[line.rindex(")") + 2 :].split()
        processes[int(entry.name)] = (int(rest[1]), name, int(rest[11]) + int(rest[12]))
    return CpuSnapshot(busy=sum(ticks) - idle, total=sum(ticks), processes=processes)


def cores_used(before: CpuSnapshot, after: CpuSnapshot, server_pid: int) -> dict[str, float]:
    """Cores used between two snapshots by gunicorn, PostgreSQL, this load generator, others.

    "others" is whatever else ran: on a shared machine it shows when the figures are skewed.
    """
    elapsed = after.total - before.total  # ticks of all cores together
    if elapsed <= 0:
        return {}
    cpus = os.cpu_count() or 1
    # Its workers, known by their parent at either end (one that lost its master is orphaned).
    server = {server_pid} | {
        pid
        for snapshot in (before, after)
        for pid, (parent, _name, _used) in snapshot.processes.items()
        if parent == server_pid
    }
    groups = {"gunicorn": 0, "postgres": 0, "client": 0}
    for pid, (_parent, name, used) in after.processes.items():
        used -= before.processes.get(pid, (0, "", 0))[2]
        if pid in server:
            groups["gunicorn"] += used
        elif name == "postgres":
            groups["postgres"] += used
        elif pid == os.getpid():
            groups["client"] += used
    cores = {group: used / elapsed * cpus for group, used in groups.items()}
    busy = (after.busy - before.busy) / elapsed * cpus
    cores["others"] = max(0.0, busy - sum(cores.values()))
    return cores


async def run_scenario_async(
    name: str,
    server_pid: int,
    port: int,
    per_client: list[list[bytes]],
    expected: frozenset[int],
    warmup: float,
    duration: float,
) -> Result:
    result = Result(name=name, duration=duration)
    start = time.perf_counter()
    measure_from = start + warmup
    stop_at = measure_from + duration
    clients = [
        asyncio.create_task(run_client(port, requests, expected, measure_from, stop_at, result))
        for requests in per_client
    ]
    # CPU figures cover the measured window only, like the requests.
    await asyncio.sleep(max(0.0, measure_from - time.perf_counter()))
    before = cpu_snapshot()
    await asyncio.sleep(max(0.0, stop_at - time.perf_counter()))
    after = cpu_snapshot()
    await asyncio.gather(*clients)
    if before and after:
        result.cores = cores_used(before, after, server_pid)
    return result


def run_scenario(
    name: str,
    server_pid: int,
    port: int,
    per_client: list[list[bytes]],
    expected: frozenset[int],
    args: argparse.Namespace,
) -> Result:
    print(f"  {name}: {args.warmup:g} s warm-up, {args.duration:g} s measured ...", flush=True)
    return asyncio.run(
        run_scenario_async(name, server_pid, port, per_client, expected, args.warmup, args.duration)
    )


# ----------------------------------------------------------------------------- report


def print_report(reference: Result, put: Result, args: argparse.Namespace) -> bool:
    """Print the figures and the verdicts; return whether every target was met."""
    print()
    header = (
        f"{'scenario':<28} {'requests':>8} {'errors':>6} {'req/s':>7} {'p50 ms':>7} "
        f"{'p99 ms':>7} {'max ms':>7}   {'CPU ms per request':^18}   {'cores used':^27}"
    )
    subheader = (
        " " * 83
        + f"{'gunicorn':>9} {'postgres':>8}   {'gunic':>6}{'pg':>6}{'client':>7}{'other':>6}"
    )
    print(header)
    print(subheader)
    print("-" * len(subheader))
    for result in (reference, put):
        cores = result.cores
        per_request = (
            f"{cores['gunicorn'] / result.throughput * 1000:>9.2f} "
            f"{cores['postgres'] / result.throughput * 1000:>8.2f}"
            if cores and result.throughput
            else f"{'n/a':>9} {'n/a':>8}"
        )
        used = (
            "".join(f"{cores[group]:>6.2f}" for group in ("gunicorn", "postgres"))
            + f"{cores['client']:>7.2f}{cores['others']:>6.2f}"
            if cores
            else f"{'n/a':>25}"
        )
        print(
            f"{result.name:<28} {result.requests:>8} {result.errors:>6} "
            f"{result.throughput:>7.1f} {result.percentile_ms(0.50):>7.2f} "
            f"{result.percentile_ms(0.99):>7.2f} {max(result.latencies, default=0) * 1000:>7.2f}"
            f"   {per_request}   {used}"
        )
    print()
    print(
        f"gunicorn {args.worker_class}, {args.workers} workers"
        + (f" x {args.threads} threads" if args.worker_class == "gthread" else "")
        + f"; {args.clients} clients; DB_CONN_MAX_AGE={args.conn_max_age}; "
        f"{os.cpu_count()} CPUs; {args.duration:g} s measured after {args.warmup:g} s warm-up"
    )
    for result in (reference, put):
        if result.cores and result.cores["others"] > OTHERS_WARNING_CORES:
            print(
                f"WARNING: {result.cores['others']:.2f} cores went to other processes during "
                f"{result.name} (or to processes that ended meanwhile, such as PostgreSQL "
                "backends with DB_CONN_MAX_AGE=0): on a shared machine, run again when quiet."
            )
    statuses = ", ".join(f"{code}: {count}" for code, count in sorted(put.statuses.items()))
    print(f"PUT answers by status: {statuses}")
    for result in (reference, put):
        for sample in result.error_samples:
            print(f"  error in {result.name}: {sample}")

    ratio = put.throughput / reference.throughput if reference.throughput else 0.0
    p99 = put.percentile_ms(0.99)
    verdicts = [
        (f"PUT p99 {p99:.1f} ms <= {P99_TARGET_MS:g} ms", p99 <= P99_TARGET_MS),
        (
            f"PUT throughput {ratio:.2f} x reference >= {THROUGHPUT_RATIO_TARGET:g}",
            ratio >= THROUGHPUT_RATIO_TARGET,
        ),
    ]
    print()
    for text, met in verdicts:
        print(f"  {'MET    ' if met else 'NOT MET'}  {text}")
    return all(met for _text, met in verdicts)


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    # Ctrl-C and SIGTERM both unwind through the finally blocks: gunicorn stopped, DB dropped.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))

    var_dir = Path(tempfile.mkdtemp(prefix="backcare-bench-"))
    # An empty static root keeps WhiteNoise quiet; nothing static is requested.
    (var_dir / "static").mkdir()
    log_path = var_dir / "gunicorn.log"
    try:
        print(f"Creating database {args.database} ...", flush=True)
        with bench_database(args.postgres, args.database) as database_url:
            env = server_environment(database_url, var_dir, args.conn_max_age)
            os.environ.update(env)
            tokens = prepare_data(args.clients)
            print(
                f"Starting gunicorn ({args.worker_class}, {args.workers} workers) ...", flush=True
            )
            with gunicorn(args, env, log_path) as (process, port):
                try:
                    wait_until_ready(process, port, tokens[0], timeout=60)
                    print(f"Load: {args.clients} clients on {HOST}:{port}", flush=True)
                    reference = run_scenario(
                        "GET /api/v1/me/ (reference)",
                        process.pid,
                        port,
                        me_requests(port, tokens),
                        frozenset({200}),
                        args,
                    )
                    put_per_client, notes = put_requests(port, tokens, args.dates)
                    put = run_scenario(
                        "PUT /api/v1/days/{date}/",
                        process.pid,
                        port,
                        put_per_client,
                        frozenset({200, 201}),
                        args,
                    )
                    if process.poll() is not None:
                        raise RuntimeError(f"gunicorn exited during the run ({process.returncode})")
                except BaseException:
                    print(f"--- gunicorn log ({log_path}) ---", file=sys.stderr)
                    print(log_path.read_text(errors="replace")[-4000:], file=sys.stderr)
                    raise
            targets_met = print_report(reference, put, args)
            problems = check_stored_days(args.clients, args.dates, notes)
            for problem in problems:
                print(f"  stored data: {problem}")
            print(f"Dropping database {args.database}.")
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)

    if reference.errors or put.errors or problems:
        print("FAILED: some requests did not succeed; the figures do not count.")
        return 1
    return 0 if targets_met else 2


if __name__ == "__main__":
    sys.exit(main())
