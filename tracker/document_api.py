"""Views for her versioned documents (tracker.recovery_models): GET, PUT and DELETE with HTTP
conditional requests, as the day's own view does (tracker.api), over tracker.documents. The
recovery API (tracker.recovery_api) is made of these."""

from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse
from drf_spectacular.utils import inline_serializer as shape
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from tracker import documents
from tracker.api import create_only as create_only_of
from tracker.api import if_match as if_match_of


def conflict(name: str, document: serializers.Serializer) -> dict:
    """The 412 and 428 answers of a document, with the document as it is now."""
    body = shape(
        f"{name}Conflict",
        {
            "detail": serializers.CharField(),
            "current": document,
            "etag": serializers.CharField(allow_null=True, help_text="Its ETag; null if none"),
        },
    )
    return {
        412: OpenApiResponse(
            body,
            description=(
                "It changed since the version in If-Match (or exists, with If-None-Match: *). "
                "Nothing was written: merge into `current` and try again with its ETag."
            ),
        ),
        428: OpenApiResponse(
            body, description="It exists and the request had no If-Match; nothing was written."
        ),
    }


class DocumentView(APIView):
    """GET, PUT and DELETE of one of her documents, as for a day: GET with its ETag (304 when
    If-None-Match holds it), PUT with If-None-Match: * to create or If-Match to change, a stale
    precondition 412 with the document as it is now, none on one that exists 428."""

    model: type = None
    serializer_class: type = None
    not_found = ""

    def key(self, **kwargs) -> dict:
        return {}

    def context(self, **kwargs) -> dict:
        return {"request": self.request}

    def answer(self, document, status_code: int = status.HTTP_200_OK) -> Response:
        data = self.serializer_class(document, context=self.context()).data
        return Response(data, status=status_code, headers={"ETag": document.etag})

    def stale(self, error: documents.Changed) -> Response:
        current = error.current
        if isinstance(error, documents.Required):
            code, detail = (
                status.HTTP_428_PRECONDITION_REQUIRED,
                _("This already exists: send If-Match with its ETag to change it."),
            )
        else:
            code, detail = (
                status.HTTP_412_PRECONDITION_FAILED,
                _("This has changed on another device. Nothing was saved."),
            )
        body = {
            "detail": detail,
            "current": self.serializer_class(current, context=self.context()).data
            if current
            else None,
            "etag": current.etag if current else None,
        }
        return Response(body, status=code, headers={"ETag": current.etag} if current else {})

    def read(self, request, **kwargs) -> Response:
        document = documents.get_document(self.model, request.user, self.key(**kwargs))
        if document is None:
            raise NotFound(self.not_found)
        held = request.headers.get("If-None-Match")
        if held is not None and document.etag in parse_etags(held):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": document.etag})
        return self.answer(document)

    def write(self, request, **kwargs) -> Response:
        key = self.key(**kwargs)
        serializer = self.serializer_class(data=request.data, context=self.context(**kwargs))
        serializer.is_valid(raise_exception=True)
        values = self.stored_values(serializer.validated_data)
        self.check_limits(key, values)
        try:
            document, created = documents.save_document(
                self.model,
                request.user,
                key,
                values,
                if_match=if_match_of(request),
                create_only=create_only_of(request),
            )
        except documents.Changed as error:
            return self.stale(error)
        return self.answer(document, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    def stored_values(self, data: dict) -> dict:
        return dict(data)

    def check_limits(self, key: dict, values: dict) -> None:
        """Refuse, naming the field, what would break a limit across her documents."""
