"""What a share link serves, made once for as long as what it shows stays the same.

A share link opens without logging in, so a stranger holding one must not be able to make
the server build the same report over and over. Its page and each of its files are kept in
the cache (Redis in production, shared by every web process) under a key made of the link,
what is served (the page or a format), the reader's language, the days covered, and a
fingerprint of everything they are made from: her days in the range (how many, and the
latest `updated_at`, which every write of a day moves; a deleted day changes the count) and
her profile (the name, the birth and the answers a report prints). Any change gives another
key, so the next request makes them afresh; an entry no longer asked for expires.

Why this key rather than, say, a version number bumped on every write: it needs no write path
to remember anything (days are written by the API, backups and the demo), and reading it is
one aggregate over the range's rows by the (user, date) index.
"""

import hashlib
from collections.abc import Callable
from datetime import date

from django.core.cache import cache
from django.db.models import Count, Max
from django.utils import translation

from reports.models import ShareLink
from tracker.models import DayLog, Profile

# Long enough that a doctor's visit reads each file once; short enough that what the key
# leaves out (a changed catalogue name after an upgrade) is soon made afresh.
KEEP_SECONDS = 60 * 60
# Larger answers (years of FHIR) are made each time rather than crowd the cache out.
MAX_KEPT_BYTES = 8 * 1024 * 1024


def fingerprint(link: ShareLink, start: date, end: date) -> str:
    """Changes whenever anything a link's page or files show of her changes."""
    days = DayLog.objects.filter(user=link.user, date__gte=start, date__lte=end).aggregate(
        count=Count("id"), latest=Max("updated_at")
    )
    profile = link.user.profile
    facts = [getattr(profile, field.attname) for field in Profile._meta.concrete_fields]
    raw = repr((days["count"], days["latest"], facts, link.user.email))
    return hashlib.sha256(raw.encode()).hexdigest()[:32]


def kept(link: ShareLink, what: str, start: date, end: date, make: Callable[[], bytes]) -> bytes:
    """The bytes `make` makes for this link, from the cache when nothing they show changed."""
    language = translation.get_language() or "en"
    # The token's hash names the link: unlike its id, never the same for two links.
    key = f"share:{link.token_hash}:{what}:{language}:{start}:{end}:{fingerprint(link, start, end)}"
    content = cache.get(key)
    if content is None:
        content = make()
        if len(content) <= MAX_KEPT_BYTES:
            cache.set(key, content, KEEP_SECONDS)
    return content
