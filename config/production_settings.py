"""What a production deployment must set, read straight from the environment.

Kept apart from settings.py, and free of Django, so that `make run-production` can name every
missing setting at once before anything starts. Two lists:

- unsafe_problems(): settings without which no production process may start at all (a
  guessable secret, tracebacks shown to strangers, any Host accepted, no contact for the push
  services, no mail server, no cache shared by every process for the rate limits).
  config/settings.py refuses to load with any of them, naming all of them.
- missing_settings(): those and everything else the production stack needs to serve mothers
  (PostgreSQL, Redis, the site's address for emailed links, the VAPID key, a mail server).
  `make run-production` refuses to start with any of them, naming all of them.
"""

from collections.abc import Mapping
from pathlib import Path

DEVELOPMENT_SECRET_KEY = "development-only-secret-key-do-not-use-in-production"
MIN_SECRET_KEY_LENGTH = 50
TRUE = ("1", "true", "yes", "on")


def unsafe_problems(env: Mapping[str, str]) -> list[str]:
    """What makes a production process unsafe to start; one line per setting."""
    problems = []
    secret = env.get("SECRET_KEY", "")
    if secret == DEVELOPMENT_SECRET_KEY or len(secret) < MIN_SECRET_KEY_LENGTH:
        problems.append(
            f"SECRET_KEY: {MIN_SECRET_KEY_LENGTH} or more random characters "
            "(python -c 'import secrets; print(secrets.token_urlsafe(64))')"
        )
    if env.get("DEBUG", "").lower() in TRUE:
        problems.append("DEBUG: must be off (PRODUCTION refuses to start with DEBUG on)")
    if not env.get("ALLOWED_HOSTS", "").strip(" ,"):
        problems.append("ALLOWED_HOSTS: the host names the site answers to, comma-separated")
    site_url = env.get("SITE_URL", "")
    # As in settings: without VAPID_SUBJECT, an https SITE_URL is the contact.
    subject = env.get("VAPID_SUBJECT") or (site_url if site_url.startswith("https://") else "")
    if not subject.startswith(("mailto:", "https://")) or subject.endswith("@localhost"):
        problems.append(
            "VAPID_SUBJECT: a mailto: or https: contact the push services can reach "
            "(mailto:admin@your-domain)"
        )
    # Rate limits must be counted in one place for every process, and survive a restart.
    if not env.get("REDIS_URL", "").startswith(("redis://", "rediss://")):
        problems.append(
            "REDIS_URL: the Redis URL for the broker and the cache every process shares "
            "(rate limits) (redis://host:6379/0)"
        )
    # Sign-up and reset links would land in the log instead of her inbox.
    if not env.get("EMAIL_HOST") and not env.get("EMAIL_BACKEND"):
        problems.append(
            "EMAIL_HOST: the mail server for sign-up links and reminder emails (or an explicit "
            "EMAIL_BACKEND)"
        )
    return problems


def missing_settings(env: Mapping[str, str]) -> list[str]:
    """Every setting the production stack needs that is missing or wrong; one line each."""
    problems = unsafe_problems(env)
    database = env.get("DATABASE_URL", "")
    if not database.startswith(("postgres://", "postgresql://")):
        problems.append("DATABASE_URL: a PostgreSQL URL (postgres://user:password@host:5432/name)")
    if not env.get("SITE_URL", "").startswith(("https://", "http://")):
        problems.append("SITE_URL: the address mothers open, for the links in emails (https://...)")
    key_file = env.get("VAPID_PRIVATE_KEY_FILE", "")
    if not env.get("VAPID_PRIVATE_KEY") and not (key_file and Path(key_file).is_file()):
        problems.append(
            "VAPID_PRIVATE_KEY: the Web Push key (`manage.py make_vapid_keys --print`; keep it: "
            "every phone's subscription is made with it)"
        )
    sender = env.get("DEFAULT_FROM_EMAIL", "")
    if not sender or sender.rstrip(">").endswith("@localhost"):
        problems.append("DEFAULT_FROM_EMAIL: the address emails come from (Backcare <noreply@...>)")
    return problems
