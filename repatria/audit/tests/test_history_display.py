"""The history page reads as the user reads the record: field labels, choice labels, yes/no, related records by
name when the viewer may see them (by id otherwise), and "创建" for a creation."""

import pytest
from django.urls import reverse

from repatria.accounts.models import Organisation, OrganisationKind
from repatria.audit.display import history
from repatria.audit.models import AuditEntry
from repatria.cases.models import CasePerson
from repatria.geo.models import Province
from repatria.registry.models import Person


@pytest.mark.django_db
def test_the_history_page_shows_labels_and_values_not_columns(officer_client, person):
    person.is_functionary = True
    person.save()
    page = officer_client.get(reverse("audit:history", args=["registry", "person", person.pk])).content.decode()
    assert "党员和国家工作人员" in page
    assert "is_functionary" not in page and "True" not in page
    assert "<td>是</td>" in page and "<td>否</td>" in page
    assert "创建" in page and "创建时间</td>" not in page


def changes(entry, model, user):
    return history([entry], model, user)[0]["changes"]


@pytest.mark.django_db
def test_choices_and_related_records_are_named_for_whoever_may_see_them(officer, case, person, django_user_model):
    entry = AuditEntry(kind="update", before={"role": "witness"}, after={"role": "principal", "person_id": person.pk})
    rows = changes(entry, CasePerson, officer)
    assert [row["label"] for row in rows] == ["角色", "人员"]
    assert rows[0]["before"] == "证人" and rows[0]["after"] == "主要犯罪嫌疑人"
    assert rows[1]["after"] == str(person) and rows[1]["before"] == ""

    zhejiang = Organisation.objects.create(
        name_zh="浙江省追逃办", kind=OrganisationKind.PROVINCIAL_OFFICE, province=Province.objects.get(code="330000")
    )
    outsider = django_user_model.objects.create_user("zj", role="provincial_officer", organisation=zhejiang)
    assert changes(entry, CasePerson, outsider)[1]["after"] == f"#{person.pk}"  # need-to-know: the id alone


@pytest.mark.django_db
def test_empty_values_and_many_to_many_read_plainly(officer, person):
    entry = AuditEntry(kind="update", before={"nationalities": [], "birthplace": ""}, after={"nationalities": ["CN"]})
    rows = {row["label"]: row for row in changes(entry, Person, officer)}
    assert rows["国籍"]["before"] == "（空）" and "中国" in rows["国籍"]["after"]
    assert rows["出生地"]["before"] == "（空）"


@pytest.mark.django_db
def test_the_related_records_of_a_page_are_read_once_per_type(
    officer_client, case, organisation, django_assert_max_num_queries
):
    other = Organisation.objects.create(name_zh="广州市追逃办", kind=organisation.kind, province=organisation.province)
    for n in range(30):
        case.lead_organisation = other if n % 2 == 0 else organisation
        case.save()
    with django_assert_max_num_queries(15):  # the page's own (13 now), whatever the number of changes
        officer_client.get(reverse("audit:history", args=["cases", "case", case.pk]))
