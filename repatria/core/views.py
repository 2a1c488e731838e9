"""Generic views in the NetBox manner: every record gets a list, a detail page, an edit form and a delete page.

URL names follow one pattern in each app's namespace: `<model>_list`, `<model>_add`, `<model>` (detail),
`<model>_edit` and `<model>_delete`, so templates and views find each other's pages by the model alone.
"""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import models, transaction
from django.db.models import Model, ProtectedError
from django.http import Http404, HttpRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DeleteView, DetailView, UpdateView
from django.views.generic.detail import SingleObjectMixin
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from . import signals
from .exports import FORMATS, export
from .forms import MoveForm, bootstrap
from .models import MAX_ID
from .querysets import allows, can, reach_fields, restrict
from .services import RuleError, change_record, create_record


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
    plural = name if name.endswith("s") else f"{name[:-1]}ies" if name.endswith("y") else f"{name}s"  # whereabouts
    routes = [
        (list_view, f"{plural}/", f"{name}_list"),
        (edit_view, f"{plural}/add/", f"{name}_add"),
        (detail_view, f"{plural}/<int:pk>/", name),
        (edit_view, f"{plural}/<int:pk>/edit/", f"{name}_edit"),
        (delete_view, f"{plural}/<int:pk>/delete/", f"{name}_delete"),
    ]
    return [path(route, view.as_view(model=model), name=url) for view, route, url in routes if view]


def local_url(request: HttpRequest, url: str, fallback: str) -> str:
    """`url` if it leads to a page of this site, else `fallback`: a redirect to an address the request carries
    (?next=, the Referer) must never take the user to another site."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return fallback


class OfficerRequiredMixin(LoginRequiredMixin):
    """The registry pages are for officers: partners work through the API, auditors in the logs."""

    def allowed(self, user) -> bool:
        return getattr(user, "is_officer", False)  # a flag of the project's user model

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not self.allowed(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ObjectListView(OfficerRequiredMixin, SingleTableMixin, FilterView):
    """A filterable, sortable, paginated table with CSV and XLSX export of what the filter shows.

    It lists only what the user may view, and exports only what they may export.
    """

    template_name = "core/object_list.html"
    table_pagination = {"per_page": settings.PAGINATE_BY}  # the table pages; the list view itself must not
    import_url_name: str | None = None

    def exporting(self) -> str | None:
        fmt = self.request.GET.get("export")
        return fmt if fmt in FORMATS else None

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user, "export" if self.exporting() else "view")

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        bootstrap(filterset.form)
        return filterset

    def get_table_pagination(self, table):
        return False if self.exporting() else super().get_table_pagination(table)

    def render_to_response(self, context, **kwargs):
        fmt = self.exporting()
        if fmt:
            table = context["table"]
            signals.records_exported.send(self.model, query=context["query_string"], rows=len(table.rows), fmt=fmt)
            return export(table, fmt)
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        query.pop("export", None)
        context.update(
            model=self.model,
            title=self.model._meta.verbose_name_plural,
            add_url=object_url(self.model, "add") if can(self.request.user, self.model, "add") else None,
            import_url=reverse(self.import_url_name) if self.import_url_name else None,
            query_string=query.urlencode(),
        )
        return context


class ObjectDetailView(OfficerRequiredMixin, DetailView):
    """A record the user may view; any other answers 404, as if it did not exist.

    Looks at sensitive records (`access_logged`) are written to the access log.
    """

    access_logged = False

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if self.access_logged:
            signals.record_viewed.send(type(obj), record=obj)
        return obj

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user, "view")

    def visible(self, queryset):
        """Related records shown on the page pass the same restriction."""
        return restrict(queryset, self.request.user, "view")

    def get_template_names(self) -> list[str]:
        meta = self.model._meta
        return [f"{meta.app_label}/{meta.model_name}.html"]

    def get_context_data(self, **kwargs):
        obj, user = self.object, self.request.user
        return super().get_context_data(
            edit_url=object_url(obj, "edit", pk=obj.pk) if allows(user, obj, "change") else None,
            delete_url=object_url(obj, "delete", pk=obj.pk) if allows(user, obj, "delete") else None,
            list_url=object_url(obj, "list"),
            list_title=obj._meta.verbose_name_plural,
            history_url=reverse("audit:history", args=[obj._meta.app_label, obj._meta.model_name, obj.pk]),
            **kwargs,
        )


class EditConflict(Exception):
    def __init__(self, current: Model):
        super().__init__("edit conflict")
        self.current = current


def _show(obj: Model, name: str, cleaned=None) -> str:
    """A field's value as the user reads it; `cleaned` gives many-to-many values not saved yet."""
    field = obj._meta.get_field(name)
    if field.many_to_many:
        values = cleaned if cleaned is not None else getattr(obj, name).all()
        return ", ".join(sorted(str(v) for v in values))
    if getattr(field, "choices", None):
        return str(getattr(obj, f"get_{name}_display")())
    value = getattr(obj, name)
    return "" if value is None else str(value)


class ObjectEditView(OfficerRequiredMixin, UpdateView):
    """Creates (no pk in the URL) or edits a record; a refused rule shows on the form and writes nothing.

    The record must be within the user's grants before and after the change: a save that would put it out of
    their reach is rolled back, as is one that names a related record they may not see.
    """

    template_name = "core/object_edit.html"
    # Form fields a new record's page may preset from its address (?case=12): the record the user came from.
    prefill: tuple[str, ...] = ()

    def action(self) -> str:
        return "change" if "pk" in self.kwargs else "add"

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user, "change")

    def get_object(self, queryset=None):
        if "pk" in self.kwargs:
            return super().get_object(queryset)
        if not can(self.request.user, self.model, "add"):
            raise PermissionDenied
        return None

    def get_initial(self) -> dict:
        initial = super().get_initial()
        if self.object is None:
            initial.update((name, self.prefilled(name)) for name in self.prefill if name in self.request.GET)
        return initial

    def prefilled(self, name: str) -> Model:
        """The record that ?name=ID names among those the field offers and the user may see; anything else is a
        404, as for a record out of reach."""
        value = self.request.GET[name]
        if not value.isdigit() or int(value) > MAX_ID:
            raise Http404
        queryset = self.get_form_class()().fields[name].queryset
        return get_object_or_404(queryset.restrict(self.request.user, "view"), pk=int(value))

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        for field in form.fields.values():
            queryset = getattr(field, "queryset", None)
            if queryset is not None and hasattr(queryset, "restrict"):
                field.queryset = queryset.restrict(self.request.user, "view")
        if self.object is not None and hasattr(self.object, "version"):
            # The version the user started from: a save from an older one is a conflict, not an overwrite.
            form.fields["expected_version"] = forms.IntegerField(widget=forms.HiddenInput, initial=self.object.version)
        return form

    def check_version(self, form) -> None:
        """Refuse a save based on a version someone else has saved over since (the row is locked meanwhile)."""
        if "expected_version" not in form.fields:
            return
        current = type(self.object)._base_manager.select_for_update().get(pk=self.object.pk)
        if current.version != form.cleaned_data["expected_version"]:
            raise EditConflict(current)

    def conflict(self, form, current: Model):
        """The other person's saved values beside the user's, nothing saved; saving again keeps the user's."""
        rows = [
            (form[name].label, _show(current, name), _show(form.instance, name, form.cleaned_data.get(name)))
            for name in form.fields
            if name in {f.name for f in current._meta.get_fields()}
        ]
        data = form.data.copy()
        data["expected_version"] = current.version
        self.object = current
        # A form of its own copy: validating the user's data must not write it into `current`, shown as theirs.
        copy = type(current)._base_manager.get(pk=current.pk)
        resubmit = self.get_form_class()(data=data, files=form.files, instance=copy)
        resubmit.fields["expected_version"] = forms.IntegerField(widget=forms.HiddenInput)
        resubmit.is_valid()
        resubmit.add_error(
            None,
            _("Someone else saved this record while you were editing it. Nothing of yours was saved: compare the "
              "two versions below, correct what you wish and save again to keep yours."),
        )  # fmt: skip
        differences = [row for row in rows if row[1] != row[2]]
        return self.render_to_response(self.get_context_data(form=resubmit, conflict=differences))

    def save(self, form) -> Model:
        """Write the record through its services, as the API and the imports do, so that a rule holds whatever
        the way in."""
        fields = self.written_fields(form)
        if form.instance.pk:
            return self.change(form.instance, fields)
        return self.create(fields)

    def written_fields(self, form) -> dict:
        """The form's values as the services take them; a file as the form left it on the record (a new upload,
        or none once cleared)."""
        files = {field.name for field in form.instance._meta.fields if isinstance(field, models.FileField)}
        return {
            name: getattr(form.instance, name) if name in files else value
            for name, value in form.cleaned_data.items()
            if name != "expected_version"
        }

    def create(self, fields: dict) -> Model:
        """A new record; apps whose records have rules call their services' create function here."""
        return create_record(self.get_form_class()._meta.model, **fields)

    def change(self, record: Model, fields: dict) -> Model:
        """A change of `record`; apps whose records have rules call their services' change function here."""
        return change_record(record, **fields)

    def form_valid(self, form):
        try:
            with transaction.atomic():
                self.check_version(form)
                self.object = self.save(form)
                if not allows(self.request.user, self.object, self.action()):
                    raise RuleError(self.out_of_reach(form))
        except EditConflict as conflict:
            return self.conflict(form, conflict.current)
        except RuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved: %(object)s") % {"object": self.object})
        return HttpResponseRedirect(self.get_success_url())

    def out_of_reach(self, form) -> dict[str, list[str]]:
        """The refusal of a save that would leave the user's reach, beside the fields their reach depends on."""
        refusal = {NON_FIELD_ERRORS: [_("You may not save this record so: it would be outside what you may work on.")]}
        visible = {field.name for field in form.visible_fields()}
        for name in reach_fields(self.request.user, self.model, self.action()) & visible:
            refusal[name] = [_("With this value the record would be outside what you may work on.")]
        return refusal

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


class PartEditView(ObjectEditView):
    """Adds or edits a part of another record (a person's document, relative or whereabouts; a person joining a
    case, a return) from that record's page, which `?<parent>=ID` names, and goes back there."""

    parent: str  # the field naming the record this one is part of: "case", "person"

    @property
    def prefill(self) -> tuple[str, ...]:
        return (self.parent,)

    def get_success_url(self) -> str:
        return getattr(self.object, self.parent).get_absolute_url()


class StatusChangeView(OfficerRequiredMixin, SingleObjectMixin, View):
    """Moves a record to another status, stage or state (a case, an asset, an alert) through its service, from the
    version the user saw: the service refuses a move from an older one, as every edit is refused; a refusal says
    why and saves nothing."""

    form_class: type[MoveForm]
    choices: list[tuple[str, str]] | None = None  # what the form takes; the service says which move the record allows

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user, "change")

    def move(self, record: Model, **data) -> str:
        """Make the move with the app's service; the message that says it is made."""
        raise NotImplementedError

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        form = self.form_class(request.POST, choices=self.choices)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": form.errors.as_text()})
            return HttpResponseRedirect(record.get_absolute_url())
        data = dict(form.cleaned_data)
        record.version = data.pop("version")  # as the user saw it
        try:
            messages.success(request, self.move(record, **data))
        except RuleError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(record.get_absolute_url())


class ObjectDeleteView(OfficerRequiredMixin, DeleteView):
    template_name = "core/object_delete.html"

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user, "delete")

    def get_success_url(self) -> str:
        """The list of its kind; for a part of another record (a name, a document), that record's page."""
        return object_url(self.model, "list") or self.object.get_absolute_url()

    def delete_record(self, record: Model) -> None:
        """Delete the record; a type whose deletion has a business rule does it through its app's service."""
        record.delete()

    def form_valid(self, form):
        name = str(self.object)
        success_url = self.get_success_url()
        try:
            with transaction.atomic():
                self.delete_record(self.object)
        except ProtectedError:
            messages.error(self.request, _("%(object)s is still referred to and cannot be deleted.") % {"object": name})
            return HttpResponseRedirect(self.object.get_absolute_url())
        except RuleError as error:
            messages.error(self.request, " ".join(error.messages))
            return HttpResponseRedirect(self.object.get_absolute_url())
        messages.success(self.request, _("Deleted: %(object)s") % {"object": name})
        return HttpResponseRedirect(success_url)
