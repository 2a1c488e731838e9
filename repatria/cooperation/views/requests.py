"""The request pages: the list, a request with its basis, checks, steps and files, drafting it, its moves and the
decisions on its checks."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic.detail import SingleObjectMixin

from repatria.core import signals
from repatria.core.querysets import allows, restrict
from repatria.core.services import RuleError
from repatria.core.views import (
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectListView,
    OfficerRequiredMixin,
    StatusChangeView,
)

from .. import basis, documents, services
from ..models import Direction, LetterTemplate, Request, RequestCheck, RequestState
from ..request_forms import CheckDecisionForm, LetterTemplateForm, RequestForm, RequestMoveForm
from ..request_tables import LetterTemplateFilterSet, LetterTemplateTable, RequestFilterSet, RequestTable


class RequestListView(ObjectListView):
    table_class = RequestTable
    filterset_class = RequestFilterSet
    queryset = Request.objects.select_related("country", "case")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["add_url"]:  # "new" drafts one of ours; a request received is recorded from here
            incoming = {"url": f"{context['add_url']}?direction=incoming", "label": _("Record a request received"),
                        "icon": "bi-box-arrow-in-down"}  # fmt: skip
            context["extra_actions"] = [incoming]
        return context


class RequestView(ObjectDetailView):
    access_logged = True
    context_object_name = "object"  # not "request", the name templates give the page's own request
    queryset = Request.objects.select_related(
        "country", "case", "organisation", "foreign_authority", "treaty", "drafted_by", "approved_by"
    )

    def get_context_data(self, **kwargs):
        record, user = self.object, self.request.user
        may_change = allows(user, record, "change")
        moves = [(s, RequestState(s).label) for s in services.allowed_moves(record)] if may_change else []
        context = super().get_context_data(
            suggested=basis.suggest(record.kind, record.country, timezone.localdate()),
            checks=record.checks.select_related("decided_by"),
            missing=services.blockers(record),
            steps=record.steps.select_related("actor"),
            persons=self.visible(record.persons.all()),
            contacts=self.visible(record.contacts.select_related("authority", "by")),
            assets=self.visible(record.assets.all()),
            move_form=RequestMoveForm(choices=moves, initial={"version": record.version}) if moves else None,
            decision_form=CheckDecisionForm() if may_change else None,
            **kwargs,
        )
        if record.state != RequestState.DRAFT:  # kept: withdrawn, never deleted (services.delete_request)
            context["delete_url"] = None
        return context


class RequestEditView(ObjectEditView):
    model = Request
    form_class = RequestForm
    context_object_name = "object"  # as RequestView's
    prefill = ("case",)

    def get_initial(self) -> dict:
        initial = super().get_initial()
        if self.object is None:
            initial.update(direction=self.request.GET.get("direction", Direction.OUTGOING),
                           organisation=self.request.user.organisation)  # fmt: skip
        return initial

    def create(self, fields: dict) -> Request:
        return services.open_request(actor=self.request.user, **fields)

    def change(self, record: Request, fields: dict) -> Request:
        return services.change_request(record, **fields)


class RequestDeleteView(ObjectDeleteView):
    """A draft is deleted; the service keeps any request that has gone further (it is withdrawn instead)."""

    context_object_name = "object"  # as RequestView's

    def delete_record(self, record: Request) -> None:
        services.delete_request(record)


class RequestMoveView(StatusChangeView):
    model = Request
    form_class = RequestMoveForm
    choices = RequestState.choices

    def move(self, record: Request, *, new: str, happened_on, **data) -> str:
        moved = services.move(record, new, actor=self.request.user, day=happened_on, **data)
        return _("Request %(number)s: %(state)s.") % {"number": moved.number, "state": moved.get_state_display()}


class CheckDecisionView(StatusChangeView):
    """An officer's decision on one of the request's checks (the URL names the request and the check)."""

    model = Request
    form_class = CheckDecisionForm

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        check = get_object_or_404(restrict(RequestCheck.objects.filter(request=record), request.user, "change"),
                                  pk=kwargs["check"])  # fmt: skip
        form = self.form_class(request.POST)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": form.errors.as_text()})
            return HttpResponseRedirect(record.get_absolute_url())
        check.version = form.cleaned_data["version"]
        try:
            decided = services.decide_check(
                check, state=form.cleaned_data["new"], reason=form.cleaned_data["reason"], actor=request.user
            )
            messages.success(request, _("%(check)s: %(state)s.") % {
                "check": decided.get_code_display(), "state": decided.get_state_display()
            })  # fmt: skip
        except RuleError as error:
            messages.error(request, " ".join(error.messages))
        return HttpResponseRedirect(record.get_absolute_url())


class RequestDocumentView(OfficerRequiredMixin, SingleObjectMixin, View):
    """The letter in Chinese ("zh") or English ("en") as a PDF, or the bundle as sent ("bundle"), for whom may see
    the request; each download is in the access log."""

    model = Request

    def get_queryset(self):
        return restrict(super().get_queryset(), self.request.user, "view")

    def get(self, request, *args, document: str, **kwargs):
        record = self.get_object()
        if document == "bundle":
            content, content_type, name = documents.bundle(record), "application/zip", f"{record.number}.zip"
        elif document in documents.LANGUAGES:
            content, content_type = documents.letter_pdf(record, document), "application/pdf"
            name = f"{record.number}-{document}.pdf"
        else:
            raise Http404
        signals.file_read.send(Request, record=record, field=document)
        response = HttpResponse(content, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class LetterTemplateListView(ObjectListView):
    table_class = LetterTemplateTable
    filterset_class = LetterTemplateFilterSet
    queryset = LetterTemplate.objects.all()


class LetterTemplateView(ObjectDetailView):
    queryset = LetterTemplate.objects.all()


class LetterTemplateEditView(ObjectEditView):
    model = LetterTemplate
    form_class = LetterTemplateForm
