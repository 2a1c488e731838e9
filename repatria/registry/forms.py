from django import forms
from django.db.models import Case, When
from django.utils.translation import gettext_lazy as _

from repatria.core.forms import BootstrapMixin, ModelForm
from repatria.geo.forms import CountryChoiceField, CountryMultipleChoiceField

from .models import IdentityDocument, NameKind, Person, PersonName, Relationship, Whereabouts
from .widgets import PersonPicker


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = [
            "sex", "birth_date", "birthplace", "nationalities", "photo", "former_employer", "former_post",
            "is_functionary", "red_notice_number", "red_notice_issued", "red_notice_withdrawn",
            "hundred_list_number", "notes",
        ]  # fmt: skip
        field_classes = {"nationalities": CountryMultipleChoiceField}


class PersonNameForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PersonName
        fields = ["name", "kind"]

    def has_changed(self) -> bool:
        """A blank new row is no name, whatever kind is chosen beside it."""
        if not self.instance.pk and not (self["name"].value() or "").strip():
            return False
        return super().has_changed()


class BaseNameFormSet(forms.BaseInlineFormSet):
    """The primary name on the first row; a new person's first row is primary, every other new row an alias until
    the officer says otherwise."""

    def __init__(self, *args, **kwargs):
        primary_first = Case(When(kind=NameKind.PRIMARY, then=0), default=1)
        kwargs.setdefault("queryset", PersonName.objects.order_by(primary_first, "pk"))
        super().__init__(*args, **kwargs)
        first = NameKind.PRIMARY if self.instance.pk is None else NameKind.ALIAS
        self.initial_extra = [{"kind": first}] + [{"kind": NameKind.ALIAS}] * (self.extra + self.min_num)


NameFormSet = forms.inlineformset_factory(
    Person,
    PersonName,
    form=PersonNameForm,
    formset=BaseNameFormSet,
    extra=3,
    can_delete=True,
    min_num=1,
    validate_min=True,
)
NameFormSet.verbose_name = _("names")


class PersonPartForm(ModelForm):
    """A form for a record of a person: the person is fixed by the page it was opened from."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].widget = forms.HiddenInput()


class IdentityDocumentForm(PersonPartForm):
    class Meta:
        model = IdentityDocument
        fields = ["person", "kind", "number", "country", "issued_on", "expires_on"]
        field_classes = {"country": CountryChoiceField}


class RelationshipForm(PersonPartForm):
    class Meta:
        model = Relationship
        fields = ["person", "relation", "other", "other_name", "lives_abroad", "notes"]
        widgets = {"other": PersonPicker()}


class WhereaboutsForm(PersonPartForm):
    class Meta:
        model = Whereabouts
        fields = ["person", "country", "place", "date_from", "date_to", "confidence", "source"]
        field_classes = {"country": CountryChoiceField}
