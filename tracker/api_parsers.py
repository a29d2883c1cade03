import json

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class LimitedJSONParser(JSONParser):
    """JSON with a size cap, read without trusting Content-Length (chunked bodies have none)."""

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise ParseError(
                {"body": [_("The request body is larger than %(limit)d bytes.") % {"limit": limit}]}
            )
        try:
            return json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as e:
            raise ParseError(
                {"body": [_("The request body is not valid JSON: %(error)s") % {"error": e}]}
            ) from e
