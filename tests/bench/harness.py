"""What every benchmark in tests/bench/ shares: a PostgreSQL database of its own, Django set up
on it, CPU readings from /proc, percentiles and the verdict lines.

The scripts run as files (`python tests/bench/bench_day_put.py`), so each puts the project root
on sys.path first and then imports this module as `tests.bench.harness`.

CPU comes from /proc (Linux): /proc/stat for the whole machine, /proc/<pid>/stat for each
process. Elsewhere a snapshot is None, and the figures go without a CPU breakdown.
"""

from __future__ import annotations

import argparse
import io
import math
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


# ----------------------------------------------------------------------------- database


def add_database_options(parser: argparse.ArgumentParser, database: str) -> None:
    """--postgres (the server) and --database (the throw-away database, `database` by default)."""
    parser.add_argument(
        "--postgres",
        default="postgres://postgres@127.0.0.1:5432",
        help="PostgreSQL server URL, without a database name",
    )
    parser.add_argument(
        "--database",
        default=database,
        help="name of the throw-away database (created and dropped by the bench)",
    )


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


def setup_django(database_url: str) -> None:
    """Django in this process on the bench database, DEBUG off and outside PRODUCTION; the
    database migrated and the catalogue loaded."""
    os.environ.update(
        DATABASE_URL=database_url,
        DEBUG="false",
        DJANGO_SETTINGS_MODULE="config.settings",
        LOG_LEVEL="WARNING",
    )
    os.environ.pop("PRODUCTION", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_catalogue", stdout=io.StringIO())  # its counts, whatever the verbosity


# ----------------------------------------------------------------------------- CPU


class ProcessTicks(NamedTuple):
    """One process in /proc/<pid>/stat, CPU in clock ticks."""

    parent: int
    name: str
    own: int  # user + system
    children: int  # user + system of its children that ended and were waited for


@dataclass
class CpuSnapshot:
    """CPU time used so far, in clock ticks: the whole machine, and each process."""

    busy: int
    total: int
    processes: dict[int, ProcessTicks]


def process_ticks(pid: int) -> ProcessTicks | None:
    """The process's line of /proc; None when it is gone or there is no /proc."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            line = stat.read()
    except OSError:
        return None
    # The name is in parentheses and may itself hold spaces or parentheses.
    name = line[line.index("(") + 1 : line.rindex(")")]
    rest = line[line.rindex(")") + 2 :].split()
    # Fields 4 and 14 to 17 of stat(5): ppid; utime, stime, cutime, cstime.
    return ProcessTicks(
        int(rest[1]), name, int(rest[11]) + int(rest[12]), int(rest[13]) + int(rest[14])
    )


def cpu_snapshot() -> CpuSnapshot | None:
    """Read /proc; None where there is none."""
    try:
        with open("/proc/stat") as stat:
            ticks = [int(value) for value in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = ticks[3] + ticks[4]  # idle + iowait
    processes = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and (process := process_ticks(int(entry.name))) is not None:
            processes[int(entry.name)] = process  # one that ended meanwhile is left out
    return CpuSnapshot(busy=sum(ticks) - idle, total=sum(ticks), processes=processes)


def with_children(snapshots: Iterable[CpuSnapshot], parents: set[int]) -> set[int]:
    """These processes and their children, known by their parent in any snapshot."""
    return set(parents) | {
        pid
        for snapshot in snapshots
        for pid, process in snapshot.processes.items()
        if process.parent in parents
    }


def named(snapshot: CpuSnapshot, name: str) -> set[int]:
    """The processes of that name ("postgres": the server and every backend)."""
    return {pid for pid, process in snapshot.processes.items() if process.name == name}


def ticks_used(before: CpuSnapshot, after: CpuSnapshot, pids: set[int]) -> int:
    """Ticks these processes used in between; one that started meanwhile counts from zero,
    one that ended meanwhile is not counted."""
    empty = ProcessTicks(0, "", 0, 0)
    return sum(
        after.processes[pid].own - before.processes.get(pid, empty).own
        for pid in pids
        if pid in after.processes
    )


def ticks_by_group(
    before: CpuSnapshot,
    after: CpuSnapshot,
    group: Callable[[int, str], str | None],
    groups: Iterable[str],
) -> dict[str, int]:
    """Ticks used in between by each group of processes (`group` names a process's, or None).

    A process that ended in between is counted through its parent: its whole life is in its
    parent's children's ticks, less the part it had used before the first snapshot. So a
    server whose connections each live for one task is counted whole.
    """
    used = dict.fromkeys(groups, 0)
    empty = ProcessTicks(0, "", 0, 0)
    for pid, process in after.processes.items():
        if (where := group(pid, process.name)) is not None:
            earlier = before.processes.get(pid, empty)
            used[where] += process.own - earlier.own + process.children - earlier.children
    for pid, process in before.processes.items():
        if pid not in after.processes and (where := group(pid, process.name)) is not None:
            used[where] -= process.own
    return used


def cores_used(before: CpuSnapshot, after: CpuSnapshot, ticks: dict[str, int]) -> dict[str, float]:
    """The ticks each group used in between, as cores, and "others": whatever else ran. On a
    shared machine "others" shows when the figures are skewed."""
    elapsed = after.total - before.total  # ticks of all cores together
    if elapsed <= 0:
        return {}
    cpus = os.cpu_count() or 1
    cores = {group: used / elapsed * cpus for group, used in ticks.items()}
    busy = (after.busy - before.busy) / elapsed * cpus
    cores["others"] = max(0.0, busy - sum(cores.values()))
    return cores


# ----------------------------------------------------------------------------- figures


def percentile(values: Iterable[float], fraction: float) -> float:
    """Nearest-rank percentile of every value: exact, no histogram buckets; nan when none."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[max(1, math.ceil(len(ordered) * fraction)) - 1]


def percentile_ms(values: Iterable[float], fraction: float) -> float:
    """The percentile of values in seconds, in milliseconds."""
    return percentile(values, fraction) * 1000


def verdict(met: bool, text: str) -> bool:
    """Print a target's line, met or missed; return whether it was met."""
    print(f"  {'MET          ' if met else 'TARGET MISSED'}  {text}")
    return met
