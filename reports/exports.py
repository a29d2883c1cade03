"""Making an export file of any format, and deciding whether it is made while she waits.

A short export is made in the request; a long one (over about a second of work) by a Celery
worker of its own queue (CELERY_EXPORT_QUEUE, the Procfile's `exporter`), so that exports
never hold up reminders, while her page shows its progress (reports.tasks,
reports.views.export_job). An account starts at most EXPORT_JOB_THROTTLE_RATE jobs, keeps at
most ExportJob.MAX_KEPT_BYTES_PER_USER of files, and each file is deleted a day after it is
made (delete_old_exports, hourly).
"""

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from celery import current_app
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from core import throttles
from reports import backup
from reports.export_csv import render_csv
from reports.export_pdf import render_pdf
from reports.fhir import render_fhir
from reports.models import ExportFormat, ExportJob
from reports.summary import build_summary
from tracker.models import User

MAKE_EXPORT_FILE_TASK = "reports.tasks.make_export_file"
# New export jobs per account (EXPORT_JOB_THROTTLE_RATE).
JOB_SCOPE = "export-job"
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    content_type: str
    extension: str
    # What a day of log costs: tests/bench/bench_exports.py measured about a third of this
    # (0.47 ms a day for the PDF), the rest is a margin for a busier or slower server.
    seconds_per_day: float


KINDS = {
    ExportFormat.PDF: Kind("application/pdf", "pdf", 0.0015),
    ExportFormat.CSV: Kind("text/csv; charset=utf-8", "csv", 0.0012),
    ExportFormat.FHIR: Kind("application/fhir+json", "fhir.json", 0.0004),
    ExportFormat.JSON: Kind("application/json", "json", 0.0009),
}
# Beyond this much estimated work, a worker makes the file and her page shows progress.
WAIT_SECONDS = 1.0


def in_background(export_format: str, start: date, end: date) -> bool:
    days = (end - start).days + 1
    return days * KINDS[export_format].seconds_per_day > WAIT_SECONDS


def filename(export_format: str, start: date, end: date) -> str:
    extension = KINDS[export_format].extension
    if export_format == ExportFormat.JSON:
        return f"backcare-backup-{end.isoformat()}.{extension}"
    return f"backcare-pain-{start.isoformat()}-to-{end.isoformat()}.{extension}"


def make_export(
    user: User,
    export_format: str,
    start: date,
    end: date,
    paper: str = "a4",
    progress: Callable[[int], None] | None = None,
) -> bytes:
    """The file's bytes. `progress` hears a percentage as the work goes on."""
    progress = progress or (lambda percent: None)
    if export_format == ExportFormat.PDF:
        summary = build_summary(user, start, end)
        progress(60)
        return render_pdf(summary, paper, translation.get_language() or "en")
    if export_format == ExportFormat.CSV:
        return render_csv(user, start, end)
    if export_format == ExportFormat.FHIR:
        return render_fhir(user, start, end)
    data = backup.dump(user)
    progress(60)
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=1).encode()


class TooManyExports(Exception):
    """She has started as many exports as an hour allows, or her files kept for download take
    up all the room they have; the message says which, for her."""


def queue_export(user: User, export_format: str, start: date, end: date, paper: str) -> ExportJob:
    """The job that makes this file: the one already waiting or being made for the same file,
    or a new one, queued for a worker once it is committed.

    Raises TooManyExports rather than start a new one past EXPORT_JOB_THROTTLE_RATE (10 an
    hour) or while her kept files take up ExportJob.MAX_KEPT_BYTES_PER_USER: each job is
    seconds to minutes of a worker and megabytes kept for a day.
    """
    language = translation.get_language() or "en"
    same = {"format": export_format, "start_date": start, "end_date": end, "paper": paper}
    with transaction.atomic():
        user.lock()
        waiting = ExportJob.open_for(user).filter(**same, language=language).first()
        if waiting is not None:
            return waiting
        if ExportJob.kept_bytes(user) >= ExportJob.MAX_KEPT_BYTES_PER_USER:
            raise TooManyExports(
                _(
                    "Your files kept for download take up all the room they have. Each is "
                    "deleted a day after it is made: try again then, or choose fewer days."
                )
            )
        if not throttles.allow_for(None, JOB_SCOPE, f"user-{user.pk}"):
            raise TooManyExports(
                _(
                    "You have started as many exports as an hour allows. Wait a while, then "
                    "try again: the files you made are kept for a day."
                )
            )
        job = ExportJob.objects.create(user=user, **same, language=language)
        transaction.on_commit(lambda: queue_job(job.pk))
    return job


def queue_job(job_id: int) -> None:
    """Put a job on the broker for a worker (reports.tasks.make_export_file).

    The task is named, not imported: the tasks module is the thin top that calls this one.
    """
    current_app.send_task(MAKE_EXPORT_FILE_TASK, args=[job_id])


def run_job(job_id: int) -> None:
    """Make the file of a queued job; a job already taken or finished is left alone.

    A job whose worker died (its task comes back, as tasks are acknowledged late) is taken
    again once it has been running for longer than any export takes.
    """
    started = timezone.now()
    takeable = Q(state=ExportJob.State.QUEUED) | Q(
        state=ExportJob.State.RUNNING, started_at__lt=started - ExportJob.ABANDONED_AFTER
    )
    if not ExportJob.objects.filter(takeable, pk=job_id).update(
        state=ExportJob.State.RUNNING, progress=5, started_at=started
    ):
        return
    job = ExportJob.objects.select_related("user__profile").get(pk=job_id)
    try:
        with translation.override(job.language):
            content = make_export(
                job.user, job.format, job.start_date, job.end_date, job.paper, job.set_progress
            )
    except Exception as error:
        ExportJob.objects.filter(pk=job_id).update(
            state=ExportJob.State.FAILED, error=str(error)[:300], finished_at=timezone.now()
        )
        raise
    ExportJob.objects.filter(pk=job_id).update(
        state=ExportJob.State.DONE,
        progress=100,
        content=content,
        size=len(content),
        filename=filename(job.format, job.start_date, job.end_date),
        content_type=KINDS[job.format].content_type,
        finished_at=timezone.now(),
    )


def delete_old_exports() -> int:
    """Delete the jobs and files older than ExportJob.KEEP_FOR; returns how many went."""
    expired = ExportJob.expired()
    size = sum(expired.values_list("size", flat=True))
    deleted = ExportJob.delete_expired()
    if deleted:
        log.info("Deleted %s old exports, %.1f MB of files", deleted, size / 1e6)
    return deleted
