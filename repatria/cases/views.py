from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from repatria.accounts.permissions import allows, restrict
from repatria.core.services import RuleError
from repatria.core.views import (
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    OfficerRequiredMixin,
    PartEditView,
    StatusChangeView,
    local_url,
)

from . import services, supervision, timeline
from .filtersets import CaseFilterSet, ReturnFilterSet
from .forms import (
    CaseForm,
    CasePersonForm,
    NoteForm,
    ProgressReportForm,
    ReturnForm,
    StatusForm,
    SupervisionForm,
    TransferForm,
)
from .models import Case, CasePerson, CaseRole, CaseStatus, ProgressReport, Return, Supervision
from .tables import CaseTable, ReturnTable


class CaseListView(ObjectListView):
    table_class = CaseTable
    filterset_class = CaseFilterSet
    import_url_name = "cases:case_import"
    queryset = Case.objects.select_related("province", "lead_organisation").prefetch_related("persons", "offences")


class CaseView(ObjectDetailView):
    access_logged = True
    queryset = Case.objects.select_related("province", "lead_organisation").prefetch_related(
        "offences", "assigned_organisations"
    )

    def get_context_data(self, **kwargs):
        case = self.object
        choices = [(s, CaseStatus(s).label) for s in services.allowed_transitions(case)]
        may_change = allows(self.request.user, case, "change")
        form = StatusForm(choices=choices, initial={"version": case.version}) if choices and may_change else None
        return super().get_context_data(
            memberships=self.visible(case.memberships.select_related("person")),
            returns=self.visible(case.returns.select_related("person", "country")),
            assets=self.visible(case.assets.select_related("jurisdiction")),
            status_form=form,
            may_change=may_change,
            supervisions=supervision.with_due_dates(self.visible(case.supervisions.prefetch_related("reports"))),
            tasks=self.visible(case.tasks.select_related("assignee", "organisation")),  # the work app's, by relation
            requests=self.visible(case.requests.select_related("country")),  # the cooperation app's, by relation
            today=timezone.localdate(),
            events=self.visible(timeline.for_case(case)).select_related("actor")[:200],
            **kwargs,
        )


class CaseEditView(ObjectEditView):
    form_class = CaseForm
    prefill = ("principal",)  # a case opened from a person's page has them as its principal suspect

    def get_initial(self) -> dict:
        """A provincial officer's new case is of their province, unless they choose another."""
        initial = super().get_initial()
        organisation = getattr(self.request.user, "organisation", None)
        if self.object is None and organisation is not None and organisation.province_id:
            initial.setdefault("province", organisation.province_id)
        return initial

    def create(self, fields: dict) -> Case:
        principal = fields.pop("principal")
        persons = {principal: CaseRole.PRINCIPAL} if principal else {}
        return services.open_case(actor=self.request.user, persons=persons, **fields)


class CaseStatusView(StatusChangeView):
    model = Case
    form_class = StatusForm
    choices = CaseStatus.choices

    def move(self, case: Case, **data) -> str:
        services.change_status(case=case, actor=self.request.user, **data)
        return _("Status changed to “%(status)s”.") % {"status": case.get_status_display()}


class CasePersonEditView(PartEditView):
    parent = "case"
    form_class = CasePersonForm

    def create(self, fields: dict) -> CasePerson:
        return services.add_person(actor=self.request.user, **fields)


class ReturnListView(ObjectListView):
    table_class = ReturnTable
    filterset_class = ReturnFilterSet
    import_url_name = "cases:return_import"
    queryset = Return.objects.select_related("person", "case__province", "country")


class ReturnView(ObjectDetailView):
    queryset = Return.objects.select_related("person", "case", "country")


class ReturnEditView(PartEditView):
    parent = "case"
    form_class = ReturnForm

    def create(self, fields: dict) -> Return:
        return services.record_return(actor=self.request.user, **fields)

    def change(self, record: Return, fields: dict) -> Return:
        return services.change_return(record, **fields)


class NoteView(OfficerRequiredMixin, View):
    def post(self, request):
        form = NoteForm(request.POST, user=request.user)
        if not form.is_valid():
            messages.error(request, _("The note was not saved: %(errors)s") % {"errors": form.errors.as_text()})
            return redirect(local_url(request, request.headers.get("referer", ""), reverse("dashboard")))
        subject = form.cleaned_data["case"] or form.cleaned_data["person"]
        try:
            services.write_note(actor=request.user, **form.cleaned_data)
        except RuleError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(subject or "dashboard")


class CaseTransferView(OfficerRequiredMixin, SingleObjectMixin, FormView):
    """Hands a case the user may change to another province or lead organisation; the user may lose sight of it."""

    model = Case
    form_class = TransferForm
    template_name = "cases/case_transfer.html"

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user, "change")

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_initial(self) -> dict:
        case = self.object
        return {"province": case.province, "lead_organisation": case.lead_organisation, "version": case.version}

    def form_valid(self, form):
        case, data = self.object, dict(form.cleaned_data)
        case.version = data.pop("version")  # as the user saw it
        try:
            case = services.transfer_case(case=case, actor=self.request.user, **data)
        except RuleError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Case %(number)s transferred.") % {"number": case.number})
        return redirect(case if allows(self.request.user, case, "view") else "dashboard")


class SupervisionEditView(PartEditView):
    parent = "case"
    form_class = SupervisionForm

    def create(self, fields: dict) -> Supervision:
        return supervision.place_under_supervision(actor=self.request.user, **fields)

    def change(self, record: Supervision, fields: dict) -> Supervision:
        return supervision.change_supervision(record, **fields)


class ProgressReportEditView(PartEditView):
    parent = "supervision"
    form_class = ProgressReportForm

    def create(self, fields: dict) -> ProgressReport:
        return supervision.receive_report(**fields)

    def change(self, record: ProgressReport, fields: dict) -> ProgressReport:
        return supervision.change_report(record, **fields)


class OverdueSupervisionView(OfficerRequiredMixin, TemplateView):
    """The supervised cases whose progress report is overdue, of those the user may see."""

    template_name = "cases/supervision_overdue.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(overdue=supervision.overdue(self.request.user), **kwargs)
