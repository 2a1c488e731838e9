"""Pages of bulk screening: upload a file, follow the jobs, download the results (or the file as uploaded)."""

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView, FormView, ListView

from repatria.core.file_serving import PrivateFileView
from repatria.core.forms import BootstrapMixin
from repatria.core.views import OfficerRequiredMixin
from repatria.names import DEFAULT_THRESHOLD

from .. import bulk
from ..models import BulkJob, JobStatus


class BulkUploadForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8) or Excel .xlsx; the first row holds the column names."),
    )
    threshold = forms.FloatField(
        label=gettext_lazy("Threshold"),
        min_value=0.5,
        max_value=1.0,
        initial=DEFAULT_THRESHOLD,
        help_text=gettext_lazy("A listed person whose score reaches this is a match (0.5 to 1)."),
        widget=forms.NumberInput(attrs={"step": "0.01"}),
    )


class BulkJobMixin(OfficerRequiredMixin):
    model = BulkJob
    context_object_name = "job"

    def get_queryset(self):
        return bulk.visible_jobs(self.request.user)


class BulkJobListView(BulkJobMixin, ListView):
    template_name = "screening/bulk_list.html"
    context_object_name = "jobs"
    paginate_by = 50


class BulkUploadView(OfficerRequiredMixin, FormView):
    form_class = BulkUploadForm
    template_name = "screening/bulk_upload.html"

    def form_valid(self, form):
        try:
            job = bulk.create_job(
                user=self.request.user, uploaded=form.cleaned_data["file"], threshold=form.cleaned_data["threshold"]
            )
        except bulk.BulkFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The file is queued for screening."))
        return HttpResponseRedirect(reverse("screening:bulkjob", args=[job.pk]))

    def get_context_data(self, **kwargs):
        columns = [
            {"key": key, "column": column, "required": key == bulk.REQUIRED} for key, column in bulk.COLUMNS.items()
        ]
        return super().get_context_data(columns=columns, max_rows=bulk.MAX_ROWS, **kwargs)


class BulkJobView(BulkJobMixin, DetailView):
    template_name = "screening/bulk_job.html"

    def get_context_data(self, **kwargs):
        job = self.object
        return super().get_context_data(
            percent=bulk.progress(job), active=job.status in (JobStatus.QUEUED, JobStatus.RUNNING), **kwargs
        )


class BulkJobProgressView(BulkJobView):
    """The progress card alone, which the job page fetches again every few seconds while the job runs."""

    template_name = "screening/bulk_progress.html"


class BulkJobFileView(PrivateFileView):
    """A file of a job, for those who see the job (bulk.visible_jobs); 404 to anyone else."""

    model = BulkJob

    def records(self, user) -> QuerySet[BulkJob]:
        return bulk.visible_jobs(user)


class BulkJobSourceView(BulkJobFileView):
    """The file as it was uploaded, under its own name."""

    file_field = "source"

    def filename(self, job: BulkJob) -> str:
        return job.name


class BulkJobResultsView(BulkJobFileView):
    """The results CSV, once the job is done."""

    file_field = "results"

    def records(self, user) -> QuerySet[BulkJob]:
        return super().records(user).filter(status=JobStatus.DONE)

    def filename(self, job: BulkJob) -> str:
        return bulk.results_filename(job)
