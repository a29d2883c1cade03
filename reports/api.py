"""The API of exports and share links under /api/v1/: thin views over reports.exports."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, Throttled, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_fields import (
    DayDateField,
    StrictCharField,
    StrictChoiceField,
    StrictSerializerMixin,
)
from reports import exports
from reports.forms import DEFAULT_SHARE_DAYS, SHARE_DAYS
from reports.models import ExportFormat, ExportJob, Paper, ShareLink
from reports.ranges import export_range, too_long
from reports.views import file_response, job_file, job_status

API_DOWNLOAD = "api-export-job-file"


class ExportQuerySerializer(StrictSerializerMixin, serializers.Serializer):
    unknown_field_message = _("This is not a query parameter of exports.")
    paper = serializers.ChoiceField(choices=Paper.choices, required=False, default=Paper.A4)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["from"] = DayDateField(required=False)
        self.fields["to"] = DayDateField(required=False)

    def validate(self, attrs):
        start, end = attrs.get("from"), attrs.get("to")
        if start and end and start > end:
            raise ValidationError(
                {"from": [_("The first date must not be after the last date ('to').")]}
            )
        if self.context["format"] == ExportFormat.PDF:
            problem = too_long(start, end, self.context["today"])
            if problem:
                raise ValidationError({"from": [problem]})
        return attrs


class ExportJobSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    state = serializers.ChoiceField(choices=ExportJob.State.choices)
    label = serializers.CharField()
    progress = serializers.IntegerField(help_text="Percent done")
    download_url = serializers.CharField(allow_null=True)


FORMAT_PARAMETER = OpenApiParameter(
    "export_format", OpenApiTypes.STR, OpenApiParameter.PATH, enum=ExportFormat.values
)


class ExportView(APIView):
    """Her history for a range of days (by default all of it) as a file; a long export answers
    202 with a job to follow at its `Location`. `json` is the full backup, whatever the range."""

    @extend_schema(
        parameters=[
            FORMAT_PARAMETER,
            OpenApiParameter("from", OpenApiTypes.DATE, description="First date, inclusive"),
            OpenApiParameter("to", OpenApiTypes.DATE, description="Last date, inclusive"),
            OpenApiParameter("paper", OpenApiTypes.STR, enum=Paper.values),
        ],
        responses={
            (200, "application/pdf"): OpenApiResponse(OpenApiTypes.BINARY, description="pdf"),
            (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="csv"),
            (200, "application/fhir+json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="fhir: a FHIR R4 Bundle"
            ),
            (200, "application/json"): OpenApiResponse(
                OpenApiTypes.OBJECT, description="json: the full backup"
            ),
            202: ExportJobSerializer,
            404: OpenApiResponse(description="Not one of the formats"),
            429: OpenApiResponse(
                description="A long export past EXPORT_JOB_THROTTLE_RATE new jobs an hour, or "
                "while her files kept for download take up all their room"
            ),
        },
    )
    def get(self, request, export_format: str):
        if export_format not in ExportFormat.values:
            raise NotFound(_("Formats: %(formats)s.") % {"formats": ", ".join(ExportFormat.values)})
        context = {"format": export_format, "today": request.user.profile.local_today()}
        query = ExportQuerySerializer(data=request.query_params, context=context)
        query.is_valid(raise_exception=True)
        dates = query.validated_data
        start, end = export_range(request.user, export_format, dates.get("from"), dates.get("to"))
        paper = dates["paper"]
        if exports.in_background(export_format, start, end):
            try:
                job = exports.queue_export(request.user, export_format, start, end, paper)
            except exports.TooManyExports as refused:
                raise Throttled(detail=str(refused)) from refused
            url = reverse("api-export-job", args=[job.pk])
            return Response(
                {"id": job.pk, **job_status(job, API_DOWNLOAD)},
                status=status.HTTP_202_ACCEPTED,
                headers={"Location": url},
            )
        content = exports.make_export(request.user, export_format, start, end, paper)
        return file_response(content, export_format, start, end)


class ExportJobView(APIView):
    """A long export: its progress, and where to download it when done (with the same token
    or session), for a day."""

    @extend_schema(responses=ExportJobSerializer)
    def get(self, request, pk: int):
        job = get_object_or_404(ExportJob.objects.defer("content"), pk=pk, user=request.user)
        return Response({"id": job.pk, **job_status(job, API_DOWNLOAD)})


class ExportJobFileView(APIView):
    """A finished long export's file; 404 until it is done, and once it is a day old."""

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiResponse(
                OpenApiTypes.BINARY, description="The file, in the export's own format"
            ),
            404: OpenApiResponse(description="Not hers, not done, or no longer kept"),
        }
    )
    def get(self, request, pk: int):
        return job_file(request, pk)


class ShareLinkSerializer(StrictSerializerMixin, serializers.ModelSerializer):
    unknown_field_message = _("This field is not part of a share link.")
    label = StrictCharField(max_length=80, required=False, allow_blank=True)
    paper = StrictChoiceField(choices=Paper.choices, required=False)
    start_date = DayDateField(required=False, allow_null=True)
    end_date = DayDateField(required=False, allow_null=True)
    days_valid = serializers.ChoiceField(
        choices=[days for days, _label in SHARE_DAYS],
        default=DEFAULT_SHARE_DAYS,
        write_only=True,
        help_text="How many days the link works",
    )
    url = serializers.SerializerMethodField(help_text="Only in the answer that made the link")
    active = serializers.SerializerMethodField()

    class Meta:
        model = ShareLink
        fields = (
            "id", "label", "start_date", "end_date", "paper", "days_valid", "url", "active",
            "created_at", "expires_at", "revoked_at", "open_count", "last_opened_at",
        )  # fmt: skip
        read_only_fields = (
            "id", "created_at", "expires_at", "revoked_at", "open_count", "last_opened_at",
        )  # fmt: skip

    def get_url(self, link: ShareLink) -> str | None:
        raw = self.context.get("raw_token")
        return (
            self.context["request"].build_absolute_uri(reverse("share", args=[raw]))
            if raw
            else None
        )

    def get_active(self, link: ShareLink) -> bool:
        return link.is_active()

    def validate(self, attrs):
        start, end = attrs.get("start_date"), attrs.get("end_date")
        if start and end and start > end:
            raise ValidationError(
                {"start_date": [_("The first day must not be after the last day.")]}
            )
        problem = too_long(start, end, self.context["request"].user.profile.local_today())
        if problem:
            raise ValidationError({"start_date": [problem]})
        return attrs


class ShareLinkListView(APIView):
    """Her share links; POST makes one and is the only answer that holds its URL."""

    @extend_schema(responses=ShareLinkSerializer(many=True))
    def get(self, request):
        links = ShareLink.objects.filter(user=request.user)
        return Response(ShareLinkSerializer(links, many=True, context={"request": request}).data)

    @extend_schema(request=ShareLinkSerializer, responses={201: ShareLinkSerializer})
    def post(self, request):
        serializer = ShareLinkSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        try:
            link, raw = ShareLink.issue(
                request.user,
                data.get("days_valid", DEFAULT_SHARE_DAYS),
                label=data.get("label", ""),
                start_date=data.get("start_date"),
                end_date=data.get("end_date"),
                paper=data.get("paper", Paper.A4),
            )
        except ShareLink.TooMany as e:
            raise ValidationError({"share_links": [ShareLink.too_many_message()]}) from e
        context = {"request": request, "raw_token": raw}
        return Response(ShareLinkSerializer(link, context=context).data, status=201)


class ShareLinkView(APIView):
    """DELETE revokes the link: it answers 404 from then on."""

    @extend_schema(responses={204: None})
    def delete(self, request, pk: int):
        get_object_or_404(ShareLink, pk=pk, user=request.user).revoke()
        return Response(status=status.HTTP_204_NO_CONTENT)
