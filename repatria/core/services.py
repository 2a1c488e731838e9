"""What every app's services share."""

from django.core.exceptions import ValidationError


class RuleError(ValidationError):
    """A business rule refused the change; the message is already in the user's language."""
