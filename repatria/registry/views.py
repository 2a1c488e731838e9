from django.db.models import Prefetch
from django.shortcuts import render
from django.views import View

from repatria.core.file_serving import PrivateFileView
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView, OfficerRequiredMixin, PartEditView

from . import duplicates, services
from .filtersets import PersonFilterSet
from .forms import IdentityDocumentForm, NameFormSet, PersonForm, RelationshipForm, WhereaboutsForm
from .models import IdentityDocument, Person, PersonName, Relationship, Whereabouts
from .tables import PersonTable


class PersonListView(ObjectListView):
    model = Person
    table_class = PersonTable
    filterset_class = PersonFilterSet
    import_url_name = "registry:person_import"
    queryset = Person.objects.prefetch_related(
        Prefetch("names", queryset=PersonName.objects.only("person_id", "name")), "nationalities"
    )


class PersonView(ObjectDetailView):
    access_logged = True
    queryset = Person.objects.prefetch_related("names", "nationalities", "documents__country")

    def get_context_data(self, **kwargs):
        person = self.object
        return super().get_context_data(
            memberships=self.visible(person.case_memberships.select_related("case__province")),
            whereabouts=self.visible(person.whereabouts.select_related("country")),
            relationships=self.visible(person.relationships.select_related("other")),
            returns=self.visible(person.returns.select_related("case", "country")),
            assets=self.visible(person.assets.select_related("jurisdiction", "case")),
            events=self.visible(services.timeline().for_person(person)).select_related("actor")[:200],
            **kwargs,
        )


class PersonPhotoView(PrivateFileView):
    """The photo on the person's page, for those who may see the person; each look is in the access log."""

    model = Person
    file_field = "photo"


class PersonEditView(ObjectEditView):
    model = Person
    form_class = PersonForm
    template_name = "registry/person_edit.html"

    def get_context_data(self, **kwargs):
        if "names" not in kwargs:
            kwargs["names"] = NameFormSet(instance=self.object, prefix="names")
        return super().get_context_data(**kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        form = self.get_form()
        names = NameFormSet(request.POST, instance=self.object, prefix="names")
        if form.is_valid() and names.is_valid():
            self.names = names
            namesakes = self.namesakes(form)
            if namesakes and not request.POST.get("confirm_duplicate"):
                return self.render_to_response(self.get_context_data(form=form, names=names, duplicates=namesakes))
            return self.form_valid(form)
        return self.render_to_response(self.get_context_data(form=form, names=names))

    def namesakes(self, form) -> list:
        """A new person's namesakes born the same day, which the officer confirms are others before saving."""
        if self.object is not None:
            return []
        names = [name for name, _kind in self.names_typed()]
        return duplicates.warnings(self.request.user, names, form.cleaned_data.get("birth_date") or "")

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form, names=self.names))

    def names_typed(self) -> list[tuple[str, str]]:
        """The (name, kind) pairs the name rows leave, as the services take them."""
        kept = [form for form in self.names.forms if form not in self.names.deleted_forms]
        return [(form.cleaned_data["name"], form.cleaned_data["kind"]) for form in kept if form.cleaned_data]

    def create(self, fields: dict) -> Person:
        return services.create_person(names=self.names_typed(), owner=self.request.user.organisation, **fields)

    def change(self, record: Person, fields: dict) -> Person:
        return services.change_person(record, names=self.names_typed(), **fields)


class PersonAutocompleteView(OfficerRequiredMixin, View):
    """The options of a PersonPicker: the first persons the user may see whose names match what was typed."""

    def get(self, request):
        query = next(iter(request.GET.values()), "")
        persons = Person.objects.restrict(request.user).only("pk", "display_name", "birth_date", "sex")
        persons = services.search(persons, query)[:15]
        return render(request, "registry/person_options.html", {"persons": persons if query.strip() else []})


class IdentityDocumentEditView(PartEditView):
    parent = "person"
    model = IdentityDocument
    form_class = IdentityDocumentForm


class RelationshipEditView(PartEditView):
    parent = "person"
    model = Relationship
    form_class = RelationshipForm


class WhereaboutsEditView(PartEditView):
    parent = "person"
    model = Whereabouts
    form_class = WhereaboutsForm
    # What a confirmed screening alert reports (screening's alert page links here with them): shown, not saved.
    reported = ("country", "place", "date_from", "source")

    def get_initial(self) -> dict:
        initial = super().get_initial()
        if self.object is None:
            initial.update((name, self.request.GET[name][:300]) for name in self.reported if name in self.request.GET)
        return initial

    def create(self, fields: dict) -> Whereabouts:
        return services.record_whereabouts(actor=self.request.user, **fields)
