"""The API tokens page (/tokens/): central administrators issue partners' tokens, see them and revoke them."""

import datetime

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from repatria.core.forms import BootstrapMixin, DateInput
from repatria.core.services import RuleError
from repatria.core.views import OfficerRequiredMixin

from . import tokens
from .models import ApiToken, Organisation, OrganisationKind, Scope
from .permissions import manages_tokens

DEFAULT_LIFETIME = datetime.timedelta(days=365)


class TokenForm(BootstrapMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        Organisation.objects.filter(kind=OrganisationKind.PARTNER), label=gettext_lazy("Partner organisation")
    )
    name = forms.CharField(
        label=gettext_lazy("token name"),
        max_length=100,
        help_text=gettext_lazy("What the token is for, e.g. the system using it."),
    )
    scopes = forms.MultipleChoiceField(
        label=gettext_lazy("scopes"), choices=Scope.choices, initial=[Scope.READ], widget=forms.CheckboxSelectMultiple
    )
    valid_until = forms.DateField(
        label=gettext_lazy("valid until"),
        widget=DateInput(),
        help_text=gettext_lazy("The token works through this day."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["valid_until"].initial = timezone.localdate() + DEFAULT_LIFETIME
        self.fields["scopes"].widget.attrs["class"] = "form-check-input"  # laid out by the template

    def clean_valid_until(self) -> datetime.date:
        day = self.cleaned_data["valid_until"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("A token must expire in the future."))
        return day

    def expires(self) -> datetime.datetime:
        """The end of the last valid day, in the office's time zone."""
        next_day = self.cleaned_data["valid_until"] + datetime.timedelta(days=1)
        return timezone.make_aware(datetime.datetime.combine(next_day, datetime.time.min))


class TokenAdminMixin(OfficerRequiredMixin):
    def allowed(self, user) -> bool:
        return manages_tokens(user)


class TokenListView(TokenAdminMixin, View):
    """Every token with its state; the form issues a new one and shows its key once, on the answer to the POST."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.page(request, TokenForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TokenForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                issued = tokens.issue_token(
                    organisation=data["organisation"],
                    name=data["name"],
                    scopes=data["scopes"],
                    expires=form.expires(),
                    created_by=request.user,
                )
            except RuleError as error:
                form.add_error(None, error)
            else:
                # The key exists only in this answer: not stored, not cached, not in a session.
                response = render(request, "accounts/token_created.html", {"token": issued.token, "key": issued.key})
                add_never_cache_headers(response)
                return response
        return self.page(request, form)

    def page(self, request: HttpRequest, form: TokenForm) -> HttpResponse:
        rows = [(t, tokens.state(t)) for t in ApiToken.objects.select_related("organisation", "created_by")]
        return render(request, "accounts/tokens.html", {"form": form, "rows": rows})


class TokenRevokeView(TokenAdminMixin, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = get_object_or_404(ApiToken.objects.select_related("user"), pk=pk)
        tokens.revoke_token(token)
        messages.success(request, _("Revoked: %(token)s") % {"token": token})
        return HttpResponseRedirect(reverse("accounts:token_list"))
