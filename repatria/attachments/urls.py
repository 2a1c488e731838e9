from django.urls import path

from repatria.core.views import ObjectDeleteView, object_urls

from .models import Attachment
from .views import AttachmentEditView, AttachmentFileView

app_name = "attachments"

urlpatterns = [
    path("attachments/<int:pk>/file/", AttachmentFileView.as_view(), name="attachment_file"),
    *object_urls(Attachment, edit_view=AttachmentEditView, delete_view=ObjectDeleteView),
]
