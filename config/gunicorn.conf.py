"""gunicorn's settings for the web process of the production stack (`make run-production`):
`gunicorn -c config/gunicorn.conf.py config.wsgi`.

It listens on WEB_HOST (127.0.0.1: behind a reverse proxy on the same machine; 0.0.0.0 for a
load balancer elsewhere) and PORT, with WEB_CONCURRENCY sync workers (about two per core).
With PROMETHEUS_MULTIPROC_DIR set, each worker's metrics live in files there (core.metrics);
a worker that exits has its live gauges dropped, and its counts kept, as they should be.
"""

import multiprocessing
import os

bind = [f"{os.environ.get('WEB_HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"]
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * multiprocessing.cpu_count())
# Requests, with their status and time, on the standard output like the other processes' logs.
accesslog = os.environ.get("WEB_ACCESS_LOG", "-") or None
# The reverse proxy's X-Forwarded-Proto is trusted from these addresses (settings: NUM_PROXIES).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
