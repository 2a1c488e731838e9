"""A request's checks are read again where what they read changes, never when someone looks at the request.

The request's own fields, persons and assets change through services.open_request and change_request, which read
its checks. What else the checks read (checks.Records) changes in other apps and through generic pages, so it is
followed here, on the models' signals (every way in: pages, API, commands): the files of the request or of its
case, its persons with their identity documents and nationalities, its case's offences, the requested state's
profile and its equivalents of our offences. Only the requests whose checks are still read (services.CHECKED) are
read again; a deletion that is part of a larger one (a request deleted with its files) reads nothing.
"""

from django.db.models import Model, Q, QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from repatria.attachments.models import Attachment
from repatria.cases.models import Case
from repatria.registry.models import IdentityDocument, Person

from . import services
from .models import CountryProfile, OffenceEquivalent, Request


def resync(requests: Q) -> None:
    """Read again the checks of the open requests that `requests` selects."""
    open_requests = Request.objects.filter(requests, state__in=services.CHECKED).distinct()
    for request in open_requests.select_related("case"):
        services.sync_checks(request)


def _direct(instance: Model, origin: Model | QuerySet | None) -> bool:
    """Whether a deletion is of the record itself (not a cascade from another's)."""
    return origin is None or origin is instance or (isinstance(origin, QuerySet) and origin.model is type(instance))


def attachment_changed(sender, instance: Attachment, origin=None, **kwargs) -> None:
    if not _direct(instance, origin) or not (instance.request_id or instance.case_id):
        return
    resync(Q(pk=instance.request_id) if instance.request_id else Q(case=instance.case_id))


def person_changed(sender, instance: Person, **kwargs) -> None:
    resync(Q(persons=instance.pk))


def document_changed(sender, instance: IdentityDocument, origin=None, **kwargs) -> None:
    if _direct(instance, origin):
        resync(Q(persons=instance.person_id))


def _owners(instance: Model, reverse: bool, pk_set: set | None) -> set:
    """The ids of the records whose many-to-many field changed: the instance's, or, changed from the other side
    (a country's nationals, an offence's cases), those added or removed."""
    return set(pk_set or ()) if reverse else {instance.pk}


def nationalities_changed(sender, instance: Model, action: str, reverse: bool, pk_set: set | None, **kwargs) -> None:
    if action.startswith("post_"):
        resync(Q(persons__in=_owners(instance, reverse, pk_set)))


def offences_changed(sender, instance: Model, action: str, reverse: bool, pk_set: set | None, **kwargs) -> None:
    if action.startswith("post_"):
        resync(Q(case__in=_owners(instance, reverse, pk_set)))


def country_changed(sender, instance: CountryProfile | OffenceEquivalent, origin=None, **kwargs) -> None:
    if _direct(instance, origin):
        resync(Q(country=instance.country_id))


def connect() -> None:
    """Follow the records the checks read (called once, from the app's ready())."""
    for model, receiver in ((Attachment, attachment_changed), (IdentityDocument, document_changed),
                            (CountryProfile, country_changed), (OffenceEquivalent, country_changed)):  # fmt: skip
        post_save.connect(receiver, sender=model, dispatch_uid=f"cooperation.resync.{model.__name__}.save")
        post_delete.connect(receiver, sender=model, dispatch_uid=f"cooperation.resync.{model.__name__}.delete")
    post_save.connect(person_changed, sender=Person, dispatch_uid="cooperation.resync.Person.save")
    m2m_changed.connect(nationalities_changed, sender=Person.nationalities.through,
                        dispatch_uid="cooperation.resync.Person.nationalities")  # fmt: skip
    m2m_changed.connect(offences_changed, sender=Case.offences.through, dispatch_uid="cooperation.resync.Case.offences")
