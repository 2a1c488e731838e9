import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import MAX_ID


def bootstrap(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget of a form Bootstrap's classes, so templates render fields without per-field markup."""
    for field in form.fields.values():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple):
            css = "form-select form-select-sm"
        else:
            css = "form-control form-control-sm"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
    return form


class BootstrapMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap(self)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PrivateFileInput(forms.ClearableFileInput):
    """A file field's input that says a file is stored without linking to it: a private file has no URL of its own
    (core.private_files), the record's page shows or offers it."""

    template_name = "core/widgets/private_file_input.html"
    stored_text = _("a file is stored")

    def is_initial(self, value) -> bool:
        return bool(value)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["stored_text"] = self.stored_text
        return context


class ModelForm(BootstrapMixin, forms.ModelForm):
    """Dates as date pickers, stored files without links; everything else as Django makes it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.DateField):
                field.widget = DateInput(attrs=field.widget.attrs)
            elif isinstance(field, forms.FileField):
                field.widget = PrivateFileInput(attrs=field.widget.attrs)
                field.widget.is_required = field.required  # the field sets it on the widget it was made with

    def chosen(self, name: str) -> Model | None:
        """The record the submitted data (or else the initial values) pick in a choice field, before the form is
        validated, to narrow another field's choices; None when they pick none or a value that is no choice."""
        field = self.fields[name]
        submitted = field.widget.value_from_datadict(self.data, self.files, self.add_prefix(name))
        if self.is_bound and submitted:
            try:
                return field.clean(submitted)
            except ValidationError:
                return None
        return self.initial.get(name) or getattr(self.instance, name, None)


class MoveForm(BootstrapMixin, forms.Form):
    """A move of a record to another status, stage or state (`new` among `choices`), with the day it happened (today
    unless said; the service refuses a day before the record) and the version of the record the user saw."""

    new = forms.ChoiceField()
    happened_on = forms.DateField(
        label=_("happened on"), required=False, initial=timezone.localdate, widget=DateInput()
    )  # left empty: today
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=MAX_ID)

    def clean_happened_on(self) -> datetime.date | None:
        day = self.cleaned_data["happened_on"]
        if day and day > timezone.localdate():
            raise ValidationError(_("The day it happened cannot be in the future."))
        return day

    def __init__(self, *args, choices: list[tuple[str, str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if "happened_on" in self.fields:
            self.fields["happened_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        if choices is not None:
            self.fields["new"].choices = choices
