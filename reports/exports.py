"""Making an export file of any format, and deciding whether it is made while she waits.

A short export is made in the request; a long one (over about a second of work) by a Celery
worker, while her page shows its progress (reports.tasks, reports.views.export_job).
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from celery import current_app
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation

from reports import backup
from reports.export_csv import render_csv
from reports.export_pdf import render_pdf
from reports.fhir import render_fhir
from reports.models import ExportFormat, ExportJob
from reports.summary import build_summary
from tracker.models import User

MAKE_EXPORT_FILE_TASK = "reports.tasks.make_export_file"


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


def queue_export(user: User, export_format: str, start: date, end: date, paper: str) -> ExportJob:
    """Ask a worker for the file; the job is queued only once it is committed."""
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=user,
            format=export_format,
            start_date=start,
            end_date=end,
            paper=paper,
            language=translation.get_language() or "en",
        )
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
        filename=filename(job.format, job.start_date, job.end_date),
        content_type=KINDS[job.format].content_type,
        finished_at=timezone.now(),
    )
