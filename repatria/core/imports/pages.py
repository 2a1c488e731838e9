"""The import page: upload, dry run, report, and the columns table to download."""

import csv
import io
from typing import ClassVar

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.generic import FormView

from ..forms import BootstrapMixin
from ..querysets import can
from ..reading import ImportFileError
from ..views import OfficerRequiredMixin, object_url
from .importer import Importer, ImportReport
from .rows import MAX_ROWS, read_rows


class ImportForm(BootstrapMixin, forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        help_text=gettext_lazy("CSV (UTF-8) or Excel .xlsx; the first row holds the column names."),
    )


class ImportView(OfficerRequiredMixin, FormView):
    """Upload a file, see every problem with its row and column, and import only a file with none."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not can(request.user, self.importer_class.model, "add"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    importer_class: ClassVar[type[Importer]]
    form_class = ImportForm
    template_name = "core/import.html"
    errors_shown = 1000

    def get(self, request, *args, **kwargs):
        if request.GET.get("template") == "csv":
            return self.template_file()
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        commit = self.request.POST.get("action") == "import"
        try:
            rows = read_rows(form.cleaned_data["file"])
        except ImportFileError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        report = self.importer_class().run(rows, self.request.user, commit=commit)
        if report.committed:
            model = self.importer_class.model._meta
            name = model.verbose_name if report.rows == 1 else model.verbose_name_plural
            messages.success(self.request, _("Imported %(count)d %(model)s.") % {"count": report.rows, "model": name})
            for warning in report.warnings:  # a warning may hold a link to a record, built safe
                messages.warning(
                    self.request, format_html(_("Row {row}: {message}"), row=warning.row, message=warning.message)
                )
            return HttpResponseRedirect(self.get_success_url())
        return self.render_to_response(self.get_context_data(form=form, report=report))

    def get_success_url(self) -> str:
        return object_url(self.importer_class.model, "list") or "/"

    def get_context_data(self, **kwargs):
        importer = self.importer_class
        report: ImportReport | None = kwargs.get("report")
        if report:
            kwargs.update(
                errors_shown=report.errors[: self.errors_shown],
                errors_hidden=max(0, len(report.errors) - self.errors_shown),
                valid_message=ngettext(
                    "%(count)d row is valid; nothing was written.",
                    "%(count)d rows are valid; nothing was written.",
                    report.rows,
                )
                % {"count": report.rows},
            )
        return super().get_context_data(
            title=_("Import %(model)s") % {"model": importer.model._meta.verbose_name_plural},
            list_url=self.get_success_url(),
            list_title=importer.model._meta.verbose_name_plural,
            columns=[
                {"key": key, "column": column, "required": key in importer.required}
                for key, column in importer.columns.items()
            ],
            max_rows=MAX_ROWS,
            **kwargs,
        )

    def template_file(self) -> HttpResponse:
        """An empty CSV with the headers in the user's language, to fill in."""
        chinese = (translation.get_language() or "").startswith("zh")
        headers = [column.zh if chinese else key for key, column in self.importer_class.columns.items()]
        buffer = io.StringIO()
        csv.writer(buffer).writerow(headers)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        name = self.importer_class.model._meta.model_name
        response["Content-Disposition"] = f'attachment; filename="{name}-import.csv"'
        return response
