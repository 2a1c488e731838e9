"""Bulk screening through the API: a partner sends a CSV or XLSX file, follows the job and fetches the results.

`POST /api/match-bulk/<dataset>` (multipart: `file`, optional `threshold`) → 202 with the job;
`GET /api/match-bulk/jobs/<id>` → its status and counts; `GET /api/match-bulk/jobs/<id>/results` → the results CSV
once done (409 before), or 404 to any caller who may not read it. Tokens need the `screening` scope; a caller sees
only its organisation's jobs.
"""

import json

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from repatria.accounts.models import Role, Scope
from repatria.accounts.permissions import is_officer
from repatria.core.api import MAX_ID, ErrorSerializer
from repatria.core.file_serving import file_response
from repatria.names import DEFAULT_THRESHOLD

from .. import bulk, services
from ..models import BulkJob, JobStatus


class BulkUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text=gettext_lazy("CSV (UTF-8) or XLSX; the first row names the columns."))
    threshold = serializers.FloatField(
        required=False,
        default=DEFAULT_THRESHOLD,
        min_value=0.5,
        max_value=1.0,
        help_text=gettext_lazy("A listed person whose score reaches this is a match."),
    )


class BulkJobSerializer(serializers.ModelSerializer):
    """A bulk screening job: its status, and how many of its rows are screened."""

    total = serializers.IntegerField(source="total_rows", read_only=True)
    done = serializers.IntegerField(source="rows_done", read_only=True)
    url = serializers.SerializerMethodField()
    results_url = serializers.SerializerMethodField()

    class Meta:
        model = BulkJob
        fields = ["id", "name", "status", "threshold", "total", "done", "matches", "error", "created", "finished"]
        fields += ["url", "results_url"]
        read_only_fields = fields

    def get_url(self, job: BulkJob) -> str:
        return self.context["request"].build_absolute_uri(reverse("api-match-bulk-job", args=[job.pk]))

    def get_results_url(self, job: BulkJob) -> str | None:
        """The results CSV, once the job is done."""
        if job.status != JobStatus.DONE:
            return None
        return self.context["request"].build_absolute_uri(reverse("api-match-bulk-results", args=[job.pk]))


class CsvRenderer(BaseRenderer):
    """Lets a caller ask for `text/csv`; refusals are still JSON text."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        return data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode()


class BulkApiView(APIView):
    required_scopes = (Scope.SCREENING,)

    def check_permissions(self, request: Request) -> None:
        """Partners (through their tokens) and officers screen; auditors do not."""
        super().check_permissions(request)
        user = request.user
        if not (is_officer(user) or user.role == Role.PARTNER):
            self.permission_denied(request, message=_("You may not screen files."))

    def get_job(self, request: Request, pk: str) -> BulkJob:
        if not str(pk).isdigit() or int(pk) > MAX_ID:
            raise exceptions.NotFound
        job = bulk.visible_jobs(request.user).filter(pk=int(pk)).first()
        if job is None:
            raise exceptions.NotFound
        return job


class MatchBulkView(BulkApiView):
    """Screen a file of persons against a dataset in the background."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        operation_id="match_bulk_create",
        request={"multipart/form-data": BulkUploadSerializer},
        responses={
            202: BulkJobSerializer,
            400: OpenApiTypes.OBJECT,
            401: ErrorSerializer,
            403: ErrorSerializer,
            404: OpenApiResponse(ErrorSerializer, description="No such dataset."),
        },
        description="Queue a CSV or XLSX file (columns id, name, alias, birth_date, gender, nationality, "
        "passport_number, id_number, or their Chinese names; only name is required) for screening against the "
        "dataset (`default` or `red-notices`). Answers 202 with the job to follow; matches raise alerts.",
    )
    def post(self, request: Request, dataset: str) -> Response:
        if dataset not in services.DATASETS:
            raise exceptions.NotFound(str(services.UnknownDataset(dataset)))
        upload = BulkUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            job = bulk.create_job(
                user=request.user,
                uploaded=upload.validated_data["file"],
                threshold=upload.validated_data["threshold"],
                dataset=dataset,
            )
        except bulk.BulkFileError as error:
            raise exceptions.ValidationError({"file": [str(error)]}) from None
        data = BulkJobSerializer(job, context={"request": request}).data
        return Response(data, status=status.HTTP_202_ACCEPTED, headers={"Location": data["url"]})


class BulkJobApiView(BulkApiView):
    """A bulk screening job: its status and counts."""

    @extend_schema(
        operation_id="match_bulk_job",
        responses={200: BulkJobSerializer, 401: ErrorSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: str) -> Response:
        return Response(BulkJobSerializer(self.get_job(request, pk), context={"request": request}).data)


class BulkResultsApiView(BulkApiView):
    """The results CSV of a job that is done."""

    renderer_classes = [JSONRenderer, CsvRenderer]
    model = BulkJob
    file_field = "results"

    def permission_denied(self, request: Request, message=None, code=None):
        """A file is refused as a job out of reach is, whoever asks: no 401 or 403 to tell the cases apart."""
        raise exceptions.NotFound

    @extend_schema(
        operation_id="match_bulk_results",
        responses={
            (200, "text/csv"): OpenApiResponse(
                OpenApiTypes.STR,
                description="UTF-8 with a byte-order mark: row, id, name, error, matches, then person, "
                "person_name, score and explanation of each match (best first).",
            ),
            401: OpenApiResponse(ErrorSerializer, description="A wrong, expired or revoked key."),
            404: OpenApiResponse(ErrorSerializer, description="No such job, or none the caller may read."),
            409: OpenApiResponse(ErrorSerializer, description="The job is not done yet."),
        },
    )
    def get(self, request: Request, pk: str):
        job = self.get_job(request, pk)
        if job.status != JobStatus.DONE or not job.results:
            detail = _("The job is not done: %(done)d of %(total)d rows screened.")
            return Response(
                {"detail": detail % {"done": job.rows_done, "total": job.total_rows}}, status=status.HTTP_409_CONFLICT
            )
        return file_response(job, self.file_field, filename=bulk.results_filename(job))
