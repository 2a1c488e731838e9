from django import template

from repatria.notifications.models import Notification

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """How many of the signed-in user's notifications are unread (0 for anyone else)."""
    user = context["request"].user
    if not getattr(user, "is_officer", False):
        return 0
    return Notification.objects.filter(recipient=user, read_at=None).count()
