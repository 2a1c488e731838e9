from django import forms
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

PICKERS_JS = "forms/pickers.js"


class PersonPicker(forms.TextInput):
    """Type a name in any script; the datalist offers matching persons, the box shows the one picked by name and a
    hidden field keeps their id (static/forms/pickers.js joins the two).

    A select would list every person in the registry; this asks the server as the officer types.
    """

    template_name = "registry/widgets/person_picker.html"

    class Media:
        js = [PICKERS_JS]

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs.setdefault("placeholder", _("Type a name, then pick the person"))
        self.attrs["autocomplete"] = "off"
        self.attrs["hx-trigger"] = "input changed delay:250ms"
        self.attrs["hx-get"] = reverse_lazy("registry:person_autocomplete")

    def id_for_label(self, id_: str) -> str:
        return f"{id_}_name" if id_ else id_

    def picked(self, value) -> str:
        """How the picked person reads in the box: only one the field offers (its queryset is restricted to what
        the user may see), so a typed id never names anyone out of reach."""
        choices = getattr(self, "choices", None)
        if not value or choices is None or not hasattr(choices, "queryset") or not str(value).isdigit():
            return ""
        person = choices.queryset.filter(pk=value).first()
        return option_label(person) if person else ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        hidden_id = widget["attrs"]["id"]
        widget["hidden_id"] = hidden_id
        widget["picked"] = self.picked(value)
        widget["attrs"].update(
            id=self.id_for_label(hidden_id),
            list=f"{hidden_id}_options",
            **{"hx-target": f"#{hidden_id}_options", "data-person-picker": hidden_id},
        )
        return context


def option_label(person) -> str:
    """A person as the picker offers them: name, birth date and sex, so that namesakes can be told apart."""
    return render_to_string("registry/person_label.txt", {"person": person})
