from django.db import models


class RestrictedQuerySet(models.QuerySet):
    """`Model.objects.restrict(user, action)`: only the records the user's grants reach (accounts.permissions)."""

    def restrict(self, user, action: str = "view") -> "RestrictedQuerySet":
        from repatria.accounts.permissions import restrict

        return restrict(self, user, action)
