"""The version of a document's content: a short hash a client sends back in If-Match.

A hash of the content rather than a counter: a replayed body is seen to change nothing without
reading the stored one, and two phones that reach the same content agree on its version.
"""

import base64
import hashlib
import json
from typing import Any


def content_hash(content: Any) -> str:
    """22 URL-safe characters (128 bits of SHA-256) of the content as canonical JSON."""
    # Keys sorted: PostgreSQL's jsonb gives an object's keys back in its own order.
    canonical = json.dumps(content, separators=(",", ":"), ensure_ascii=False, sort_keys=True)
    digest = hashlib.sha256(canonical.encode()).digest()[:16]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")
