"""Attaching a file from a record's page, correcting what it is, deleting it, and downloading it."""

from django.db.models import Model

from repatria.core.file_serving import PrivateFileView
from repatria.core.views import PartEditView

from . import services
from .forms import AttachmentChangeForm, AttachmentForm
from .models import TARGETS, Attachment


class AttachmentEditView(PartEditView):
    """Opened from a record's page with ?case=, ?person=, ?request= … (models.TARGETS) naming it."""

    parent = "case"  # the record the permission matrices attach to; any of TARGETS may be given
    model = Attachment
    form_class = AttachmentForm
    prefill = TARGETS

    def get_form_class(self):
        return AttachmentChangeForm if self.object else AttachmentForm

    def create(self, fields: dict) -> Attachment:
        upload = fields.pop("file").file  # the uploaded file, out of the unsaved field the form left
        return services.attach(actor=self.request.user, file=upload, **fields)

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class AttachmentFileView(PrivateFileView):
    """The file, for those who may see its attachment (so its record); each download is in the access log."""

    model = Attachment
    file_field = "file"

    def filename(self, record: Model) -> str:
        return record.name
