from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View

from repatria.core.services import RuleError
from repatria.core.views import ObjectDetailView, ObjectEditView, ObjectListView

from . import services, timeline
from .filtersets import CaseFilterSet, ReturnFilterSet
from .forms import CaseForm, CasePersonForm, NoteForm, ReturnForm, StatusForm
from .models import Case, CaseRole, CaseStatus, Return
from .tables import CaseTable, ReturnTable


class CaseListView(ObjectListView):
    table_class = CaseTable
    filterset_class = CaseFilterSet
    import_url_name = "cases:case_import"

    def get_queryset(self):
        return Case.objects.select_related("province", "lead_organisation").prefetch_related("persons", "offences")


class CaseView(ObjectDetailView):
    def get_queryset(self):
        return Case.objects.select_related("province", "lead_organisation").prefetch_related(
            "offences", "assigned_organisations"
        )

    def get_context_data(self, **kwargs):
        case = self.object
        choices = [(s, CaseStatus(s).label) for s in services.allowed_transitions(case)]
        return super().get_context_data(
            memberships=case.memberships.select_related("person"),
            returns=case.returns.select_related("person", "country"),
            assets=case.assets.select_related("jurisdiction"),
            status_form=StatusForm(choices=choices) if choices else None,
            events=timeline.for_case(case).select_related("actor")[:200],
            **kwargs,
        )


class CaseEditView(ObjectEditView):
    form_class = CaseForm

    def get_initial(self):
        return {**super().get_initial(), "principal": self.request.GET.get("person")}

    def save(self, form):
        if form.instance.pk:
            return form.save()
        data = dict(form.cleaned_data)
        offences = data.pop("offences")
        assigned = data.pop("assigned_organisations")
        principal = data.pop("principal")
        persons = {principal: CaseRole.PRINCIPAL} if principal else {}
        case = services.open_case(actor=self.request.user, offences=offences, persons=persons, **data)
        case.assigned_organisations.set(assigned)
        return case


class CaseStatusView(LoginRequiredMixin, View):
    def post(self, request, pk):
        case = get_object_or_404(Case, pk=pk)
        form = StatusForm(request.POST, choices=CaseStatus.choices)
        if form.is_valid():
            try:
                services.change_status(case=case, actor=request.user, **form.cleaned_data)
                messages.success(request, _("Status changed to “%(status)s”.") % {"status": case.get_status_display()})
            except RuleError as error:
                messages.error(request, " ".join(error.messages))
        return redirect(case)


class CasePartEditView(ObjectEditView):
    """Add a person or a return from the case's page (?case=ID), and go back there."""

    def get_initial(self):
        initial = super().get_initial()
        if "case" in self.request.GET:
            initial["case"] = get_object_or_404(Case, pk=self.request.GET["case"])
        return initial

    def get_success_url(self):
        return self.object.case.get_absolute_url()


class CasePersonEditView(CasePartEditView):
    form_class = CasePersonForm

    def save(self, form):
        if form.instance.pk:
            return form.save()
        return services.add_person(actor=self.request.user, **form.cleaned_data)


class ReturnListView(ObjectListView):
    table_class = ReturnTable
    filterset_class = ReturnFilterSet
    import_url_name = "cases:return_import"

    def get_queryset(self):
        return Return.objects.select_related("person", "case__province", "country")


class ReturnView(ObjectDetailView):
    def get_queryset(self):
        return Return.objects.select_related("person", "case", "country")


class ReturnEditView(CasePartEditView):
    form_class = ReturnForm

    def save(self, form):
        if form.instance.pk:
            return form.save()
        return services.record_return(actor=self.request.user, **form.cleaned_data)


class NoteView(LoginRequiredMixin, View):
    def post(self, request):
        form = NoteForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("The note was not saved: %(errors)s") % {"errors": form.errors.as_text()})
            return redirect(request.headers.get("referer") or "dashboard")
        subject = form.cleaned_data["case"] or form.cleaned_data["person"]
        try:
            services.write_note(actor=request.user, **form.cleaned_data)
        except RuleError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(subject or "dashboard")
