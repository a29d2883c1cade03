"""Request bodies as JSON, with a size and a depth cap; the API's errors for them."""

import json
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import exception_handler

# No body of ours nests more than four levels (a day, its list, an item, a list in the item);
# a deeper one is a mistake or an attack, and deep structures make recursive code fail.
MAX_JSON_DEPTH = 32


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def too_large() -> RequestTooLarge:
    limit = settings.API_MAX_BODY_BYTES
    return RequestTooLarge(
        {"body": [_("The request body is larger than %(limit)d bytes.") % {"limit": limit}]}
    )


def body_error(message: str) -> ParseError:
    return ParseError({"body": [message]})


class LimitedJSONParser(JSONParser):
    """JSON with a size cap, read without trusting Content-Length (chunked bodies have none).

    Every way a body can be wrong is a 400 naming `body` (413 when too large): the decoder's
    own exceptions are not all ValueErrors, and its messages are not written for a reader.
    """

    def parse(self, stream, media_type=None, parser_context=None) -> Any:
        limit = settings.API_MAX_BODY_BYTES
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise too_large()
        try:
            return load_json(raw)
        except UnicodeDecodeError as e:
            raise body_error(_("The request body is not UTF-8 text.")) from e
        except json.JSONDecodeError as e:
            raise body_error(
                _(
                    "The request body is not valid JSON: %(problem)s at line %(line)d, "
                    "column %(column)d."
                )
                % {"problem": e.msg, "line": e.lineno, "column": e.colno}
            ) from e
        except TooDeep as e:
            raise body_error(too_deep_message()) from e
        except ValueError as e:
            # Python refuses integers of thousands of digits (CVE-2020-10735).
            raise body_error(_("The request body holds a number that is too long.")) from e


class TooDeep(ValueError):
    """JSON nested more than MAX_JSON_DEPTH levels deep."""


def load_json(raw: bytes) -> Any:
    """UTF-8 JSON nested at most MAX_JSON_DEPTH levels deep, for every body and file we read.

    Raises ValueError for anything else: UnicodeDecodeError, json.JSONDecodeError, TooDeep
    (also for what the decoder itself cannot nest, RecursionError, which is no ValueError), or
    a plain ValueError for a number too long to read.
    """
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError as e:
        raise TooDeep() from e
    if json_depth(data) > MAX_JSON_DEPTH:
        raise TooDeep()
    return data


def too_deep_message() -> str:
    return _("The request body is nested more than %(depth)d levels deep.") % {
        "depth": MAX_JSON_DEPTH
    }


def json_depth(data: Any) -> int:
    """How deeply lists and objects nest in `data` (a scalar is 0), without recursing."""
    deepest = 0
    pending = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, depth)
        pending.extend((child, depth + 1) for child in children)
    return deepest


def api_exception_handler(exc: Exception, context: dict) -> Response | None:
    """DRF's handler, plus Django's refusal of a body over DATA_UPLOAD_MAX_MEMORY_SIZE (read
    before our parser sees a byte): the same JSON 413 as a body over our own cap."""
    if isinstance(exc, RequestDataTooBig):
        exc = too_large()
    return exception_handler(exc, context)
