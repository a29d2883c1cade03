"""A throwaway copy of the app with the demo account, served as in production (gunicorn,
DEBUG off, collected static files, compression), for scripts that look at the real pages: the
manifest's screenshots (frontend/screenshots/) and the Lighthouse benchmark (tests/bench/).

It lives in its own temporary folder (database, static files, broker), so it touches nothing
of the developer's `var/`. Call `prepare()` before importing anything of Django.
"""

import contextlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_SECONDS = 30


def prepare() -> Path:
    """Point this process at a new, empty data folder and set Django up on it."""
    var = Path(tempfile.mkdtemp(prefix="backcare-site-"))
    os.environ.update(VAR_DIR=str(var), DEBUG="false", DJANGO_SETTINGS_MODULE="config.settings")
    os.environ.pop("DATABASE_URL", None)
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    (var / "static").mkdir()
    call_command("migrate", verbosity=0)
    call_command("load_catalogue", verbosity=0)
    call_command("make_vapid_keys", "--if-missing", verbosity=0)
    call_command("seed_demo", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    return var


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def serving(var: Path) -> Iterator[str]:
    """gunicorn on the prepared folder; yields the site's address, removes the folder after."""
    port = free_port()
    log = (var / "gunicorn.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        cwd=ROOT,
        env=dict(os.environ),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while True:
            try:
                urllib.request.urlopen(f"{url}/login/", timeout=2)
                break
            except OSError as error:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"gunicorn did not start: see {log.name}") from error
                time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
        log.close()
        shutil.rmtree(var, ignore_errors=True)
