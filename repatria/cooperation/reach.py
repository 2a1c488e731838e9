"""A request's province follows its case and its office: when either moves (a case transferred, an office re-homed),
the province kept on its requests for the grants' filter (Request.province) moves with it, whatever way the move
came in (the transfer service, a page, the API, an import), as the case's own records follow the case."""

from django.db.models import OuterRef, Subquery
from django.db.models.signals import post_save

from repatria.accounts.models import Organisation
from repatria.cases.models import Case

from .models import Request


def follow_case(sender, instance: Case, **kwargs) -> None:
    Request._base_manager.filter(case=instance).exclude(province=instance.province_id).update(
        province=instance.province_id
    )


def follow_office(sender, instance: Organisation, **kwargs) -> None:
    Request._base_manager.filter(case__isnull=True, organisation=instance).exclude(
        province=instance.province_id
    ).update(province=instance.province_id)


def connect() -> None:
    post_save.connect(follow_case, sender=Case, dispatch_uid="cooperation.reach.case")
    post_save.connect(follow_office, sender=Organisation, dispatch_uid="cooperation.reach.office")


def fill_provinces(requests: type[Request], cases: type[Case], offices: type[Organisation]) -> None:
    """Every request's province written from its case or office in two statements, for rows saved without save()
    (a migration, a bulk load): the models are given, so that a migration passes its historical ones."""
    of_case = cases.objects.filter(pk=OuterRef("case")).values("province")
    of_office = offices.objects.filter(pk=OuterRef("organisation")).values("province")
    requests.objects.filter(case__isnull=False).update(province=Subquery(of_case))
    requests.objects.filter(case__isnull=True).update(province=Subquery(of_office))
