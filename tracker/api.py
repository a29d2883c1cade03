"""The JSON API under /api/v1/: thin views over tracker.days and the catalogue."""

from collections.abc import Collection

from django.contrib.auth import authenticate
from django.utils.http import parse_etags
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    inline_serializer,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core import dates, throttles
from core.api_schema import RequestBodyOnDeleteSchema
from core.metrics import DAY_WRITES
from habits.catalogue import catalogue_keys, catalogue_payload
from tracker import accounts, days, dose_checks
from tracker.models import DOCTOR_QUESTIONS, ApiToken, DayLog, YesNo
from tracker.serializers import (
    AccountDeletionSerializer,
    DayRangeSerializer,
    DaySerializer,
    DayWriteSerializer,
    TokenRequestSerializer,
    TokenSerializer,
)

DATE_PARAMETER = OpenApiParameter(
    "date", OpenApiTypes.DATE, OpenApiParameter.PATH, description="Local date, YYYY-MM-DD"
)


class DayContextMixin:
    def get_serializer_context(self) -> dict:
        return {
            "request": self.request,
            "profile": self.request.user.profile,
            "catalogue": catalogue_keys(),
        }


IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=(
        "The ETag of the day this change was based on. Required to change or delete a day "
        "that exists; a stale one gets 412 with the day as it is now."
    ),
)
IF_NONE_MATCH_WRITE = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    enum=["*"],
    description="`*` to create the day only if it does not exist yet (412 if it does).",
)
IF_NONE_MATCH_READ = OpenApiParameter(
    "If-None-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="The ETag a client holds: 304 if the day is still at it.",
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201, 304],
    description="The day's version (strong), to send back in If-Match",
)
DayConflictSerializer = inline_serializer(
    "DayConflict",
    {
        "detail": serializers.CharField(),
        "current": DaySerializer(allow_null=True, help_text="The day as it is now; null if none"),
        "etag": serializers.CharField(allow_null=True, help_text="Its ETag; null if none"),
    },
)
PRECONDITION_RESPONSES = {
    400: OpenApiResponse(description="A field of the body, or a header, is not valid"),
    412: OpenApiResponse(
        DayConflictSerializer,
        description=(
            "The day has changed since the version in If-Match (or exists, with "
            "If-None-Match: *). Nothing was written: merge into `current` and try again "
            "with its ETag."
        ),
    ),
    428: OpenApiResponse(
        DayConflictSerializer,
        description="The day exists and the request had no If-Match; nothing was written.",
    ),
}


def if_match(request) -> Collection[str] | None:
    """The versions in If-Match (strong comparison: weak tags never match), or None.

    Only a bare `*` is the wildcard (RFC 9110, 13.1.1). A quoted `"*"` is an entity tag like
    any other, and no version of a day is `*`: it is left out, so the write gets 412.
    """
    header = request.headers.get("If-Match")
    if header is None:
        return None
    tags = parse_etags(header)
    if tags == [days.ANY_VERSION]:
        return tags
    return [tag[1:-1] for tag in tags if not tag.startswith("W/") and tag != '"*"']


def create_only(request) -> bool:
    header = request.headers.get("If-None-Match")
    if header is None:
        return False
    if header.strip() != "*" or "If-Match" in request.headers:
        raise ValidationError(
            {
                "If-None-Match": [
                    _("Only If-None-Match: * is understood on a write, and not with If-Match.")
                ]
            }
        )
    return True


@extend_schema(parameters=[DATE_PARAMETER])
class DayView(DayContextMixin, APIView):
    """One day's whole log, written with HTTP conditional requests (RFC 9110).

    GET answers with the day and its version as a strong ETag. PUT replaces the whole day:
    to create a day send If-None-Match: *, to change one send If-Match with the ETag the
    change was based on. A stale If-Match gets 412 with the day as it is now, so the client
    can merge and try again; a change without If-Match to a day that exists gets 428. A
    replayed body writes nothing. DELETE needs If-Match too.
    """

    serializer_class = DaySerializer

    def _date(self, value: str):
        try:
            return dates.parse_day_date(value)
        except ValueError as e:
            raise ValidationError({"date": [str(e)]}) from e

    def _day_response(self, day: DayLog, status_code: int = status.HTTP_200_OK) -> Response:
        data = DaySerializer(day, context=self.get_serializer_context()).data
        return Response(data, status=status_code, headers={"ETag": day.etag})

    def _precondition_failed(self, stale: days.DayChanged) -> Response:
        """Nothing was written: answer with the day as it is now, to merge into."""
        current = stale.current
        if isinstance(stale, days.VersionRequired):
            status_code = status.HTTP_428_PRECONDITION_REQUIRED
            detail = _("This day already exists: send If-Match with its ETag to change it.")
        else:
            status_code = status.HTTP_412_PRECONDITION_FAILED
            detail = _("This day has changed on another device. Nothing was saved.")
        context = self.get_serializer_context()
        body = {
            "detail": detail,
            "current": DaySerializer(current, context=context).data if current else None,
            "etag": current.etag if current else None,
        }
        headers = {"ETag": current.etag} if current else {}
        return Response(body, status=status_code, headers=headers)

    @extend_schema(
        parameters=[IF_NONE_MATCH_READ, ETAG],
        responses={200: DaySerializer, 304: OpenApiResponse(description="Not modified")},
    )
    def get(self, request, date: str):
        day = days.get_day(request.user, self._date(date))
        if day is None:
            raise NotFound(_("Nothing logged on this day."))
        held = request.headers.get("If-None-Match")
        if held is not None and day.etag in parse_etags(held):
            return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": day.etag})
        return self._day_response(day)

    @extend_schema(
        parameters=[IF_MATCH, IF_NONE_MATCH_WRITE, ETAG],
        request=DayWriteSerializer,
        responses={200: DaySerializer, 201: DaySerializer, **PRECONDITION_RESPONSES},
    )
    def put(self, request, date: str):
        day_date = self._date(date)
        serializer = DayWriteSerializer(data=request.data, context=self.get_serializer_context())
        if not serializer.is_valid():
            DAY_WRITES.labels("invalid").inc()
            raise ValidationError(serializer.errors)
        try:
            day, created = days.save_day(
                request.user,
                day_date,
                serializer.validated_data,
                if_match=if_match(request),
                create_only=create_only(request),
            )
        except days.DayChanged as stale:
            version_required = isinstance(stale, days.VersionRequired)
            DAY_WRITES.labels("version_required" if version_required else "conflict").inc()
            return self._precondition_failed(stale)
        DAY_WRITES.labels("created" if created else "updated").inc()
        return self._day_response(day, status.HTTP_201_CREATED if created else status.HTTP_200_OK)

    @extend_schema(
        parameters=[IF_MATCH],
        responses={
            204: None,
            404: OpenApiResponse(description="Nothing logged on this day"),
            **PRECONDITION_RESPONSES,
        },
    )
    def delete(self, request, date: str):
        try:
            deleted = days.delete_day(request.user, self._date(date), if_match=if_match(request))
        except days.DayChanged as stale:
            return self._precondition_failed(stale)
        if not deleted:
            raise NotFound(_("Nothing logged on this day."))
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(
    parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, description="First date, inclusive"),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Last date, inclusive"),
    ]
)
class DayListView(DayContextMixin, generics.ListAPIView):
    """Her days, newest first, paginated."""

    serializer_class = DaySerializer

    def get_queryset(self):
        query = DayRangeSerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return days.history_range(
            self.request.user, query.validated_data.get("from"), query.validated_data.get("to")
        )

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        # Each day's painkiller checks read the day before: one query for the whole page.
        context = {
            **self.get_serializer_context(),
            "dose_alerts": dose_checks.alerts_for_days(request.user.profile, page),
        }
        return self.get_paginated_response(DaySerializer(page, many=True, context=context).data)


class MeView(APIView):
    """Who the credentials belong to, and the profile facts a client needs to log days;
    DELETE deletes her account."""

    schema = RequestBodyOnDeleteSchema()

    def get_throttles(self):
        # Deleting checks her password: as slow to guess here as at log-in.
        return [throttles.NamedRateThrottle("auth")] if self.request.method == "DELETE" else []

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "email": serializers.EmailField(),
                "time_zone": serializers.CharField(),
                "language": serializers.CharField(),
                "today": serializers.DateField(),
                "baby_birth_date": serializers.DateField(allow_null=True),
                # What a doctor asks: printed on her report.
                **{
                    name: serializers.ChoiceField(
                        choices=YesNo.choices,
                        help_text=f'{name.replace("_", " ").capitalize()}: "yes", "no", or "" '
                        "when she has not said",
                    )
                    for name in DOCTOR_QUESTIONS
                },
            },
        )
    )
    def get(self, request):
        profile = request.user.profile
        return Response(
            {
                "email": request.user.email,
                "time_zone": profile.time_zone,
                "language": profile.language,
                "today": profile.local_today(),
                "baby_birth_date": profile.baby_birth_date,
                **{name: getattr(profile, name) for name in DOCTOR_QUESTIONS},
            }
        )

    @extend_schema(
        request=AccountDeletionSerializer,
        responses={
            204: OpenApiResponse(description="Her account and everything in it are deleted"),
            400: OpenApiResponse(description="The password is missing or not hers"),
            429: OpenApiResponse(description="Too many password attempts: wait, then retry"),
        },
    )
    def delete(self, request):
        """Delete her account and everything in it (days, profile, tokens, sessions, reminders,
        devices, share links, exports) at once; she is emailed a confirmation. Take the full
        backup first (GET /api/v1/export/json/): nothing can be brought back."""
        serializer = AccountDeletionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        if not request.user.check_password(serializer.validated_data["password"]):
            raise ValidationError({"password": [_("This is not your password.")]})
        accounts.delete_account(request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class CatalogueView(APIView):
    """Everything a day's log can refer to, with names in the request's language, and the
    warning-sign guidance with the emergency numbers for where she lives."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(catalogue_payload(request.user.profile.emergency_region))


class TokenView(APIView):
    """Exchange email and password for an API token; DELETE revokes the token in use."""

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_throttles(self):
        # Only guessing passwords needs slowing down: per address here, per account below.
        return [throttles.NamedRateThrottle("auth")] if self.request.method == "POST" else []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={
            201: TokenSerializer,
            429: OpenApiResponse(
                description="Too many attempts from this address, or wrong passwords for "
                "this account: wait, then retry"
            ),
        },
    )
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = serializer.validated_data["email"]
        # Before the password is checked: a refused guess costs no hash (see
        # tracker.password_guesses, which counts the wrong ones).
        if throttles.account_guesses_used_up(request, email):
            raise Throttled(detail=str(throttles.TOO_MANY_ATTEMPTS))
        user = authenticate(request, email=email, password=serializer.validated_data["password"])
        if user is None:
            raise ValidationError({"password": [_("Email or password is not correct.")]})
        token, raw = ApiToken.issue(user)
        body = TokenSerializer({"token": raw, "expires_at": token.expires_at}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={
            204: None,
            400: inline_serializer("TokenError", {"detail": serializers.CharField()}),
        },
    )
    def delete(self, request):
        if not isinstance(request.auth, ApiToken):
            raise ValidationError(
                {"detail": _("Send the token to revoke in the Authorization header.")}
            )
        request.auth.delete()
        return Response(status=status.HTTP_204_NO_CONTENT)
