from django import forms
from django.utils.translation import gettext_lazy as _

from repatria.core.forms import MoveForm

from . import services
from .models import AlertStatus

# The button an officer presses, by the status it moves the alert to.
ACTIONS = {
    AlertStatus.ACKNOWLEDGED: _("Acknowledge"),
    AlertStatus.CONFIRMED: _("Confirm: it is this person"),
    AlertStatus.FALSE_POSITIVE: _("False positive: someone else"),
}


class AlertActionForm(MoveForm):
    """Acknowledge, confirm or reject an alert, with a note."""

    new = forms.ChoiceField(choices=list(ACTIONS.items()))
    note = forms.CharField(
        label=_("note"), required=False, max_length=services.NOTE_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 2})
    )
