"""The country index and each country's profile, and the page that edits the office's profile of a state."""

from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from repatria.core.querysets import allows, can
from repatria.core.services import create_record
from repatria.core.views import ObjectEditView, OfficerRequiredMixin
from repatria.geo.forms import name_order
from repatria.geo.models import Country

from ..countries import country_rows, profile_figures
from ..forms import CountryProfileForm
from ..models import Authority, Convention, ConventionParty, CountryProfile, Network, OffenceEquivalent, Treaty
from ..treaties import TreatyStatus, status_of
from .common import add_url, country_or_404


class CountryListView(OfficerRequiredMixin, TemplateView):
    """Every country and region, found by its Chinese or English name or its code."""

    template_name = "cooperation/country_list.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()[:100]
        countries = Country.objects.all()
        if query:
            code = Q(code__iexact=query) | Q(alpha3__iexact=query) if query.isascii() else Q(pk__in=[])
            countries = countries.filter(Q(name_zh__icontains=query) | Q(name_en__icontains=query) | code)
        countries = sorted(countries, key=name_order)
        rows = country_rows(self.request.user, countries, timezone.localdate())
        return super().get_context_data(rows=rows, query=query, conventions=Convention.values, **kwargs)


class CountryView(OfficerRequiredMixin, TemplateView):
    """A state's profile: conventions, treaties with China, the office's notes, dual criminality, the foreign
    authorities there, and the figures of what the user may see."""

    template_name = "cooperation/country.html"

    def get_context_data(self, **kwargs):
        user, country = self.request.user, country_or_404(self.kwargs["code"])
        profile = CountryProfile.objects.restrict(user).filter(country=country).first()
        return super().get_context_data(
            country=country,
            conventions=self.conventions(country),
            treaties=self.treaties(country),
            profile=profile,
            profile_edit_url=self.profile_edit_url(country, profile),
            equivalents=OffenceEquivalent.objects.restrict(user).filter(country=country).select_related("offence"),
            equivalents_editable=can(user, OffenceEquivalent, "change"),
            authorities=Authority.objects.restrict(user)
            .filter(country=country)
            .prefetch_related(Prefetch("networks", queryset=Network.objects.restrict(user))),
            add_urls={
                "treaty": add_url(user, Treaty, country=country),
                "conventionparty": add_url(user, ConventionParty, country=country),
                "offenceequivalent": add_url(user, OffenceEquivalent, country=country),
                "authority": add_url(user, Authority),
            },
            **profile_figures(user, country),
            **kwargs,
        )

    def conventions(self, country: Country) -> list[tuple[str, ConventionParty | None]]:
        """Each convention with the entry saying the state is a party, or None: not in the (partial) list."""
        found = {p.convention: p for p in ConventionParty.objects.restrict(self.request.user).filter(country=country)}
        return [(label, found.get(code)) for code, label in Convention.choices]

    def treaties(self, country: Country) -> list[tuple[str, list[Treaty]]]:
        """The treaties by status (in force, signed not in force, terminated), each by type."""
        today = timezone.localdate()
        treaties = Treaty.objects.restrict(self.request.user).filter(country=country).order_by("kind", "signed_on")
        grouped = {status: [] for status in TreatyStatus}
        for treaty in treaties:
            grouped[status_of(treaty, today)].append(treaty)
        return [(status.label, grouped[status]) for status in TreatyStatus]

    def profile_edit_url(self, country: Country, profile: CountryProfile | None) -> str | None:
        user = self.request.user
        editable = allows(user, profile, "change") if profile else can(user, CountryProfile, "add")
        return reverse("cooperation:countryprofile_edit", args=[country.pk]) if editable else None


class CountryProfileEditView(ObjectEditView):
    """Edits the office's profile of a state; the first save creates it."""

    model = CountryProfile
    form_class = CountryProfileForm

    def action(self) -> str:
        return "change" if self.existing else "add"

    def get_object(self, queryset=None):
        self.country = country_or_404(self.kwargs["code"])
        self.existing = CountryProfile.objects.filter(country=self.country).exists()
        if self.existing:
            return get_object_or_404(self.get_queryset(), country=self.country)
        return super().get_object(queryset)  # none yet: an add, if the user may add one

    def create(self, fields: dict) -> CountryProfile:
        return create_record(CountryProfile, country=self.country, **fields)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = _("Profile of %(country)s") % {"country": self.country}
        context["cancel_url"] = reverse("cooperation:country", args=[self.country.pk])
        return context
