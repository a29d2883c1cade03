"""The production stack as real processes, for the tests that walk it: PostgreSQL and Redis,
gunicorn and every Procfile process, started as `make run-production` starts them.

`make run-production` runs the processes under honcho, which stops them all when one ends; here
each runs on its own, from the same list (config.run_production.production_processes) in the
same environment (production_environment) after the same preparation, so a test can stop and
start one kind at a time.

Needs the PostgreSQL server of DATABASE_URL and the Redis server of REDIS_URL: the tests skip
without them, and fail in CI. Each stack gets a database of its own (named after DATABASE_URL's,
with a suffix, dropped afterwards), a Redis database of its own (TEST_STACK_REDIS_DB, 9 unless
set) with queue names of its own, and free ports (from TEST_STACK_PORTS, `8350-8369`, if set).
"""

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from config.run_production import production_environment, production_processes
from tests.support.require import require

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


# -- the servers ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Servers:
    postgres_url: str  # DATABASE_URL, whose server (and name, as a prefix) the stacks use
    redis_url: str  # on REDIS_URL's server, in a database of the stacks' own


def require_servers() -> Servers:
    """PostgreSQL and Redis, as DATABASE_URL and REDIS_URL name them; skip (fail in CI) if
    either is missing or does not answer."""
    database_url = os.environ.get("DATABASE_URL", "")
    redis_url = os.environ.get("REDIS_URL", "")
    require(database_url.startswith(("postgres://", "postgresql://")), "needs DATABASE_URL")
    require(redis_url.startswith("redis://"), "needs REDIS_URL")
    import psycopg
    import redis

    try:
        psycopg.connect(maintenance_url(database_url), connect_timeout=3).close()
    except psycopg.Error as e:
        require(False, f"PostgreSQL does not answer: {e}")
    parsed = urllib.parse.urlsplit(redis_url)
    stack_redis = parsed._replace(path=f"/{os.environ.get('TEST_STACK_REDIS_DB', '9')}").geturl()
    try:
        redis.Redis.from_url(stack_redis, socket_connect_timeout=3).ping()
    except redis.RedisError as e:
        require(False, f"Redis does not answer: {e}")
    return Servers(database_url, stack_redis)


def maintenance_url(database_url: str) -> str:
    return urllib.parse.urlsplit(database_url)._replace(path="/postgres").geturl()


@contextlib.contextmanager
def new_database(servers: Servers, purpose: str) -> Iterator[str]:
    """A new, empty database named after DATABASE_URL's, dropped afterwards; yields its URL."""
    import psycopg
    from psycopg import sql

    parsed = urllib.parse.urlsplit(servers.postgres_url)
    name = f"{parsed.path.lstrip('/')}_{purpose}_{secrets.token_hex(3)}"
    admin = maintenance_url(servers.postgres_url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield parsed._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def free_port() -> int:
    ports = os.environ.get("TEST_STACK_PORTS", "")
    candidates = range(int(ports.split("-")[0]), int(ports.split("-")[1]) + 1) if ports else [0]
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind((HOST, port))
            except OSError:
                continue
            return sock.getsockname()[1]
    raise RuntimeError(f"No free port in {ports}")


# -- the stack --------------------------------------------------------------------------------


def stack_environment(
    servers: Servers, database_url: str, folder: Path, vapid_private_pem: str, **extra: str
) -> dict[str, str]:
    """The environment of a production deployment on this machine, as the README lists it."""
    port = free_port()
    inherited = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST", "CELERY_", "PROMETHEUS_", "VAPID_"))
    }
    env = {
        **inherited,
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": HOST,
        "DATABASE_URL": database_url,
        "REDIS_URL": servers.redis_url,
        "SITE_URL": f"http://{HOST}:{port}",
        "VAPID_PRIVATE_KEY": vapid_private_pem.strip().replace("\n", "\\n"),
        "VAPID_SUBJECT": "mailto:ops@example.org",
        # A file per email, for the test to read the sign-up link from.
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(folder / "emails"),
        "DEFAULT_FROM_EMAIL": "Backcare <noreply@example.org>",
        # Plain HTTP on the loopback: TLS belongs to the reverse proxy in a real deployment.
        "SECURE_SSL_REDIRECT": "false",
        # The local push service (tests/push_receiver.py) listens on http://127.0.0.1.
        "PUSH_ALLOW_LOOPBACK": "true",
        "CELERY_QUEUE": f"backcare-{secrets.token_hex(3)}",
        "VAR_DIR": str(folder / "var"),
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "WEB_ACCESS_LOG": "",
        "METRICS_TOKEN": secrets.token_urlsafe(16),
        # Every sign-up and log-in comes from 127.0.0.1, and the counts live in Redis.
        "SIGNUP_THROTTLE_RATE": "1000/hour",
        "AUTH_THROTTLE_RATE": "1000/min",
        "PYTHONUNBUFFERED": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **extra,
    }
    (folder / "var").mkdir(parents=True, exist_ok=True)
    return production_environment(env)


def prepare(env: dict[str, str]) -> subprocess.CompletedProcess:
    """What `make run-production` does before starting the processes."""
    return subprocess.run(
        [sys.executable, "-m", "config.run_production", "prepare"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@dataclass
class Stack:
    """The Procfile's processes, each started and stopped on its own."""

    env: dict[str, str]
    logs: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return self.env["SITE_URL"]

    @property
    def kinds(self) -> list[str]:
        return list(production_processes())

    def start(self, kind: str) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        log = (self.logs / f"{kind}.log").open("ab")
        self.processes[kind] = subprocess.Popen(
            production_processes()[kind],
            shell=True,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def start_all(self) -> None:
        for kind in self.kinds:
            self.start(kind)

    def stop(self, kind: str, timeout: float = 30) -> None:
        """SIGTERM to the process and its children, as a process manager stops them (a
        graceful stop); returns once every one of them has exited."""
        process = self.processes.pop(kind)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout)
        while group_alive(process.pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()

    def stop_all(self) -> None:
        for kind in list(self.processes):
            self.stop(kind)

    def log_tail(self, kind: str, characters: int = 3000) -> str:
        path = self.logs / f"{kind}.log"
        return path.read_text(errors="replace")[-characters:] if path.exists() else ""

    def logs_tail(self) -> str:
        return "\n".join(f"--- {kind}\n{self.log_tail(kind, 1500)}" for kind in self.kinds)


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@contextlib.contextmanager
def running_stack(env: dict[str, str], logs: Path) -> Iterator[Stack]:
    stack = Stack(env, logs)
    try:
        stack.start_all()
        yield stack
    finally:
        stack.stop_all()


def wait_until(condition: Callable[[], bool], timeout: float, what: str, stack=None) -> float:
    """Poll until `condition()` holds; returns the seconds it took."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            tail = stack.logs_tail() if stack is not None else ""
            raise AssertionError(f"Timed out after {timeout} s waiting for {what}\n{tail}")
        time.sleep(0.1)
    return time.monotonic() - started


# -- HTTP, as a browser and as an API client --------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self):
        return json.loads(self.body)

    @property
    def text(self) -> str:
        return self.body.decode()


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """A browser's cookies (its Secure ones too: TLS ends at the proxy in production) or a
    token, against one stack. Raises OSError when nothing answers."""

    def __init__(self, base_url: str, token: str = "") -> None:
        self.base_url = base_url
        self.token = token
        policy = http.cookiejar.DefaultCookiePolicy(secure_protocols=("https", "wss", "http"))
        self.cookies = http.cookiejar.CookieJar(policy)
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def request(
        self, method: str, path: str, body=None, headers: dict | None = None, timeout=15
    ) -> Answer:
        headers = dict(headers or {})
        data = None
        if isinstance(body, dict | list):
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        elif isinstance(body, str):
            data = body.encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        if self.token:
            headers["Authorization"] = f"Token {self.token}"
        elif method not in ("GET", "HEAD"):
            # A session's unsafe requests carry the CSRF token, as the page's script sends it.
            headers.setdefault("X-CSRFToken", self.csrf_token)
            headers.setdefault("Origin", self.base_url)
        request = urllib.request.Request(
            self.base_url + path, data=data, method=method, headers=headers
        )
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Answer(response.status, dict(response.headers), response.read())
        except urllib.error.HTTPError as e:
            return Answer(e.code, dict(e.headers), e.read())

    @property
    def csrf_token(self) -> str:
        return next((cookie.value for cookie in self.cookies if cookie.name == "csrftoken"), "")

    def get(self, path: str, **kwargs) -> Answer:
        return self.request("GET", path, **kwargs)

    def post_form(self, path: str, fields: dict[str, str]) -> Answer:
        """A form as the page posts it, with its CSRF token and Origin."""
        body = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf_token})
        return self.request("POST", path, body)


def healthz(base_url: str) -> tuple[int | None, dict]:
    """(status, problems) of /healthz/; (None, {}) when nothing answers."""
    try:
        answer = Client(base_url).get("/healthz/", timeout=5)
    except OSError:
        return None, {}
    return answer.status, answer.json().get("problems", {})
