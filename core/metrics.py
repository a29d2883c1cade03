"""The Prometheus counters and histograms the app keeps as it works, all in one place (the
README lists them with what to alert on).

Each is written by whichever process does the work: a gunicorn worker for requests and day
writes, a Celery worker for reminders. With PROMETHEUS_MULTIPROC_DIR in the environment
(`make run-production` sets it), prometheus_client keeps them in files there, one per process,
and the scrape (config/metrics.py) adds every process's up; without it, in this process's
memory. What is a state rather than a count (the tick's age, queue depth, export jobs, the
heartbeats) is not kept here: it is read from the database and Redis when scraped.
"""

import os

from prometheus_client import Counter, Histogram

# prometheus_client writes each process's metrics there from the first one defined below: a
# command run in the production environment before `make run-production` made the folder
# (a backup, say) must not fail for want of it.
if multiprocess_folder := os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.makedirs(multiprocess_folder, exist_ok=True)

# HTTP methods a client may send anything as: any other is counted as "other", so a made-up
# method cannot make up new series.
METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

REQUEST_SECONDS = Histogram(
    "backcare_http_request_duration_seconds",
    "Time from the request reaching Django to its answer, by view (route name) and method.",
    ["view", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
REQUESTS = Counter(
    "backcare_http_requests",
    "Requests answered, by view (route name), method and status code.",
    ["view", "method", "status"],
)
DAY_WRITES = Counter(
    "backcare_day_writes",
    "PUTs of a day, by outcome: created, updated (or replayed), conflict (412: changed on "
    "another device), version_required (428), invalid (400).",
    ["outcome"],
)
REMINDER_DELIVERIES = Counter(
    "backcare_reminder_deliveries",
    "Reminders a send took, by outcome: sent, skipped, missed, failed, retry (to be tried "
    "again), lease_lost (its lease ran out first), already_taken (queued twice: not sent).",
    ["outcome"],
)
REMINDER_LATENESS = Histogram(
    "backcare_reminder_lateness_seconds",
    "Seconds from a reminder's due time to its first channel's success (push or email).",
    buckets=(1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600),
)
PUSH_RESULTS = Counter(
    "backcare_push_results",
    "What push services answered, per device: delivered, gone (404/410), retry (429, 5xx, "
    "no answer), rejected.",
    ["outcome"],
)


def method_label(method: str | None) -> str:
    return method if method in METHODS else "other"
