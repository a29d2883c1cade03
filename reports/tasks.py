"""Celery tasks: each takes an id, and the work is done by reports.exports."""

from celery import shared_task

from reports import exports


@shared_task(name=exports.MAKE_EXPORT_FILE_TASK)
def make_export_file(job_id: int) -> None:
    exports.run_job(job_id)


@shared_task
def delete_old_exports() -> int:
    """Exports are kept a day for her to download, then deleted: they hold health data."""
    return exports.delete_old_exports()
