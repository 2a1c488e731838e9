"""The person form: names first, a new person's first name row primary and the others alias; nationalities in a
searchable picker ordered by name in the user's language."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from repatria.geo.forms import CountryMultipleChoiceField
from repatria.geo.models import Country


def _selected_kinds(page: str) -> list[str]:
    selects = re.findall(r'<select name="names-\d-kind".*?</select>', page, re.S)
    return [re.search(r'<option value="(\w+)" selected>', select).group(1) for select in selects]


@pytest.mark.django_db
def test_a_new_persons_names_come_first_the_first_primary_the_others_alias(officer_client):
    page = officer_client.get(reverse("registry:person_add")).content.decode()
    assert page.index('name="names-0-name"') < page.index('name="sex"')
    assert _selected_kinds(page) == ["primary", "alias", "alias", "alias"]


@pytest.mark.django_db
def test_a_known_persons_new_name_rows_are_aliases(officer_client, person):
    page = officer_client.get(reverse("registry:person_edit", args=[person.pk])).content.decode()
    kinds = _selected_kinds(page)
    assert kinds[:3] == ["primary", "alias", "romanisation"] and set(kinds[3:]) == {"alias"}


@pytest.mark.django_db
def test_countries_are_ordered_by_name_in_the_users_language_and_searchable():
    field = CountryMultipleChoiceField(Country.objects.all())
    with translation.override("zh-hans"):
        labels = [label for _value, label in field.choices]
        assert labels.index("阿富汗 (AF)") < labels.index("津巴布韦 (ZW)") < labels.index("中国 (CN)")  # by pinyin
    with translation.override("en"):
        labels = [label for _value, label in field.choices]
        assert labels.index("Afghanistan (AF)") < labels.index("China (CN)") < labels.index("Zimbabwe (ZW)")
        html = field.widget.render("nationalities", ["NZ"])
    assert "data-searchable" in html
    assert '<option value="NZ" selected data-search="新西兰 new zealand nz nzl">New Zealand (NZ)<' in html
