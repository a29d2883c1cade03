"""The production stack, started as `make run-production` starts it, walked as a clinic runs it,
and each kind of process restarted in turn while mothers write and reminders go out.

On PostgreSQL and Redis (skipped without them, failed in CI): gunicorn with two workers and
every Procfile process, real processes. A mother signs up through the emailed link, logs a day
from two clients (her browser session and a token client; conditional writes, merged on 412),
and her phone (the local push service: decrypted, VAPID-checked) gets a reminder; /healthz/ is
200. Then, with writes and reminders in flight (scheduled ones every minute, test ones every
few seconds), each kind of process is stopped as a process manager stops it (SIGTERM), /healthz/
must name it while it is down (the web's absence is no answer at all), and it is started again.
Afterwards: every write a client was told was saved is there, no item twice; every reminder
that came due was sent and reached the phone once (graceful stops lose nothing and send nothing
twice); the metrics, scraped from the multi-process gunicorn, add up every process's counts.

It prints the time to start, each restart's recovery time, and the lost and duplicated counts.
"""

import re
import threading
import time
import uuid
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from tests.production_stack import (
    Client,
    healthz,
    new_database,
    prepare,
    require_servers,
    running_stack,
    stack_environment,
    wait_until,
)
from tests.push_receiver import new_vapid_key_pair, running_receiver

pytestmark = [pytest.mark.slow, pytest.mark.worker]

PASSWORD = "a-long-walk-password-7"
PHONES = 8  # mothers with a phone at the local push service and a reminder every minute
DOWN_SECONDS = 2  # how long each process stays down once /healthz/ has named it
TEST_REMINDER_COOLDOWN = 31  # seconds (reminders.schedules: one test reminder per 30 s)
ZONES = ("UTC", "Asia/Shanghai", "America/New_York", "Asia/Kolkata", "Europe/Berlin",
         "America/Los_Angeles", "Pacific/Auckland", "Asia/Tokyo", "America/Sao_Paulo")  # fmt: skip


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
            return {**EMPTY_DAY, "pain_ratings": [item]}, {"If-None-Match": "*"}
        body = {key: value for key, value in current.items() if key in EMPTY_DAY}
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


EMPTY_DAY = {
    "mood": None, "mood_tags": [], "habits": [], "warning_signs": [], "note": "",
    "pain_ratings": [], "feedings": [], "exercises": [], "medicines": [],
    "sleep_hours": None, "sleep_quality": "", "pain_interference": None,
}  # fmt: skip


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


def test_the_stack_starts_survives_a_restart_of_each_process_and_loses_nothing(tmp_path):
    servers = require_servers()
    keys = new_vapid_key_pair()
    figures: dict[str, str] = {}
    with (
        new_database(servers, "walk") as database_url,
        running_receiver(expected_vapid_key=keys.public_key) as receiver,
    ):
        env = stack_environment(
            servers, database_url, tmp_path, keys.private_pem,
            REMINDER_TICK_SECONDS="10",
            SIGNUP_THROTTLE_RATE="1000/hour", AUTH_THROTTLE_RATE="1000/min",
        )  # fmt: skip
        emails = tmp_path / "emails"
        started = time.monotonic()
        prepared = prepare(env)
        assert prepared.returncode == 0, prepared.stdout[-3000:] + prepared.stderr[-3000:]
        figures["prepare (migrate, catalogue, collectstatic, check)"] = (
            f"{time.monotonic() - started:.1f} s"
        )
        with running_stack(env, tmp_path / "logs") as stack:
            base = stack.base_url
            seen: Counter = Counter()

            def probe() -> tuple[int | None, dict]:
                status, problems = healthz(base)
                seen[status] += 1
                return status, problems

            processes_started = time.monotonic()
            wait_until(lambda: probe()[0] == 200, 90, "/healthz/ 200 at start", stack)
            figures["processes started to /healthz/ 200"] = (
                f"{time.monotonic() - processes_started:.1f} s"
            )
            figures["time to start (prepare + processes)"] = f"{time.monotonic() - started:.1f} s"

            # She signs up through the emailed link and logs in; so do the other mothers.
            zone = daytime_zone()
            browsers = [
                sign_up(base, f"mother{n}@example.org", zone, emails) for n in range(PHONES)
            ]
            clients = [
                Client(base, token_for(base, f"mother{n}@example.org")) for n in range(PHONES)
            ]
            setup_started = datetime.now(UTC)
            for client in clients:
                subscription = receiver.new_subscription(keys.public_key)
                answer = client.request("POST", "/api/v1/push-subscriptions/", subscription)
                assert answer.status == 201, answer.text
                schedule_every_minute(client, zone)
            schedules_from = datetime.now(UTC)

            # A reminder reaches her phone: decrypted, signed with the server's VAPID key.
            first = clients[0].request("POST", "/api/v1/reminders/test/")
            assert first.status == 202, first.text
            [message] = receiver.wait_for(1, timeout=30)
            assert message.payload["id"] == first.json()["id"]
            assert message.vapid_key == keys.public_key
            assert probe() == (200, {})

            # Two clients of hers log days, while every mother gets test reminders.
            stop = threading.Event()
            today = date.fromisoformat(clients[0].get("/api/v1/me/").json()["today"])
            days = [today - timedelta(days=n) for n in range(1, 40)]
            writers = [Writer(browsers[0], days, stop), Writer(clients[0], days, stop)]
            tests = ReminderTaps(clients[1:], stop)
            tests.ids.add(first.json()["id"])
            for thread in (*writers, tests):
                thread.start()
            time.sleep(3)

            for kind in stack.kinds:
                stop_started = time.monotonic()
                stack.stop(kind)

                def named(kind=kind) -> bool:
                    status, problems = probe()
                    return status is None if kind == "web" else kind in problems

                wait_until(named, 30, f"/healthz/ to name {kind}", stack)
                status, problems = probe()
                said = "no answer" if status is None else f"{status} {problems[kind]}"
                figures[f"{kind}: stopped, /healthz/ said"] = (
                    f"{said} ({time.monotonic() - stop_started:.1f} s after SIGTERM)"
                )
                time.sleep(DOWN_SECONDS)
                restarted = time.monotonic()
                stack.start(kind)
                wait_until(lambda: probe()[0] == 200, 90, f"{kind} to recover", stack)
                figures[f"{kind}: recovery (start to /healthz/ 200)"] = (
                    f"{time.monotonic() - restarted:.1f} s"
                )
                time.sleep(1)

            stop.set()
            for thread in (*writers, tests):
                thread.join(90)
            assert not [e for t in (*writers, tests) for e in t.errors], [
                t.errors for t in (*writers, tests)
            ]

            # Every reminder that came due is sent, and reaches the phone.
            def settled() -> bool:
                open_ = query(
                    database_url,
                    "SELECT (SELECT count(*) FROM habits_reminderdelivery "
                    "        WHERE state IN ('pending', 'sending')),"
                    "       (SELECT count(*) FROM habits_reminderschedule "
                    "        WHERE enabled AND next_fire_at <= now())",
                )[0]
                return open_ == (0, 0)

            wait_until(settled, 90, "every due reminder to be sent", stack)
            checked_at = datetime.now(UTC)
            deliveries = query(
                database_url,
                "SELECT id, state, pushed_at IS NOT NULL, schedule_id, slot_at "
                "FROM habits_reminderdelivery",
            )
            pushed = {row[0] for row in deliveries if row[2]}
            wait_until(
                lambda: pushed <= {m.payload["id"] for m in receiver.messages}, 30,
                "every pushed reminder to reach the push service", stack,
            )  # fmt: skip
            received = Counter(m.payload["id"] for m in receiver.messages)

            # The slots of the every-minute schedules that came due while it all happened.
            schedules = query(
                database_url,
                "SELECT id, times FROM habits_reminderschedule WHERE created_at >= %s",
                setup_started,
            )
            written = {(row[3], row[4]) for row in deliveries}
            due_slots = [
                (schedule_id, slot)
                for schedule_id, times in schedules
                for slot in slots_of(times, zone, schedules_from, checked_at)
            ]
            missing_slots = [slot for slot in due_slots if slot not in written]
            unsent = [row for row in deliveries if row[1] not in ("sent", "skipped")]
            unreceived = pushed - set(received)
            not_written_tests = tests.ids - {row[0] for row in deliveries}
            duplicated = sum(count - 1 for count in received.values())

            # Every write a client was told was saved is there, once.
            lost_items, twice = 0, 0
            for day in days:
                answer = clients[0].get(f"/api/v1/days/{day.isoformat()}/")
                ids = (
                    [r["id"] for r in answer.json()["pain_ratings"]] if answer.status == 200 else []
                )
                twice += len(ids) - len(set(ids))
                for writer in writers:
                    lost_items += len(writer.saved[day.isoformat()] - set(ids))
            saved = sum(len(items) for writer in writers for items in writer.saved.values())
            conflicts = sum(writer.statuses[412] for writer in writers)

            # The metrics add up every process's counts: both gunicorn workers, every worker
            # before and after its restart.
            scrape = Client(base).get(
                "/metrics/", headers={"Authorization": f"Bearer {env['METRICS_TOKEN']}"}
            )
            assert scrape.status == 200
            assert Client(base).get("/metrics/").status == 403
            text = scrape.text
            sent_count = sum(1 for row in deliveries if row[1] == "sent")
            sent_metric = metric_values(text, "backcare_reminder_deliveries_total").get(
                '{outcome="sent"}'
            )
            lateness_count = metric_values(text, "backcare_reminder_lateness_seconds_count").get("")
            day_writes = metric_values(text, "backcare_day_writes_total")
            requests = metric_values(text, "backcare_http_requests_total")
            healthz_counted = requests.get('{method="GET",status="200",view="healthz"}', 0)
            puts_counted = sum(v for k, v in requests.items() if 'method="PUT",' in k)
            puts_sent = sum(sum(writer.statuses.values()) for writer in writers)

            figures.update(
                {
                    "mothers signed up by email link": str(PHONES),
                    "day writes saved (two clients)": f"{saved}, {conflicts} merged after 412",
                    "day items lost / stored twice": f"{lost_items} / {twice}",
                    "reminders due and written": f"{len(deliveries)} "
                    f"({len(due_slots)} scheduled slots, {len(tests.ids)} test reminders)",
                    "reminders lost (slot never written / not sent / not received)": (
                        f"{len(missing_slots) + len(not_written_tests)} / {len(unsent)} / "
                        f"{len(unreceived)}"
                    ),
                    "reminders received twice": str(duplicated),
                    "metrics: sent / lateness count / sent in the database": (
                        f"{sent_metric} / {lateness_count} / {sent_count}"
                    ),
                    "metrics: PUTs counted / answered": f"{puts_counted} / {puts_sent}",
                }
            )
            print("\nProduction walk:")
            for name, value in figures.items():
                print(f"  {name:<62} {value}")

            assert saved > 50 and conflicts > 0
            assert (lost_items, twice) == (0, 0)
            assert due_slots and not missing_slots and not not_written_tests
            assert not unsent, unsent
            assert not unreceived
            # Every stop was graceful: a send finished before its worker stopped.
            assert duplicated == 0
            assert sent_metric == sent_count
            assert lateness_count == sent_count
            assert day_writes.get('{outcome="conflict"}', 0) >= conflicts
            # Both gunicorn workers, before and after the web's restart, answered them: one
            # process's count alone would fall short.
            assert puts_counted >= puts_sent
            assert healthz_counted >= seen[200]


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
