"""The webhook of a partner's token (/screening/webhooks/<token>/): central administrators set its URL and make its
secret, shown once; the page lists the deliveries and their attempts."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.views import View

from repatria.accounts.models import ApiToken
from repatria.accounts.permissions import manages_tokens
from repatria.core.forms import BootstrapMixin
from repatria.core.services import RuleError
from repatria.core.views import OfficerRequiredMixin

from .. import webhooks
from ..models import WebhookDelivery, WebhookEndpoint

SHOWN_DELIVERIES = 50


class WebhookForm(BootstrapMixin, forms.Form):
    url = forms.URLField(
        label=_("webhook URL"), max_length=500, assume_scheme="https",
        help_text=_("HTTPS; plain HTTP only to this machine."),
    )  # fmt: skip
    enabled = forms.BooleanField(label=_("enabled"), required=False, initial=True)
    new_secret = forms.BooleanField(
        label=_("make a new secret"), required=False,
        help_text=_("The old one stops working at once: give the partner the new one."),
    )  # fmt: skip


class WebhookView(OfficerRequiredMixin, View):
    def allowed(self, user) -> bool:
        return manages_tokens(user)

    def get(self, request: HttpRequest, token: int) -> HttpResponse:
        api_token = get_object_or_404(ApiToken.objects.select_related("organisation"), pk=token)
        endpoint = WebhookEndpoint.objects.filter(token=api_token).first()
        initial = {"url": endpoint.url, "enabled": endpoint.enabled} if endpoint else {}
        return self.page(request, api_token, WebhookForm(initial=initial))

    def post(self, request: HttpRequest, token: int) -> HttpResponse:
        api_token = get_object_or_404(ApiToken.objects.select_related("organisation"), pk=token)
        form = WebhookForm(request.POST)
        secret = ""
        if form.is_valid():
            data = form.cleaned_data
            try:
                _endpoint, secret = webhooks.set_endpoint(
                    api_token, url=data["url"], enabled=data["enabled"], new_secret=data["new_secret"]
                )
            except RuleError as error:
                form.add_error("url", error)
        response = self.page(request, api_token, form, secret=secret, saved=form.is_valid() and not form.errors)
        add_never_cache_headers(response)  # the secret exists only in this answer
        return response

    def page(self, request: HttpRequest, token: ApiToken, form: WebhookForm, **context) -> HttpResponse:
        deliveries = WebhookDelivery.objects.filter(endpoint__token=token).select_related("alert")
        return render(
            request, "screening/webhook.html",
            {"token": token, "form": form, "deliveries": deliveries[:SHOWN_DELIVERIES], **context},
        )  # fmt: skip
