"""Work assigned on a case or a person: what, to whom, by when, and whether it is done."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from repatria.core.models import AuditedModel, RestrictedModel, TimestampedModel, VersionedModel, long_text


class TaskState(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    CANCELLED = "cancelled", _("cancelled")


class Task(RestrictedModel, VersionedModel, TimestampedModel, AuditedModel):
    """Seen by whoever may see its case (its person's, when it is on a person in no case of the task)."""

    title = models.CharField(_("what"), max_length=200)
    case = models.ForeignKey(
        "cases.Case", models.CASCADE, null=True, blank=True, related_name="tasks", verbose_name=_("case")
    )
    person = models.ForeignKey(
        "registry.Person", models.CASCADE, null=True, blank=True, related_name="tasks", verbose_name=_("person")
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, blank=True, related_name="tasks",
        verbose_name=_("assigned officer"),
    )  # fmt: skip
    organisation = models.ForeignKey(
        "accounts.Organisation", models.PROTECT, null=True, blank=True, related_name="tasks",
        verbose_name=_("assigned organisation"),
    )  # fmt: skip
    due_on = models.DateField(_("due on"), db_index=True)
    state = models.CharField(
        _("state"), max_length=10, choices=TaskState.choices, default=TaskState.OPEN, editable=False
    )
    notes = long_text(_("notes"), 5_000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, editable=False, related_name="+",
        verbose_name=_("created by"),
    )  # fmt: skip

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("work:task", args=[self.pk])

    def clean(self) -> None:
        if self.case_id is None and self.person_id is None:
            raise ValidationError(_("A task is on a case or a person."), code="no_subject")
        if self.assignee_id is None and self.organisation_id is None:
            raise ValidationError(_("Say who does the task: an officer or an organisation."), code="no_assignee")

    @property
    def subject(self):
        return self.case or self.person
