import django_tables2 as tables

from repatria.core.forms import ModelForm
from repatria.core.tables import BaseTable
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView

from .filtersets import OrganisationFilterSet
from .models import Organisation


class OrganisationTable(BaseTable):
    name_zh = tables.Column(linkify=True)

    class Meta(BaseTable.Meta):
        model = Organisation
        fields = ["name_zh", "name_en", "kind", "agency_type", "parent", "province", "country"]


class OrganisationForm(ModelForm):
    class Meta:
        model = Organisation
        fields = ["name_zh", "name_en", "kind", "agency_type", "parent", "province", "country"]


class OrganisationListView(ObjectListView):
    table_class = OrganisationTable
    filterset_class = OrganisationFilterSet
    queryset = Organisation.objects.select_related("parent", "province", "country")


class OrganisationView(ObjectDetailView):
    def get_context_data(self, **kwargs):
        org = self.object
        return super().get_context_data(
            members=org.members.order_by("username"),
            led_cases=self.visible(org.led_cases.select_related("province"))[:50],
            **kwargs,
        )


class OrganisationEditView(ObjectEditView):
    form_class = OrganisationForm
