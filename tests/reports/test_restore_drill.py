"""The restore drill: back up a running production site, restore it into a new database as a
self-hoster does (README: Running in production), and the restored site serves the same days,
gives the same PDF, and its pushes are still accepted by the phones' push service.

On PostgreSQL and Redis (skipped without them, failed in CI), with the real processes: gunicorn
and a worker for each site, `manage.py backup_site` (pg_dump) and `manage.py restore_site`
(pg_restore) in a shell that loads the backup's secrets.env, as documented. The restored
site's environment starts with a secret and a VAPID key of its own: until the backup's secrets
are loaded, the restore refuses, and a server holding another VAPID key refuses to start.
"""

import subprocess
from datetime import date, timedelta
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from tests.support.days import realistic_day
from tests.support.production_stack import (
    ROOT,
    Client,
    Stack,
    new_database,
    prepare,
    require_servers,
    stack_environment,
    wait_until,
)
from tests.support.production_walk import sign_up, token_for
from tests.support.push_receiver import new_vapid_key_pair, running_receiver

pytestmark = [pytest.mark.slow, pytest.mark.worker]

EMAIL = "restored@example.org"
SECRET_NAMES = ("SECRET_KEY", "VAPID_PRIVATE_KEY", "VAPID_SUBJECT")


def serving(stack: Stack) -> None:
    def answers() -> bool:
        try:
            Client(stack.base_url).get("/healthz/", timeout=5)
        except OSError:
            return False
        return True

    wait_until(answers, 60, "the web to answer", stack)


def shell(command: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """A command as a self-hoster types it, in bash in the project's folder."""
    return subprocess.run(
        ["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=180
    )


def secrets_from(path: Path, env: dict[str, str]) -> dict[str, str]:
    """What `set -a; . secrets.env; set +a` puts in the environment."""
    loaded = shell(f"set -a; . {path}; set +a; env -0", env)
    assert loaded.returncode == 0, loaded.stderr
    values = dict(item.split("=", 1) for item in loaded.stdout.split("\0") if "=" in item)
    return {name: values[name] for name in SECRET_NAMES}


def site_state(client: Client, days: list[date]) -> dict:
    """What the restore must bring back: her days as the API serves them, and her PDF's text."""
    first, last = days[0].isoformat(), days[-1].isoformat()
    listed = client.get(f"/api/v1/days/?from={first}&to={last}")
    assert listed.status == 200, listed.text
    pdf = client.get(f"/api/v1/export/pdf/?from={first}&to={last}")
    assert pdf.status == 200 and pdf.body.startswith(b"%PDF"), pdf.status
    document = pdfium.PdfDocument(pdf.body)
    text = [page.get_textpage().get_text_range() for page in document]
    document.close()
    return {"days": listed.json(), "pdf": text}


def test_a_restored_site_serves_the_same_days_and_pdf_and_its_pushes_are_accepted(tmp_path):
    servers = require_servers()
    keys = new_vapid_key_pair()
    backup = tmp_path / "backup"
    with (
        new_database(servers, "drill") as original_url,
        new_database(servers, "restored") as restored_url,
        running_receiver() as receiver,
    ):
        env = stack_environment(servers, original_url, tmp_path / "original", keys.private_pem)
        prepared = prepare(env)
        assert prepared.returncode == 0, prepared.stdout[-2000:] + prepared.stderr[-2000:]
        original = Stack(env, tmp_path / "original" / "logs")
        try:
            for kind in ("web", "worker"):
                original.start(kind)
            serving(original)
            base = original.base_url
            sign_up(base, EMAIL, "Europe/London", tmp_path / "original" / "emails")
            client = Client(base, token_for(base, EMAIL))
            today = date.fromisoformat(client.get("/api/v1/me/").json()["today"])
            days = [today - timedelta(days=n) for n in (3, 2, 1)]
            for day in days:
                answer = client.request(
                    "PUT", f"/api/v1/days/{day}/", realistic_day(), {"If-None-Match": "*"}
                )
                assert answer.status == 201, answer.text
            # Her phone, subscribed with this server's key: its push service takes no other.
            phone = receiver.new_subscription(keys.public_key)
            assert client.request("POST", "/api/v1/push-subscriptions/", phone).status == 201
            before = site_state(client, days)

            made = shell(f"python manage.py backup_site {backup}", env)
            assert made.returncode == 0, made.stderr
        finally:
            original.stop_all()

        # A new server: its own database, and at first its own secret and VAPID key.
        restored_env = stack_environment(
            servers, restored_url, tmp_path / "restored", new_vapid_key_pair().private_pem
        )
        refused = shell(f"python manage.py restore_site {backup}", restored_env)
        assert refused.returncode != 0
        assert "VAPID key" in refused.stderr and "secrets.env" in refused.stderr

        restored = shell(
            f"set -a; . {backup}/secrets.env; set +a; python manage.py restore_site {backup}",
            restored_env,
        )
        assert restored.returncode == 0, restored.stdout + restored.stderr
        restored_env.update(secrets_from(backup / "secrets.env", restored_env))
        prepared = prepare(restored_env)
        assert prepared.returncode == 0, prepared.stdout[-2000:] + prepared.stderr[-2000:]

        # With another VAPID key, the restored server refuses to start, saying why.
        wrong = {**restored_env, "VAPID_PRIVATE_KEY": new_vapid_key_pair().private_pem}
        for kind in ("web", "worker"):
            stack = Stack(wrong, tmp_path / "wrong-key" / kind)
            stack.start(kind)
            process = stack.processes[kind]
            assert process.wait(90) != 0
            assert "Refusing to start" in stack.log_tail(kind, 20000)
            assert "push subscription(s) were made with the VAPID key" in stack.log_tail(kind)

        second = Stack(restored_env, tmp_path / "restored" / "logs")
        try:
            for kind in ("web", "worker"):
                second.start(kind)
            serving(second)
            client = Client(second.base_url, token_for(second.base_url, EMAIL))
            after = site_state(client, days)
            assert after["days"] == before["days"]
            assert after["pdf"] == before["pdf"]
            # A reminder from the restored site, signed with the restored key, is accepted.
            test = client.request("POST", "/api/v1/reminders/test/")
            assert test.status == 202, test.text
            [message] = receiver.wait_for(1, timeout=60)
            assert message.payload["id"] == test.json()["id"]
            assert message.vapid_key == keys.public_key
            assert not receiver.rejected
        finally:
            second.stop_all()
        size = sum(path.stat().st_size for path in backup.iterdir())
        print(f"\nRestore drill: {len(days)} days and their PDF the same, push accepted; {size} B")
