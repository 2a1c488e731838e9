from django import forms

from repatria.core.forms import ModelForm

from .models import TARGETS, Attachment

# What the file picker offers; what is accepted is decided by the content (services.check).
ACCEPT = ".pdf,.jpg,.jpeg,.png,.gif,.webp,.tif,.tiff,.docx,.xlsx"


class AttachmentForm(ModelForm):
    """A new attachment: the record it hangs from is fixed by the page the form was opened from."""

    class Meta:
        model = Attachment
        fields = ["kind", "description", "file", *TARGETS]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in TARGETS:
            self.fields[name].widget = forms.HiddenInput()
        # A plain input: after a refusal the file must be chosen again, not shown as stored.
        self.fields["file"].widget = forms.FileInput(attrs={**self.fields["file"].widget.attrs, "accept": ACCEPT})


class AttachmentChangeForm(ModelForm):
    """A correction of what an attachment is: its file and record stay as they are."""

    class Meta:
        model = Attachment
        fields = ["kind", "description"]
