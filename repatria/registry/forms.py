from django import forms
from django.utils.translation import gettext_lazy as _

from repatria.core.forms import BootstrapMixin, ModelForm

from .models import IdentityDocument, Person, PersonName, Relationship, Whereabouts
from .widgets import PersonPicker


class PersonForm(ModelForm):
    class Meta:
        model = Person
        fields = [
            "sex", "birth_date", "birthplace", "nationalities", "photo", "former_employer", "former_post",
            "is_functionary", "red_notice_number", "red_notice_issued", "red_notice_withdrawn",
            "hundred_list_number", "notes",
        ]  # fmt: skip


class PersonNameForm(BootstrapMixin, forms.ModelForm):
    class Meta:
        model = PersonName
        fields = ["name", "kind"]

    def has_changed(self) -> bool:
        """A blank new row is no name, whatever kind is chosen beside it."""
        if not self.instance.pk and not (self["name"].value() or "").strip():
            return False
        return super().has_changed()


NameFormSet = forms.inlineformset_factory(
    Person, PersonName, form=PersonNameForm, extra=3, can_delete=True, min_num=1, validate_min=True
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


class RelationshipForm(PersonPartForm):
    class Meta:
        model = Relationship
        fields = ["person", "relation", "other", "other_name", "lives_abroad", "notes"]
        widgets = {"other": PersonPicker()}


class WhereaboutsForm(PersonPartForm):
    class Meta:
        model = Whereabouts
        fields = ["person", "country", "place", "date_from", "date_to", "confidence", "source"]
