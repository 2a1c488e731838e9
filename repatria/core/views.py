"""Generic views in the NetBox manner: every record gets a list, a detail page, an edit form and a delete page.

URL names follow one pattern in each app's namespace: `<model>_list`, `<model>_add`, `<model>` (detail),
`<model>_edit` and `<model>_delete`, so templates and views find each other's pages by the model alone.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db import transaction
from django.db.models import Model, ProtectedError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext as _
from django.views.generic import DeleteView, DetailView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .exports import FORMATS, export
from .forms import bootstrap
from .services import RuleError


def url_name(model: type[Model] | Model, action: str = "") -> str:
    meta = model._meta
    return f"{meta.app_label}:{meta.model_name}{'_' + action if action else ''}"


def object_url(model: type[Model] | Model, action: str = "", **kwargs) -> str | None:
    try:
        return reverse(url_name(model, action), kwargs=kwargs or None)
    except NoReverseMatch:
        return None


def object_urls(model: type[Model], *, list_view=None, detail_view=None, edit_view=None, delete_view=None) -> list:
    """The URL patterns of a record type, for the views it has (each view is given the model)."""
    name = model._meta.model_name
    routes = [
        (list_view, f"{name}s/", f"{name}_list"),
        (edit_view, f"{name}s/add/", f"{name}_add"),
        (detail_view, f"{name}s/<int:pk>/", name),
        (edit_view, f"{name}s/<int:pk>/edit/", f"{name}_edit"),
        (delete_view, f"{name}s/<int:pk>/delete/", f"{name}_delete"),
    ]
    return [path(route, view.as_view(model=model), name=url) for view, route, url in routes if view]


class ObjectListView(LoginRequiredMixin, SingleTableMixin, FilterView):
    """A filterable, sortable, paginated table with CSV and XLSX export of what the filter shows."""

    template_name = "core/object_list.html"
    table_pagination = {"per_page": settings.PAGINATE_BY}  # the table pages; the list view itself must not
    import_url_name: str | None = None

    def exporting(self) -> str | None:
        fmt = self.request.GET.get("export")
        return fmt if fmt in FORMATS else None

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        bootstrap(filterset.form)
        return filterset

    def get_table_pagination(self, table):
        return False if self.exporting() else super().get_table_pagination(table)

    def render_to_response(self, context, **kwargs):
        fmt = self.exporting()
        if fmt:
            return export(context["table"], fmt)
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        context.update(
            model=self.model,
            title=self.model._meta.verbose_name_plural,
            add_url=object_url(self.model, "add"),
            import_url=reverse(self.import_url_name) if self.import_url_name else None,
            query_string=query.urlencode(),
        )
        return context


class ObjectDetailView(LoginRequiredMixin, DetailView):
    def get_template_names(self) -> list[str]:
        meta = self.model._meta
        return [f"{meta.app_label}/{meta.model_name}.html"]

    def get_context_data(self, **kwargs):
        obj = self.object
        return super().get_context_data(
            edit_url=object_url(obj, "edit", pk=obj.pk),
            delete_url=object_url(obj, "delete", pk=obj.pk),
            list_url=object_url(obj, "list"),
            list_title=obj._meta.verbose_name_plural,
            **kwargs,
        )


class ObjectEditView(LoginRequiredMixin, UpdateView):
    """Creates (no pk in the URL) or edits a record; a refused rule shows on the form and writes nothing."""

    template_name = "core/object_edit.html"

    def get_object(self, queryset=None):
        return super().get_object(queryset) if "pk" in self.kwargs else None

    def save(self, form) -> Model:
        """Write the record; apps override this to go through their services."""
        return form.save()

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.object = self.save(form)
        except RuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()

    def get_context_data(self, **kwargs):
        model = self.model
        return super().get_context_data(
            title=(_("Edit %(object)s") % {"object": self.object})
            if self.object
            else (_("New %(model)s") % {"model": model._meta.verbose_name}),
            cancel_url=self.object.get_absolute_url() if self.object else object_url(model, "list"),
            **kwargs,
        )


class ObjectDeleteView(LoginRequiredMixin, DeleteView):
    template_name = "core/object_delete.html"

    def get_success_url(self) -> str:
        """The list of its kind; for a part of another record (a name, a document), that record's page."""
        return object_url(self.model, "list") or self.object.get_absolute_url()

    def form_valid(self, form):
        name = str(self.object)
        success_url = self.get_success_url()
        try:
            with transaction.atomic():
                self.object.delete()
        except ProtectedError:
            messages.error(self.request, _("%(object)s is still referred to and cannot be deleted.") % {"object": name})
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("Deleted: %(object)s") % {"object": name})
        return HttpResponseRedirect(success_url)
