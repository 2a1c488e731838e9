from django import forms
from django.utils.translation import gettext_lazy as _

from repatria.core.forms import MoveForm

from . import services
from .models import Alert, AlertStatus

# The button an officer presses, by the status it moves the alert to.
ACTIONS = {
    AlertStatus.ACKNOWLEDGED: _("Acknowledge"),
    AlertStatus.CONFIRMED: _("Confirm: it is this person"),
    AlertStatus.FALSE_POSITIVE: _("False positive: someone else"),
}


def contact_people():
    """The cooperation directory's contact persons (cooperation sits above screening: reached through the field)."""
    return Alert._meta.get_field("contact_point").related_model.objects.select_related("authority")


class AlertActionForm(MoveForm):
    """Acknowledge, confirm or reject an alert, with a note; with an outcome, a contact point the partner may call."""

    new = forms.ChoiceField(choices=list(ACTIONS.items()))
    note = forms.CharField(
        label=_("note"), required=False, max_length=services.NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
    contact_point = forms.ModelChoiceField(
        queryset=None, required=False, label=_("contact point for the partner"),
        help_text=_("Optional: given to the partner with the outcome (confirmed or false positive), through the API "
                    "and its webhook."),
    )  # fmt: skip

    def __init__(self, *args, user=None, alert: Alert | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        people = contact_people()
        if user is not None:  # the page offers those the officer may see, of the partner's state first
            people = people.restrict(user, "view")
            country = getattr(alert.raised_by, "country_id", None) if alert else None
            if country and people.filter(authority__country_id=country).exists():
                people = people.filter(authority__country_id=country)
        self.fields["contact_point"].queryset = people  # the service checks the officer may see the one chosen
