"""The JSON API under /api/v1/: thin views over tracker.days and the catalogue."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import generics, serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from habits.catalogue import catalogue_keys, catalogue_payload
from tracker import days, insights
from tracker.models import ApiToken
from tracker.serializers import (
    DayRangeSerializer,
    DaySerializer,
    InsightsQuerySerializer,
    InsightsSerializer,
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


@extend_schema(parameters=[DATE_PARAMETER])
class DayView(DayContextMixin, APIView):
    """One day's whole log. PUT is an idempotent upsert of the whole day."""

    serializer_class = DaySerializer

    def _date(self, value: str):
        try:
            return days.parse_day_date(value)
        except ValueError as e:
            raise ValidationError({"date": [str(e)]}) from e

    @extend_schema(responses=DaySerializer)
    def get(self, request, date: str):
        day = days.get_day(request.user, self._date(date))
        if day is None:
            raise NotFound(_("Nothing logged on this day."))
        return Response(DaySerializer(day, context=self.get_serializer_context()).data)

    @extend_schema(request=DaySerializer, responses={200: DaySerializer, 201: DaySerializer})
    def put(self, request, date: str):
        day_date = self._date(date)
        context = self.get_serializer_context()
        serializer = DaySerializer(data=request.data, context=context)
        serializer.is_valid(raise_exception=True)
        day, created = days.save_day(request.user, day_date, serializer.validated_data)
        # Like DRF's own save(): answer with the day as stored, without reading it back.
        serializer.instance = day
        return Response(
            serializer.data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )

    @extend_schema(responses={204: None})
    def delete(self, request, date: str):
        if not days.delete_day(request.user, self._date(date)):
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


class MeView(APIView):
    """Who the credentials belong to, and the profile facts a client needs to log days."""

    @extend_schema(
        responses=inline_serializer(
            "Me",
            {
                "email": serializers.EmailField(),
                "time_zone": serializers.CharField(),
                "language": serializers.CharField(),
                "today": serializers.DateField(),
                "baby_birth_date": serializers.DateField(allow_null=True),
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
            }
        )


@extend_schema(
    parameters=[
        OpenApiParameter("from", OpenApiTypes.DATE, description="First date, inclusive"),
        OpenApiParameter("to", OpenApiTypes.DATE, description="Last date, inclusive (today)"),
    ],
    responses=InsightsSerializer,
)
class InsightsView(APIView):
    """Her pain over time against each habit: the daily series, the recovery trend, and how
    pain differed on days with and without each habit, after the trend (same and next day).

    By default the last 6 weeks, up to today in her time zone.
    """

    def get(self, request):
        query = InsightsQuerySerializer(
            data=request.query_params, context={"today": request.user.profile.local_today()}
        )
        query.is_valid(raise_exception=True)
        dates = query.validated_data
        # Built as plain data by tracker.insights; InsightsSerializer documents its shape.
        return Response(insights.build_insights(request.user, dates["from"], dates["to"]))


class CatalogueView(APIView):
    """Everything a day's log can refer to, with names in the request's language."""

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(catalogue_payload())


class TokenView(APIView):
    """Exchange email and password for an API token; DELETE revokes the token in use."""

    throttle_scope = "auth"

    def get_permissions(self):
        return [AllowAny()] if self.request.method == "POST" else [IsAuthenticated()]

    def get_throttles(self):
        # Only guessing passwords needs slowing down.
        return [ScopedRateThrottle()] if self.request.method == "POST" else []

    @extend_schema(request=TokenRequestSerializer, responses={201: TokenSerializer})
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(
            request,
            email=serializer.validated_data["email"],
            password=serializer.validated_data["password"],
        )
        if user is None:
            raise ValidationError({"password": [_("Email or password is not correct.")]})
        _token, raw = ApiToken.issue(user)
        return Response({"token": raw}, status=status.HTTP_201_CREATED)

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
