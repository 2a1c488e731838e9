"""The reference pages: lists, pages and forms of treaties, convention parties, dual criminality, networks and
foreign authorities, with their contact persons and the log of contacts; the treaty import."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from repatria.accounts.models import AgencyType, Organisation, OrganisationKind, Role, User
from repatria.accounts.tests.world import member_of, user_of
from repatria.cooperation.models import ContactLog, ConventionParty, OffenceEquivalent, Treaty


def admin() -> User:
    return User.objects.get(username="setup")


@pytest.mark.django_db
def test_the_treaty_list_filters_by_status_and_links_the_import(client, world):
    Treaty.objects.create(country_id="FR", kind="extradition", title_zh="中法引渡条约（测试）",
                          in_force_on=datetime.date(2015, 7, 17))  # fmt: skip
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    url = reverse("cooperation:treaty_list")
    in_force = client.get(url, {"status": "in_force"}).content.decode()
    assert "中法引渡条约（测试）" in in_force and "条约A" not in in_force
    signed = client.get(url, {"status": "signed", "country": "US"}).content.decode()
    assert "条约A" in signed and "中法引渡条约" not in signed
    assert reverse("cooperation:treaty_import") not in signed  # officers read treaties; they import none
    client.force_login(admin())
    assert reverse("cooperation:treaty_import") in client.get(url).content.decode()


@pytest.mark.django_db
def test_foreign_affairs_officers_maintain_treaties_and_no_other_reference(client, world):
    ministry = Organisation.objects.create(name_zh="外交部某司", kind=OrganisationKind.AGENCY,
                                           agency_type=AgencyType.FOREIGN_AFFAIRS)  # fmt: skip
    client.force_login(user_of(Role.AGENCY_OFFICER, ministry))
    data = {"country": "FR", "kind": "extradition", "title_zh": "中法引渡条约（测试）", "signed_on": "2007-03-20",
            "in_force_on": "2015-07-17"}  # fmt: skip
    response = client.post(reverse("cooperation:treaty_add"), data)
    assert response.status_code == 302
    assert Treaty.objects.get(title_zh="中法引渡条约（测试）").country_id == "FR"
    assert client.get(reverse("cooperation:network_add")).status_code == 403


@pytest.mark.django_db
def test_a_treaty_refuses_dates_out_of_order(client, world):
    client.force_login(admin())
    data = {"country": "FR", "kind": "mla", "title_zh": "倒序", "signed_on": "2010-01-01", "in_force_on": "2009-01-01"}
    response = client.post(reverse("cooperation:treaty_add"), data)
    assert response.status_code == 200 and "日期应依次为签署、批准、生效" in response.content.decode()


@pytest.mark.django_db
def test_a_page_opened_from_a_country_is_of_that_country(client, world):
    client.force_login(admin())
    for model in ("treaty", "conventionparty", "offenceequivalent"):
        form = client.get(reverse(f"cooperation:{model}_add"), {"country": "fr"}).context["form"]
        assert form.initial["country"].pk == "FR", model
        assert client.get(reverse(f"cooperation:{model}_add"), {"country": "x1"}).status_code == 404


@pytest.mark.django_db
def test_a_convention_party_is_added_with_its_source_only(client, world):
    client.force_login(admin())
    ConventionParty.objects.filter(country="US").delete()  # a state the partial list leaves out
    url = reverse("cooperation:conventionparty_add")
    data = {"country": "US", "convention": "UNCAC", "party_since": "2006-10-30"}
    response = client.post(url, data)
    assert response.status_code == 200 and not ConventionParty.objects.filter(country="US").exists()
    assert client.post(url, {**data, "source": "UN Treaty Collection XVIII-14"}).status_code == 302
    page = client.get(reverse("cooperation:country", args=["US"])).content.decode()
    assert "UN Treaty Collection XVIII-14" in page and "自2006-10-30起" in page
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_dual_criminality_is_kept_once_per_offence_and_country(client, world):
    client.force_login(admin())
    data = {"country": "US", "offence": "bribery", "foreign_offence": "Bribery of public officials",
            "law_reference": "18 U.S.C. § 201", "maximum_penalty_years": "15"}  # fmt: skip
    response = client.post(reverse("cooperation:offenceequivalent_add"), data)
    assert response.status_code == 200  # the world's equivalent of side A holds bribery in the United States
    data["offence"] = "fraud"
    assert client.post(reverse("cooperation:offenceequivalent_add"), data).status_code == 302
    page = client.get(reverse("cooperation:country", args=["US"])).content.decode()
    assert "18 U.S.C. § 201" in page
    assert OffenceEquivalent.objects.filter(country="US").count() == 3


@pytest.mark.django_db
def test_an_authority_page_shows_its_people_and_contacts_newest_first(client, world):
    authority = world["records"]["A"]["authority"]
    ContactLog.objects.create(authority=authority, happened_on=datetime.date(2020, 5, 1), summary="较新的联系")
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    client.force_login(officer)
    page = client.get(authority.get_absolute_url())
    assert [c.summary for c in page.context["contacts"]] == ["较新的联系", "联系A"]
    body = page.content.decode()
    assert "联络人A" in body and "网络A" in body
    assert "contactperson_add" not in body and reverse("cooperation:contactperson_add") not in body
    add_contact = f"{reverse('cooperation:contactlog_add')}?authority={authority.pk}"
    assert add_contact in body
    assert reverse("cooperation:contactlog_edit", args=[world["records"]["A"]["contactlog"].pk]) not in body
    b = world["records"]["B"]["authority"]  # the contact of case B, out of reach
    assert [c.summary for c in client.get(b.get_absolute_url()).context["contacts"]] == []
    client.force_login(admin())  # the central office corrects the log
    edit = reverse("cooperation:contactlog_edit", args=[world["records"]["A"]["contactlog"].pk])
    assert edit in client.get(authority.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_contact_is_logged_by_whoever_records_it_on_a_case_in_reach(client, world):
    authority, case = world["records"]["A"]["authority"], world["records"]["A"]["case"]
    officer = member_of(world, Role.PROVINCIAL_OFFICER)
    client.force_login(officer)
    form = client.get(reverse("cooperation:contactlog_add"), {"authority": authority.pk}).context["form"]
    assert list(form.fields["person"].queryset) == [world["records"]["A"]["contactperson"]]
    data = {"authority": authority.pk, "person": world["records"]["A"]["contactperson"].pk,
            "happened_on": "2021-04-02", "summary": "电话确认收到补充材料", "case": case.pk}  # fmt: skip
    response = client.post(reverse("cooperation:contactlog_add"), data)
    assert response.status_code == 302 and response.url == authority.get_absolute_url()
    contact = ContactLog.objects.get(summary="电话确认收到补充材料")
    assert contact.by == officer and contact.case == case
    other = {**data, "summary": "另一省的案件", "case": world["records"]["B"]["case"].pk}
    assert client.post(reverse("cooperation:contactlog_add"), other).status_code == 200
    assert not ContactLog.objects.filter(summary="另一省的案件").exists()
    assert client.get(reverse("cooperation:contactlog_edit", args=[contact.pk])).status_code == 404


@pytest.mark.django_db
def test_a_contact_person_is_added_from_the_authority_page_and_refuses_a_wrong_time_zone(client, world):
    authority = world["records"]["A"]["authority"]
    client.force_login(admin())
    url = reverse("cooperation:contactperson_add")
    data = {"authority": authority.pk, "name": "Officer Synthetic", "channel": "email", "time_zone": "Toronto"}
    response = client.post(url, data)
    assert response.status_code == 200 and "America/Toronto" in response.content.decode()
    response = client.post(url, {**data, "time_zone": "America/Toronto"})
    assert response.status_code == 302 and response.url == authority.get_absolute_url()
    assert "Officer Synthetic" in client.get(authority.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_a_network_lists_its_member_authorities(client, world):
    client.force_login(member_of(world, Role.AGENCY_OFFICER))
    network = world["records"]["A"]["network"]
    assert "外国机关A" in client.get(network.get_absolute_url()).content.decode()
    listing = client.get(reverse("cooperation:authority_list"), {"networks": network.pk}).content.decode()
    assert "Authority A" in listing and "Authority B" not in listing


@pytest.mark.django_db
def test_the_pages_read_in_english_too(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    client.cookies["django_language"] = "en"
    ConventionParty.objects.filter(country="US").delete()  # a state the partial list leaves out
    page = client.get(reverse("cooperation:country", args=["US"])).content.decode()
    assert "Treaties with China" in page and "Not in the reference data (partial list)" in page
    assert "Foreign authorities" in client.get(reverse("cooperation:authority_list")).content.decode()


# The treaty import ---------------------------------------------------------------------------------------------

ROWS_ZH = (
    "国家,类型,中文名称,英文名称,签署日期,生效日期,演示数据\n"
    "法国,引渡条约,中法引渡条约（导入）,,2007-03-20,2015-07-17,否\n"
)
ROWS_EN = "country,kind,title_zh,title_en,signed_on\nCanada,mla,中加刑事司法协助条约（导入）,Canada MLA,1994-07-29\n"


def upload(client, text: str, action: str, name: str = "t.csv", content: bytes | None = None):
    file = SimpleUploadedFile(name, content if content is not None else text.encode())
    return client.post(reverse("cooperation:treaty_import"), {"file": file, "action": action})


@pytest.mark.django_db
@pytest.mark.parametrize(("rows", "country"), [(ROWS_ZH, "FR"), (ROWS_EN, "CA")])
def test_treaties_import_after_a_dry_run_with_chinese_or_english_headers(client, world, rows, country):
    client.force_login(admin())
    assert upload(client, rows, "dry_run").status_code == 200
    assert not Treaty.objects.filter(country=country).exists()
    assert upload(client, rows, "import").status_code == 302
    treaty = Treaty.objects.get(country=country)
    assert "（导入）" in treaty.title_zh and not treaty.is_demo


@pytest.mark.django_db
def test_a_treaty_import_from_xlsx_refuses_an_unknown_country_and_writes_nothing(client, world):
    book = Workbook()
    book.active.append(["国家", "类型", "中文名称"])
    book.active.append(["法国", "引渡", "甲条约"])
    book.active.append(["无此国", "引渡", "乙条约"])
    buffer = io.BytesIO()
    book.save(buffer)
    client.force_login(admin())
    response = upload(client, "", "import", "t.xlsx", buffer.getvalue())
    assert response.status_code == 200 and "无此国" in response.content.decode()
    assert not Treaty.objects.filter(title_zh__in=["甲条约", "乙条约"]).exists()


@pytest.mark.django_db
def test_officers_import_no_treaties(client, world):
    client.force_login(member_of(world, Role.PROVINCIAL_OFFICER))
    assert client.get(reverse("cooperation:treaty_import")).status_code == 403
