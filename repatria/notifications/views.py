"""The user's own notifications: a list, and opening one (which marks it read)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import ngettext
from django.views import View
from django.views.generic import ListView

from repatria.core.views import OfficerRequiredMixin, local_url

from . import services
from .models import Notification


class NotificationListView(OfficerRequiredMixin, ListView):
    template_name = "notifications/notification_list.html"
    paginate_by = 50

    def get_queryset(self):
        queryset = Notification.objects.filter(recipient=self.request.user)
        return queryset.filter(read_at=None) if self.request.GET.get("unread") else queryset


class NotificationOpenView(OfficerRequiredMixin, View):
    """Marks one of the user's notifications read and goes to what it is about; another user's is a 404."""

    def post(self, request, pk: int):
        notification = get_object_or_404(Notification, pk=pk, recipient=request.user)
        services.mark_read(notification)
        return redirect(local_url(request, notification.url, "notifications:list"))


class NotificationReadAllView(OfficerRequiredMixin, View):
    def post(self, request):
        count = services.mark_all_read(request.user)
        read = ngettext("%(count)d notification marked read.", "%(count)d notifications marked read.", count)
        messages.success(request, read % {"count": count})
        return redirect("notifications:list")
