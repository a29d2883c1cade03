"""Exports run on a queue and a worker of their own (the Procfile's exporter): with real
Celery processes, a reminder goes out while exports wait, and the exporter makes them."""

import contextlib
import time
from datetime import timedelta

import pytest

from reminders.models import ReminderDelivery
from reminders.schedules import send_test_reminder
from reports import exports
from reports.models import ExportJob
from tests.support.export_history import FIRST_DAY, write_known_history
from tests.support.push_receiver import subscribe
from tests.support.worker import purge_queue, start_exporter, start_worker, stop_process, wait_for
from tracker.models import User

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def processes(tmp_path):
    with contextlib.suppress(Exception):
        purge_queue()
    started = []
    log = tmp_path / "processes.log"

    class Processes:
        log_path = log

        def worker(self):
            started.append(start_worker(log))

        def exporter(self):
            started.append(start_exporter(log))

    yield Processes()
    for process in started:
        stop_process(process)


def test_a_reminder_goes_out_while_exports_wait_for_the_exporter(
    catalogue, push_receiver, processes
):
    mother = User.objects.create_user("exports@example.com", "a-long-password-1")
    write_known_history(mother, days=60)
    last = FIRST_DAY + timedelta(days=59)
    jobs = [
        exports.queue_export(mother, export_format, FIRST_DAY, last, "a4")
        for export_format in ("pdf", "csv", "fhir", "json")
    ]
    other = User.objects.create_user("reminded@example.com", "a-long-password-1")
    subscribe(other, push_receiver)
    processes.worker()
    asked = time.monotonic()
    delivery = send_test_reminder(other)
    wait_for(
        lambda: ReminderDelivery.objects.get(pk=delivery.pk).state == "sent",
        timeout=60,
        what="the test reminder",
        log_path=processes.log_path,
    )
    seconds = time.monotonic() - asked
    print(f"reminder sent {seconds:.1f} s after it was asked for (the worker's start included)")
    assert len(push_receiver.wait_for(1)) == 1
    # The reminders' worker never takes an export.
    assert set(ExportJob.objects.values_list("state", flat=True)) == {"queued"}

    processes.exporter()
    wait_for(
        lambda: set(ExportJob.objects.values_list("state", flat=True)) == {"done"},
        timeout=120,
        what="the exporter to make the exports",
        log_path=processes.log_path,
    )
    pdf = ExportJob.objects.get(pk=jobs[0].pk)
    assert bytes(pdf.content).startswith(b"%PDF") and pdf.size == len(bytes(pdf.content))
