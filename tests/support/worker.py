"""Start a real Celery worker process against the test database and broker.

`worker_process` is a fixture: a test folder whose tests need a worker imports it into its
conftest.py.
"""

import contextlib
import itertools
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection


def test_database_url() -> str:
    """The URL of the database the tests are using right now (the test copy, not the real one)."""
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def worker_environment(**overrides: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=test_database_url(),
        CELERY_QUEUE=settings.CELERY_TASK_DEFAULT_QUEUE,
        CELERY_BROKER_DIR=str(settings.CELERY_BROKER_DIR),
        PYTHONUNBUFFERED="1",
        # The tests' push service listens on http://127.0.0.1.
        PUSH_ALLOW_LOOPBACK="true",
    )
    if settings.REDIS_URL:
        env["REDIS_URL"] = settings.REDIS_URL
    env.update(overrides)
    return env


def start_worker(
    log_path: Path, concurrency: int = 1, pool: str = "threads", **env: str
) -> subprocess.Popen:
    """A worker for the default queue (reminder sends), with the pool the Procfile uses."""
    return start_celery(
        log_path,
        ["worker", f"--pool={pool}", f"--concurrency={concurrency}",
         "-Q", settings.CELERY_TASK_DEFAULT_QUEUE, "-n", f"worker{next(_numbers)}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env,
    )  # fmt: skip


def start_exporter(log_path: Path, **env: str) -> subprocess.Popen:
    """The worker of the exports' own queue, as the Procfile's exporter."""
    return start_celery(
        log_path,
        ["worker", "--pool=threads", "--concurrency=1", "-Q", settings.CELERY_EXPORT_QUEUE,
         "-n", f"exporter{next(_numbers)}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env,
    )  # fmt: skip


def start_ticker(log_path: Path, **env: str) -> subprocess.Popen:
    """The worker of the tick's own queue, as the Procfile's ticker."""
    return start_celery(
        log_path,
        ["worker", "--pool=solo", "-Q", settings.CELERY_TICK_QUEUE,
         "-n", f"ticker{next(_numbers)}@%h",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        env,
    )  # fmt: skip


_numbers = itertools.count(1)


def start_beat(log_path: Path, schedule_path: Path, **env: str) -> subprocess.Popen:
    return start_celery(log_path, ["beat", f"--schedule={schedule_path}"], env)


def start_celery(log_path: Path, arguments: list[str], env: dict[str, str]) -> subprocess.Popen:
    """A Celery process in its own process group, so a test can kill it with its pool at once."""
    log = log_path.open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", *arguments, "--loglevel=INFO"],
        cwd=settings.BASE_DIR,
        env=worker_environment(**env),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def kill_now(process: subprocess.Popen) -> None:
    """SIGKILL the process and its children: no clean-up, no acknowledgements."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def stop_process(process: subprocess.Popen, timeout: float = 10) -> None:
    stop_processes([process], timeout)


def stop_processes(processes: list[subprocess.Popen], timeout: float = 10) -> None:
    """SIGTERM to all at once, then up to `timeout` seconds for all of them together (each
    finishes its tasks); SIGKILL for any still running after that."""
    running = [process for process in processes if process.poll() is None]
    for process in running:
        process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + timeout
    for process in running:
        try:
            process.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            kill_now(process)
    for process in processes:
        # A prefork pool's children must not outlive the test.
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(process.pid, signal.SIGKILL)


def wait_for(
    condition: Callable[[], bool], timeout: float, what: str, log_path: Path | None = None
) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    tail = log_path.read_text(errors="replace")[-3000:] if log_path and log_path.exists() else ""
    raise AssertionError(f"Timed out after {timeout}s waiting for {what}.\n{tail}")


def purge_queue() -> None:
    from config.celery import app

    with app.connection_for_write() as conn:
        queues = (
            settings.CELERY_TASK_DEFAULT_QUEUE,
            settings.CELERY_TICK_QUEUE,
            settings.CELERY_EXPORT_QUEUE,
        )
        for queue in queues:
            with contextlib.suppress(Exception):  # a queue that does not exist yet
                conn.default_channel.queue_purge(queue)


@pytest.fixture
def worker_process(transactional_db, tmp_path):
    """A real Celery worker in its own process, on the same broker and database as the test."""
    # A queue that does not exist yet has nothing to purge.
    with contextlib.suppress(Exception):
        purge_queue()
    log_path = tmp_path / "worker.log"
    process = start_worker(log_path)
    process.log_path = log_path
    yield process
    stop_process(process)
