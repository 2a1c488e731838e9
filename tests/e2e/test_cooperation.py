"""Issue 8's walk: an officer opens the profile of a state with no extradition treaty that is a UNCAC party, drafts
an extradition request for a fugitive located there, sees UNCAC suggested and what is missing, is refused sending
until it is complete, has it approved by a second officer, downloads the bilingual letters and the bundle, records
the answer, and finds it on the case's timeline, the dashboard and the statistics."""

import zipfile

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PDF = b"%PDF-1.4\n%synthetic\n%%EOF\n"


@pytest.fixture
def officers(django_user_model):
    from repatria.accounts.models import Role
    from repatria.accounts.tests.world import build_world
    from repatria.cooperation.models import CountryProfile, OffenceEquivalent
    from repatria.geo.models import Country
    from repatria.registry.models import Person
    from repatria.registry.services import record_whereabouts

    world = build_world()
    case, person = world["records"]["A"]["case"], world["records"]["A"]["person"]
    Person.objects.filter(pk=person.pk).update(birth_date="1961-03-12")
    case.offences.add("embezzlement")
    OffenceEquivalent.objects.create(country_id="AR", offence_id="embezzlement", foreign_offence="Peculado",
                                     law_reference="Código Penal, art. 261", maximum_penalty_years=10)  # fmt: skip
    CountryProfile.objects.create(country_id="AR", translation_required=False, extradites_nationals="no")
    record_whereabouts(person=person, country=Country.objects.get(pk="AR"), date_from="2024", actor=None)
    make = django_user_model.objects.create_user
    office = world["offices"]["A"]
    drafter = make("drafter", password="correct horse 9", role=Role.PROVINCIAL_OFFICER, organisation=office)
    chief = make("chief", password="correct horse 9", role=Role.PROVINCIAL_OFFICER, organisation=office)
    return case, drafter, chief


def move(page, state: str, **fields) -> None:
    form = page.locator("#move")
    form.locator("#id_new").select_option(state)
    for name, value in fields.items():
        form.locator(f"#id_{name}").fill(value)
    form.get_by_role("button", name="记录办理步骤").click()


def decide(page, check: str, state: str, reason: str = "") -> None:
    row = page.locator("#checks tr", has_text=check)
    row.locator("select").select_option(state)
    row.locator("input[name=reason]").fill(reason)
    row.get_by_role("button", name="决定").click()
    page.locator(".alert-success").wait_for()


def test_an_extradition_request_from_profile_to_answer(page, second_page, sign_in, officers, csp_violations):
    case, drafter, chief = officers
    page.goto("/login/")
    sign_in(drafter, "correct horse 9")

    page.goto("/cooperation/countries/AR/")
    profile = page.locator("main").inner_text()
    assert "联合国反腐败公约" in profile and "阿根廷" in profile

    page.goto(case.get_absolute_url())
    page.get_by_role("link", name="起草合作请求").click()
    page.select_option("#id_kind", "extradition")
    page.select_option("#id_country", "AR")
    page.get_by_label("甲某某").check()
    page.select_option("#id_channel", "diplomatic")
    page.get_by_role("button", name="保存").click()

    basis = page.locator("#basis")
    basis.wait_for()
    assert "联合国反腐败公约" in basis.inner_text()
    missing = page.locator("#missing").inner_text()
    assert "事实陈述（尚未决定）" in missing and "法律条文" in missing
    number = page.locator("h1").inner_text().split(" ")[0]
    move(page, "review")
    page.locator(".alert-success").wait_for()

    second_page.goto("/login/")
    sign_in(chief, "correct horse 9", on=second_page)
    second_page.goto(page.url)
    move(second_page, "approved")
    second_page.locator(".alert-success").wait_for()
    move(second_page, "sent")
    refusal = second_page.locator(".alert-danger").inner_text()
    assert "以下各项未完成，请求不能继续" in refusal and "事实陈述" in refusal

    page.reload()
    page.get_by_role("link", name="编辑").click()
    page.fill("#id_facts", "2015年，甲某某利用职务便利贪污公款后出逃。")
    page.fill("#id_laws", "《中华人民共和国刑法》第三百八十二条、第三百八十三条")
    page.get_by_role("button", name="保存").click()
    page.locator("#checks").wait_for()
    page.locator(".attachments").get_by_role("link", name="附加文件").click()
    page.select_option("#id_kind", "assurance")
    page.set_input_files("#id_file", {"name": "保证书.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="保存").click()
    page.locator("#checks").wait_for()
    decide(page, "未过时效", "passed")
    decide(page, "已审查政治、军事、宗教或种族性质", "passed")
    decide(page, "已说明缺席判决情况", "waived", "非缺席判决案件")
    assert page.locator("#missing").count() == 0

    second_page.reload()
    move(second_page, "sent")
    second_page.locator(".alert-success").wait_for()
    with second_page.expect_download() as letter:
        second_page.get_by_role("link", name="请求函（中文）").click()
    assert letter.value.suggested_filename == f"{number}-zh.pdf"
    with second_page.expect_download() as letter:
        second_page.get_by_role("link", name="请求函（英文）").click()
    assert letter.value.suggested_filename == f"{number}-en.pdf"
    with second_page.expect_download() as bundle:
        second_page.get_by_role("link", name="材料包").click()
    names = zipfile.ZipFile(bundle.value.path()).namelist()
    assert "index.txt" in names and "attachments/01-保证书.pdf" in names

    move(second_page, "executed", answer="阿根廷法院裁定准予引渡。", happened_on=timezone.localdate().isoformat())
    second_page.locator(".alert-success").wait_for()

    page.goto(case.get_absolute_url())
    assert f"请求{number}（引渡，阿根廷）：已执行" in page.locator(".timeline").inner_text()
    page.goto("/")
    assert f"请求{number}" in page.locator("main").inner_text()
    page.goto(f"/stats/?period={timezone.localdate().year}")
    cooperation = page.locator(".stats-cooperation").inner_text()
    assert "国际合作" in cooperation and "引渡" in cooperation and "阿根廷" in cooperation
    assert not csp_violations
