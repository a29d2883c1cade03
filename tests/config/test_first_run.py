"""The address `make run` prints is the one the web app answers on.

It is the first thing a newcomer opens. honcho, not the Makefile, decides which port the web
process gets (its own default is 5000), so the printed address and the served one can drift
apart without any test of the app itself noticing.

The test runs the Makefile's own `run` target, with only the web process, on a throwaway
database and a free port, from an environment that holds nothing of the caller's settings.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from tests.support.require import require

BASE_DIR = settings.BASE_DIR
# Starts `make run` and a web server: left out of the fast lane (`make test-fast`).
pytestmark = pytest.mark.slow
BANNER = re.compile(r"Backcare is starting at (http://\S+)")
ANSWER_TIMEOUT = 30.0
STOP_TIMEOUT = 20.0
# A newcomer's shell: enough for make to find python3 with uv, and for uv its cache.
KEPT_VARIABLES = ("PATH", "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TMPDIR")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def clean_environment(var_dir: Path, database_url: str) -> dict[str, str]:
    """No PORT, DATABASE_URL, REDIS_URL, MAKEFLAGS or settings module from CI or `make test`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key in KEPT_VARIABLES or key.startswith("UV_")
    }
    # pytest runs under `uv run`, which puts the project's venv first on PATH; its python3 has
    # no uv, so `make run` from there would fail where a newcomer's shell would not.
    venv_bin = str(Path(sys.prefix) / "bin")
    env["PATH"] = os.pathsep.join(
        entry for entry in env.get("PATH", os.defpath).split(os.pathsep) if entry != venv_bin
    )
    env["VAR_DIR"] = str(var_dir)
    env["DATABASE_URL"] = database_url
    return env


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> str:
    """A migrated SQLite file of its own: never var/db.sqlite3, never a PostgreSQL database."""
    var_dir = tmp_path_factory.mktemp("first-run-db")
    url = f"sqlite:///{var_dir / 'db.sqlite3'}"
    result = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "--verbosity=0"],
        cwd=BASE_DIR,
        env=clean_environment(var_dir, url),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return url


def processes_with(marker: str) -> list[int]:
    """Our own processes whose environment holds `marker`: whatever `make run` started."""
    needle = marker.encode() + b"\0"
    pids = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue  # gone meanwhile, or not ours to read
        if needle in environ:
            pids.append(int(entry.name))
    return pids


def answer_status(address: str) -> int | None:
    """The status of a GET, not following redirects; None when nothing answers."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(address, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:
        return None


def stop(process: subprocess.Popen, marker: str) -> list[int]:
    """Ctrl-C, as a newcomer stops it; return the pids still running after that."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    try:
        process.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    if not Path("/proc").is_dir():
        return []
    # honcho starts each Procfile process in a session of its own, out of reach of a signal to
    # make's group; it stops them itself, and may still be at it when make has exited.
    deadline = time.monotonic() + STOP_TIMEOUT
    while (left := processes_with(marker)) and time.monotonic() < deadline:
        time.sleep(0.2)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return left


@pytest.mark.parametrize("port_from", ["default", "PORT"])
def test_make_run_serves_the_address_it_prints(port_from, database_url, tmp_path):
    require(shutil.which("make") is not None, "make is not installed")
    port = free_port()
    var_dir = tmp_path / "var"
    (var_dir / "static").mkdir(parents=True)
    env = clean_environment(var_dir, database_url)
    # install, build and db are the one-off steps before the start; the fixture migrated the
    # database. PROCESSES=web: the worker and the scheduler have no address to check.
    command = ["make", "-o", "install", "-o", "build", "-o", "db", "run", "PROCESSES=web"]
    if port_from == "PORT":
        env["PORT"] = str(port)
    else:
        # The port used when PORT is unset, moved off 8000, which a running `make run` may
        # hold; PORT itself stays out of the environment.
        command.append(f"DEFAULT_PORT={port}")
    log_path = tmp_path / "make-run.log"
    marker = f"VAR_DIR={var_dir}"

    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        address, status = None, None
        deadline = time.monotonic() + ANSWER_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None:
            if address is None and (match := BANNER.search(log_path.read_text())):
                address = match.group(1)
            if address is not None:
                status = answer_status(address)
                if status is not None and (status == 200 or 300 <= status < 400):
                    break
            time.sleep(0.2)
        output = log_path.read_text()
        assert address is not None, f"`make run` printed no address:\n{output}"
        assert status is not None, f"nothing answered at {address}:\n{output}"
        assert status == 200 or 300 <= status < 400, f"{address} answered {status}:\n{output}"
        # Also a check that the answer came from this server, not one already on port 8000.
        assert address == f"http://127.0.0.1:{port}/", output
        if Path("/proc").is_dir():
            # Otherwise the check for leftovers below could never find any.
            assert processes_with(marker), "the server's processes cannot be found by VAR_DIR"
    finally:
        left = stop(process, marker)
    assert not left, f"processes left running after Ctrl-C: {left}\n{log_path.read_text()}"
