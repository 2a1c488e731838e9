from django import forms
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _


class PersonPicker(forms.TextInput):
    """Type a name in any script; the datalist offers matching persons and the field keeps the person's id.

    A select would list every person in the registry; this asks the server as the officer types.
    """

    template_name = "registry/widgets/person_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.attrs.setdefault("placeholder", _("Type a name, then pick the person"))
        self.attrs["autocomplete"] = "off"
        self.attrs["hx-trigger"] = "input changed delay:250ms"
        self.attrs["hx-get"] = reverse_lazy("registry:person_autocomplete")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        widget_attrs["list"] = f"{widget_attrs['id']}_options"
        widget_attrs["hx-target"] = f"#{widget_attrs['id']}_options"
        return context
