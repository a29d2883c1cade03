import os

from celery import Celery
from celery.signals import task_postrun, task_prerun

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("backcare")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_configure.connect
def _make_broker_folders(sender: Celery, **kwargs) -> None:
    # The file-system transport expects its folders to exist before the first message.
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if key in options:
            os.makedirs(options[key], exist_ok=True)


@task_prerun.connect
@task_postrun.connect
def _replace_broken_database_connections(task=None, **kwargs) -> None:
    """Around every task, as Django does around every request: drop a connection that broke
    (the database restarted, a proxy cut it) or outlived DB_CONN_MAX_AGE, and check the others
    before their next use. Without it a worker keeps failing on a dead connection for good."""
    if task is not None and task.request.is_eager:
        return  # run inside the caller (tests): its connection is the caller's to manage
    from django.db import close_old_connections

    close_old_connections()
