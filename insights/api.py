"""GET /api/v1/insights/: a thin view over insights.series."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from insights import series
from insights.serializers import InsightsQuerySerializer, InsightsSerializer


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
        # Built by insights.series; InsightsSerializer documents its shape.
        data = series.build_insights(request.user, dates["from"], dates["to"])
        return Response(series.as_json(data))
