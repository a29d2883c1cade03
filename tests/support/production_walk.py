"""The walk of the production stack (tests/test_production_stack.py): mothers signing up by
the emailed link, her clients writing days, reminders tapped and scheduled, each kind of process
restarted, and the audit of what came out: lost and duplicated days' items and reminders, and
the metrics."""

import re
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings

from tests.support.days import empty_day
from tests.support.production_stack import Client, Stack, healthz, wait_until
from tests.support.push_receiver import PushReceiver, VapidKeyPair

PASSWORD = "a-long-walk-password-7"
PHONES = 8  # mothers with a phone at the local push service and a reminder every minute
DOWN_SECONDS = 2  # how long each process stays down once /healthz/ has named it
TEST_REMINDER_COOLDOWN = 31  # seconds (reminders.schedules: one test reminder per 30 s)
ZONES = ("UTC", "Asia/Shanghai", "America/New_York", "Asia/Kolkata", "Europe/Berlin",
         "America/Los_Angeles", "Pacific/Auckland", "Asia/Tokyo", "America/Sao_Paulo")  # fmt: skip

# The kinds of process /healthz/ names: "web" by not answering at all.
KNOWN_KINDS = {"web", "beat", *settings.CELERY_QUEUE_WORKERS.values()}


def daytime_zone() -> str:
    """A zone where the next quarter of an hour is outside the default quiet hours (22-07)."""
    now = datetime.now(UTC)
    for zone in ZONES:
        local = [(now + timedelta(minutes=m)).astimezone(ZoneInfo(zone)).hour for m in (0, 15)]
        if all(8 <= hour < 21 for hour in local):
            return zone
    raise AssertionError("no zone in daytime")


def sign_up(base_url: str, email: str, zone: str, emails) -> Client:
    """Sign up as she does: the form, the link in the email, her password. Returns her browser."""
    browser = Client(base_url)
    assert browser.get("/signup/").status == 200
    answer = browser.post_form("/signup/", {"email": email, "time_zone": zone, "language": "en"})
    assert answer.status == 302, answer.text[:500]
    link = wait_for_link(emails, email)
    assert browser.get(link).status == 200
    finished = browser.post_form(link, {"password": PASSWORD})
    assert finished.status == 302 and finished.headers["Location"].endswith("/welcome/")
    return browser


def wait_for_link(emails, email: str) -> str:
    """The sign-up link in the email to `email`, from the file-based email backend's folder."""
    pattern = re.compile(r"http://127\.0\.0\.1:\d+(/signup/finish/\S+/)")
    found = []

    def arrived() -> bool:
        for path in emails.glob("*.log") if emails.exists() else []:
            text = path.read_text(errors="replace")
            if f"To: {email}" in text and (match := pattern.search(text)):
                found.append(match.group(1))
                return True
        return False

    wait_until(arrived, 10, f"the sign-up email to {email}")
    return found[0]


def token_for(base_url: str, email: str) -> str:
    answer = Client(base_url).request(
        "POST", "/api/v1/auth/token/", {"email": email, "password": PASSWORD}
    )
    assert answer.status == 201, answer.text
    return answer.json()["token"]


def schedule_every_minute(client: Client, zone: str) -> None:
    """An exercises reminder at each of the next six minutes, her local time."""
    now = datetime.now(ZoneInfo(zone))
    times = [(now + timedelta(minutes=m)).strftime("%H:%M") for m in range(1, 7)]
    answer = client.request(
        "POST",
        "/api/v1/reminders/",
        {"purpose": "exercises", "times": times, "weekdays": list(range(7)),
         "channel": "push", "skip_if_logged": False},
    )  # fmt: skip
    assert answer.status == 201, answer.text


class Writer(threading.Thread):
    """One of her clients logging days as the page's outbox does: each change is one more pain
    rating, sent with the version it was based on; a 412 merges it into the day as it is now
    and sends again; no answer (the web is restarting) sends the same body again."""

    def __init__(self, client: Client, dates: list[date], stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.client, self.dates, self.stop = client, dates, stop
        self.saved: dict[str, set[str]] = {day.isoformat(): set() for day in dates}
        self.statuses: Counter = Counter()
        self.errors: list[str] = []

    def run(self) -> None:
        writes = 0
        while not self.stop.is_set():
            day = self.dates[min(writes // 15, len(self.dates) - 1)].isoformat()
            try:
                self.add_rating(day)
            except Exception as e:  # recorded, and the test fails on it
                self.errors.append(f"{type(e).__name__}: {e}")
                return
            writes += 1
            time.sleep(0.15)

    def add_rating(self, day: str) -> None:
        item = {"id": str(uuid.uuid4()), "score": 3, "time": "12:00", "body_areas": ["lower_back"]}
        current = self.read(day)
        while True:
            body, headers = self.body_with(current, item)
            answer = self.send("PUT", f"/api/v1/days/{day}/", body, headers)
            self.statuses[answer.status] += 1
            if answer.status in (200, 201):
                self.saved[day].add(item["id"])
                return
            if answer.status != 412:
                raise AssertionError(f"PUT {day}: {answer.status} {answer.text[:300]}")
            current = answer.json()["current"]
            if current and any(r["id"] == item["id"] for r in current["pain_ratings"]):
                self.saved[day].add(item["id"])  # an earlier send went through
                return

    @staticmethod
    def body_with(current: dict | None, item: dict) -> tuple[dict, dict]:
        if current is None:
            return {**empty_day(), "pain_ratings": [item]}, {"If-None-Match": "*"}
        body = {key: value for key, value in current.items() if key in empty_day()}
        body["pain_ratings"] = [*current["pain_ratings"], item]
        return body, {"If-Match": f'"{current["version"]}"'}

    def read(self, day: str) -> dict | None:
        answer = self.send("GET", f"/api/v1/days/{day}/")
        return answer.json() if answer.status == 200 else None

    def send(self, method: str, path: str, body=None, headers=None):
        """Again and again while nothing answers (a restart), as the outbox does."""
        deadline = time.monotonic() + 60
        while True:
            try:
                return self.client.request(method, path, body, headers=headers)
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)


class ReminderTaps(threading.Thread):
    """A test reminder for each mother in turn, as often as the app allows, through the API."""

    def __init__(self, clients: list[Client], stop: threading.Event) -> None:
        super().__init__(daemon=True)
        self.clients, self.stop = clients, stop
        self.ids: set[int] = set()
        self.errors: list[str] = []

    def run(self) -> None:
        last = [0.0] * len(self.clients)
        while not self.stop.is_set():
            for index, client in enumerate(self.clients):
                if self.stop.is_set() or time.monotonic() - last[index] < TEST_REMINDER_COOLDOWN:
                    continue
                try:
                    answer = client.request("POST", "/api/v1/reminders/test/")
                except OSError:
                    continue  # the web is restarting: her next tap
                if answer.status != 202:
                    self.errors.append(f"{answer.status} {answer.text[:200]}")
                    continue
                self.ids.add(answer.json()["id"])
                last[index] = time.monotonic()
                time.sleep(TEST_REMINDER_COOLDOWN / len(self.clients))
            time.sleep(0.2)


def query(database_url: str, sql: str, *params) -> list[tuple]:
    import psycopg

    with psycopg.connect(database_url) as connection:
        return connection.execute(sql, params).fetchall()


def metric_values(text: str, name: str) -> dict[str, float]:
    """{labels: value} of one metric in Prometheus's text format."""
    values = {}
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            labels, _space, value = line[len(name) :].rpartition(" ")
            values[labels] = float(value)
    return values


@dataclass
class Walk:
    """One walk of a running stack, and the figures it measures."""

    stack: Stack
    receiver: PushReceiver
    keys: VapidKeyPair
    database_url: str
    emails: Path
    figures: dict[str, str] = field(default_factory=dict)
    seen: Counter = field(default_factory=Counter)  # /healthz/ answers by status

    def probe(self) -> tuple[int | None, dict]:
        status, problems = healthz(self.stack.base_url)
        self.seen[status] += 1
        return status, problems

    def wait_healthy(self, what: str, timeout: float = 90) -> float:
        return wait_until(lambda: self.probe()[0] == 200, timeout, what, self.stack)

    def sign_up_mothers(self) -> None:
        """Each signs up through the emailed link, gets a token, subscribes her phone, and
        sets a reminder for each of the next six minutes."""
        base = self.stack.base_url
        self.zone = daytime_zone()
        mothers = [f"mother{n}@example.org" for n in range(PHONES)]
        self.browsers = [sign_up(base, email, self.zone, self.emails) for email in mothers]
        self.clients = [Client(base, token_for(base, email)) for email in mothers]
        self.setup_started = datetime.now(UTC)
        for client in self.clients:
            subscription = self.receiver.new_subscription(self.keys.public_key)
            answer = client.request("POST", "/api/v1/push-subscriptions/", subscription)
            assert answer.status == 201, answer.text
            schedule_every_minute(client, self.zone)
        self.schedules_from = datetime.now(UTC)

    def first_reminder(self) -> None:
        """A test reminder reaches her phone: decrypted, signed with the server's key."""
        first = self.clients[0].request("POST", "/api/v1/reminders/test/")
        assert first.status == 202, first.text
        [message] = self.receiver.wait_for(1, timeout=30)
        assert message.payload["id"] == first.json()["id"]
        assert message.vapid_key == self.keys.public_key
        self.first_id = first.json()["id"]

    def start_load(self) -> None:
        """Two clients of hers log days; every other mother taps test reminders."""
        self.stop_event = threading.Event()
        today = date.fromisoformat(self.clients[0].get("/api/v1/me/").json()["today"])
        self.days = [today - timedelta(days=n) for n in range(1, 40)]
        self.writers = [
            Writer(self.browsers[0], self.days, self.stop_event),
            Writer(self.clients[0], self.days, self.stop_event),
        ]
        self.taps = ReminderTaps(self.clients[1:], self.stop_event)
        self.taps.ids.add(self.first_id)
        for thread in (*self.writers, self.taps):
            thread.start()

    def stop_load(self) -> None:
        """Once a minute's scheduled reminders have come due during the load (the restarts
        may all fit within one minute), and the tick has had time to claim them."""
        first_slot = self.schedules_from.replace(second=0, microsecond=0) + timedelta(minutes=1)
        time.sleep(max(0.0, (first_slot - datetime.now(UTC)).total_seconds() + 12))
        self.stop_event.set()
        threads = (*self.writers, self.taps)
        for thread in threads:
            thread.join(90)
        assert not [error for thread in threads for error in thread.errors], [
            thread.errors for thread in threads
        ]

    def restart(self, kind: str) -> None:
        """Stop it as a process manager does, see /healthz/ name it, start it, time it."""
        stopped = time.monotonic()
        self.stack.stop(kind)

        def named() -> bool:
            status, problems = self.probe()
            if kind == "web":
                return status is None
            # A process /healthz/ has no name for (settings.CELERY_QUEUE_WORKERS) is named
            # by its queue.
            return kind in problems if kind in KNOWN_KINDS else bool(problems)

        wait_until(named, 30, f"/healthz/ to name {kind}", self.stack)
        status, problems = self.probe()
        said = "no answer" if status is None else f"{status} {problems}"
        self.figures[f"{kind}: stopped, /healthz/ said"] = (
            f"{said} ({time.monotonic() - stopped:.1f} s after SIGTERM)"
        )
        time.sleep(DOWN_SECONDS)
        started = time.monotonic()
        self.stack.start(kind)
        self.wait_healthy(f"{kind} to recover")
        self.figures[f"{kind}: recovery (start to /healthz/ 200)"] = (
            f"{time.monotonic() - started:.1f} s"
        )

    def audit_reminders(self) -> dict:
        """Once every due reminder is sent: what was never written, not sent, not received,
        or received twice."""

        def settled() -> bool:
            return query(
                self.database_url,
                "SELECT (SELECT count(*) FROM habits_reminderdelivery "
                "        WHERE state IN ('pending', 'sending')),"
                "       (SELECT count(*) FROM habits_reminderschedule "
                "        WHERE enabled AND next_fire_at <= now())",
            )[0] == (0, 0)

        wait_until(settled, 90, "every due reminder to be sent", self.stack)
        checked_at = datetime.now(UTC)
        deliveries = query(
            self.database_url,
            "SELECT id, state, pushed_at IS NOT NULL, schedule_id, slot_at "
            "FROM habits_reminderdelivery",
        )
        pushed = {row[0] for row in deliveries if row[2]}
        wait_until(
            lambda: pushed <= {m.payload["id"] for m in self.receiver.messages}, 30,
            "every pushed reminder to reach the push service", self.stack,
        )  # fmt: skip
        received = Counter(message.payload["id"] for message in self.receiver.messages)
        # The slots of the every-minute schedules that came due while it all happened.
        schedules = query(
            self.database_url,
            "SELECT id, times FROM habits_reminderschedule WHERE created_at >= %s",
            self.setup_started,
        )
        written = {(row[3], row[4]) for row in deliveries}
        due_slots = [
            (schedule_id, slot)
            for schedule_id, times in schedules
            for slot in slots_of(times, self.zone, self.schedules_from, checked_at)
        ]
        return {
            "written": len(deliveries),
            "sent": sum(1 for row in deliveries if row[1] == "sent"),
            "due slots": len(due_slots),
            "test reminders": len(self.taps.ids),
            "never written": len([slot for slot in due_slots if slot not in written])
            + len(self.taps.ids - {row[0] for row in deliveries}),
            "not sent": len([row for row in deliveries if row[1] not in ("sent", "skipped")]),
            "not received": len(pushed - set(received)),
            "received twice": sum(count - 1 for count in received.values()),
        }

    def audit_days(self) -> dict:
        """Every item a client was told was saved is there, and none twice."""
        lost, twice = 0, 0
        for day in self.days:
            answer = self.clients[0].get(f"/api/v1/days/{day.isoformat()}/")
            ratings = answer.json()["pain_ratings"] if answer.status == 200 else []
            ids = [rating["id"] for rating in ratings]
            twice += len(ids) - len(set(ids))
            for writer in self.writers:
                lost += len(writer.saved[day.isoformat()] - set(ids))
        return {
            "saved": sum(len(items) for w in self.writers for items in w.saved.values()),
            "conflicts": sum(writer.statuses[412] for writer in self.writers),
            "puts": sum(sum(writer.statuses.values()) for writer in self.writers),
            "lost": lost,
            "twice": twice,
        }

    def scrape(self) -> dict:
        """The metrics of every process, from one scrape of the multi-process gunicorn."""
        base, token = self.stack.base_url, self.stack.env["METRICS_TOKEN"]
        assert Client(base).get("/metrics/").status == 403
        answer = Client(base).get("/metrics/", headers={"Authorization": f"Bearer {token}"})
        assert answer.status == 200
        text = answer.text
        requests = metric_values(text, "backcare_http_requests_total")
        return {
            "sent": metric_values(text, "backcare_reminder_deliveries_total").get(
                '{outcome="sent"}'
            ),
            "lateness count": metric_values(text, "backcare_reminder_lateness_seconds_count").get(
                ""
            ),
            "conflicts": metric_values(text, "backcare_day_writes_total").get(
                '{outcome="conflict"}', 0
            ),
            "puts": sum(value for key, value in requests.items() if 'method="PUT",' in key),
            "healthz 200": requests.get('{method="GET",status="200",view="healthz"}', 0),
        }

    def print_figures(self) -> None:
        print("\nProduction walk:")
        for name, value in self.figures.items():
            print(f"  {name:<66} {value}")


def slots_of(times: list[str], zone: str, after: datetime, until: datetime) -> list[datetime]:
    """The UTC instants of these local times today and tomorrow within (after, until]."""
    slots = []
    local_zone = ZoneInfo(zone)
    for day_offset in (0, 1):
        local_day = (after + timedelta(days=day_offset)).astimezone(local_zone).date()
        for value in times:
            hour, minute = map(int, value.split(":"))
            local = datetime(local_day.year, local_day.month, local_day.day, hour, minute,
                             tzinfo=local_zone)  # fmt: skip
            slot = local.astimezone(UTC)
            if after < slot <= until:
                slots.append(slot)
    return sorted(set(slots))
