from django import forms
from django.utils.translation import gettext_lazy as _

from repatria.accounts.models import OFFICER_ROLES, User
from repatria.core.forms import ModelForm, MoveForm
from repatria.registry.widgets import PersonPicker

from .models import Task


class TaskForm(ModelForm):
    email = forms.BooleanField(label=_("also send an e-mail"), required=False)

    class Meta:
        model = Task
        fields = ["title", "case", "person", "assignee", "organisation", "due_on", "notes"]
        widgets = {"person": PersonPicker()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = User.objects.filter(is_active=True, role__in=OFFICER_ROLES)
        if self.instance.pk:
            del self.fields["email"]  # told once, when the task is given

    def for_user(self, user) -> "TaskForm":
        """Officers give tasks to the colleagues of their organisation; to another, through the organisation."""
        if user.organisation_id and not user.is_superuser:
            self.fields["assignee"].queryset = self.fields["assignee"].queryset.filter(
                organisation=user.organisation_id
            )
        return self


class TaskStateForm(MoveForm):
    new = forms.ChoiceField(label=_("new state"))
    happened_on = None  # a task is done when it is marked so
