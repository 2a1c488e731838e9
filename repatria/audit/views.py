import django_filters
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from django.views.generic import ListView

from repatria.accounts.permissions import is_officer, reads_audit, restrict
from repatria.core.tables import CLASSES, BaseTable, JSONColumn
from repatria.core.views import ObjectListView

from . import display
from .models import AuditEntry, EntryKind
from .recorder import audited_models


class AuditFilterSet(django_filters.FilterSet):
    username = django_filters.CharFilter(label=_("username"))
    kind = django_filters.MultipleChoiceFilter(choices=EntryKind.choices, distinct=False, label=_("kind"))
    object_type = django_filters.ModelChoiceFilter(
        queryset=ContentType.objects.filter(
            app_label__in={model._meta.app_label for model in audited_models()},
        ),
        label=_("record type"),
    )
    object_id = django_filters.CharFilter(label=_("record id"))
    request_id = django_filters.CharFilter(label=_("request id"))
    after = django_filters.DateFilter(field_name="at", lookup_expr="date__gte", label=_("from"))
    before = django_filters.DateFilter(field_name="at", lookup_expr="date__lte", label=_("to"))

    class Meta:
        model = AuditEntry
        fields = ["username", "kind", "object_type", "object_id", "request_id"]


class AuditTable(BaseTable):
    before = JSONColumn(verbose_name=_("before"))
    after = JSONColumn(verbose_name=_("after"))

    class Meta(BaseTable.Meta):
        model = AuditEntry
        fields = ["seq", "at", "kind", "username", "organisation", "object_type", "object_id", "object_repr",
                  "before", "after", "request_id", "client_address"]  # fmt: skip
        attrs = {"class": f"{CLASSES} audit"}


class AuditListView(ObjectListView):
    """The whole trail, searchable, for auditors and central administrators; its exports are logged too."""

    model = AuditEntry
    table_class = AuditTable
    filterset_class = AuditFilterSet
    queryset = AuditEntry.objects.select_related("object_type")

    def allowed(self, user) -> bool:
        return reads_audit(user)

    def get_queryset(self):
        return self.queryset.all()  # the role decides; record grants do not apply to the trail


class HistoryView(LoginRequiredMixin, ListView):
    """The change log of one record, for whoever may view the record."""

    template_name = "audit/history.html"
    paginate_by = 100

    def get_queryset(self):
        if not is_officer(self.request.user):
            raise PermissionDenied
        self.object_type = get_object_or_404(
            ContentType, app_label=self.kwargs["app_label"], model=self.kwargs["model"]
        )
        model = self.object_type.model_class()
        if model is None or not hasattr(model.objects, "restrict"):
            raise Http404
        self.object = get_object_or_404(restrict(model.objects.all(), self.request.user), pk=self.kwargs["pk"])
        return AuditEntry.objects.filter(
            object_type=self.object_type, object_id=str(self.object.pk), kind__in=["create", "update", "delete"]
        ).select_related("user")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(object=self.object, **kwargs)
        context["rows"] = display.history(context["object_list"], self.object_type.model_class(), self.request.user)
        return context
