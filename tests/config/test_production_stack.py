"""The production stack, started as `make run-production` starts it, walked as a clinic runs it,
and each kind of process restarted in turn while mothers write and reminders go out.

On PostgreSQL and Redis (skipped without them, failed in CI): gunicorn with two workers and
every Procfile process, real processes. Mothers sign up through the emailed link; one logs
days from two clients (her browser session and a token client; conditional writes, merged on
412), and her phone (the local push service: decrypted, VAPID-checked) gets a reminder;
/healthz/ is 200. Then, with writes and reminders in flight (scheduled ones every minute, test
ones every few seconds), each kind of process is stopped as a process manager stops it
(SIGTERM), /healthz/ must name it while it is down (the web's absence is no answer at all), and
it is started again. Afterwards: every write a client was told was saved is there, no item
twice; every reminder that came due was sent and reached the phone once (graceful stops lose
nothing and send nothing twice); the metrics, scraped from the multi-process gunicorn, add up
every process's counts (tests/production_walk.py).

It prints the time to start, each restart's recovery time, and the lost and duplicated counts.
"""

import time

import pytest

from tests.support.production_stack import (
    new_database,
    prepare,
    require_servers,
    running_stack,
    stack_environment,
)
from tests.support.production_walk import PHONES, Walk
from tests.support.push_receiver import new_vapid_key_pair, running_receiver

pytestmark = [pytest.mark.slow, pytest.mark.worker]


def test_the_stack_starts_survives_a_restart_of_each_process_and_loses_nothing(tmp_path):
    servers = require_servers()
    keys = new_vapid_key_pair()
    with (
        new_database(servers, "walk") as database_url,
        running_receiver(expected_vapid_key=keys.public_key) as receiver,
    ):
        env = stack_environment(
            servers, database_url, tmp_path, keys.private_pem,
            REMINDER_TICK_SECONDS="10",
        )  # fmt: skip
        started = time.monotonic()
        prepared = prepare(env)
        assert prepared.returncode == 0, prepared.stdout[-3000:] + prepared.stderr[-3000:]
        prepare_seconds = time.monotonic() - started
        with running_stack(env, tmp_path / "logs") as stack:
            walk = Walk(stack, receiver, keys, database_url, tmp_path / "emails")
            processes = walk.wait_healthy("/healthz/ 200 at start")
            walk.figures.update({
                "prepare (migrate, catalogue, collectstatic, check --deploy)":
                    f"{prepare_seconds:.1f} s",
                "processes started to /healthz/ 200": f"{processes:.1f} s",
                "time to start (the two together)": f"{time.monotonic() - started:.1f} s",
            })  # fmt: skip

            walk.sign_up_mothers()
            walk.first_reminder()
            assert walk.probe() == (200, {})

            walk.start_load()
            time.sleep(3)
            for kind in stack.kinds:
                walk.restart(kind)
                time.sleep(1)
            walk.stop_load()

            reminders = walk.audit_reminders()
            days = walk.audit_days()
            metrics = walk.scrape()

        walk.figures.update({
            "mothers signed up by the emailed link": str(PHONES),
            "day writes saved by two clients (merged after a 412)":
                f"{days['saved']} ({days['conflicts']})",
            "day items lost / stored twice": f"{days['lost']} / {days['twice']}",
            "reminders written (scheduled slots + test reminders)":
                f"{reminders['written']} "
                f"({reminders['due slots']} + {reminders['test reminders']})",
            "reminders lost: never written / not sent / not received":
                f"{reminders['never written']} / {reminders['not sent']} / "
                f"{reminders['not received']}",
            "reminders received twice": str(reminders["received twice"]),
            "metrics: sent, lateness count (sent in the database)":
                f"{metrics['sent']:.0f}, {metrics['lateness count']:.0f} ({reminders['sent']})",
            "metrics: PUTs counted (answered)": f"{metrics['puts']:.0f} ({days['puts']})",
        })  # fmt: skip
        walk.print_figures()

        assert days["saved"] > 50 and days["conflicts"] > 0
        assert (days["lost"], days["twice"]) == (0, 0)
        assert reminders["due slots"] > 0
        assert (reminders["never written"], reminders["not sent"]) == (0, 0)
        assert reminders["not received"] == 0
        # Every stop was graceful: each send finished before its worker stopped.
        assert reminders["received twice"] == 0
        # One scrape counts every process: both gunicorn workers, before and after the web's
        # restart, and each Celery worker before and after its own.
        assert metrics["sent"] == metrics["lateness count"] == reminders["sent"]
        assert metrics["puts"] >= days["puts"]
        assert metrics["conflicts"] >= days["conflicts"]
        assert metrics["healthz 200"] >= walk.seen[200]
